#pragma once
// The parts of an ONNX file (libonnx's protobuf classes) the ONNX reader needs as numbers:
// the values of a weight tensor and a node's attributes, checked, with messages that say
// what is wrong. Private to bp_io (onnx_reader.cpp): the protobuf types stay out of the
// public headers. Errors are InputError(message); the reader adds the file.
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bp::onnx_reading {

// A weight tensor as doubles, row-major, with its dimensions.
struct Tensor {
    std::vector<std::int64_t> dims;
    std::vector<double> values;
};

// The values of a FLOAT or DOUBLE tensor stored in the file (raw_data, little-endian, or
// float_data / double_data); `what` names it in messages ("initializer '0.weight'"). Refuses
// another element type, external data, a count that does not match the dimensions, and a
// value that is not finite.
Tensor tensorValues(const onnx::TensorProto& t, const std::string& what);

// "[4, 3]", for messages.
std::string dimsText(const std::vector<std::int64_t>& dims);

// The node's attribute `name`, or null. intAttribute / floatAttribute refuse an attribute of
// another type (`what` names the node).
const onnx::AttributeProto* attributeOf(const onnx::NodeProto& node, const std::string& name);
std::optional<std::int64_t> intAttribute(const onnx::NodeProto& node, const std::string& name,
                                         const std::string& what);
std::optional<float> floatAttribute(const onnx::NodeProto& node, const std::string& name,
                                    const std::string& what);

// The double a float attribute stands for: the shortest decimal that reads back as the same
// float, read as a double. ONNX attributes are float32, so PyTorch's LeakyReLU(0.01) arrives
// as 0.0099999998; this gives 0.01 again.
double shortestDecimal(float f);

// The float as that shortest decimal, for messages ("0.1").
std::string floatText(float f);

} // namespace bp::onnx_reading
