#pragma once
// What the commands share: reading the data options, building or loading the
// network, and naming the options each command accepts.
#include "arguments.h"
#include "dataset.h"
#include "model_file.h"

#include <set>
#include <string>

namespace cli {

// Options every data-reading command accepts.
extern const std::set<std::string> kDataOptions;
extern const std::set<std::string> kDataFlags;

// `train --preset seed`: the options of the seed's setup (seed_setup.h) put in for
// every one the user did not give; the user's own options win. Other names are a
// usage error. Without --preset the arguments are returned as they are.
std::vector<std::string> expandPreset(const std::vector<std::string>& argv);
// The seed's setup as train options, e.g. for --help and the README.
std::vector<std::string> seedSetupOptions();

// --data FILE (with --labels, --target, --classify, --classes) or --dataset NAME
// (built-in, with --noise and --seed).
bp::Dataset loadData(const Arguments& args);

// --test FILE (with --test-labels, and --target, --classify, --classes as for the
// data): a test set from its own file, its classes encoded over `train`'s.
bp::Dataset loadTestData(const Arguments& args, const bp::Dataset& train);

// Applies a model's stored class list to data read for it: the data's classes must
// be among the model's; targets are re-encoded over the model's classes.
void matchModelClasses(const bp::Model& model, bp::Dataset& data);

// Re-encodes `data`'s class of each record over `classes` (which must include every
// class of `data`) into `outputs` target rows: one-hot, or one 0/1 row when outputs = 1.
void encodeOverClasses(const std::vector<std::string>& classes, Eigen::Index outputs,
                       bp::Dataset& data, const std::string& owner);

// A model from --model FILE, or a new network from --layers, --activation,
// --output-activation, --loss, --init, --seed fitted to `data`'s width.
bp::Model modelFromOptions(const Arguments& args, const bp::Dataset& data);

// The input and output widths must fit the network.
void checkFits(const bp::Network& net, const bp::Dataset& data);

} // namespace cli
