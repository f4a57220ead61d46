#include "math/seed_setup.h"

namespace bp {

namespace {
SeedSetup makeSeedSetup() {
    SeedSetup s;
    Architecture& a = s.architecture;
    a.sizes = {64, 16, 3};
    a.hidden = Activation::Relu;    // neuron.type == "relu" in layer one
    a.output = Activation::Sigmoid; // neuron.type == "sigmoid" in layer two
    a.loss = Loss::CrossEntropy;    // ∂J/∂z(L) = output − y, as back_prop computes it
    a.init = Init::Xavier;
    s.hyper.learningRate = 0.01;
    s.hyper.batchSize = 1; // update_weights after every record
    return s;
}
} // namespace

const SeedSetup& seedSetup() {
    static const SeedSetup s = makeSeedSetup();
    return s;
}

} // namespace bp
