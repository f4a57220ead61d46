#include "io/onnx_tensors.h"

#include "math/error.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace bp::onnx_reading {

namespace {

// Far above any dense layer a 512 MB file can hold; keeps the count from overflowing.
constexpr std::int64_t kMaxValues = std::int64_t(1) << 28;

std::string elementTypeName(int type) {
    if (onnx::TensorProto_DataType_IsValid(type))
        return onnx::TensorProto_DataType_Name(static_cast<onnx::TensorProto_DataType>(type));
    return "type " + std::to_string(type);
}

std::int64_t valueCount(const onnx::TensorProto& t, const std::string& what) {
    std::int64_t n = 1;
    for (int i = 0; i < t.dims_size(); ++i) {
        const std::int64_t d = t.dims(i);
        if (d < 0 || d > kMaxValues)
            throw InputError(what + " has dimension " + std::to_string(d) +
                             "; expected a size from 0 to " + std::to_string(kMaxValues));
        n *= d;
        if (n > kMaxValues)
            throw InputError(what + " has more than " + std::to_string(kMaxValues) +
                             " values, too many for a dense layer");
    }
    return n;
}

template <typename T>
void readRaw(const std::string& raw, std::int64_t n, std::vector<double>& out,
             const std::string& what) {
    const std::size_t bytes = static_cast<std::size_t>(n) * sizeof(T);
    if (raw.size() != bytes)
        throw InputError(what + " has " + std::to_string(raw.size()) + " bytes of raw_data; its " +
                         std::to_string(n) + " values need " + std::to_string(bytes));
    out.resize(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < out.size(); ++i) {
        T v;
        std::memcpy(&v, raw.data() + i * sizeof(T), sizeof(T)); // little-endian, as the host
        out[i] = static_cast<double>(v);
    }
}

} // namespace

Tensor tensorValues(const onnx::TensorProto& t, const std::string& what) {
    if (t.data_location() == onnx::TensorProto_DataLocation_EXTERNAL || t.external_data_size() > 0)
        throw InputError(what +
                         " keeps its values in an external file; save the model with "
                         "the weights inside (torch.onnx.export does for models under 2 GB)");
    if (t.has_segment())
        throw InputError(what + " is stored in segments; expected the whole tensor");
    const int type = t.data_type();
    if (type != onnx::TensorProto_DataType_FLOAT && type != onnx::TensorProto_DataType_DOUBLE)
        throw InputError(what + " holds " + elementTypeName(type) +
                         " values; expected FLOAT or DOUBLE weights");
    Tensor out;
    out.dims.assign(t.dims().begin(), t.dims().end());
    const std::int64_t n = valueCount(t, what);
    const bool isFloat = type == onnx::TensorProto_DataType_FLOAT;
    if (!t.raw_data().empty()) {
        if (isFloat)
            readRaw<float>(t.raw_data(), n, out.values, what);
        else
            readRaw<double>(t.raw_data(), n, out.values, what);
    } else {
        const int stored = isFloat ? t.float_data_size() : t.double_data_size();
        if (stored != n)
            throw InputError(what + " has " + std::to_string(stored) + " values in " +
                             (isFloat ? "float_data" : "double_data") + "; its dimensions " +
                             dimsText(out.dims) + " need " + std::to_string(n));
        out.values.resize(static_cast<std::size_t>(n));
        for (int i = 0; i < stored; ++i)
            out.values[static_cast<std::size_t>(i)] =
                isFloat ? static_cast<double>(t.float_data(i)) : t.double_data(i);
    }
    for (std::size_t i = 0; i < out.values.size(); ++i)
        if (!std::isfinite(out.values[i]))
            throw InputError(what + " value " + std::to_string(i + 1) + " is " +
                             (std::isnan(out.values[i]) ? "nan" : "infinite") +
                             "; weights must be finite");
    return out;
}

std::string dimsText(const std::vector<std::int64_t>& dims) {
    std::string s = "[";
    for (std::size_t i = 0; i < dims.size(); ++i)
        s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
}

const onnx::AttributeProto* attributeOf(const onnx::NodeProto& node, const std::string& name) {
    for (const onnx::AttributeProto& a : node.attribute())
        if (a.name() == name)
            return &a;
    return nullptr;
}

std::optional<std::int64_t> intAttribute(const onnx::NodeProto& node, const std::string& name,
                                         const std::string& what) {
    const onnx::AttributeProto* a = attributeOf(node, name);
    if (!a)
        return std::nullopt;
    if (a->type() != onnx::AttributeProto_AttributeType_INT)
        throw InputError(what + ": attribute " + name + " is " +
                         onnx::AttributeProto_AttributeType_Name(a->type()) + "; expected an INT");
    return a->i();
}

std::optional<float> floatAttribute(const onnx::NodeProto& node, const std::string& name,
                                    const std::string& what) {
    const onnx::AttributeProto* a = attributeOf(node, name);
    if (!a)
        return std::nullopt;
    if (a->type() != onnx::AttributeProto_AttributeType_FLOAT)
        throw InputError(what + ": attribute " + name + " is " +
                         onnx::AttributeProto_AttributeType_Name(a->type()) + "; expected a FLOAT");
    return a->f();
}

std::string floatText(float f) {
    char buf[64];
    const std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, f);
    return std::string(buf, r.ptr);
}

double shortestDecimal(float f) {
    if (!std::isfinite(f))
        return static_cast<double>(f);
    const std::string text = floatText(f);
    double d = 0;
    std::from_chars(text.data(), text.data() + text.size(), d);
    return d;
}

} // namespace bp::onnx_reading
