#pragma once
// The keys of ModelProto.metadata_props that the ONNX writer sets and the reader reads back:
// what ONNX has no place for. Other programs ignore them.
namespace bp::onnx_metadata {

constexpr const char* kLoss = "backprop_studio.loss";                   // "mse", "cross_entropy"
constexpr const char* kNormalization = "backprop_studio.normalization"; // "minmax", "zscore"

} // namespace bp::onnx_metadata
