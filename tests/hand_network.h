#pragma once
// The classic 2-2-2 sigmoid example the tests work by hand: inputs 0.05, 0.10,
// targets 0.01, 0.99, hidden weights 0.15, 0.20, 0.25, 0.30 (bias 0.35), output
// weights 0.40, 0.45, 0.50, 0.55 (bias 0.60). Qt-free: core tests use it too.
#include "math/dataset.h"
#include "math/network.h"

#include <memory>

namespace bp::test {

inline Network handNetwork(Loss loss = Loss::Mse) {
    Network net;
    net.inputSize = 2;
    net.loss = loss;
    Layer hidden;
    hidden.activation = Activation::Sigmoid;
    hidden.w.resize(2, 3);
    hidden.w << 0.35, 0.15, 0.20, //  w_{1,0}(1), w_{1,1}(1), w_{1,2}(1)
        0.35, 0.25, 0.30;
    Layer out;
    out.activation = Activation::Sigmoid;
    out.w.resize(2, 3);
    out.w << 0.60, 0.40, 0.45, //
        0.60, 0.50, 0.55;
    net.layers = {hidden, out};
    return net;
}

inline std::shared_ptr<Dataset> handData() {
    auto data = std::make_shared<Dataset>();
    data->name = "hand";
    data->inputs = FeatureMatrix((Matrix(2, 1) << 0.05, 0.10).finished());
    data->targets.resize(2, 1);
    data->targets << 0.01, 0.99;
    return data;
}

} // namespace bp::test
