#include "io/onnx_chain.h"

#include "io/onnx_tensors.h"
#include "math/error.h"

#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace bp::onnx_reading {

namespace {

constexpr const char* kSupported =
    "Gemm, or MatMul + Add, each followed by at most one of Relu, LeakyRelu, Sigmoid, Tanh, "
    "Softmax (and Identity); a leading Sub and Div (or Mul) as the normaliser";

std::string quotedName(const std::string& name) {
    return "'" + name + "'";
}

// The layer being read: its weights w_{i,j} and biases w_{i,0}, before its activation.
struct Dense {
    Matrix w;              // out × in
    Vector bias;           // out
    bool biasOpen = false; // MatMul (or Gemm without C): an Add of the bias may follow
    int node = -1;
};

// A constant operand of a normaliser node, and the node.
struct Operand {
    Tensor tensor;
    int node = -1;
};

class ChainReader {
public:
    ChainReader(const onnx::GraphProto& g, std::int64_t opset) : m_g(g), m_opset(opset) {}

    Chain read() {
        indexNodes();
        findInputAndOutput();
        walk();
        finish();
        return std::move(m_chain);
    }

private:
    const onnx::NodeProto& node(int i) const { return m_g.node(i); }

    // "node #2 '/1/Relu' (Relu)": its index in graph.node, its name and its operator.
    std::string nodeText(int i) const {
        const onnx::NodeProto& n = node(i);
        return "node #" + std::to_string(i) + (n.name().empty() ? "" : " " + quotedName(n.name())) +
               " (" + n.op_type() + ")";
    }

    [[noreturn]] void refuse(int i, const std::string& why) const {
        throw InputError(nodeText(i) + ": " + why);
    }

    // Constants (initializers and Constant nodes), producers and consumers of every tensor.
    void indexNodes() {
        for (const onnx::TensorProto& t : m_g.initializer()) {
            if (t.name().empty())
                throw InputError("the graph has an initializer without a name");
            if (!m_constants.emplace(t.name(), &t).second)
                throw InputError("the graph has two initializers named " + quotedName(t.name()));
        }
        m_visited.assign(static_cast<std::size_t>(m_g.node_size()), false);
        for (int i = 0; i < m_g.node_size(); ++i) {
            const onnx::NodeProto& n = node(i);
            if (!n.domain().empty() && n.domain() != "ai.onnx")
                refuse(i, "the operator is from the domain " + quotedName(n.domain()) +
                              "; only the standard ONNX operators are read");
            for (const std::string& out : n.output()) {
                if (out.empty())
                    continue;
                if (m_constants.count(out))
                    refuse(i, "its output " + quotedName(out) + " has the name of an initializer");
                if (!m_producer.emplace(out, i).second)
                    refuse(i, "its output " + quotedName(out) + " is also the output of " +
                                  nodeText(m_producer[out]));
            }
            for (const std::string& in : n.input())
                if (!in.empty())
                    m_consumers[in].insert(i);
            if (n.op_type() == "Constant" && n.input_size() == 0 && n.output_size() == 1) {
                const onnx::AttributeProto* value = attributeOf(n, "value");
                if (value && value->type() == onnx::AttributeProto_AttributeType_TENSOR) {
                    m_constants.emplace(n.output(0), &value->t());
                    m_visited[static_cast<std::size_t>(i)] = true;
                }
            }
        }
    }

    void findInputAndOutput() {
        std::vector<const onnx::ValueInfoProto*> inputs;
        for (const onnx::ValueInfoProto& v : m_g.input())
            if (!m_constants.count(v.name())) // PyTorch's keep_initializers_as_inputs lists them
                inputs.push_back(&v);
        if (inputs.size() != 1) {
            std::string names;
            for (const onnx::ValueInfoProto* v : inputs)
                names += (names.empty() ? "" : ", ") + quotedName(v->name());
            throw InputError("the graph has " + std::to_string(inputs.size()) + " inputs" +
                             (names.empty() ? "" : " (" + names + ")") +
                             "; expected one, the features of a record");
        }
        if (m_g.output_size() != 1)
            throw InputError("the graph has " + std::to_string(m_g.output_size()) +
                             " outputs; expected one, the network's output");
        const onnx::ValueInfoProto& in = *inputs[0];
        if (in.name().empty())
            throw InputError("the graph's input has no name");
        m_input = in.name();
        m_output = m_g.output(0).name();
        m_current = m_input;
        if (!in.type().has_tensor_type())
            return;
        const onnx::TypeProto_Tensor& t = in.type().tensor_type();
        const int type = t.elem_type();
        if (type != onnx::TensorProto_DataType_UNDEFINED &&
            type != onnx::TensorProto_DataType_FLOAT && type != onnx::TensorProto_DataType_DOUBLE)
            throw InputError(
                "the graph's input " + quotedName(m_input) + " is of element type " +
                onnx::TensorProto_DataType_Name(static_cast<onnx::TensorProto_DataType>(type)) +
                "; expected FLOAT or DOUBLE features");
        if (!t.has_shape())
            return;
        const int rank = t.shape().dim_size();
        if (rank < 1 || rank > 2)
            throw InputError("the graph's input " + quotedName(m_input) + " has " +
                             std::to_string(rank) +
                             " dimensions; expected (batch, features) or (features)");
        m_rank = rank;
        const onnx::TensorShapeProto_Dimension& features = t.shape().dim(rank - 1);
        if (features.has_dim_value() && features.dim_value() > 0)
            m_width = features.dim_value();
    }

    // Follows the only consumer of each tensor from the input to the output.
    void walk() {
        for (;;) {
            const auto found = m_consumers.find(m_current);
            const bool ends = found == m_consumers.end() || found->second.empty();
            if (m_current == m_output) {
                if (!ends)
                    refuse(*found->second.begin(), "it reads the graph's output " +
                                                       quotedName(m_output) +
                                                       "; the output must end the chain");
                return;
            }
            if (ends)
                throw InputError("the chain of layers ends at " + quotedName(m_current) + " (" +
                                 whereFrom() + "), which is not the graph's output " +
                                 quotedName(m_output));
            if (found->second.size() > 1) {
                std::string readers;
                for (int i : found->second)
                    readers += (readers.empty() ? "" : ", ") + nodeText(i);
                throw InputError(quotedName(m_current) + " (" + whereFrom() + ") feeds " +
                                 std::to_string(found->second.size()) + " nodes: " + readers +
                                 "; only a chain of layers (no branch) is read");
            }
            const int i = *found->second.begin();
            if (m_visited[static_cast<std::size_t>(i)])
                refuse(i, "the graph loops back to this node");
            m_visited[static_cast<std::size_t>(i)] = true;
            step(i);
        }
    }

    // Where m_current comes from, for messages.
    std::string whereFrom() const {
        if (m_current == m_input)
            return "the graph's input";
        const auto p = m_producer.find(m_current);
        return p == m_producer.end() ? "a constant" : "the output of " + nodeText(p->second);
    }

    void step(int i) {
        const onnx::NodeProto& n = node(i);
        if (n.output_size() != 1 || n.output(0).empty())
            refuse(i, "it has " + std::to_string(n.output_size()) +
                          " outputs; expected one (is the model exported for training?)");
        const std::string& op = n.op_type();
        if (op == "Gemm")
            gemm(i);
        else if (op == "MatMul")
            matMul(i);
        else if (op == "Add")
            add(i);
        else if (op == "Relu" || op == "LeakyRelu" || op == "Sigmoid" || op == "Tanh" ||
                 op == "Softmax")
            activation(i);
        else if (op == "Identity")
            expectInputs(i, 1);
        else if (op == "Sub" || op == "Div" || op == "Mul")
            normaliser(i);
        else
            refuse(i, "this operator is not supported; a model here is a chain of " +
                          std::string(kSupported));
        m_current = n.output(0);
    }

    // The node reads m_current as its first input and has `count` inputs (or up to `most`).
    void expectInputs(int i, int count, int most = -1) const {
        const onnx::NodeProto& n = node(i);
        most = most < 0 ? count : most;
        if (n.input_size() < count || n.input_size() > most)
            refuse(i, "it has " + std::to_string(n.input_size()) + " inputs; expected " +
                          std::to_string(count) +
                          (most > count ? " or " + std::to_string(most) : ""));
        if (n.input(0) != m_current)
            refuse(i, "its first input is " + quotedName(n.input(0)) + ", not " +
                          quotedName(m_current) + " (" + whereFrom() + ")");
    }

    // Input `k` of node i, which must be a constant; `role` names it ("weight B").
    Tensor constant(int i, int k, const std::string& role) const {
        const std::string& name = node(i).input(k);
        const auto c = m_constants.find(name);
        if (c != m_constants.end())
            return tensorValues(*c->second, nodeText(i) + ": its " + role + " " + quotedName(name));
        if (name == m_current)
            refuse(i, "it reads " + quotedName(name) + " twice; its " + role +
                          " must be a weight stored in the file");
        const auto p = m_producer.find(name);
        if (p != m_producer.end())
            refuse(i, "its " + role + " " + quotedName(name) + " is computed by " +
                          nodeText(p->second) +
                          "; only weights stored in the file (initializers) are read (export "
                          "with do_constant_folding=True, PyTorch's default)");
        refuse(i, "its " + role + " " + quotedName(name) +
                      " is not an initializer; only weights stored in the file are read");
    }

    // A vector of `size` values from a constant of dims [size], [1, size], or a scalar.
    Vector vectorOf(int i, const Tensor& t, Eigen::Index size, const std::string& role) const {
        const auto n = static_cast<Eigen::Index>(t.values.size());
        const bool row = (t.dims.size() == 1 && n == size) ||
                         (t.dims.size() == 2 && t.dims[0] == 1 && n == size);
        const bool scalar = t.dims.size() <= 2 && n == 1;
        if (!row && !scalar)
            refuse(i, "its " + role + " has dimensions " + dimsText(t.dims) + "; expected [" +
                          std::to_string(size) + "] (one per node) or a single value");
        Vector v(size);
        for (Eigen::Index j = 0; j < size; ++j)
            v[j] = t.values[static_cast<std::size_t>(row ? j : 0)];
        return v;
    }

    void startDense(int i, Matrix w, bool biasOpen) {
        const bool first = m_chain.network.layers.empty() && !m_dense;
        closeDense(Activation::Linear); // Gemm after Gemm: the first had no activation
        if (w.rows() < 1 || w.cols() < 1)
            refuse(i, "its weights have no rows or no columns");
        if (m_width >= 0 && w.cols() != m_width)
            refuse(i, "its weights take " + std::to_string(w.cols()) + " features, but " +
                          quotedName(m_current) + " (" + whereFrom() + ") has " +
                          std::to_string(m_width));
        if (first)
            startNetwork(w.cols());
        m_dense = Dense{w, Vector::Zero(w.rows()), biasOpen, i};
    }

    void gemm(int i) {
        const onnx::NodeProto& n = node(i);
        expectInputs(i, 2, 3);
        const std::string what = nodeText(i);
        if (intAttribute(n, "transA", what).value_or(0) != 0)
            refuse(i, "transA is set; expected the records as rows (transA = 0)");
        const std::int64_t transB = intAttribute(n, "transB", what).value_or(0);
        if (transB != 0 && transB != 1)
            refuse(i, "transB is " + std::to_string(transB) + "; expected 0 or 1");
        for (const char* scale : {"alpha", "beta"})
            if (const std::optional<float> f = floatAttribute(n, scale, what); f && *f != 1.0f)
                refuse(i, std::string(scale) + " is " + floatText(*f) +
                              "; only alpha = beta = 1 (Y = A·B + C) is read");
        const Tensor b = constant(i, 1, "weight B");
        if (b.dims.size() != 2)
            refuse(i, "its weight B has dimensions " + dimsText(b.dims) +
                          "; expected a matrix [out, in] (transB = 1) or [in, out]");
        const auto rows = static_cast<Eigen::Index>(b.dims[0]);
        const auto cols = static_cast<Eigen::Index>(b.dims[1]);
        // Row-major [rows, cols]; w is [out, in].
        Matrix w = transB ? Matrix(rows, cols) : Matrix(cols, rows);
        for (Eigen::Index r = 0; r < rows; ++r)
            for (Eigen::Index c = 0; c < cols; ++c) {
                const double v = b.values[static_cast<std::size_t>(r * cols + c)];
                (transB ? w(r, c) : w(c, r)) = v;
            }
        const bool hasBias = n.input_size() == 3 && !n.input(2).empty();
        startDense(i, w, !hasBias);
        if (hasBias)
            m_dense->bias = vectorOf(i, constant(i, 2, "bias C"), w.rows(), "bias C");
    }

    void matMul(int i) {
        expectInputs(i, 2);
        const Tensor b = constant(i, 1, "weight");
        if (b.dims.size() != 2)
            refuse(i, "its weight has dimensions " + dimsText(b.dims) +
                          "; expected a matrix [in, out]");
        const auto rows = static_cast<Eigen::Index>(b.dims[0]); // in
        const auto cols = static_cast<Eigen::Index>(b.dims[1]); // out
        Matrix w(cols, rows);
        for (Eigen::Index r = 0; r < rows; ++r)
            for (Eigen::Index c = 0; c < cols; ++c)
                w(c, r) = b.values[static_cast<std::size_t>(r * cols + c)];
        startDense(i, w, true);
    }

    // The bias after a MatMul: Add(x, b) or Add(b, x) (PyTorch writes the bias first).
    void add(int i) {
        const onnx::NodeProto& n = node(i);
        if (!m_dense || !m_dense->biasOpen)
            refuse(i, "an Add is read only as the bias of a MatMul just before it, and " +
                          quotedName(m_current) + " is " + whereFrom());
        if (n.input_size() != 2)
            refuse(i, "it has " + std::to_string(n.input_size()) + " inputs; expected 2");
        const int other = n.input(0) == m_current ? 1 : 0;
        if (n.input(1 - other) != m_current)
            refuse(i, "it does not read " + quotedName(m_current));
        m_dense->bias = vectorOf(i, constant(i, other, "bias"), m_dense->w.rows(), "bias");
        m_dense->biasOpen = false;
    }

    void activation(int i) {
        const onnx::NodeProto& n = node(i);
        expectInputs(i, 1);
        if (!m_dense)
            refuse(i, "an activation must follow a dense layer (Gemm, or MatMul + Add), and " +
                          quotedName(m_current) + " is " + whereFrom());
        const std::string& op = n.op_type();
        const std::string what = nodeText(i);
        Activation a = Activation::Relu;
        if (op == "Sigmoid")
            a = Activation::Sigmoid;
        else if (op == "Tanh")
            a = Activation::Tanh;
        else if (op == "LeakyRelu") {
            a = Activation::LeakyRelu;
            const float alpha = floatAttribute(n, "alpha", what).value_or(0.01f);
            if (shortestDecimal(alpha) != kLeakySlope)
                refuse(i, "its slope alpha is " + floatText(alpha) +
                              "; Backprop Studio's leaky ReLU has the fixed slope 0.01 "
                              "(nn.LeakyReLU's default)");
        } else if (op == "Softmax") {
            a = Activation::Softmax;
            // The default axis was 1 before opset 13 and -1 from 13 on.
            const std::int64_t axis = intAttribute(n, "axis", what).value_or(m_opset < 13 ? 1 : -1);
            if (axis != -1 && axis != m_rank - 1)
                refuse(i, "axis is " + std::to_string(axis) +
                              "; only a softmax over the last dimension (the layer's nodes, "
                              "nn.Softmax(dim=-1)) is read");
        }
        m_dense->node = i;
        closeDense(a);
    }

    // Sub, then Div or Mul, of constants before the first layer: x' = (x − offset) / scale.
    void normaliser(int i) {
        const std::string& op = node(i).op_type();
        const bool before = m_chain.network.layers.empty() && !m_dense;
        const bool isSub = op == "Sub";
        if (!before || (isSub && (m_offset || m_scale)) || (!isSub && m_scale))
            refuse(i, "a " + op +
                          " is read only in the normaliser before the first layer: one Sub of the "
                          "offsets, then one Div (or Mul) by the scales");
        expectInputs(i, 2);
        Operand o{constant(i, 1, isSub ? "offset" : "scale"), i};
        for (double v : o.tensor.values)
            if (v == 0 && op != "Sub")
                refuse(i, std::string("a scale is 0; the normaliser ") +
                              (op == "Div" ? "divides by it" : "would divide by 1/0"));
        if (op == "Mul")
            for (double& v : o.tensor.values) {
                v = 1 / v; // x·s = x / (1/s)
                if (!std::isfinite(v))
                    refuse(i, "a scale is so small that 1/scale is beyond double's range");
            }
        (isSub ? m_offset : m_scale) = std::move(o);
    }

    void startNetwork(Eigen::Index inputs) {
        m_chain.network.inputSize = inputs;
        m_width = inputs;
        if (!m_offset && !m_scale)
            return;
        Normalizer& z = m_chain.normalizer;
        z.kind = Normalizer::Kind::ZScore; // the reader sets the kind from the metadata
        z.offset = m_offset ? vectorOf(m_offset->node, m_offset->tensor, inputs, "offset")
                            : Vector::Zero(inputs);
        z.scale = m_scale ? vectorOf(m_scale->node, m_scale->tensor, inputs, "scale")
                          : Vector::Ones(inputs);
    }

    void closeDense(Activation a) {
        if (!m_dense)
            return;
        Layer l;
        l.activation = a;
        l.w.resize(m_dense->w.rows(), m_dense->w.cols() + 1);
        l.w.col(0) = m_dense->bias;
        l.w.rightCols(m_dense->w.cols()) = m_dense->w;
        m_width = l.size();
        m_chain.network.layers.push_back(std::move(l));
        m_layerNodes.push_back(m_dense->node);
        m_dense.reset();
    }

    void finish() {
        closeDense(Activation::Linear);
        const std::vector<Layer>& layers = m_chain.network.layers;
        if (layers.empty())
            throw InputError("the graph has no dense layer (Gemm, or MatMul + Add) from its "
                             "input " +
                             quotedName(m_input) + " to its output " + quotedName(m_output));
        for (std::size_t k = 0; k + 1 < layers.size(); ++k)
            if (layers[k].activation == Activation::Softmax)
                refuse(m_layerNodes[k], "softmax is for the output layer only, and this is "
                                        "hidden layer " +
                                            std::to_string(k + 1) + " of " +
                                            std::to_string(layers.size()));
        for (int i = 0; i < m_g.node_size(); ++i)
            if (!m_visited[static_cast<std::size_t>(i)])
                refuse(i, "it is not on the chain from the input " + quotedName(m_input) +
                              " to the output " + quotedName(m_output));
        const onnx::ValueInfoProto& out = m_g.output(0);
        if (out.type().has_tensor_type() && out.type().tensor_type().has_shape()) {
            const onnx::TensorShapeProto& s = out.type().tensor_type().shape();
            const int rank = s.dim_size();
            if (rank >= 1 && s.dim(rank - 1).has_dim_value() &&
                s.dim(rank - 1).dim_value() != m_width)
                throw InputError("the graph's output " + quotedName(m_output) + " has " +
                                 std::to_string(s.dim(rank - 1).dim_value()) +
                                 " values, but the last layer has " + std::to_string(m_width) +
                                 " nodes");
        }
    }

    const onnx::GraphProto& m_g;
    std::int64_t m_opset;
    std::map<std::string, const onnx::TensorProto*> m_constants;
    std::map<std::string, int> m_producer;
    std::map<std::string, std::set<int>> m_consumers;
    std::vector<bool> m_visited;
    std::string m_input, m_output, m_current;
    std::int64_t m_width = -1; // features of m_current; -1 while unknown
    int m_rank = 2;
    std::optional<Dense> m_dense;
    std::optional<Operand> m_offset, m_scale;
    std::vector<int> m_layerNodes; // per layer: its activation node, else its Gemm/MatMul
    Chain m_chain;
};

} // namespace

Chain readChain(const onnx::GraphProto& graph, std::int64_t opset) {
    return ChainReader(graph, opset).read();
}

} // namespace bp::onnx_reading
