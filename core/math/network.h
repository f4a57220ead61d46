#pragma once
#include "math/activation.h"
#include "math/loss.h"
#include "math/types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bp {

// Layer k of the network (k = 1..L). Row i of w is node i; column 0 is its bias
// w_{i,0}(k); column j ≥ 1 is w_{i,j}(k), the weight from node j of layer k−1.
template <typename T> struct LayerT {
    Activation activation = Activation::Sigmoid;
    MatrixT<T> w;

    Eigen::Index size() const { return w.rows(); }
    Eigen::Index inputs() const { return w.cols() - 1; }
};

enum class Init { Uniform, Xavier, He };
std::string toString(Init i);
std::optional<Init> initFromString(const std::string& name);

// An input layer of inputSize nodes and layers 1..L after it; layers[k-1] is layer k.
template <typename T> struct NetworkT {
    Eigen::Index inputSize = 0;
    std::vector<LayerT<T>> layers;
    Loss loss = Loss::Mse;

    int depth() const { return static_cast<int>(layers.size()); } // L
    Eigen::Index outputSize() const { return layers.empty() ? inputSize : layers.back().size(); }
    LayerT<T>& layer(int k) { return layers[static_cast<std::size_t>(k - 1)]; }
    const LayerT<T>& layer(int k) const { return layers[static_cast<std::size_t>(k - 1)]; }
    Eigen::Index weightCount() const {
        Eigen::Index n = 0;
        for (const LayerT<T>& l : layers)
            n += l.w.size();
        return n;
    }

    bool operator==(const NetworkT& o) const {
        if (inputSize != o.inputSize || loss != o.loss || layers.size() != o.layers.size())
            return false;
        for (std::size_t k = 0; k < layers.size(); ++k) {
            const LayerT<T>& a = layers[k];
            const LayerT<T>& b = o.layers[k];
            if (a.activation != b.activation || a.w.rows() != b.w.rows() ||
                a.w.cols() != b.w.cols() || a.w != b.w)
                return false;
        }
        return true;
    }
    bool operator!=(const NetworkT& o) const { return !(*this == o); }
};

using Layer = LayerT<Scalar>;
using Network = NetworkT<Scalar>;

// The same network with its weights rounded (or widened) to another scalar type.
template <typename To, typename From> NetworkT<To> castNetwork(const NetworkT<From>& net) {
    NetworkT<To> out;
    out.inputSize = net.inputSize;
    out.loss = net.loss;
    for (const LayerT<From>& l : net.layers)
        out.layers.push_back(LayerT<To>{l.activation, l.w.template cast<To>()});
    return out;
}

// The shape and settings of a network to build: sizes[0] is the input layer.
struct Architecture {
    std::vector<Eigen::Index> sizes;
    Activation hidden = Activation::Sigmoid;
    Activation output = Activation::Sigmoid;
    Loss loss = Loss::Mse;
    Init init = Init::Xavier;
    double uniformRange = 0.5; // r for Init::Uniform: weights in [−r, r)
    // Optional: one activation per layer 1..L, overriding hidden/output.
    std::vector<Activation> perLayer;

    Activation activationOf(int k) const; // activation of layer k (1..L)
};

// The architecture a network has: its sizes, each layer's activation (perLayer), its
// loss; `init` is left at its default (a network does not remember it).
Architecture architectureOf(const Network& net);

// Checks an architecture and throws InputError saying what is wrong (too few
// layers, a zero size, softmax in a hidden layer, a loss that cannot follow the output).
void validate(const Architecture& a);

// A network of that shape with weights drawn from a Random seeded with `seed`:
// uniform(−r, r); Xavier/Glorot uniform, r = √(6 / (fan_in + fan_out)); He uniform,
// r = √(6 / fan_in). Biases start at 0 (uniform init draws them too). Layer by layer,
// row by row, column by column, so the same seed gives the same weights everywhere.
Network makeNetwork(const Architecture& a, std::uint64_t seed);

// Re-draws the weights of an existing network as makeNetwork would.
void initialize(Network& net, Init init, std::uint64_t seed, double uniformRange = 0.5);

} // namespace bp
