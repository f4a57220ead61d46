#pragma once
// The options backprop-cli's commands share, declared once on CLI11 with their types,
// ranges and allowed values: a bad value is a usage error (exit 2) that names the
// option, the value and what is allowed, before any file is read.
#include "io/experiment.h"
#include "math/setting_limits.h"

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace cli {

// A usage error found after parsing (exit 2), e.g. a rule across options.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// --data FILE (with --labels, --target, --classify, --classes) or --dataset NAME
// (built-in, with --noise), and --seed.
struct DataOptions {
    std::string data, labels, dataset;
    std::vector<std::string> targets, classes;
    bool classify = false;
    double noise = 0.1;
    std::uint64_t seed = 1;
    CLI::Option* dataOption = nullptr;
    CLI::Option* datasetOption = nullptr;
    CLI::Option* seedOption = nullptr;
};
void addDataOptions(CLI::App& command, DataOptions& o);
// Exactly one of --data and --dataset (a usage error otherwise).
void requireData(const DataOptions& o);
bp::DataSource dataSource(const DataOptions& o);

// Validators with messages that say what is allowed: "must be from 0 to 100".
CLI::Validator within(const bp::Limit& limit);        // [min, max], (min, max] if openMin
CLI::Validator above(double low, const char* what);   // (low, ∞), finite
CLI::Validator atLeast(double low, const char* what); // [low, ∞), finite
// One of `names` (exactly as written), e.g. the activations.
CLI::Validator oneOf(const std::vector<std::string>& names);

// The names the engine knows, for --activation, --loss, --init, --normalize, --precision.
std::vector<std::string> activationNames();
std::vector<std::string> outputActivationNames();

// A model from --model FILE (JSON, or ONNX for a name ending in .onnx) with the data's
// classes encoded over its own, and --loss: the loss to use with it (ONNX has none).
struct ModelOptions {
    std::string model;
    std::string loss; // empty: the model's own (an ONNX model's: onnx_reader.h)
};
void addModelOption(CLI::App& command, ModelOptions& o, bool required);
// --loss for a model (addModelOption adds it; train has its own).
CLI::Option* addModelLossOption(CLI::App& command, std::string& loss);
// The model from --model with --loss applied; a loss that cannot follow the model's output
// layer is a usage error.
bp::Model loadModelFor(const ModelOptions& o);
// The data for a saved model: loaded, its classes encoded over the model's, checked
// to fit the network (an error names the model file, `modelPath`), normalised with the
// model's own normaliser.
bp::Dataset dataForModel(const DataOptions& o, const bp::Model& model,
                         const std::string& modelPath);

} // namespace cli
