#pragma once
// ONNX models in: a multi-layer perceptron saved by torch.onnx.export (an nn.Sequential of
// nn.Linear and ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, Identity) or any exporter that
// writes the same chain (Keras/tf2onnx's MatMul + Add). docs/onnx.md says what is read.
#include "io/model_file.h"

#include <string>

namespace bp {

// Reads an .onnx file with libonnx's protobuf classes. Accepted: one graph input (batch,
// features) or (features), one output, and a chain of dense layers — Gemm (transA 0,
// transB 0 or 1, alpha and beta 1) or MatMul followed by an Add of the bias, with the
// weights as FLOAT or DOUBLE initializers (or Constant nodes) — each followed by at most one
// activation node (Relu, LeakyRelu with slope 0.01, Sigmoid, Tanh, Softmax on the last
// axis, for the output layer only; Identity nodes are skipped; no activation = linear),
// optionally after a leading Sub and Div (or Mul) of constants: the normaliser, as
// saveOnnxModel writes it. The loss is not in ONNX: the metadata key
// "backprop_studio.loss" if present (saveOnnxModel writes it), else cross_entropy after a
// softmax output and mse otherwise. Anything else throws InputError(path, message) naming
// the node (its index in graph.node, its name and operator) and why.
Model loadOnnxModel(const std::string& path);

// The same for the bytes of a file; fileNameForMessages names it in errors.
Model parseOnnxModel(const std::string& bytes, const std::string& fileNameForMessages);

// Whether loadModel reads `path` as ONNX: its name ends in ".onnx" (any case).
bool isOnnxPath(const std::string& path);

} // namespace bp
