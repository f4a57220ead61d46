#include "setup.h"

#include "builtin_datasets.h"
#include "class_subset.h"
#include "data_loader.h"
#include "error.h"

#include <algorithm>

namespace cli {

const std::set<std::string> kDataOptions = {"data",    "labels", "target", "classes",
                                            "dataset", "noise",  "seed"};
const std::set<std::string> kDataFlags = {"classify"};

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
    bp::LoadOptions o;
    o.labelsPath = args.text("labels");
    o.targets = args.list("target");
    o.classify = args.has("classify");
    o.classes = args.list("classes");
    return bp::loadDataset(args.text("data"), o);
}

void matchModelClasses(const bp::Model& model, bp::Dataset& data) {
    if (model.classNames.empty() || data.classNames == model.classNames)
        return;
    if (!data.isClassification())
        throw bp::InputError(data.name, "the model classifies (" +
                                            std::to_string(model.classNames.size()) +
                                            " classes) but the data has no class column");
    // Re-encode each record's class over the model's class list.
    std::vector<int> toModel(data.classNames.size());
    for (std::size_t c = 0; c < data.classNames.size(); ++c) {
        const auto it =
            std::find(model.classNames.begin(), model.classNames.end(), data.classNames[c]);
        if (it == model.classNames.end())
            throw bp::InputError(data.name,
                                 "class '" + data.classNames[c] + "' is not one the model knows");
        toModel[c] = static_cast<int>(it - model.classNames.begin());
    }
    const Eigen::Index outputs = model.network.outputSize();
    bp::Matrix targets = bp::Matrix::Zero(outputs, data.records());
    for (Eigen::Index r = 0; r < data.records(); ++r) {
        const int c = toModel[static_cast<std::size_t>(data.labels[static_cast<std::size_t>(r)])];
        data.labels[static_cast<std::size_t>(r)] = c;
        if (outputs == 1)
            targets(0, r) = c;
        else
            targets(c, r) = 1;
    }
    data.targets = targets;
    data.classNames = model.classNames;
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
