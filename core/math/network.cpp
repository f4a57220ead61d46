#include "math/network.h"

#include "math/error.h"
#include "math/random.h"

#include <cmath>

namespace bp {

std::string toString(Init i) {
    switch (i) {
    case Init::Uniform:
        return "uniform";
    case Init::Xavier:
        return "xavier";
    case Init::He:
        return "he";
    }
    return "?";
}

std::optional<Init> initFromString(const std::string& name) {
    if (name == "uniform")
        return Init::Uniform;
    if (name == "xavier" || name == "glorot")
        return Init::Xavier;
    if (name == "he")
        return Init::He;
    return std::nullopt;
}

Activation Architecture::activationOf(int k) const {
    if (!perLayer.empty())
        return perLayer[static_cast<std::size_t>(k - 1)];
    return k + 1 == static_cast<int>(sizes.size()) ? output : hidden;
}

void validate(const Architecture& a) {
    if (a.sizes.size() < 2)
        throw InputError("a network needs an input layer and at least one more layer, got " +
                         std::to_string(a.sizes.size()) + " layer size(s)");
    for (std::size_t k = 0; k < a.sizes.size(); ++k)
        if (a.sizes[k] < 1)
            throw InputError("layer " + std::to_string(k) + " has " + std::to_string(a.sizes[k]) +
                             " nodes; expected at least 1");
    const int depth = static_cast<int>(a.sizes.size()) - 1;
    if (!a.perLayer.empty() && static_cast<int>(a.perLayer.size()) != depth)
        throw InputError("expected " + std::to_string(depth) + " layer activations, got " +
                         std::to_string(a.perLayer.size()));
    for (int k = 1; k < depth; ++k)
        if (a.activationOf(k) == Activation::Softmax)
            throw InputError("softmax is for the output layer only (layer " + std::to_string(k) +
                             " is hidden); choose another hidden activation");
    if (!lossFitsOutput(a.loss, a.activationOf(depth)))
        throw InputError("cross_entropy needs sigmoid or softmax outputs, not " +
                         toString(a.activationOf(depth)));
}

void initialize(Network& net, Init init, std::uint64_t seed, double uniformRange) {
    Random rng(seed);
    for (std::size_t k = 0; k < net.layers.size(); ++k) {
        Matrix& w = net.layers[k].w;
        const double fanIn = static_cast<double>(w.cols() - 1);
        const double fanOut = static_cast<double>(w.rows());
        double r = uniformRange;
        if (init == Init::Xavier)
            r = std::sqrt(6.0 / (fanIn + fanOut));
        else if (init == Init::He)
            r = std::sqrt(6.0 / fanIn);
        for (Eigen::Index i = 0; i < w.rows(); ++i)
            for (Eigen::Index j = 0; j < w.cols(); ++j) {
                const bool bias = j == 0;
                w(i, j) = (bias && init != Init::Uniform) ? Scalar(0)
                                                          : static_cast<Scalar>(rng.uniform(-r, r));
            }
    }
}

Network makeNetwork(const Architecture& a, std::uint64_t seed) {
    validate(a);
    Network net;
    net.inputSize = a.sizes.front();
    net.loss = a.loss;
    for (std::size_t k = 1; k < a.sizes.size(); ++k) {
        Layer l;
        l.activation = a.activationOf(static_cast<int>(k));
        l.w = Matrix::Zero(a.sizes[k], a.sizes[k - 1] + 1);
        net.layers.push_back(std::move(l));
    }
    initialize(net, a.init, seed, a.uniformRange);
    return net;
}

Architecture architectureOf(const Network& net) {
    Architecture a;
    a.sizes.push_back(net.inputSize);
    for (const Layer& l : net.layers) {
        a.sizes.push_back(l.size());
        a.perLayer.push_back(l.activation);
    }
    if (!net.layers.empty()) {
        a.hidden = net.layers.front().activation;
        a.output = net.layers.back().activation;
    }
    a.loss = net.loss;
    return a;
}

} // namespace bp
