#include "io/onnx_writer.h"

#include "io/atomic_file.h"
#include "io/onnx_metadata.h"
#include "io/onnx_reader.h"
#include "math/error.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace bp {

namespace {

constexpr int kIrVersion = 7; // what PyTorch 1.13 writes for opsets 13 and 14
constexpr int kOpset = 13;

struct Writer {
    onnx::GraphProto& graph;
    OnnxPrecision precision;

    int elementType() const {
        return precision == OnnxPrecision::Float ? onnx::TensorProto_DataType_FLOAT
                                                 : onnx::TensorProto_DataType_DOUBLE;
    }

    // An initializer of `values` (row-major) with dims `dims`; `what` names it in errors.
    void initializer(const std::string& name, const std::vector<std::int64_t>& dims,
                     const std::vector<double>& values, const std::string& what) {
        onnx::TensorProto* t = graph.add_initializer();
        t->set_name(name);
        t->set_data_type(elementType());
        for (std::int64_t d : dims)
            t->add_dims(d);
        std::string raw;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const double v = values[i];
            if (!std::isfinite(v))
                throw InputError(what + " value " + std::to_string(i + 1) + " is " +
                                 (std::isnan(v) ? "nan" : "infinite") + " (did training diverge?)");
            if (precision == OnnxPrecision::Double) {
                raw.append(reinterpret_cast<const char*>(&v), sizeof v); // little-endian host
                continue;
            }
            const auto f = static_cast<float>(v);
            if (!std::isfinite(f))
                throw InputError(what + " value " + std::to_string(i + 1) +
                                 " is beyond float's range; export with double precision");
            raw.append(reinterpret_cast<const char*>(&f), sizeof f);
        }
        t->set_raw_data(raw);
    }

    onnx::NodeProto* node(const std::string& op, const std::string& name,
                          const std::vector<std::string>& inputs, const std::string& output) {
        onnx::NodeProto* n = graph.add_node();
        n->set_op_type(op);
        n->set_name(name);
        for (const std::string& in : inputs)
            n->add_input(in);
        n->add_output(output);
        return n;
    }

    void value(onnx::ValueInfoProto* v, const std::string& name, Eigen::Index features) {
        v->set_name(name);
        onnx::TypeProto_Tensor* t = v->mutable_type()->mutable_tensor_type();
        t->set_elem_type(elementType());
        t->mutable_shape()->add_dim()->set_dim_param("batch");
        t->mutable_shape()->add_dim()->set_dim_value(features);
    }
};

void addAttribute(onnx::NodeProto* n, const std::string& name, std::int64_t i) {
    onnx::AttributeProto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_INT);
    a->set_i(i);
}

void addAttribute(onnx::NodeProto* n, const std::string& name, float f) {
    onnx::AttributeProto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_FLOAT);
    a->set_f(f);
}

std::vector<double> valuesOf(const Vector& v) {
    return std::vector<double>(v.data(), v.data() + v.size());
}

// Returns the name of the normalised input.
std::string writeNormalizer(Writer& w, const Normalizer& z, Eigen::Index inputs) {
    if (z.kind == Normalizer::Kind::None)
        return "input";
    if (z.offset.size() != inputs || z.scale.size() != inputs)
        throw InputError("the normaliser has " + std::to_string(z.offset.size()) + " offsets and " +
                         std::to_string(z.scale.size()) + " scales for " + std::to_string(inputs) +
                         " inputs");
    w.initializer("normalizer.offset", {inputs}, valuesOf(z.offset), "normaliser offset");
    w.initializer("normalizer.scale", {inputs}, valuesOf(z.scale), "normaliser scale");
    // x' = (x − offset) / scale, as Normalizer::applied computes it.
    w.node("Sub", "normalizer/Sub", {"input", "normalizer.offset"}, "normalizer.centered");
    w.node("Div", "normalizer/Div", {"normalizer.centered", "normalizer.scale"}, "normalized");
    return "normalized";
}

const char* operatorOf(Activation a) {
    switch (a) {
    case Activation::Linear:
        return nullptr;
    case Activation::Sigmoid:
        return "Sigmoid";
    case Activation::Tanh:
        return "Tanh";
    case Activation::Relu:
        return "Relu";
    case Activation::LeakyRelu:
        return "LeakyRelu";
    case Activation::Softmax:
        return "Softmax";
    }
    return nullptr;
}

// Layer k: Gemm(in, W, b) with transB = 1, then its activation; returns its output's name.
std::string writeLayer(Writer& w, const Layer& l, int k, Eigen::Index inputs, bool last,
                       const std::string& in) {
    const std::string name = "layer" + std::to_string(k);
    if (l.w.cols() != inputs + 1 || l.w.rows() < 1)
        throw InputError(name + " has a " + std::to_string(l.w.rows()) + " x " +
                         std::to_string(l.w.cols()) + " weight matrix; expected " +
                         std::to_string(inputs + 1) + " columns (1 bias + inputs)");
    std::vector<double> weights;
    for (Eigen::Index i = 0; i < l.w.rows(); ++i)
        for (Eigen::Index j = 1; j < l.w.cols(); ++j)
            weights.push_back(l.w(i, j)); // [out, in] row-major: w_{i,j}(k)
    const std::vector<double> bias(valuesOf(l.w.col(0)));
    w.initializer(name + ".weight", {l.w.rows(), inputs}, weights, name + " weights");
    w.initializer(name + ".bias", {l.w.rows()}, bias, name + " biases");
    const char* op = operatorOf(l.activation);
    const std::string z = op || !last ? name + ".z" : "output";
    onnx::NodeProto* gemm =
        w.node("Gemm", name + "/Gemm", {in, name + ".weight", name + ".bias"}, z);
    addAttribute(gemm, "alpha", 1.0f);
    addAttribute(gemm, "beta", 1.0f);
    addAttribute(gemm, "transB", std::int64_t(1));
    if (!op)
        return z;
    const std::string x = last ? "output" : name + ".x";
    onnx::NodeProto* act = w.node(op, name + "/" + op, {z}, x);
    if (l.activation == Activation::LeakyRelu)
        addAttribute(act, "alpha", static_cast<float>(kLeakySlope));
    if (l.activation == Activation::Softmax)
        addAttribute(act, "axis", std::int64_t(-1));
    return x;
}

void addMetadata(onnx::ModelProto& m, const char* key, const std::string& value) {
    onnx::StringStringEntryProto* p = m.add_metadata_props();
    p->set_key(key);
    p->set_value(value);
}

std::string toBytes(const Model& model, OnnxPrecision precision) {
    const Network& net = model.network;
    if (net.layers.empty() || net.inputSize < 1)
        throw InputError("the network has no layers");
    onnx::ModelProto m;
    m.set_ir_version(kIrVersion);
    m.set_producer_name("Backprop Studio");
    m.set_producer_version("0.1.0");
    m.add_opset_import()->set_version(kOpset);
    addMetadata(m, onnx_metadata::kLoss, toString(net.loss));
    if (model.normalizer.kind != Normalizer::Kind::None)
        addMetadata(m, onnx_metadata::kNormalization, toString(model.normalizer.kind));
    onnx::GraphProto& g = *m.mutable_graph();
    g.set_name("backprop_studio_mlp");
    Writer w{g, precision};
    w.value(g.add_input(), "input", net.inputSize);
    w.value(g.add_output(), "output", net.outputSize());
    std::string x = writeNormalizer(w, model.normalizer, net.inputSize);
    Eigen::Index inputs = net.inputSize;
    for (int k = 1; k <= net.depth(); ++k) {
        x = writeLayer(w, net.layer(k), k, inputs, k == net.depth(), x);
        inputs = net.layer(k).size();
    }
    std::string bytes;
    if (!m.SerializeToString(&bytes))
        throw InputError("the ONNX model cannot be serialised (over 2 GB?)");
    return bytes;
}

} // namespace

std::string toString(OnnxPrecision p) {
    return p == OnnxPrecision::Float ? "float" : "double";
}

std::optional<OnnxPrecision> onnxPrecisionFromString(const std::string& name) {
    if (name == "float")
        return OnnxPrecision::Float;
    if (name == "double")
        return OnnxPrecision::Double;
    return std::nullopt;
}

std::string onnxBytes(const Model& m, OnnxPrecision precision) {
    try {
        return toBytes(m, precision);
    } catch (const InputError& e) {
        throw InputError("cannot write the ONNX model: " + e.message());
    }
}

void saveOnnxModel(const Model& m, const std::string& path, OnnxPrecision precision) {
    std::string bytes;
    try {
        bytes = toBytes(m, precision);
        // What is saved must load; in double, as the same network.
        const Model back = parseOnnxModel(bytes, path);
        if (precision == OnnxPrecision::Double && back.network != m.network)
            throw InputError("the weights do not read back exactly (a bug; please report it)");
    } catch (const InputError& e) {
        throw InputError(path, "cannot save the ONNX model: " + e.message());
    }
    writeFileAtomically(path, bytes, "ONNX model");
}

} // namespace bp
