// backprop-cli train: load, split, normalise, build or load a network, train,
// print one line per epoch, save.
#include "commands.h"
#include "precision.h"
#include "setting_limits.h"
#include "setup.h"

#include "error.h"
#include "model_file.h"
#include "trace.h"
#include "training.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <tuple>

namespace cli {

namespace {
std::atomic<bool> g_stop{false};
extern "C" void onInterrupt(int) {
    g_stop.store(true);
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

int trainCommand(const std::vector<std::string>& given) {
    const std::vector<std::string> argv = expandPreset(given); // --preset seed
    std::set<std::string> valued = kDataOptions;
    valued.insert({"normalize", "split",  "model",      "layers", "activation", "output-activation",
                   "loss",      "init",   "init-range", "lr",     "batch",      "momentum",
                   "l2",        "epochs", "records",    "save",   "trace",      "target-loss",
                   "precision", "test",   "test-labels"});
    std::set<std::string> flags = kDataFlags;
    flags.insert({"freeze-bias", "no-shuffle"});
    const Arguments args(argv, valued, flags);

    bp::Dataset all = loadData(args);
    bp::Model model = modelFromOptions(args, all);
    matchModelClasses(model, all);
    checkFits(model.network, all);

    // --test FILE: the test records come from their own file and every record of the
    // data trains (in the file's order, unless shuffled); otherwise --split cuts the data.
    const bool testFile = args.has("test");
    if (testFile && args.has("split") && args.number("split", 1) != 1)
        throw UsageError("--test FILE takes the test records from FILE; leave out --split (or "
                         "give --split 1)");
    if (!testFile && args.has("test-labels"))
        throw UsageError("--test-labels goes with --test FILE");
    const double share = args.number("split", testFile ? 1.0 : 0.8);
    if (!(share > 0 && share <= 1))
        throw UsageError("--split is the training share, in (0, 1]; got " + args.text("split"));
    const auto seed = static_cast<std::uint64_t>(args.integer("seed", 1));
    // `info` keeps what the summary and the model file need (names, classes, widths)
    // without the records, so that the data is held once: in trainData and testData.
    const bp::Dataset info = bp::subset(all, {});
    bp::Dataset trainData;
    bp::Dataset testData;
    if (share < 1) {
        std::tie(trainData, testData) = bp::split(all, share, seed);
    } else {
        // A split shuffles; with no split the records keep the file's order (the seed's
        // code trains on the first records in order).
        trainData = std::move(all);
        testData = testFile ? loadTestData(args, trainData) : bp::subset(info, {});
    }
    all = bp::Dataset();

    // Normalisation is fitted on the training split only; a loaded model keeps its own.
    if (args.has("normalize") || !args.has("model")) {
        const auto kind = bp::normalizerKindFromString(args.text("normalize", "none"));
        if (!kind)
            throw UsageError("--normalize expects none, minmax or zscore; got '" +
                             args.text("normalize") + "'");
        model.normalizer = bp::Normalizer::fit(*kind, trainData.inputs);
    }
    model.normalizer.apply(trainData.inputs);
    model.normalizer.apply(testData.inputs);

    bp::Hyper h = model.hyper.value_or(bp::Hyper{});
    h.learningRate = args.number("lr", h.learningRate);
    h.batchSize = static_cast<int>(args.integer("batch", h.batchSize));
    h.momentum = args.number("momentum", h.momentum);
    h.l2 = args.number("l2", h.l2);
    h.freezeBias = h.freezeBias || args.has("freeze-bias");
    // The window's limits too (core/limits.h).
    for (const auto& [limit, value] :
         {std::pair{bp::limits::learningRate, h.learningRate},
          std::pair{bp::limits::batchSize, static_cast<double>(h.batchSize)},
          std::pair{bp::limits::momentum, h.momentum}, std::pair{bp::limits::l2, h.l2},
          std::pair{bp::limits::seed, static_cast<double>(seed)}})
        if (const auto wrong = bp::outsideLimit(limit, value))
            throw UsageError(*wrong);
    bp::Schedule schedule;
    schedule.shuffle = !args.has("no-shuffle");
    schedule.seed = seed;
    schedule.recordLimit = args.integer("records", 0);
    if (schedule.recordLimit < 0)
        throw UsageError("--records must be 0 (all) or more");

    const auto train = std::make_shared<const bp::Dataset>(std::move(trainData));
    bp::TrainOptions options;
    options.epochs = static_cast<int>(args.integer("epochs", 10));
    options.targetLoss = args.number("target-loss", -1);
    options.test = testData.records() > 0 ? &testData : nullptr;
    const std::optional<bp::Precision> chosen =
        bp::precisionFromString(args.text("precision", "double"));
    if (!chosen)
        throw UsageError("--precision expects float or double; got '" + args.text("precision") +
                         "'");
    const bp::Precision precision = *chosen;
    if (precision == bp::Precision::Float && args.has("trace"))
        throw UsageError("--trace records double-precision values; leave out --precision float");

    std::printf("%s: %ld training records, %ld test records%s, %ld inputs, %ld outputs%s; "
                "inputs %s\n",
                info.name.c_str(), static_cast<long>(train->records()),
                static_cast<long>(testData.records()),
                testFile ? (" (" + testData.name + ")").c_str() : "",
                static_cast<long>(info.inputSize()), static_cast<long>(info.outputSize()),
                info.isClassification()
                    ? (", " + std::to_string(info.classNames.size()) + " classes").c_str()
                    : "",
                bp::describeStorage(train->inputs).c_str());
    std::string shape = std::to_string(model.network.inputSize);
    for (const bp::Layer& l : model.network.layers)
        shape += "-" + std::to_string(l.size()) + "(" + bp::toString(l.activation) + ")";
    std::printf("network %s, loss %s, lr %g, batch %d, momentum %g, l2 %g%s, %s precision\n",
                shape.c_str(), bp::toString(model.network.loss).c_str(), h.learningRate,
                h.batchSize, h.momentum, h.l2, h.freezeBias ? ", biases frozen" : "",
                bp::toString(precision).c_str());
    std::fflush(stdout);

    std::signal(SIGINT, onInterrupt);
    long trained = 0;
    if (precision == bp::Precision::Float) {
        bp::TrainingRunT<float> run(bp::castNetwork<float>(model.network), train, h, schedule);
        bp::TrainCallbacks callbacks;
        callbacks.onEpoch = printEpoch;
        bp::train(run, options, callbacks, &g_stop);
        model.network = bp::castNetwork<double>(run.network());
        trained = run.recordsTrained();
    } else if (args.has("trace")) {
        // Phase by phase, so the trace holds every phase of every record.
        bp::TrainingRun run(model.network, train, h, schedule);
        bp::TraceWriter trace(args.text("trace"));
        for (int e = 0; e < options.epochs && !g_stop; ++e) {
            bp::StepResult r;
            do {
                r = run.stepPhase();
                trace.write(run, r);
            } while (!r.epochDone && !g_stop);
            if (!r.epochDone)
                break;
            bp::EpochStats s = run.lastEpoch();
            if (options.test) {
                const bp::Metrics m = bp::evaluate(run.network(), testData);
                s.testLoss = m.loss;
                s.testAccuracy = m.accuracy;
            }
            printEpoch(s);
            if (options.targetLoss >= 0 && s.trainLoss <= options.targetLoss)
                break;
        }
        trace.commit();
        model.network = run.network();
        trained = run.recordsTrained();
    } else {
        bp::TrainingRun run(model.network, train, h, schedule);
        bp::TrainCallbacks callbacks;
        callbacks.onEpoch = printEpoch;
        bp::train(run, options, callbacks, &g_stop);
        model.network = run.network();
        trained = run.recordsTrained();
    }
    std::signal(SIGINT, SIG_DFL);
    if (g_stop)
        std::printf("stopped by the user after %ld records\n", trained);

    if (options.test && info.isClassification())
        printConfusion(bp::evaluate(model.network, testData), info.classNames);

    if (args.has("save")) {
        model.hyper = h;
        model.seed = seed;
        model.datasetName = info.name;
        model.inputNames = info.inputNames;
        model.targetNames = info.targetNames;
        model.classNames = info.classNames;
        bp::saveModel(model, args.text("save"));
        std::printf("saved %s\n", args.text("save").c_str());
    }
    return 0;
}

} // namespace cli
