// backprop-cli train: the experiment from the options (core/io/experiment.h prepares it:
// load, split or test file, normalise, build or load the network), train, print one
// line per epoch, save.
#include "commands.h"
#include "health_report.h"
#include "options.h"

#include "io/atomic_file.h"
#include "io/model_file.h"
#include "io/trace.h"
#include "math/error.h"
#include "math/metrics.h"
#include "math/seed_setup.h"
#include "math/training.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

namespace cli {

namespace {
// Ctrl+C. The first stops training after the record in progress; the model trained so
// far is then evaluated and saved as usual, and train exits with kInterrupted. A second
// ends the program at once: the unfinished temporary file is removed, the --save target
// is left as it was, and the process dies of SIGINT (a shell says status 130).
std::atomic<bool> g_stop{false};
extern "C" void onInterrupt(int) {
    if (!g_stop.exchange(true))
        return;
    bp::removeUnfinishedFiles();
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
}

std::string percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%6.2f%%", 100.0 * share);
    return buf;
}

void printEpoch(const bp::EpochStats& s) {
    std::printf("epoch %4d  loss %.6f", s.epoch, s.trainLoss);
    if (s.trainAccuracy >= 0)
        std::printf("  acc %s", percent(s.trainAccuracy).c_str());
    if (s.testLoss >= 0)
        std::printf("  test loss %.6f", s.testLoss);
    if (s.testAccuracy >= 0)
        std::printf("  test acc %s", percent(s.testAccuracy).c_str());
    std::printf("  %9.0f rec/s\n", s.recordsPerSecond);
    std::fflush(stdout);
}

void printConfusion(const bp::Metrics& m, const std::vector<std::string>& classes) {
    if (m.confusion.empty() || classes.size() > 20)
        return;
    int width = 6;
    for (const std::string& c : classes)
        width = std::max(width, static_cast<int>(c.size()));
    std::printf("test confusion matrix (rows: true class, columns: predicted)\n%*s", width, "");
    for (const std::string& c : classes)
        std::printf(" %*s", width, c.c_str());
    std::printf("\n");
    for (std::size_t t = 0; t < classes.size(); ++t) {
        std::printf("%*s", width, classes[t].c_str());
        for (long n : m.confusion[t])
            std::printf(" %*ld", width, n);
        std::printf("\n");
    }
}
} // namespace

namespace {

struct TrainOptions {
    DataOptions data;
    ModelOptions model;
    std::string preset, normalize = "none", test, testLabels, save, trace, health;
    double split = 0.8;
    std::string layersText; // "4,8,3", split by layerSizes (an empty item is an error)
    std::string activation = "sigmoid", outputActivation = "sigmoid", loss = "mse", init = "xavier",
                precision = "double";
    double initRange = 0.5, lr = 0.1, momentum = 0, l2 = 0, targetLoss = -1;
    int batch = 1, epochs = 10;
    long records = 0, healthRecords = 100;
    bool noShuffle = false, freezeBias = false;
    CLI::App* command = nullptr; // to ask which options were given
};

bool given(const TrainOptions& o, const std::string& name) {
    const CLI::Option* opt = o.command->get_option_no_throw(name);
    return opt && opt->count() > 0;
}

// --layers 4,8,3: positive whole numbers, none left empty ("2,,1" is not 2-1).
std::vector<Eigen::Index> layerSizes(const std::string& text) {
    std::vector<std::string> items{""};
    for (char ch : text)
        if (ch == ',')
            items.emplace_back();
        else
            items.back() += ch;
    std::vector<Eigen::Index> sizes;
    for (const std::string& s : items) {
        char* end = nullptr;
        const long n = s.empty() ? 0 : std::strtol(s.c_str(), &end, 10);
        if (s.empty() || *end != '\0' || n < 1 || n > 1000000)
            throw UsageError(
                "--layers: every size must be a whole number from 1 to 1000000; got '" + s +
                "' in the list");
        sizes.push_back(n);
    }
    if (sizes.size() < 2)
        throw UsageError("--layers needs at least the input and the output size, e.g. 4,8,3");
    return sizes;
}

// --preset seed: the seed's setup (core/math/seed_setup.h) for every option not given.
void applyPreset(TrainOptions& o) {
    if (o.preset.empty())
        return;
    const bp::SeedSetup& s = bp::seedSetup();
    const auto unset = [&o](const char* name) { return !given(o, name); };
    if (unset("--data") && unset("--dataset"))
        o.data.dataset = s.dataset;
    if (unset("--classes"))
        o.data.classes = s.classes;
    if (unset("--normalize"))
        o.normalize = bp::toString(s.normalization);
    if (unset("--split"))
        o.split = s.trainShare;
    if (unset("--records"))
        o.records = s.recordLimit;
    if (unset("--no-shuffle"))
        o.noShuffle = !s.shuffle;
    if (unset("--layers")) {
        o.layersText.clear();
        for (Eigen::Index n : s.architecture.sizes)
            o.layersText += (o.layersText.empty() ? "" : ",") + std::to_string(n);
    }
    if (unset("--activation"))
        o.activation = bp::toString(s.architecture.hidden);
    if (unset("--output-activation"))
        o.outputActivation = bp::toString(s.architecture.output);
    if (unset("--loss"))
        o.loss = bp::toString(s.architecture.loss);
    if (unset("--init"))
        o.init = bp::toString(s.architecture.init);
    if (unset("--lr"))
        o.lr = s.hyper.learningRate;
    if (unset("--batch"))
        o.batch = s.hyper.batchSize;
    if (unset("--seed"))
        o.data.seed = s.seed;
}

// The experiment the options describe. Rules across options are checked here, before
// any file is read.
bp::Experiment experimentOf(TrainOptions& o) {
    applyPreset(o);
    requireData(o.data);
    bp::Experiment e;
    e.data = dataSource(o.data);
    e.data.testFile = o.test;
    e.data.testLabelsPath = o.testLabels;
    e.data.trainShare = given(o, "--split") || o.test.empty() ? o.split : 1.0;
    if (!o.test.empty() && e.data.trainShare != 1)
        throw UsageError("--test FILE takes the test records from FILE; leave out --split (or "
                         "give --split 1)");
    e.data.normalization = *bp::normalizerKindFromString(o.normalize);
    e.data.recordLimit = o.records;
    e.data.shuffle = !o.noShuffle;
    e.keepAllRecords = false; // big data held once
    e.precision = *bp::precisionFromString(o.precision);
    if (e.precision == bp::Precision::Float && !o.trace.empty())
        throw UsageError("--trace records double-precision values; leave out --precision float");
    if (!o.model.model.empty()) {
        o.model.loss = given(o, "--loss") ? o.loss : std::string();
        e.model = loadModelFor(o.model);
        e.refitNormalizer = given(o, "--normalize");
    } else {
        if (o.layersText.empty())
            throw UsageError("give --model FILE or --layers IN,HIDDEN…,OUT (e.g. --layers 2,8,1)");
        bp::Architecture& a = e.architecture;
        a.sizes = layerSizes(o.layersText);
        a.hidden = *bp::activationFromString(o.activation);
        a.output = *bp::activationFromString(o.outputActivation);
        a.loss = *bp::lossFromString(o.loss);
        a.init = *bp::initFromString(o.init);
        a.uniformRange = o.initRange;
        bp::validate(a);
    }
    // The model's training settings, unless given again.
    bp::Hyper h = e.model && e.model->hyper ? *e.model->hyper : bp::Hyper{};
    if (!e.model || given(o, "--lr"))
        h.learningRate = o.lr;
    if (!e.model || given(o, "--batch"))
        h.batchSize = o.batch;
    if (!e.model || given(o, "--momentum"))
        h.momentum = o.momentum;
    if (!e.model || given(o, "--l2"))
        h.l2 = o.l2;
    h.freezeBias = h.freezeBias || o.freezeBias;
    e.hyper = h;
    return e;
}

// --layers must fit the data: said as a usage error, as before any training.
void checkLayers(const TrainOptions& o, const bp::Experiment& e, const bp::PreparedExperiment& p) {
    if (e.model)
        return;
    const bp::Dataset& d = *p.all;
    const std::vector<Eigen::Index>& sizes = e.architecture.sizes;
    if (sizes.front() == d.inputSize() && sizes.back() == d.outputSize())
        return;
    throw UsageError("--layers " + o.layersText + " does not fit " + d.name + ": it has " +
                     std::to_string(d.inputSize()) + " inputs and " +
                     std::to_string(d.outputSize()) + " outputs (try --layers " +
                     std::to_string(d.inputSize()) + ",8," + std::to_string(d.outputSize()) + ")");
}

void printSummary(const bp::PreparedExperiment& p, const bp::Hyper& h) {
    const bp::Dataset& info = *p.all;
    const bool testFile = !p.experiment.data.testFile.empty();
    const long tests = p.test ? static_cast<long>(p.test->records()) : 0L;
    std::printf("%s: %ld training records, %ld test records%s, %ld inputs, %ld outputs%s; "
                "inputs %s\n",
                info.name.c_str(), static_cast<long>(p.train->records()), tests,
                testFile && p.test ? (" (" + p.test->name + ")").c_str() : "",
                static_cast<long>(info.inputSize()), static_cast<long>(info.outputSize()),
                info.isClassification()
                    ? (", " + std::to_string(info.classNames.size()) + " classes").c_str()
                    : "",
                bp::describeStorage(p.train->inputs).c_str());
    std::string shape = std::to_string(p.network.inputSize);
    for (const bp::Layer& l : p.network.layers)
        shape += "-" + std::to_string(l.size()) + "(" + bp::toString(l.activation) + ")";
    std::printf("network %s, loss %s, lr %g, batch %d, momentum %g, l2 %g%s, %s precision\n",
                shape.c_str(), bp::toString(p.network.loss).c_str(), h.learningRate, h.batchSize,
                h.momentum, h.l2, h.freezeBias ? ", biases frozen" : "",
                bp::toString(p.experiment.precision).c_str());
    std::fflush(stdout);
}

// Phase by phase, so that the trace holds every phase of every record.
bp::Network trainTraced(const bp::PreparedExperiment& p, const bp::TrainOptions& options,
                        const std::string& path, EpochHealthCsv* health, long& trained) {
    bp::TrainingRun run(p.network, p.train, p.experiment.hyper, p.schedule);
    bp::TraceWriter trace(path);
    for (int e = 0; e < options.epochs && !g_stop; ++e) {
        bp::StepResult r;
        do {
            r = run.stepPhase();
            trace.write(run, r);
            if (health && r.recordDone)
                health->record(run, r);
        } while (!r.epochDone && !g_stop);
        if (!r.epochDone)
            break;
        bp::EpochStats s = run.lastEpoch();
        if (options.test) {
            const bp::Metrics m = bp::evaluate(run.network(), *options.test);
            s.testLoss = m.loss;
            s.testAccuracy = m.accuracy;
        }
        printEpoch(s);
        if (options.targetLoss >= 0 && s.trainLoss <= options.targetLoss)
            break;
    }
    trace.commit();
    trained = run.recordsTrained();
    return run.network();
}

template <typename T>
bp::Network trainFast(const bp::PreparedExperiment& p, const bp::TrainOptions& options,
                      EpochHealthCsv* health, long& trained) {
    bp::TrainingRunT<T> run(bp::castNetwork<T>(p.network), p.train, p.experiment.hyper, p.schedule);
    bp::TrainCallbacks callbacks;
    callbacks.onEpoch = printEpoch;
    if (health)
        callbacks.onRecord = [&run, health](const bp::StepResult& r) { health->record(run, r); };
    bp::train(run, options, callbacks, &g_stop);
    trained = run.recordsTrained();
    return bp::castNetwork<double>(run.network());
}

int runTrain(TrainOptions& o) {
    const bp::Experiment e = experimentOf(o);
    // The network's first and last sizes follow the data; --layers is checked against
    // them just below, as a usage error.
    const bp::PreparedExperiment p = bp::prepareExperiment(e);
    checkLayers(o, e, p);
    printSummary(p, e.hyper);
    bp::TrainOptions options;
    options.epochs = o.epochs;
    options.targetLoss = o.targetLoss;
    options.test = p.test.get();
    std::signal(SIGINT, onInterrupt);
    long trained = 0;
    std::optional<EpochHealthCsv> health;
    if (!o.health.empty())
        health.emplace(o.health, o.healthRecords);
    EpochHealthCsv* h = health ? &*health : nullptr;
    const bp::Network network = !o.trace.empty() ? trainTraced(p, options, o.trace, h, trained)
                                : e.precision == bp::Precision::Float
                                    ? trainFast<float>(p, options, h, trained)
                                    : trainFast<double>(p, options, h, trained);
    if (health)
        health->commit();
    if (g_stop)
        std::printf("stopped by the user after %ld records\n", trained);
    if (p.test && p.all->isClassification())
        printConfusion(bp::evaluate(network, *p.test), p.all->classNames);
    if (!o.save.empty()) {
        bp::saveModel(p.modelFor(network, e.hyper), o.save);
        std::printf("saved %s\n", o.save.c_str());
    }
    std::signal(SIGINT, SIG_DFL);
    return g_stop ? kInterrupted : 0;
}

// Where the records come from beyond --data/--dataset: the preset, normalisation,
// the test file or the split.
void addSourceOptions(CLI::App* c, TrainOptions& o) {
    c->add_option("--preset", o.preset,
                  "seed: the seed's own setup (digits 0,1,2; 64-16-3 ReLU/sigmoid with "
                  "cross-entropy; a = 0.01 online, file order, 53 records, no split); options "
                  "given as well override it")
        ->check(oneOf({"seed"}));
    c->add_option("--normalize", o.normalize, "fitted on the training records only (default none)")
        ->check(oneOf({"none", "minmax", "zscore"}));
    CLI::Option* test = c->add_option("--test", o.test,
                                      "test records from their own file (same --target and "
                                      "--classes); every record of --data then trains");
    c->add_option("--test-labels", o.testLabels, "the IDX labels of --test")->needs(test);
    c->add_option("--split", o.split,
                  "training share; 1 = no test set (default 0.8; 1 with --test)")
        ->check(within(bp::Limit{0, 1, "the training share", "--split", true}));
}

// The network: a saved model, or the sizes, activations, loss and initial weights
// of a new one (which --model excludes).
void addNetworkOptions(CLI::App* c, TrainOptions& o) {
    CLI::Option* model =
        c->add_option("--model", o.model.model, "start from a saved model (JSON, or ONNX: *.onnx)");
    c->add_option("--layers", o.layersText, "sizes from input to output, e.g. 4,8,3")
        ->excludes(model);
    c->add_option("--activation", o.activation, "hidden layers (default sigmoid)")
        ->check(oneOf(activationNames()))
        ->excludes(model);
    c->add_option("--output-activation", o.outputActivation, "output layer (default sigmoid)")
        ->check(oneOf(outputActivationNames()))
        ->excludes(model);
    c->add_option("--loss", o.loss,
                  "(default mse); with --model: the loss to use instead of the model's (an ONNX "
                  "model has none: cross_entropy after a softmax output, else mse)")
        ->check(oneOf({"mse", "cross_entropy"}));
    c->add_option("--init", o.init, "initial weights (default xavier)")
        ->check(oneOf({"uniform", "xavier", "he"}))
        ->excludes(model);
    c->add_option("--init-range", o.initRange,
                  "r of --init uniform: weights in [−r, r) (default 0.5)")
        ->check(above(0, "positive"))
        ->excludes(model);
}

// The hyper-parameters, how long and in what order, and the number type.
void addTrainingOptions(CLI::App* c, TrainOptions& o) {
    c->add_option("--lr", o.lr, "the learning rate a (default 0.1)")
        ->check(within(bp::limits::learningRate));
    c->add_option("--batch", o.batch, "records per update; 1 = online (default 1)")
        ->check(within(bp::limits::batchSize));
    c->add_option("--momentum", o.momentum, "μ, PyTorch's convention (default 0)")
        ->check(within(bp::limits::momentum));
    c->add_option("--l2", o.l2, "λ for the weights, not the biases (default 0)")
        ->check(within(bp::limits::l2));
    c->add_flag("--freeze-bias", o.freezeBias, "keep every w_{i,0}(k) as it is");
    c->add_option("--epochs", o.epochs, "(default 10)")
        ->check(within(bp::Limit{1, 1e9, "the epochs", "--epochs"}));
    c->add_option("--records", o.records, "records per epoch; 0 = all (default 0)")
        ->check(within(bp::Limit{0, 1e12, "the records per epoch", "--records"}));
    c->add_flag("--no-shuffle", o.noShuffle, "records in the file's order every epoch");
    c->add_option("--target-loss", o.targetLoss, "stop once the epoch loss is at most J")
        ->check(atLeast(0, "0 or more"));
    c->add_option("--precision", o.precision,
                  "double, or float: the fast path (the model is saved in double)")
        ->check(oneOf({"double", "float"}));
}

} // namespace

void addTrainCommand(CLI::App& app, int& result) {
    auto o = std::make_shared<TrainOptions>();
    CLI::App* c = app.add_subcommand("train", "train a network and print one line per epoch");
    o->command = c;
    addDataOptions(*c, o->data);
    addSourceOptions(c, *o);
    addNetworkOptions(c, *o);
    addTrainingOptions(c, *o);
    c->add_option("--save", o->save, "model JSON, written atomically");
    c->add_option("--trace", o->trace,
                  "every phase of every record (z, x, delta, dJdz, dJdw, w) "
                  "as CSV");
    addEpochHealthOptions(*c, o->health, o->healthRecords);
    c->callback([o, &result] { result = runTrain(*o); });
}

} // namespace cli
