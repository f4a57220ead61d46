#pragma once
#include "activation.h"
#include "loss.h"
#include "types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bp {

// Layer k of the network (k = 1..L). Row i of w is node i; column 0 is its bias
// w_{i,0}(k); column j ≥ 1 is w_{i,j}(k), the weight from node j of layer k−1.
struct Layer {
    Activation activation = Activation::Sigmoid;
    Matrix w;

    Eigen::Index size() const { return w.rows(); }
    Eigen::Index inputs() const { return w.cols() - 1; }
};

enum class Init { Uniform, Xavier, He };
std::string toString(Init i);
std::optional<Init> initFromString(const std::string& name);

// An input layer of inputSize nodes and layers 1..L after it; layers[k-1] is layer k.
struct Network {
    Eigen::Index inputSize = 0;
    std::vector<Layer> layers;
    Loss loss = Loss::Mse;

    int depth() const { return static_cast<int>(layers.size()); } // L
    Eigen::Index outputSize() const { return layers.empty() ? inputSize : layers.back().size(); }
    Layer& layer(int k) { return layers[static_cast<std::size_t>(k - 1)]; }
    const Layer& layer(int k) const { return layers[static_cast<std::size_t>(k - 1)]; }
    Eigen::Index weightCount() const;

    bool operator==(const Network& o) const;
    bool operator!=(const Network& o) const { return !(*this == o); }
};

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
