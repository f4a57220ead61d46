#include "setup.h"

#include "builtin_datasets.h"
#include "class_subset.h"
#include "data_loader.h"
#include "error.h"
#include "explain.h"
#include "seed_setup.h"

#include <algorithm>
#include <type_traits>

namespace cli {

const std::set<std::string> kDataOptions = {"data",    "labels", "target", "classes",
                                            "dataset", "noise",  "seed"};
const std::set<std::string> kDataFlags = {"classify"};

namespace {
bp::LoadOptions loadOptions(const Arguments& args, const std::string& labelsOption) {
    bp::LoadOptions o;
    o.labelsPath = args.text(labelsOption);
    o.targets = args.list("target");
    o.classify = args.has("classify");
    o.classes = args.list("classes");
    return o;
}
} // namespace

std::vector<std::string> seedSetupOptions() {
    const bp::SeedSetup& s = bp::seedSetup();
    const bp::Architecture& a = s.architecture;
    const auto joined = [](const auto& items) {
        std::string out;
        for (const auto& item : items) {
            if (!out.empty())
                out += ",";
            if constexpr (std::is_same_v<std::decay_t<decltype(item)>, std::string>)
                out += item;
            else
                out += std::to_string(item);
        }
        return out;
    };
    std::vector<std::string> o = {"--dataset",
                                  s.dataset,
                                  "--classes",
                                  joined(s.classes),
                                  "--normalize",
                                  bp::toString(s.normalization),
                                  "--split",
                                  bp::formatNumber(s.trainShare, 6),
                                  "--records",
                                  std::to_string(s.recordLimit),
                                  "--layers",
                                  joined(a.sizes),
                                  "--activation",
                                  bp::toString(a.hidden),
                                  "--output-activation",
                                  bp::toString(a.output),
                                  "--loss",
                                  bp::toString(a.loss),
                                  "--init",
                                  bp::toString(a.init),
                                  "--lr",
                                  bp::formatNumber(s.hyper.learningRate, 6),
                                  "--batch",
                                  std::to_string(s.hyper.batchSize),
                                  "--seed",
                                  std::to_string(s.seed)};
    if (!s.shuffle)
        o.push_back("--no-shuffle");
    return o;
}

std::vector<std::string> expandPreset(const std::vector<std::string>& argv) {
    std::vector<std::string> out;
    std::string preset;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        if (argv[i] != "--preset") {
            out.push_back(argv[i]);
            continue;
        }
        if (i + 1 >= argv.size())
            throw UsageError("--preset needs a value (seed)");
        preset = argv[++i];
    }
    if (preset.empty())
        return out;
    if (preset != "seed")
        throw UsageError("unknown preset '" + preset + "' (known: seed)");
    const auto given = [&out](const std::string& option) {
        return std::find(out.begin(), out.end(), option) != out.end();
    };
    const std::vector<std::string> options = seedSetupOptions();
    std::vector<std::string> added;
    for (std::size_t i = 0; i < options.size(); ++i) {
        const std::string& option = options[i];
        const bool flag = i + 1 >= options.size() || options[i + 1].rfind("--", 0) == 0;
        // --data FILE replaces the built-in dataset (and its class subset stays asked for).
        const bool skip = given(option) || (option == "--dataset" && given("--data"));
        if (!skip) {
            added.push_back(option);
            if (!flag)
                added.push_back(options[i + 1]);
        }
        if (!flag)
            ++i;
    }
    out.insert(out.end(), added.begin(), added.end());
    return out;
}

bp::Dataset loadData(const Arguments& args) {
    if (args.has("data") == args.has("dataset"))
        throw UsageError("give either --data FILE or --dataset NAME (built-in: " + [] {
            std::string s;
            for (const std::string& n : bp::builtinDatasetNames())
                s += (s.empty() ? "" : ", ") + n;
            return s;
        }() + ")");
    if (args.has("dataset")) {
        const long records = 0;
        bp::Dataset d = bp::builtinDataset(args.text("dataset"),
                                           static_cast<std::uint64_t>(args.integer("seed", 1)),
                                           args.number("noise", 0.1), records);
        if (args.has("classes"))
            d = bp::keepClasses(d, args.list("classes"));
        return d;
    }
    return bp::loadDataset(args.text("data"), loadOptions(args, "labels"));
}

bp::Dataset loadTestData(const Arguments& args, const bp::Dataset& train) {
    bp::Dataset test = bp::loadDataset(args.text("test"), loadOptions(args, "test-labels"));
    if (train.isClassification()) {
        if (!test.isClassification())
            throw bp::InputError(test.name, "the training data has classes but the test data "
                                            "has no class column");
        encodeOverClasses(train.classNames, train.outputSize(), test, "the training data");
    }
    if (test.inputSize() != train.inputSize() || test.outputSize() != train.outputSize())
        throw bp::InputError(test.name, "the test data has " + std::to_string(test.inputSize()) +
                                            " inputs and " + std::to_string(test.outputSize()) +
                                            " outputs, the training data " +
                                            std::to_string(train.inputSize()) + " and " +
                                            std::to_string(train.outputSize()));
    return test;
}

void matchModelClasses(const bp::Model& model, bp::Dataset& data) {
    if (model.classNames.empty() || data.classNames == model.classNames)
        return;
    if (!data.isClassification())
        throw bp::InputError(data.name, "the model classifies (" +
                                            std::to_string(model.classNames.size()) +
                                            " classes) but the data has no class column");
    encodeOverClasses(model.classNames, model.network.outputSize(), data, "the model");
}

void encodeOverClasses(const std::vector<std::string>& classes, Eigen::Index outputs,
                       bp::Dataset& data, const std::string& owner) {
    if (data.classNames == classes)
        return;
    // Re-encode each record's class over the given class list.
    std::vector<int> toOwner(data.classNames.size());
    for (std::size_t c = 0; c < data.classNames.size(); ++c) {
        const auto it = std::find(classes.begin(), classes.end(), data.classNames[c]);
        if (it == classes.end())
            throw bp::InputError(data.name, "class '" + data.classNames[c] + "' is not one " +
                                                owner + " knows");
        toOwner[c] = static_cast<int>(it - classes.begin());
    }
    bp::Matrix targets = bp::Matrix::Zero(outputs, data.records());
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
}

void checkFits(const bp::Network& net, const bp::Dataset& data) {
    if (data.inputSize() != net.inputSize)
        throw bp::InputError(data.name, "the data has " + std::to_string(data.inputSize()) +
                                            " inputs but the network expects " +
                                            std::to_string(net.inputSize));
    if (data.outputSize() != net.outputSize())
        throw bp::InputError(data.name, "the data has " + std::to_string(data.outputSize()) +
                                            " target values per record but the network has " +
                                            std::to_string(net.outputSize()) + " outputs");
}

namespace {
bp::Activation activationOption(const Arguments& args, const std::string& name,
                                bp::Activation fallback) {
    if (!args.has(name))
        return fallback;
    const auto a = bp::activationFromString(args.text(name));
    if (!a)
        throw UsageError("--" + name + ": unknown activation '" + args.text(name) +
                         "'; expected one of " + bp::activationNames());
    return *a;
}
} // namespace

bp::Model modelFromOptions(const Arguments& args, const bp::Dataset& data) {
    if (args.has("model")) {
        bp::Model m = bp::loadModel(args.text("model"));
        return m;
    }
    bp::Architecture a;
    const std::vector<std::string> sizes = args.list("layers");
    if (sizes.empty())
        throw UsageError("give --model FILE or --layers IN,HIDDEN…,OUT (e.g. --layers " +
                         std::to_string(data.inputSize()) + ",8," +
                         std::to_string(data.outputSize()) + ")");
    for (const std::string& s : sizes) {
        char* end = nullptr;
        const long n = std::strtol(s.c_str(), &end, 10);
        if (*end != '\0' || n < 1)
            throw UsageError("--layers expects positive whole numbers, got '" + s + "'");
        a.sizes.push_back(n);
    }
    if (a.sizes.front() != data.inputSize() || a.sizes.back() != data.outputSize())
        throw UsageError("--layers " + args.text("layers") + " does not fit " + data.name +
                         ": it has " + std::to_string(data.inputSize()) + " inputs and " +
                         std::to_string(data.outputSize()) + " outputs (try --layers " +
                         std::to_string(data.inputSize()) + ",8," +
                         std::to_string(data.outputSize()) + ")");
    a.hidden = activationOption(args, "activation", bp::Activation::Sigmoid);
    a.output = activationOption(args, "output-activation", bp::Activation::Sigmoid);
    const std::string loss = args.text("loss", "mse");
    const auto l = bp::lossFromString(loss);
    if (!l)
        throw UsageError("--loss: unknown loss '" + loss + "'; expected mse or cross_entropy");
    a.loss = *l;
    const std::string init = args.text("init", "xavier");
    const auto i = bp::initFromString(init);
    if (!i)
        throw UsageError("--init: unknown initialisation '" + init +
                         "'; expected uniform, xavier or he");
    a.init = *i;
    a.uniformRange = args.number("init-range", 0.5);
    const auto seed = static_cast<std::uint64_t>(args.integer("seed", 1));
    bp::Model m;
    m.network = bp::makeNetwork(a, seed);
    m.seed = seed;
    m.init = a.init;
    return m;
}

} // namespace cli
