#include "experiment.h"

#include "builtin_datasets.h"
#include "class_subset.h"
#include "error.h"

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

Dataset loadChoice(const DataChoice& d) {
    if (!d.file.isEmpty())
        return loadDataset(text(d.file), d.load);
    Dataset data = builtinDataset(text(d.builtin), d.seed, d.noise, 0);
    if (!d.load.classes.empty())
        data = keepClasses(data, d.load.classes);
    return data;
}

PreparedExperiment prepareExperiment(const Experiment& e) {
    PreparedExperiment p;
    auto all = std::make_shared<Dataset>(loadChoice(e.data));
    if (all->records() == 0)
        throw InputError(text(e.data.title()), "no records to train on");
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
        // The seed's code: ReLU hidden layer, sigmoid outputs, one-hot targets from a
        // subset of the class labels (labels_include), online updates, one record at a
        // time in file order, on a tenth of the records.
        e.data.builtin = "digits";
        e.data.load.classes = {"0", "1", "2"};
        e.data.normalization = Normalizer::Kind::MinMax;
        e.data.trainShare = 1;
        e.data.shuffle = false;
        e.data.recordLimit = 53; // a tenth of the 537 records of digits 0, 1 and 2
        a.sizes = {64, 16, 3};
        a.hidden = Activation::Relu;
        a.output = Activation::Sigmoid;
        a.loss = Loss::Mse;
        e.hyper.learningRate = 0.1;
    }
    return e;
}

} // namespace bp
