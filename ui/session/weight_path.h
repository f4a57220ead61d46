#pragma once
// The path two weights took over the history (the What-if dock's heatmap): their values
// at record starts from the earliest the history holds to the worker's time, replayed
// exactly from the history's checkpoints (TrainingSession::requestWeightPath).
#include "math/what_if.h"

#include <memory>
#include <QMetaType>
#include <QtGlobal>
#include <vector>

namespace bp {

struct WeightPath {
    WhatIfTarget first, second; // two weights w_{i,j}(k) (layer ≥ 1)
    std::vector<qint64> times;  // history times (phases since setup), oldest first
    std::vector<long> records;  // recordsTrained at each time
    std::vector<double> a, b;   // the two weights there, widened (a float run's exactly)
};

} // namespace bp

Q_DECLARE_METATYPE(std::shared_ptr<const bp::WeightPath>)
