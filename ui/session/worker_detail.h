#pragma once
// Small pieces shared by the session trainer's source files (not part of the API).
#include "math/network.h"

#include <chrono>
#include <QString>
#include <vector>

namespace bp::detail {

constexpr std::chrono::microseconds kFrame{25000};      // ~40 snapshots a second at most
constexpr std::chrono::milliseconds kSlowestFrame{100}; // and at least 10 while running
constexpr std::chrono::milliseconds kPointsEvery{50};
constexpr std::chrono::milliseconds kStaleUpdateAfter{50};

// The weights of every layer into `out`; same shapes: Eigen copies into the old buffers.
template <typename T> void copyWeights(const NetworkT<T>& net, std::vector<MatrixT<T>>& out) {
    out.resize(net.layers.size());
    for (std::size_t k = 0; k < net.layers.size(); ++k)
        out[k] = net.layers[k].w;
}

inline QString number(double v) {
    return QString::number(v, 'g', 6);
}

} // namespace bp::detail
