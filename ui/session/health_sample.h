#pragma once
// What the session sends the views about the layers' health (docs/session.md, Health
// samples): one window's figures (core/math/layer_health.h), where on the timeline the
// window was, and a batch of them as one delivery carries it.
#include "math/layer_health.h"

#include <memory>
#include <QMetaType>
#include <QtGlobal>
#include <vector>

namespace bp {

struct HealthSample {
    long first = 0;  // recordsTrained after the window's first record (1 for the first record)
    long last = 0;   // … and after its last: the figures are taken there
    int epoch = 0;   // the epoch of its last record, 1-based
    qint64 time = 0; // the history time (phases since setup) after its last record
    std::vector<LayerHealth> layers; // layers 1..L: layers[k − 1] is layer k
};

// Samples in the order their windows closed. When the GUI fell behind, the outbox kept
// every other one of the oldest pending (`thinned` says how many were left out).
struct HealthSamples {
    std::vector<HealthSample> samples;
    long thinned = 0;
};

} // namespace bp

Q_DECLARE_METATYPE(std::shared_ptr<const bp::HealthSamples>)
