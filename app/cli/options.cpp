#include "options.h"

#include "io/builtin_datasets.h"
#include "math/activation.h"
#include "math/explain.h"

#include <cmath>

namespace cli {

namespace {
std::string number(double v) {
    return bp::formatNumber(v, 10);
}

// The value as a finite double, or an error message.
std::string parsed(const std::string& text, double& v) {
    std::size_t used = 0;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        return "expects a number, got '" + text + "'";
    }
    if (used != text.size() || !std::isfinite(v))
        return "expects a finite number, got '" + text + "'";
    return {};
}
} // namespace

CLI::Validator within(const bp::Limit& limit) {
    return CLI::Validator(
        [limit](std::string& text) {
            double v = 0;
            if (std::string wrong = parsed(text, v); !wrong.empty())
                return wrong;
            if (bp::outsideLimit(limit, v))
                return "must be " + bp::rangeText(limit) + "; got " + text;
            return std::string();
        },
        "[" + number(limit.min) + ", " + number(limit.max) + "]");
}

CLI::Validator above(double low, const char* what) {
    return CLI::Validator(
        [low, what](std::string& text) {
            double v = 0;
            if (std::string wrong = parsed(text, v); !wrong.empty())
                return wrong;
            if (!(v > low))
                return "must be " + std::string(what) + " (above " + number(low) + "); got " + text;
            return std::string();
        },
        "> " + number(low));
}

CLI::Validator atLeast(double low, const char* what) {
    return CLI::Validator(
        [low, what](std::string& text) {
            double v = 0;
            if (std::string wrong = parsed(text, v); !wrong.empty())
                return wrong;
            if (!(v >= low))
                return "must be " + std::string(what) + " (" + number(low) + " or more); got " +
                       text;
            return std::string();
        },
        ">= " + number(low));
}

CLI::Validator oneOf(const std::vector<std::string>& names) {
    std::string list;
    for (const std::string& n : names)
        list += (list.empty() ? "" : ", ") + n;
    return CLI::Validator(
        [names, list](std::string& text) {
            for (const std::string& n : names)
                if (text == n)
                    return std::string();
            return "'" + text + "' is not one of " + list;
        },
        "{" + list + "}");
}

std::vector<std::string> activationNames() {
    return {"linear", "sigmoid", "tanh", "relu", "leaky_relu"};
}

std::vector<std::string> outputActivationNames() {
    std::vector<std::string> names = activationNames();
    names.push_back("softmax");
    return names;
}

void addDataOptions(CLI::App& command, DataOptions& o) {
    o.dataOption = command.add_option("--data", o.data,
                                      "CSV, FANN .data or MNIST-style IDX "
                                      "(plain or .gz)");
    command.add_option("--labels", o.labels, "IDX labels (default: beside the images file)")
        ->needs(o.dataOption);
    command
        .add_option("--target", o.targets,
                    "CSV target column(s) by name or 1-based index (default: the last)")
        ->delimiter(',')
        ->needs(o.dataOption);
    command.add_flag("--classify", o.classify, "an integer target column holds class labels")
        ->needs(o.dataOption);
    command
        .add_option("--classes", o.classes,
                    "keep only these classes (the seed's "
                    "labels_include), e.g. 0,1,2")
        ->delimiter(',');
    std::vector<std::string> builtins = bp::builtinDatasetNames();
    o.datasetOption = command.add_option("--dataset", o.dataset, "a built-in dataset")
                          ->check(oneOf(builtins))
                          ->excludes(o.dataOption);
    command.add_option("--noise", o.noise, "noise of a generated dataset (default 0.1)")
        ->check(within(bp::Limit{0, 2, "the noise", "--noise"}))
        ->needs(o.datasetOption);
    o.seedOption = command
                       .add_option("--seed", o.seed,
                                   "seed for initialisation, shuffling, split, generators "
                                   "(default 1)")
                       ->check(within(bp::limits::seed));
}

void requireData(const DataOptions& o) {
    if (o.data.empty() && o.dataset.empty()) {
        std::string names;
        for (const std::string& n : bp::builtinDatasetNames())
            names += (names.empty() ? "" : ", ") + n;
        throw UsageError("give either --data FILE or --dataset NAME (built-in: " + names + ")");
    }
}

bp::DataSource dataSource(const DataOptions& o) {
    bp::DataSource d;
    d.builtin = o.data.empty() ? o.dataset : std::string();
    d.file = o.data;
    d.load.labelsPath = o.labels;
    d.load.targets = o.targets;
    d.load.classify = o.classify;
    d.load.classes = o.classes;
    d.noise = o.noise;
    d.seed = o.seed;
    return d;
}

void addModelOption(CLI::App& command, ModelOptions& o, bool required) {
    CLI::Option* m =
        command.add_option("--model", o.model, "a saved model (JSON, or ONNX: *.onnx)");
    if (required)
        m->required();
    addModelLossOption(command, o.loss)->needs(m);
}

CLI::Option* addModelLossOption(CLI::App& command, std::string& loss) {
    return command
        .add_option("--loss", loss,
                    "with --model: the loss to use (default: the model's; an ONNX model has "
                    "none: cross_entropy after a softmax output, else mse)")
        ->check(oneOf({"mse", "cross_entropy"}));
}

bp::Model loadModelFor(const ModelOptions& o) {
    bp::Model m = bp::loadModel(o.model);
    if (o.loss.empty())
        return m;
    const bp::Loss loss = *bp::lossFromString(o.loss);
    const bp::Activation out = m.network.layers.back().activation;
    if (!bp::lossFitsOutput(loss, out))
        throw UsageError("--loss " + o.loss + " needs a sigmoid or softmax output layer, but " +
                         o.model + " has a " + bp::toString(out) + " output layer; use --loss mse");
    m.network.loss = loss;
    return m;
}

bp::Dataset dataForModel(const DataOptions& o, const bp::Model& model,
                         const std::string& modelPath) {
    requireData(o);
    bp::Dataset data = bp::loadSource(dataSource(o));
    bp::matchModelClasses(model, data);
    bp::checkFits(model.network, data, modelPath);
    model.normalizer.apply(data.inputs);
    return data;
}

} // namespace cli
