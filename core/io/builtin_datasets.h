#pragma once
// The datasets that come with the app: generated ones (xor, circle, spirals,
// blobs, sine) and small classic files shipped in resources/datasets (iris,
// wine, digits). See docs/data-formats.md and resources/datasets/README.md.
#include "math/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bp {

// "xor", "circle", "spirals", "blobs", "sine", "iris", "wine", "digits".
std::vector<std::string> builtinDatasetNames();

// Generated sets use `seed`, `noise` and `records` (0 = the default size). The
// shipped files ignore `noise`; `records` > 0 keeps a seeded random sample of
// that many records, in file order. InputError on an unknown name (listing the
// known ones) or bad arguments.
Dataset builtinDataset(const std::string& name, std::uint64_t seed = 1, double noise = 0.1,
                       long records = 0);

// Where the shipped files are: $BP_DATASETS_DIR if set; else
// <executable dir>/../share/backprop-studio/datasets if it exists; else the
// source tree's resources/datasets.
std::string datasetsDir();

} // namespace bp
