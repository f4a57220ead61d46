#include "io/experiment.h"
#include "io/text_input.h"

#include "io/builtin_datasets.h"
#include "io/class_subset.h"
#include "math/error.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace bp {

namespace {

bool containsFashion(const std::string& s) {
    return lowered(s).find("fashion") != std::string::npos;
}

// Fashion-MNIST's IDX files say only 0..9; its documentation names the classes.
void nameFashionMnistClasses(const std::string& file, Dataset& data) {
    static const std::vector<std::string> kNames = {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    const std::vector<std::string> digits = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    if (containsFashion(file) && data.inputSize() == 784 && data.classNames == digits) {
        data.classNames = kNames;
        data.targetNames = kNames;
    }
}

// The test records of --test FILE, encoded over the training data's classes.
Dataset loadTestFile(const DataSource& d, const Dataset& train, const LoadProgress& progress) {
    LoadOptions o = d.load;
    o.labelsPath = d.testLabelsPath;
    Dataset test = loadDataset(d.testFile, o, progress);
    if (d.load.classes.empty())
        nameFashionMnistClasses(d.testFile, test);
    if (train.isClassification()) {
        if (!test.isClassification())
            throw InputError(test.name, "the training data has classes but the test data "
                                        "has no class column");
        encodeOverClasses(train.classNames, train.outputSize(), test, "the training data");
    }
    if (test.inputSize() != train.inputSize() || test.outputSize() != train.outputSize())
        throw InputError(test.name, "the test data has " + std::to_string(test.inputSize()) +
                                        " inputs and " + std::to_string(test.outputSize()) +
                                        " outputs, the training data " +
                                        std::to_string(train.inputSize()) + " and " +
                                        std::to_string(train.outputSize()));
    return test;
}

// The network the experiment starts from: the model's, or new with the data's sizes.
Network startingNetwork(const Experiment& e, const Dataset& all) {
    if (e.model) {
        checkFits(e.model->network, all);
        return e.model->network;
    }
    Architecture a = e.architecture; // the first and last sizes follow the data
    if (a.sizes.size() < 2)
        a.sizes = {0, 0};
    a.sizes.front() = all.inputSize();
    a.sizes.back() = all.outputSize();
    return makeNetwork(a, e.data.seed);
}

} // namespace

std::string DataSource::title() const {
    return file.empty() ? builtin : fileNameOf(file);
}

Dataset loadSource(const DataSource& d, const LoadProgress& progress) {
    if (!d.file.empty()) {
        Dataset data = loadDataset(d.file, d.load, progress);
        if (d.load.classes.empty())
            nameFashionMnistClasses(d.file, data);
        return data;
    }
    Dataset data = builtinDataset(d.builtin, d.seed, d.noise, 0);
    if (!d.load.classes.empty())
        data = keepClasses(data, d.load.classes);
    progress.report(1.0);
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

namespace {

// The share of the progress that the data file takes: the rest is a test file's and the
// split's and normalisation's.
double dataShare(const DataSource& d) {
    return d.testFile.empty() ? 0.9 : 0.75;
}

// The data as loaded, its classes encoded over a model's.
Dataset loadData(const Experiment& asked, const LoadProgress& progress) {
    Dataset all = asked.loaded ? *asked.loaded
                               : loadSource(asked.data, progress.part(0.0, dataShare(asked.data)));
    if (all.records() == 0)
        throw InputError(asked.data.title(), "no records to train on");
    if (asked.model)
        matchModelClasses(*asked.model, all);
    return all;
}

// What is prepared: the experiment asked for, or (fitToData, without a model) with
// the network, normalisation and learning rate chosen for the data.
void chooseSettings(PreparedExperiment& p, const Experiment& asked, const Dataset& all) {
    p.experiment = asked;
    p.experiment.loaded.reset();
    if (asked.fitToData && !asked.model)
        fitToData(p.experiment, all);
    p.fitted = asked.fitToData && !asked.model;
    p.experiment.fitToData = false;
}

void checkTestRecords(const DataSource& d) {
    if (!d.testFile.empty() && d.trainShare < 1)
        throw InputError(d.testFile, "the test records come from this file: the training "
                                     "share must then be 1 (no split)");
    if (!(d.trainShare > 0 && d.trainShare <= 1))
        throw InputError("the training share must be in (0, 1], got " +
                         std::to_string(d.trainShare));
}

void buildNetwork(PreparedExperiment& p, const Dataset& all) {
    const Experiment& e = p.experiment;
    p.network = startingNetwork(e, all);
    if (e.model) { // what the Architecture dock and a saved model then say
        p.experiment.architecture = architectureOf(p.network);
        if (e.model->init)
            p.experiment.architecture.init = *e.model->init;
    }
}

// The training and test records (test empty without a test set); `all` as the
// preview keeps it goes to p.all.
std::pair<Dataset, Dataset> splitRecords(PreparedExperiment& p, Dataset all,
                                         const LoadProgress& progress) {
    const Experiment& e = p.experiment;
    const DataSource& d = e.data;
    Dataset train, test;
    // A split shuffles; without one the records keep the file's order (the seed's code
    // trains on the first records in order).
    if (d.trainShare < 1) {
        std::tie(train, test) = split(all, d.trainShare, d.seed);
    } else {
        if (!d.testFile.empty())
            test = loadTestFile(d, all, progress.part(dataShare(d), 0.9));
        if (e.keepAllRecords)
            train = all;
        else
            train = std::move(all);
    }
    if (e.keepAllRecords)
        p.all = std::make_shared<const Dataset>(std::move(all));
    else // the names and classes, without the records: big data held once
        p.all = std::make_shared<const Dataset>(subset(train, {}));
    return {std::move(train), std::move(test)};
}

void normalise(PreparedExperiment& p, Dataset train, Dataset test) {
    const Experiment& e = p.experiment;
    // Normalisation is fitted on the training records only; a model keeps its own.
    p.normalizer = e.model && !e.refitNormalizer
                       ? e.model->normalizer
                       : Normalizer::fit(e.data.normalization, train.inputs);
    p.experiment.data.normalization = p.normalizer.kind;
    p.normalizer.apply(train.inputs);
    if (test.records() > 0)
        p.normalizer.apply(test.inputs);
    p.train = std::make_shared<const Dataset>(std::move(train));
    if (test.records() > 0)
        p.test = std::make_shared<const Dataset>(std::move(test));
}

void setSchedule(PreparedExperiment& p) {
    const DataSource& d = p.experiment.data;
    p.schedule.shuffle = d.shuffle;
    p.schedule.seed = d.seed;
    p.schedule.recordLimit = d.recordLimit;
}

// A square input of 64 or more values is an image.
void findImageShape(PreparedExperiment& p) {
    const Eigen::Index inputs = p.all->inputSize();
    const long side = std::lround(std::sqrt(static_cast<double>(inputs)));
    if (inputs >= 64 && side * side == inputs)
        p.imageRows = p.imageCols = static_cast<int>(side);
}

// Data handed over (Experiment::loaded) that nothing would change: no split or test
// file, no normalisation, the classes already the model's. It is shared, not copied:
// the benchmarks hand Fashion-MNIST (47 MB as bytes) to three trainers at once.
bool leavesLoadedAsItIs(const Experiment& e) {
    if (!e.loaded || e.fitToData || e.data.trainShare < 1 || !e.data.testFile.empty())
        return false;
    if (e.model && !e.model->classNames.empty() && e.model->classNames != e.loaded->classNames)
        return false;
    const Normalizer::Kind kind =
        e.model && !e.refitNormalizer ? e.model->normalizer.kind : e.data.normalization;
    return kind == Normalizer::Kind::None;
}

PreparedExperiment prepareOnLoaded(const Experiment& asked) {
    PreparedExperiment p;
    const Dataset& all = *asked.loaded;
    if (all.records() == 0)
        throw InputError(asked.data.title(), "no records to train on");
    chooseSettings(p, asked, all);
    checkTestRecords(p.experiment.data);
    buildNetwork(p, all);
    p.all = p.train = asked.loaded;
    p.normalizer = asked.model ? asked.model->normalizer : Normalizer();
    setSchedule(p);
    findImageShape(p);
    return p;
}

} // namespace

PreparedExperiment prepareExperiment(const Experiment& asked, const LoadProgress& progress) {
    if (leavesLoadedAsItIs(asked)) {
        PreparedExperiment p = prepareOnLoaded(asked);
        progress.report(1.0);
        return p;
    }
    PreparedExperiment p;
    Dataset all = loadData(asked, progress);
    chooseSettings(p, asked, all);
    checkTestRecords(p.experiment.data);
    buildNetwork(p, all);
    auto [train, test] = splitRecords(p, std::move(all), progress);
    progress.report(0.95); // a last chance to cancel before the normalisation
    normalise(p, std::move(train), std::move(test));
    setSchedule(p);
    findImageShape(p);
    progress.report(1.0);
    return p;
}

Model PreparedExperiment::modelFor(const Network& trained, const Hyper& hyper) const {
    Model m;
    m.network = trained;
    m.normalizer = normalizer;
    m.inputNames = all->inputNames;
    m.targetNames = all->targetNames;
    m.classNames = all->classNames;
    m.hyper = hyper;
    m.seed = experiment.data.seed;
    m.init = experiment.model && experiment.model->init
                 ? experiment.model->init
                 : std::optional(experiment.architecture.init);
    m.datasetName = all->name;
    return m;
}

void matchModelClasses(const Model& model, Dataset& data) {
    if (model.classNames.empty() || data.classNames == model.classNames)
        return;
    if (!data.isClassification())
        throw InputError(data.name, "the model classifies (" +
                                        std::to_string(model.classNames.size()) +
                                        " classes) but the data has no class column");
    encodeOverClasses(model.classNames, model.network.outputSize(), data, "the model");
}

void encodeOverClasses(const std::vector<std::string>& classes, Eigen::Index outputs, Dataset& data,
                       const std::string& owner) {
    if (data.classNames == classes)
        return;
    // Re-encode each record's class over the given class list.
    std::vector<int> toOwner(data.classNames.size());
    for (std::size_t c = 0; c < data.classNames.size(); ++c) {
        const auto it = std::find(classes.begin(), classes.end(), data.classNames[c]);
        if (it == classes.end())
            throw InputError(data.name,
                             "class '" + data.classNames[c] + "' is not one " + owner + " knows");
        toOwner[c] = static_cast<int>(it - classes.begin());
    }
    Matrix targets = Matrix::Zero(outputs, data.records());
    for (Eigen::Index r = 0; r < data.records(); ++r) {
        const int c = toOwner[static_cast<std::size_t>(data.labels[static_cast<std::size_t>(r)])];
        data.labels[static_cast<std::size_t>(r)] = c;
        if (outputs == 1)
            targets(0, r) = c;
        else
            targets(c, r) = 1;
    }
    data.targets = targets;
    data.classNames = classes;
    data.targetNames = classes;
}

void checkFits(const Network& net, const Dataset& data, const std::string& modelName) {
    const std::string network = modelName.empty() ? "the network" : "the network of " + modelName;
    if (data.inputSize() != net.inputSize)
        throw InputError(data.name, "the data has " + std::to_string(data.inputSize()) +
                                        " inputs but " + network + " expects " +
                                        std::to_string(net.inputSize));
    if (data.outputSize() != net.outputSize())
        throw InputError(data.name, "the data has " + std::to_string(data.outputSize()) +
                                        " target values per record but " + network + " has " +
                                        std::to_string(net.outputSize()) + " outputs");
}

} // namespace bp
