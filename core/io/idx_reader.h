#pragma once
// MNIST-style IDX files, plain or gzip-compressed: an images file (magic
// 0x00000803: unsigned bytes, records × rows × columns) and a labels file
// (magic 0x00000801: one unsigned byte per record).
#include "io/data_loader.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bp {

// Pixels become inputs scaled by 1/255 to [0, 1]; labels become one-hot targets
// over the classes present ("0".."9"), or over `opt.classes` when given. Reports the
// (compressed) bytes of both files read on `progress`; LoadCancelled when cancelled.
Dataset readIdx(const std::string& imagesPath, const LoadOptions& opt = {},
                const LoadProgress& progress = {});

// The labels file beside an images file: "...-images-idx3-ubyte[.gz]" ->
// "...-labels-idx1-ubyte[.gz]" (with or without .gz, whichever exists).
// Empty when the name has no "images" in it.
std::string defaultLabelsPath(const std::string& imagesPath);

// The whole file, gunzipped if it is gzip (plain files pass through). Reports the bytes
// of the file consumed (compressed ones for gzip) on `progress`.
std::vector<std::uint8_t> readMaybeGzipped(const std::string& path,
                                           const LoadProgress& progress = {});

} // namespace bp
