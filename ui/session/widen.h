#pragma once
// A session's values as the GUI gets them: in double. Every float is a double, so
// widening is exact: the screen shows the float value itself, not a rounding of
// it. Copies into the destination's buffers (no allocation when the shapes are the
// same, as in a recycled snapshot). For T = double these are plain copies.
#include "math/backprop.h"
#include "math/network.h"

#include <type_traits>

namespace bp {

template <typename T> void widenInto(const NetworkT<T>& from, Network& to) {
    if constexpr (std::is_same_v<T, Scalar>) {
        to = from;
    } else {
        to.inputSize = from.inputSize;
        to.loss = from.loss;
        to.layers.resize(from.layers.size());
        for (std::size_t k = 0; k < from.layers.size(); ++k) {
            to.layers[k].activation = from.layers[k].activation;
            to.layers[k].w = from.layers[k].w.template cast<Scalar>();
        }
    }
}

template <typename T> void widenInto(const RecordValuesT<T>& from, RecordValues& to) {
    if constexpr (std::is_same_v<T, Scalar>) {
        to = from;
    } else {
        to.input = from.input.template cast<Scalar>();
        to.target = from.target.template cast<Scalar>();
        to.loss = static_cast<Scalar>(from.loss);
        to.layers.resize(from.layers.size());
        for (std::size_t k = 0; k < from.layers.size(); ++k) {
            const LayerValuesT<T>& a = from.layers[k];
            LayerValues& b = to.layers[k];
            b.z = a.z.template cast<Scalar>();
            b.x = a.x.template cast<Scalar>();
            b.delta = a.delta.template cast<Scalar>();
            b.dJdz = a.dJdz.template cast<Scalar>();
            b.dJdw = a.dJdw.template cast<Scalar>();
        }
    }
}

template <typename T> Network widened(const NetworkT<T>& net) {
    Network out;
    widenInto(net, out);
    return out;
}

} // namespace bp
