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

// --data FILE (with --labels, --target, --classify, --classes) or --dataset NAME
// (built-in, with --noise and --seed).
bp::Dataset loadData(const Arguments& args);

// Applies a model's stored class list to data read for it: the data's classes must
// be among the model's; targets are re-encoded over the model's classes.
void matchModelClasses(const bp::Model& model, bp::Dataset& data);

// A model from --model FILE, or a new network from --layers, --activation,
// --output-activation, --loss, --init, --seed fitted to `data`'s width.
bp::Model modelFromOptions(const Arguments& args, const bp::Dataset& data);

// The input and output widths must fit the network.
void checkFits(const bp::Network& net, const bp::Dataset& data);

} // namespace cli
