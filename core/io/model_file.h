#pragma once
// The model file (*.json, format "backprop-studio-model", version 1): a trained
// network with what is needed to use it again. docs/model-format.md describes it.
#include "math/dataset.h"
#include "math/network.h"
#include "math/optimizer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bp {

struct Model {
    Network network;
    Normalizer normalizer;                                        // Kind::None if absent
    std::vector<std::string> inputNames, targetNames, classNames; // optional (empty)
    std::optional<Hyper> hyper;                                   // training settings, optional
    std::optional<std::uint64_t> seed;                            // optional
    std::optional<Init> init;                                     // optional
    std::string datasetName;                                      // optional (empty)
};

constexpr const char* kModelFormat = "backprop-studio-model";
constexpr int kModelVersion = 1;

// Reads and checks a model file. Throws InputError(path, line, column, message)
// saying where and what was expected; a file that cannot be read gives the reason.
// A path ending in ".onnx" is read as ONNX (onnx_reader.h, docs/onnx.md).
Model loadModel(const std::string& path);

// The same for text in memory; fileNameForMessages names it in errors.
Model parseModel(const std::string& text, const std::string& fileNameForMessages);

// Pretty JSON with a stable field order; weights with 17 significant digits, so
// parseModel(modelToJson(m)) gives m back bit for bit. Throws InputError for a
// model that cannot be written (a non-finite weight, a size mismatch).
std::string modelToJson(const Model& m);

// Writes atomically: path + ".tmp-XXXXXX" in the same directory, flushed to disk,
// then renamed over path. Checks first that the text loads back as the same
// network. On any failure the temporary file is removed, an existing file at path
// is left as it was, and InputError(path, reason) is thrown. A path ending in ".onnx"
// is written as ONNX in double (saveOnnxModel), so that loadModel reads it back.
void saveModel(const Model& m, const std::string& path);

} // namespace bp
