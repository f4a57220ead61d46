#include "panels/presets.h"

#include "io/builtin_datasets.h"
#include "math/seed_setup.h"

namespace bp {

namespace {
const char* kSeedSetup = "the seed's setup (digits 0-2)";
} // namespace

QStringList presetNames() {
    QStringList names;
    for (const std::string& n : builtinDatasetNames())
        names << QString::fromStdString(n);
    names << kSeedSetup;
    return names;
}

QString presetTitle(const QString& name) {
    return name == "seed" ? QString(kSeedSetup) : name; // the short name
}

QString presetCommand(const QString& name) {
    return presetTitle(name) == kSeedSetup ? QStringLiteral("backprop-cli train --preset seed")
                                           : QString();
}

Experiment presetExperiment(const QString& preset) {
    const QString name = presetTitle(preset);
    Experiment e;
    e.data.builtin = name.toStdString();
    Architecture& a = e.architecture;
    a.init = Init::Xavier;
    e.hyper.learningRate = 0.1;
    if (name == "xor") {
        a.sizes = {2, 4, 1};
        a.hidden = Activation::Tanh;
        a.output = Activation::Sigmoid;
        e.hyper.learningRate = 0.5;
        e.data.trainShare = 1;
    } else if (name == "circle" || name == "spirals") {
        a.sizes = {2, 8, 8, 1};
        a.hidden = Activation::Tanh;
        a.output = Activation::Sigmoid;
        a.loss = Loss::CrossEntropy;
        e.hyper.learningRate = 0.05;
    } else if (name == "blobs") {
        a.sizes = {2, 6, 3};
        a.hidden = Activation::Relu;
        a.output = Activation::Softmax;
        a.loss = Loss::CrossEntropy;
        e.hyper.learningRate = 0.05;
    } else if (name == "sine") {
        a.sizes = {1, 10, 1};
        a.hidden = Activation::Tanh;
        a.output = Activation::Linear;
        e.hyper.learningRate = 0.02;
    } else if (name == "iris" || name == "wine") {
        a.sizes = {4, 8, 3};
        a.hidden = Activation::Relu;
        a.output = Activation::Softmax;
        a.loss = Loss::CrossEntropy;
        e.data.normalization = Normalizer::Kind::ZScore;
        e.hyper.learningRate = 0.02;
    } else if (name == "digits") {
        a.sizes = {64, 32, 10};
        a.hidden = Activation::Relu;
        a.output = Activation::Softmax;
        a.loss = Loss::CrossEntropy;
        e.data.normalization = Normalizer::Kind::MinMax;
        e.hyper.learningRate = 0.02;
    } else if (name == kSeedSetup) {
        // The seed's code, as seed_setup.h defines it for the window and the CLI alike.
        const SeedSetup& seed = seedSetup();
        e.data.builtin = seed.dataset;
        e.data.load.classes = seed.classes;
        e.data.normalization = seed.normalization;
        e.data.trainShare = seed.trainShare;
        e.data.shuffle = seed.shuffle;
        e.data.recordLimit = seed.recordLimit;
        e.data.seed = seed.seed;
        e.architecture = seed.architecture;
        e.hyper = seed.hyper;
    }
    return e;
}

} // namespace bp
