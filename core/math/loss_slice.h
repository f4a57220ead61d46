#pragma once
// A loss slice: J over the whole training set as one weight (or two) varies and every
// other weight stays as it is. Each point is metrics.h evaluate() of the network with
// the weight set: the exact mean J over every record, the same number the what-if and
// the training set's loss show, never an estimate from a sample.
#include "math/dataset.h"
#include "math/network.h"
#include "math/what_if.h"

#include <atomic>
#include <functional>
#include <vector>

namespace bp {

// n values from center − radius to center + radius, evenly spaced; for odd n the
// middle one is `center` itself (center + radius·0), so the slice passes through the
// current weight exactly. n ≥ 2.
std::vector<double> sliceValues(double center, double radius, int n);

// The default half-width of a slice around the weight w: max(1, 2|w|).
double defaultSliceRadius(double w);

// J(w) for w in `values`, with the weight `weight` of `net` (a weight or bias, layer ≥ 1).
struct LossSlice {
    WhatIfTarget weight;
    std::vector<double> values; // the weight's values, as T holds them (widened to double)
    std::vector<double> loss;   // loss[p]: mean J over the training set at values[p]
    bool cancelled = false;     // stopped early: loss holds the points done so far
};

// J over a grid: loss(p, q) at the first weight = values[p], the second = values2[q].
struct LossGrid {
    WhatIfTarget weight, weight2;
    std::vector<double> values, values2;
    std::vector<double> loss; // row-major: loss[p · values2.size() + q]
    bool cancelled = false;   // stopped early: the grid is incomplete

    double at(std::size_t p, std::size_t q) const { return loss[p * values2.size() + q]; }
};

// What the computation sees between points: a cancel flag (may be null) and how far it
// got (0..1, may be empty).
struct SliceControl {
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(double)> progress;

    bool cancelled() const { return cancel && cancel->load(); }
};

template <typename T>
LossSlice lossSlice(const NetworkT<T>& net, const Dataset& train, const WhatIfTarget& weight,
                    const std::vector<double>& values, const SliceControl& control = {});

template <typename T>
LossGrid lossGrid(const NetworkT<T>& net, const Dataset& train, const WhatIfTarget& weight,
                  const std::vector<double>& values, const WhatIfTarget& weight2,
                  const std::vector<double>& values2, const SliceControl& control = {});

} // namespace bp
