#include "experiment.h"

#include "builtin_datasets.h"
#include "class_subset.h"
#include "error.h"
#include "seed_setup.h"

#include <cmath>
#include <QFileInfo>

namespace bp {

namespace {
const char* kSeedSetup = "the seed's setup (digits 0-2)";

std::string text(const QString& s) {
    return s.toStdString();
}
} // namespace

QString DataChoice::title() const {
    return file.isEmpty() ? builtin : QFileInfo(file).fileName();
}

namespace {
// Fashion-MNIST's IDX files say only 0..9; its documentation names the classes.
void nameFashionMnistClasses(const QString& file, Dataset& data) {
    static const std::vector<std::string> kNames = {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    const std::vector<std::string> digits = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    if (file.contains("fashion", Qt::CaseInsensitive) && data.inputSize() == 784 &&
        data.classNames == digits)
        data.classNames = kNames;
}
} // namespace

Dataset loadChoice(const DataChoice& d) {
    if (!d.file.isEmpty()) {
        Dataset data = loadDataset(text(d.file), d.load);
        if (d.load.classes.empty())
            nameFashionMnistClasses(d.file, data);
        return data;
    }
    Dataset data = builtinDataset(text(d.builtin), d.seed, d.noise, 0);
    if (!d.load.classes.empty())
        data = keepClasses(data, d.load.classes);
    return data;
}

void fitToData(Experiment& e, const Dataset& data) {
    const Eigen::Index n = data.inputSize();
    const Eigen::Index m = data.outputSize();
    Architecture& a = e.architecture;
    // Wide enough to learn, small enough to step: 784-128-10 is the classic MLP on
    // (Fashion-)MNIST.
    const Eigen::Index hidden = n >= 256 ? 128 : n >= 32 ? 32 : 8;
    a.sizes = {n, hidden, m};
    a.perLayer.clear();
    a.hidden = Activation::Relu;
    a.init = Init::He;
    if (data.isClassification()) {
        a.output = m > 1 ? Activation::Softmax : Activation::Sigmoid;
        a.loss = Loss::CrossEntropy;
    } else {
        a.output = Activation::Linear;
        a.loss = Loss::Mse;
    }
    e.data.normalization = n >= 64 ? Normalizer::Kind::MinMax : Normalizer::Kind::ZScore;
    e.hyper.learningRate = n >= 256 ? 0.01 : 0.02;
}

PreparedExperiment prepareExperiment(const Experiment& asked) {
    PreparedExperiment p;
    auto all = std::make_shared<Dataset>(loadChoice(asked.data));
    if (all->records() == 0)
        throw InputError(text(asked.data.title()), "no records to train on");
    p.experiment = asked;
    if (asked.fitToData)
        fitToData(p.experiment, *all);
    p.fitted = asked.fitToData;
    p.experiment.fitToData = false;
    const Experiment& e = p.experiment;
    p.all = all;
    if (e.data.trainShare < 1) {
        auto [train, test] = split(*all, e.data.trainShare, e.data.seed);
        p.normalizer = Normalizer::fit(e.data.normalization, train.inputs);
        p.normalizer.apply(train.inputs);
        p.normalizer.apply(test.inputs);
        p.train = std::make_shared<const Dataset>(std::move(train));
        if (test.records() > 0)
            p.test = std::make_shared<const Dataset>(std::move(test));
    } else {
        Dataset train = *all; // file order, as the seed's code trains
        p.normalizer = Normalizer::fit(e.data.normalization, train.inputs);
        p.normalizer.apply(train.inputs);
        p.train = std::make_shared<const Dataset>(std::move(train));
    }
    Architecture a = e.architecture;
    if (a.sizes.size() < 2)
        a.sizes = {0, 0};
    a.sizes.front() = all->inputSize();
    a.sizes.back() = all->outputSize();
    p.network = makeNetwork(a, e.data.seed);
    p.schedule.shuffle = e.data.shuffle;
    p.schedule.seed = e.data.seed;
    p.schedule.recordLimit = e.data.recordLimit;
    const long side = std::lround(std::sqrt(static_cast<double>(all->inputSize())));
    if (all->inputSize() >= 64 && side * side == all->inputSize())
        p.imageRows = p.imageCols = static_cast<int>(side);
    return p;
}

QStringList presetNames() {
    QStringList names;
    for (const std::string& n : builtinDatasetNames())
        names << QString::fromStdString(n);
    names << kSeedSetup;
    return names;
}

Experiment presetExperiment(const QString& preset) {
    const QString name = preset == "seed" ? QString(kSeedSetup) : preset; // the short name
    Experiment e;
    e.data.builtin = name;
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
        e.data.builtin = QString::fromStdString(seed.dataset);
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
