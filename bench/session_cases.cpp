#include "session_cases.h"

#include "io/data_loader.h"
#include "io/generators.h"
#include "math/random.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

namespace bench {

using namespace bp;

namespace {

// 784 inputs in [0, 1), 10 one-hot classes: the shape of Fashion-MNIST.
std::shared_ptr<const Dataset> syntheticImages(Eigen::Index records) {
    auto d = std::make_shared<Dataset>();
    d->name = "synthetic 784x10";
    Random rng(7);
    d->inputs = FeatureMatrix(Storage::Double, 784, records);
    d->targets = Matrix::Zero(10, records);
    for (Eigen::Index r = 0; r < records; ++r) {
        for (Eigen::Index i = 0; i < 784; ++i)
            d->inputs.set(i, r, rng.uniform());
        const int c = static_cast<int>(rng.below(10));
        d->targets(c, r) = 1;
        d->labels.push_back(c);
    }
    for (int c = 0; c < 10; ++c)
        d->classNames.push_back(std::to_string(c));
    return d;
}

} // namespace

Case w1Case() {
    Architecture a;
    a.sizes = {784, 128, 10};
    a.hidden = Activation::Sigmoid;
    a.output = Activation::Sigmoid;
    a.loss = Loss::Mse;
    a.init = Init::Uniform;
    a.uniformRange = 1.0;
    Network net = makeNetwork(a, 1);
    for (Layer& l : net.layers)
        l.w *= Scalar(1.0 / std::sqrt(static_cast<double>(l.inputs())));
    Hyper h;
    h.learningRate = 0.1;
    Schedule schedule;
    schedule.shuffle = false;
    const std::string fashion = BP_FASHION_MNIST_DIR "/train-images-idx3-ubyte.gz";
    std::shared_ptr<const Dataset> data;
    if (std::filesystem::exists(fashion)) {
        data = std::make_shared<const Dataset>(loadDataset(fashion));
        schedule.recordLimit = 10000;
        std::printf("784-128-10: W1 on %s (first 10,000 records)\n", fashion.c_str());
    } else {
        data = syntheticImages(6000);
        std::printf("784-128-10: W1's network on 6,000 synthetic records (%s not found)\n",
                    fashion.c_str());
    }
    return {"784-128-10", std::move(net), std::move(data), h, schedule};
}

Case smallCase() {
    Architecture a;
    a.sizes = {2, 8, 8, 1};
    a.hidden = Activation::Tanh;
    a.output = Activation::Sigmoid;
    Hyper h;
    h.learningRate = 0.3;
    return {"2-8-8-1", makeNetwork(a, 1), std::make_shared<const Dataset>(generateXor(1, 0.1, 200)),
            h, Schedule()};
}

} // namespace bench
