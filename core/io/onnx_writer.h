#pragma once
// ONNX models out: a model as an ONNX graph any ONNX runtime can evaluate (docs/onnx.md).
#include "io/model_file.h"

#include <optional>
#include <string>

namespace bp {

// The element type of the weights, the input and the output.
enum class OnnxPrecision { Float, Double };
std::string toString(OnnxPrecision p); // "float", "double"
std::optional<OnnxPrecision> onnxPrecisionFromString(const std::string& name);

// The model as ONNX bytes (ir_version 7, opset 13): input "input" [batch, inputs], output
// "output" [batch, outputs] ('batch' a dynamic dimension); the normaliser as Sub (offsets)
// and Div (scales) first, so the graph takes raw inputs; then per layer k a Gemm (transB = 1,
// weights "layer{k}.weight" [out, in] and "layer{k}.bias" [out]) and its activation node
// (none for linear). The loss and normalisation kind go in metadata_props. In double,
// parseOnnxModel gives the network and normaliser back bit for bit; in float the weights
// are rounded to nearest. Throws InputError (a weight not finite, or beyond float's range).
std::string onnxBytes(const Model& m, OnnxPrecision precision);

// Writes atomically (atomic_file.h), as saveModel does; checks first that the bytes read
// back. Throws InputError(path, "cannot save the ONNX model: ...").
void saveOnnxModel(const Model& m, const std::string& path,
                   OnnxPrecision precision = OnnxPrecision::Float);

} // namespace bp
