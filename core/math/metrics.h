#pragma once
#include "math/dataset.h"
#include "math/network.h"

#include <vector>

namespace bp {

// The class a network output (or a target) stands for: the largest output, or for
// a single output, 1 if it is ≥ 0.5 and 0 otherwise.
template <typename Derived> int classOf(const Eigen::MatrixBase<Derived>& outputs) {
    if (outputs.size() == 1)
        return outputs(0) >= typename Derived::Scalar(0.5) ? 1 : 0;
    Eigen::Index best = 0;
    outputs.maxCoeff(&best);
    return static_cast<int>(best);
}

struct Metrics {
    double loss = 0;      // mean J over the records
    double accuracy = -1; // share of records classified right; −1 if not classification
    std::vector<std::vector<long>>
        confusion; // [true class][predicted class]; empty if not classification
    long records = 0;
};

// Loss (and for classification accuracy and confusion matrix) of `net` on `data`.
template <typename T> Metrics evaluate(const NetworkT<T>& net, const Dataset& data);

} // namespace bp
