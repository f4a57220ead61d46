#pragma once
// The walk along an ONNX graph from its input to its output that finds the dense layers,
// their activations and a leading normaliser (onnx_reader.h says what is accepted).
// Private to bp_io. Errors are InputError(message) naming the node; the reader adds the file.
#include "math/dataset.h"
#include "math/network.h"

#include <onnx/onnx_pb.h>

namespace bp::onnx_reading {

struct Chain {
    Network network; // its loss left at the default: the reader chooses it
    Normalizer normalizer;
};

// `opset` is the version of the default ("ai.onnx") operator set, for defaults that
// changed between versions (Softmax's axis).
Chain readChain(const onnx::GraphProto& graph, std::int64_t opset);

} // namespace bp::onnx_reading
