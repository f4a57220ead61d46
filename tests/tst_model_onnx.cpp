// ONNX models in and out (core/io/onnx_reader.h, onnx_writer.h): what torch.onnx.export
// writes is read with the weights where the derivation puts them; everything else is
// refused with the file, the node and its operator; the writer's files read back bit for
// bit in double and rounded to nearest in float. The files are built here with libonnx's
// protobuf classes and written to a temporary folder. (tests/onnx/torch_compare.py
// checks the same bridge against PyTorch itself.)
#include "cli_run.h"
#include "io/model_file.h"
#include "io/onnx_reader.h"
#include "io/onnx_writer.h"
#include "math/error.h"

#include <onnx/onnx_pb.h>

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>

using namespace bp;

namespace {

using Dims = std::vector<std::int64_t>;

void addInit(onnx::GraphProto& g, const std::string& name, const Dims& dims,
             const std::vector<double>& values) {
    onnx::TensorProto* t = g.add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto_DataType_DOUBLE);
    for (std::int64_t d : dims)
        t->add_dims(d);
    t->set_raw_data(
        std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double)));
}

onnx::TensorProto* initializer(onnx::ModelProto& m, const std::string& name) {
    for (onnx::TensorProto& t : *m.mutable_graph()->mutable_initializer())
        if (t.name() == name)
            return &t;
    Q_ASSERT(false);
    return nullptr;
}

onnx::NodeProto* addNode(onnx::GraphProto& g, const std::string& op, const std::string& name,
                         const std::vector<std::string>& inputs, const std::string& output) {
    onnx::NodeProto* n = g.add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const std::string& in : inputs)
        n->add_input(in);
    n->add_output(output);
    return n;
}

void setInt(onnx::NodeProto* n, const std::string& name, std::int64_t i) {
    onnx::AttributeProto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_INT);
    a->set_i(i);
}

void setFloat(onnx::NodeProto* n, const std::string& name, float f) {
    onnx::AttributeProto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_FLOAT);
    a->set_f(f);
}

void addValue(onnx::ValueInfoProto* v, const std::string& name, std::int64_t features) {
    v->set_name(name);
    onnx::TypeProto_Tensor* t = v->mutable_type()->mutable_tensor_type();
    t->set_elem_type(onnx::TensorProto_DataType_DOUBLE);
    t->mutable_shape()->add_dim()->set_dim_param("batch");
    t->mutable_shape()->add_dim()->set_dim_value(features);
}

onnx::NodeProto* addGemm(onnx::GraphProto& g, const std::string& name,
                         const std::vector<std::string>& inputs, const std::string& output) {
    onnx::NodeProto* n = addNode(g, "Gemm", name, inputs, output);
    setFloat(n, "alpha", 1);
    setFloat(n, "beta", 1);
    setInt(n, "transB", 1);
    return n;
}

// A 2-3-2 network as torch.onnx.export writes nn.Sequential(Linear(2, 3), ReLU(),
// Linear(3, 2), Sigmoid()): node #0 g1 (Gemm), #1 r1 (Relu), #2 g2 (Gemm), #3 s2 (Sigmoid).
onnx::ModelProto baseModel() {
    onnx::ModelProto m;
    m.set_ir_version(7);
    m.add_opset_import()->set_version(14);
    onnx::GraphProto& g = *m.mutable_graph();
    addValue(g.add_input(), "x", 2);
    addValue(g.add_output(), "y", 2);
    addInit(g, "l1.w", {3, 2}, {1, 2, 3, 4, 5, 6});
    addInit(g, "l1.b", {3}, {0.5, -0.5, 0.25});
    addInit(g, "l2.w", {2, 3}, {0.1, 0.2, 0.3, -1, -2, -3});
    addInit(g, "l2.b", {2}, {1, 2});
    addGemm(g, "g1", {"x", "l1.w", "l1.b"}, "z1");
    addNode(g, "Relu", "r1", {"z1"}, "x1");
    addGemm(g, "g2", {"x1", "l2.w", "l2.b"}, "z2");
    addNode(g, "Sigmoid", "s2", {"z2"}, "y");
    return m;
}

// w(k) as the derivation has it: row i = [w_{i,0} (the bias), w_{i,1}, ...].
Matrix layer1() {
    Matrix w(3, 3);
    w << 0.5, 1, 2, -0.5, 3, 4, 0.25, 5, 6;
    return w;
}
Matrix layer2() {
    Matrix w(2, 4);
    w << 1, 0.1, 0.2, 0.3, 2, -1, -2, -3;
    return w;
}

std::string bytesOf(const onnx::ModelProto& m) {
    std::string bytes;
    m.SerializeToString(&bytes);
    return bytes;
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

template <typename M> bool sameBits(const M& a, const M& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(double) * std::size_t(a.size())) == 0;
}

using Change = std::function<void(onnx::ModelProto&)>;

onnx::NodeProto* node(onnx::ModelProto& m, int i) {
    return m.mutable_graph()->mutable_node(i);
}

// A network of every activation the engine has, with a normaliser, for the writer.
Model writerModel() {
    Architecture a;
    a.sizes = {3, 5, 4, 4, 4, 3};
    a.perLayer = {Activation::Tanh, Activation::Linear, Activation::LeakyRelu, Activation::Relu,
                  Activation::Softmax};
    a.loss = Loss::CrossEntropy;
    Model m;
    m.network = makeNetwork(a, 42);
    for (Layer& l : m.network.layers)
        l.w.col(0).setLinSpaced(-0.3, 0.7); // non-zero biases
    m.normalizer.kind = Normalizer::Kind::MinMax;
    m.normalizer.offset = Vector::LinSpaced(3, -1.25, 3.1);
    m.normalizer.scale = Vector::LinSpaced(3, 0.3, 7.7);
    return m;
}

} // namespace

class TestModelOnnx : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::string path(const std::string& name) const {
        return QDir(m_dir.path()).filePath(QString::fromStdString(name)).toStdString();
    }

    // Layer 1 as MatMul(x, Wᵀ) then Add: Add(bias, p1) as PyTorch writes it, or
    // Add(p1, bias) as Keras and tf2onnx do. The Add goes last in graph.node: the reader
    // follows the chain from the input, not the nodes' order.
    static Change matMulThenAdd(bool biasFirst) {
        return [biasFirst](onnx::ModelProto& m) {
            onnx::GraphProto& g = *m.mutable_graph();
            addInit(g, "l1.wt", {2, 3}, {1, 3, 5, 2, 4, 6});
            onnx::NodeProto* mm = node(m, 0);
            mm->set_op_type("MatMul");
            mm->clear_attribute();
            mm->set_input(1, "l1.wt");
            mm->mutable_input()->RemoveLast();
            mm->set_output(0, "p1");
            if (biasFirst)
                addNode(g, "Add", "a1", {"l1.b", "p1"}, "z1");
            else
                addNode(g, "Add", "a1", {"p1", "l1.b"}, "z1");
        };
    }

    Model loadChanged(const Change& change, const std::string& name = "m.onnx") {
        onnx::ModelProto m = baseModel();
        if (change)
            change(m);
        writeBytes(path(name), bytesOf(m));
        return loadModel(path(name)); // through the dispatch on ".onnx"
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // PyTorch's Gemm chain: PyTorch's [out, in] weights and biases land in w(k) with the
    // bias in column 0; the Relu and Sigmoid nodes are the layers' activations.
    void readsPyTorchsGemmChain() {
        const Model m = loadChanged({});
        QCOMPARE(m.network.inputSize, Eigen::Index(2));
        QCOMPARE(m.network.depth(), 2);
        QVERIFY(m.network.layer(1).activation == Activation::Relu);
        QVERIFY(m.network.layer(2).activation == Activation::Sigmoid);
        QVERIFY(sameBits(m.network.layer(1).w, layer1()));
        QVERIFY(sameBits(m.network.layer(2).w, layer2()));
        QVERIFY(m.network.loss == Loss::Mse); // no softmax: mse
        QVERIFY(m.normalizer.kind == Normalizer::Kind::None);
    }

    // The other forms of the same network give the same weights.
    void readsTheSameNetworkInOtherForms_data() {
        QTest::addColumn<Change>("change");
        QTest::newRow("transB 0: B is [in, out]") << Change([](onnx::ModelProto& m) {
            node(m, 0)->mutable_attribute(2)->set_i(0);
            initializer(m, "l1.w")->clear_dims();
            initializer(m, "l1.w")->add_dims(2);
            initializer(m, "l1.w")->add_dims(3);
            const std::vector<double> t{1, 3, 5, 2, 4, 6};
            initializer(m, "l1.w")->set_raw_data(
                std::string(reinterpret_cast<const char*>(t.data()), 6 * sizeof(double)));
        });
        QTest::newRow("MatMul + Add, the bias first (PyTorch, 1-D input)") << matMulThenAdd(true);
        QTest::newRow("MatMul + Add, the bias second (Keras / tf2onnx)") << matMulThenAdd(false);
        QTest::newRow("float_data and double_data") << Change([](onnx::ModelProto& m) {
            onnx::TensorProto* w = initializer(m, "l1.w");
            w->clear_raw_data();
            w->set_data_type(onnx::TensorProto_DataType_FLOAT);
            for (float v : {1.f, 2.f, 3.f, 4.f, 5.f, 6.f})
                w->add_float_data(v);
            onnx::TensorProto* b = initializer(m, "l2.b");
            b->clear_raw_data();
            b->add_double_data(1);
            b->add_double_data(2);
        });
        QTest::newRow("initializers listed as inputs, an Identity node, a Constant weight")
            << Change([](onnx::ModelProto& m) {
                   onnx::GraphProto& g = *m.mutable_graph();
                   addValue(g.add_input(), "l1.w", 3);
                   node(m, 1)->set_output(0, "x1i");
                   addNode(g, "Identity", "i1", {"x1i"}, "x1");
                   onnx::NodeProto* c = addNode(g, "Constant", "c2", {}, "l2.b.const");
                   onnx::AttributeProto* value = c->add_attribute();
                   value->set_name("value");
                   value->set_type(onnx::AttributeProto_AttributeType_TENSOR);
                   *value->mutable_t() = *initializer(m, "l2.b");
                   node(m, 2)->set_input(2, "l2.b.const");
               });
        QTest::newRow("no shapes, opset 9") << Change([](onnx::ModelProto& m) {
            m.mutable_opset_import(0)->set_version(9);
            m.mutable_graph()->mutable_input(0)->clear_type();
            m.mutable_graph()->mutable_output(0)->clear_type();
        });
    }
    void readsTheSameNetworkInOtherForms() {
        QFETCH(Change, change);
        const Model m = loadChanged(change);
        QVERIFY(sameBits(m.network.layer(1).w, layer1()));
        QVERIFY(sameBits(m.network.layer(2).w, layer2()));
        QVERIFY(m.network.layer(1).activation == Activation::Relu);
        QVERIFY(m.network.layer(2).activation == Activation::Sigmoid);
    }

    // nn.Identity is elided by the export: Gemm after Gemm, and a Gemm last, are linear.
    void missingActivationsAreLinear() {
        const Model m = loadChanged([](onnx::ModelProto& p) {
            onnx::GraphProto& g = *p.mutable_graph();
            g.mutable_node()->DeleteSubrange(3, 1); // the Sigmoid
            g.mutable_node()->DeleteSubrange(1, 1); // the Relu
            g.mutable_node(0)->set_output(0, "x1");
            g.mutable_node(1)->set_output(0, "y");
        });
        QVERIFY(m.network.layer(1).activation == Activation::Linear);
        QVERIFY(m.network.layer(2).activation == Activation::Linear);
        QVERIFY(sameBits(m.network.layer(2).w, layer2()));
    }

    // LeakyReLU's default slope arrives as the float 0.0099999998 and is read as 0.01;
    // a softmax output brings cross-entropy as the loss, unless the metadata names one.
    void leakySlopeAndSoftmaxLoss() {
        const Model m = loadChanged([](onnx::ModelProto& p) {
            node(p, 1)->set_op_type("LeakyRelu");
            setFloat(node(p, 1), "alpha", 0.01f);
            node(p, 3)->set_op_type("Softmax");
            setInt(node(p, 3), "axis", -1);
        });
        QVERIFY(m.network.layer(1).activation == Activation::LeakyRelu);
        QVERIFY(m.network.layer(2).activation == Activation::Softmax);
        QVERIFY(m.network.loss == Loss::CrossEntropy);
        const Model mse = loadChanged([](onnx::ModelProto& p) {
            node(p, 3)->set_op_type("Softmax");
            onnx::StringStringEntryProto* e = p.add_metadata_props();
            e->set_key("backprop_studio.loss");
            e->set_value("mse");
        });
        QVERIFY(mse.network.loss == Loss::Mse);
    }

    // Everything else is refused, naming the file, the node (index and name), its
    // operator and why.
    void refusals_data() {
        QTest::addColumn<Change>("change");
        QTest::addColumn<QString>("expected");
        QTest::newRow("another operator")
            << Change([](onnx::ModelProto& m) { node(m, 1)->set_op_type("Elu"); })
            << "node #1 'r1' (Elu): this operator is not supported";
        QTest::newRow("another LeakyReLU slope")
            << Change([](onnx::ModelProto& m) {
                   node(m, 1)->set_op_type("LeakyRelu");
                   setFloat(node(m, 1), "alpha", 0.1f);
               })
            << "node #1 'r1' (LeakyRelu): its slope alpha is 0.1; Backprop Studio's leaky ReLU "
               "has the fixed slope 0.01";
        QTest::newRow("a branch")
            << Change([](onnx::ModelProto& m) {
                   addNode(*m.mutable_graph(), "Tanh", "t9", {"z1"}, "u");
               })
            << "'z1' (the output of node #0 'g1' (Gemm)) feeds 2 nodes: node #1 'r1' (Relu), "
               "node #4 't9' (Tanh); only a chain of layers (no branch) is read";
        QTest::newRow("a weight computed by a node")
            << Change([](onnx::ModelProto& m) {
                   onnx::GraphProto& g = *m.mutable_graph();
                   addNode(g, "Transpose", "tr", {"l2.w"}, "l2.wt");
                   node(m, 2)->set_input(1, "l2.wt");
               })
            << "node #2 'g2' (Gemm): its weight B 'l2.wt' is computed by node #4 'tr' (Transpose); "
               "only weights stored in the file (initializers) are read";
        QTest::newRow("a weight that is a second input") << Change([](onnx::ModelProto& m) {
            addValue(m.mutable_graph()->add_input(), "w2", 3);
            node(m, 2)->set_input(1, "w2");
        }) << "the graph has 2 inputs ('x', 'w2'); expected one";
        QTest::newRow("a shape mismatch")
            << Change([](onnx::ModelProto& m) {
                   onnx::TensorProto* w = initializer(m, "l2.w");
                   w->set_dims(1, 2);
                   w->set_raw_data(w->raw_data().substr(0, 4 * sizeof(double)));
               })
            << "node #2 'g2' (Gemm): its weights take 2 features, but 'x1' (the output of node "
               "#1 'r1' (Relu)) has 3";
        QTest::newRow("a bias of the wrong size") << Change([](onnx::ModelProto& m) {
            addInit(*m.mutable_graph(), "b5", {5}, {1, 2, 3, 4, 5});
            node(m, 0)->set_input(2, "b5");
        }) << "node #0 'g1' (Gemm): its bias C has dimensions [5]; expected [3]";
        QTest::newRow("transA") << Change([](onnx::ModelProto& m) {
            setInt(node(m, 0), "transA", 1);
        }) << "node #0 'g1' (Gemm): transA is set";
        QTest::newRow("alpha 2") << Change([](onnx::ModelProto& m) {
            node(m, 2)->mutable_attribute(0)->set_f(2);
        }) << "node #2 'g2' (Gemm): alpha is 2; only alpha = beta = 1";
        QTest::newRow("an INT attribute as FLOAT") << Change([](onnx::ModelProto& m) {
            node(m, 0)->mutable_attribute(2)->set_type(onnx::AttributeProto_AttributeType_FLOAT);
        }) << "node #0 'g1' (Gemm): attribute transB is FLOAT; expected an INT";
        QTest::newRow("softmax in a hidden layer")
            << Change([](onnx::ModelProto& m) { node(m, 1)->set_op_type("Softmax"); })
            << "node #1 'r1' (Softmax): softmax is for the output layer only, and this is hidden "
               "layer 1 of 2";
        QTest::newRow("softmax over the batch") << Change([](onnx::ModelProto& m) {
            node(m, 3)->set_op_type("Softmax");
            setInt(node(m, 3), "axis", 0);
        }) << "node #3 's2' (Softmax): axis is 0; only a softmax over the last dimension";
        QTest::newRow("two activations")
            << Change([](onnx::ModelProto& m) {
                   node(m, 1)->set_output(0, "x1t");
                   addNode(*m.mutable_graph(), "Tanh", "t1", {"x1t"}, "x1");
               })
            << "node #4 't1' (Tanh): an activation must follow a dense layer (Gemm, or MatMul + "
               "Add), and 'x1t' is the output of node #1 'r1' (Relu)";
        QTest::newRow("an Add that is no bias") << Change([](onnx::ModelProto& m) {
            node(m, 1)->set_output(0, "x1r");
            addNode(*m.mutable_graph(), "Add", "a1", {"x1r", "l1.b"}, "x1");
        }) << "node #4 'a1' (Add): an Add is read only as the bias of a MatMul just before it";
        QTest::newRow("a node off the chain") << Change([](onnx::ModelProto& m) {
            addNode(*m.mutable_graph(), "Relu", "lost", {"l1.b"}, "nowhere");
        }) << "node #4 'lost' (Relu): it is not on the chain from the input 'x' to the output 'y'";
        QTest::newRow("a chain that misses the output")
            << Change(
                   [](onnx::ModelProto& m) { m.mutable_graph()->mutable_output(0)->set_name("q"); })
            << "the chain of layers ends at 'y' (the output of node #3 's2' (Sigmoid)), which is "
               "not the graph's output 'q'";
        QTest::newRow("a node of another domain")
            << Change([](onnx::ModelProto& m) { node(m, 1)->set_domain("com.microsoft"); })
            << "node #1 'r1' (Relu): the operator is from the domain 'com.microsoft'";
        QTest::newRow("INT64 weights")
            << Change([](onnx::ModelProto& m) {
                   initializer(m, "l1.w")->set_data_type(onnx::TensorProto_DataType_INT64);
               })
            << "node #0 'g1' (Gemm): its weight B 'l1.w' holds INT64 values; expected FLOAT or "
               "DOUBLE weights";
        QTest::newRow("raw_data too short")
            << Change([](onnx::ModelProto& m) {
                   initializer(m, "l1.b")->set_raw_data(std::string(7, '\0'));
               })
            << "node #0 'g1' (Gemm): its bias C 'l1.b' has 7 bytes of raw_data; its 3 values need "
               "24";
        QTest::newRow("a nan weight") << Change([](onnx::ModelProto& m) {
            const double nan = std::numeric_limits<double>::quiet_NaN();
            initializer(m, "l2.b")->set_raw_data(
                std::string(reinterpret_cast<const char*>(&nan), 8) + std::string(8, '\0'));
        }) << "node #2 'g2' (Gemm): its bias C 'l2.b' value 1 is nan; weights must be finite";
        QTest::newRow("external data") << Change([](onnx::ModelProto& m) {
            initializer(m, "l1.w")->set_data_location(onnx::TensorProto_DataLocation_EXTERNAL);
        }) << "its weight B 'l1.w' keeps its values in an external file";
        QTest::newRow("an output of another size") << Change([](onnx::ModelProto& m) {
            m.mutable_graph()
                ->mutable_output(0)
                ->mutable_type()
                ->mutable_tensor_type()
                ->mutable_shape()
                ->mutable_dim(1)
                ->set_dim_value(5);
        }) << "the graph's output 'y' has 5 values, but the last layer has 2 nodes";
        QTest::newRow("an image input") << Change([](onnx::ModelProto& m) {
            m.mutable_graph()
                ->mutable_input(0)
                ->mutable_type()
                ->mutable_tensor_type()
                ->mutable_shape()
                ->add_dim()
                ->set_dim_value(4);
        }) << "the graph's input 'x' has 3 dimensions; expected (batch, features) or (features)";
        QTest::newRow("no graph") << Change([](onnx::ModelProto& m) { m.clear_graph(); })
                                  << "the ONNX model has no graph";
    }
    void refusals() {
        QFETCH(Change, change);
        QFETCH(QString, expected);
        const std::string file = path("bad.onnx");
        try {
            loadChanged(change, "bad.onnx");
            QFAIL("loaded");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.file()), QString::fromStdString(file));
            if (!QString::fromStdString(e.message()).contains(expected))
                QFAIL(qPrintable("message: " + QString::fromStdString(e.what())));
        }
    }

    // Bytes that are no ONNX model, and a missing file, are refused too.
    void refusesOtherFiles() {
        const std::string file = path("text.onnx");
        writeBytes(file, "{\"format\": \"backprop-studio-model\"}");
        try {
            loadModel(file);
            QFAIL("loaded");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     QString::fromStdString(file + ": this is not an ONNX model (the bytes do not "
                                                   "read as an ONNX ModelProto protobuf)"));
        }
        QVERIFY_THROWS_EXCEPTION(InputError, loadModel(path("missing.onnx")));
        QVERIFY(isOnnxPath("a/B.ONNX") && !isOnnxPath("onnx") && !isOnnxPath("m.json"));
    }

    // Written in double and read back: the same network, normaliser and loss, bit for bit.
    void roundTripInDoubleIsExact() {
        const Model m = writerModel();
        const std::string file = path("out-double.onnx");
        saveOnnxModel(m, file, OnnxPrecision::Double);
        const Model back = loadModel(file);
        QVERIFY(back.network == m.network); // sizes, activations, loss and every weight
        for (int k = 1; k <= m.network.depth(); ++k)
            QVERIFY(sameBits(back.network.layer(k).w, m.network.layer(k).w));
        QVERIFY(back.normalizer.kind == Normalizer::Kind::MinMax);
        QVERIFY(sameBits(back.normalizer.offset, m.normalizer.offset));
        QVERIFY(sameBits(back.normalizer.scale, m.normalizer.scale));
        // The graph: Sub, Div, then Gemm + activation per layer; no node for linear.
        onnx::ModelProto p;
        QVERIFY(p.ParseFromString(readBytes(file)));
        QCOMPARE(p.ir_version(), std::int64_t(7));
        QCOMPARE(p.opset_import(0).version(), std::int64_t(13));
        QString ops;
        for (const onnx::NodeProto& n : p.graph().node())
            ops += QString::fromStdString(n.op_type()) + " ";
        QCOMPARE(ops, QString("Sub Div Gemm Tanh Gemm Gemm LeakyRelu Gemm Relu Gemm Softmax "));
        QCOMPARE(QString::fromStdString(p.graph().input(0).name()), QString("input"));
        QCOMPARE(QString::fromStdString(p.graph().output(0).name()), QString("output"));
        QCOMPARE(QString::fromStdString(
                     p.graph().input(0).type().tensor_type().shape().dim(0).dim_param()),
                 QString("batch"));
        // saveModel under a name ending in .onnx writes this too (loadModel reads it so).
        saveModel(m, path("via-save-model.onnx"));
        QCOMPARE(readBytes(path("via-save-model.onnx")) == readBytes(file), true);
    }

    // A normaliser written as Sub then Mul by 1/scale (as some exporters do) reads as the
    // same scales: the Mul's factors 4, 0.5, 0.125 are 1/0.25, 1/2 and 1/8, exactly.
    void subThenMulIsTheNormaliser() {
        Model m = writerModel();
        m.normalizer.scale = Vector{{0.25, 2.0, 8.0}};
        const std::string div = path("sub-div.onnx"), mul = path("sub-mul.onnx");
        saveOnnxModel(m, div, OnnxPrecision::Double);
        onnx::ModelProto p;
        QVERIFY(p.ParseFromString(readBytes(div)));
        QCOMPARE(QString::fromStdString(node(p, 1)->op_type()), QString("Div"));
        node(p, 1)->set_op_type("Mul");
        const std::string scaleName = node(p, 1)->input(1);
        bool found = false;
        for (onnx::TensorProto& t : *p.mutable_graph()->mutable_initializer()) {
            if (t.name() != scaleName)
                continue;
            std::vector<double> v(t.raw_data().size() / sizeof(double));
            QCOMPARE(v.size(), std::size_t(3));
            std::memcpy(v.data(), t.raw_data().data(), t.raw_data().size());
            for (double& x : v)
                x = 1 / x;
            QCOMPARE(v, (std::vector<double>{4.0, 0.5, 0.125}));
            t.set_raw_data(
                std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double)));
            found = true;
        }
        QVERIFY(found);
        writeBytes(mul, bytesOf(p));
        const Model back = loadModel(mul);
        QVERIFY(back.network == m.network);
        QVERIFY(sameBits(back.normalizer.offset, m.normalizer.offset));
        QVERIFY(sameBits(back.normalizer.scale, m.normalizer.scale));
    }

    // In float every weight is rounded to the nearest float, and read back widened.
    void floatExportRoundsToNearest() {
        const Model m = writerModel();
        const std::string file = path("out-float.onnx");
        saveOnnxModel(m, file);
        const Model back = loadModel(file);
        for (int k = 1; k <= m.network.depth(); ++k) {
            const Matrix expected = m.network.layer(k).w.cast<float>().cast<double>();
            QVERIFY(sameBits(back.network.layer(k).w, expected));
            const Matrix& w = m.network.layer(k).w;
            QVERIFY(((back.network.layer(k).w - w).array().abs() <=
                     w.array().abs() * std::ldexp(1.0, -24))
                        .all());
        }
        QVERIFY(sameBits(back.normalizer.scale,
                         Vector(m.normalizer.scale.cast<float>().cast<double>())));
    }

    // A model that cannot be written leaves an existing file as it was.
    void failedSaveKeepsTheOldFile() {
        const std::string file = path("keep.onnx");
        writeBytes(file, "old");
        Model m = writerModel();
        m.network.layer(2).w(1, 2) = std::numeric_limits<double>::infinity();
        try {
            saveOnnxModel(m, file, OnnxPrecision::Double);
            QFAIL("saved");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     QString::fromStdString(file + ": cannot save the ONNX model: layer2 weights "
                                                   "value 7 is infinite (did training diverge?)"));
        }
        m.network.layer(2).w(1, 2) = 1e300; // finite, beyond float
        QVERIFY_THROWS_EXCEPTION(InputError, saveOnnxModel(m, file, OnnxPrecision::Float));
        QCOMPARE(QString::fromStdString(readBytes(file)), QString("old"));
        QCOMPARE(QDir(m_dir.path()).entryList({"keep.onnx.tmp-*"}).size(), 0);
    }

    // backprop-cli: export to ONNX and JSON, and --loss with an ONNX model.
    void cliExportAndLoss() {
        saveOnnxModel(writerModel(), path("cli.onnx"), OnnxPrecision::Double);
        const QString json = QString::fromStdString(path("cli.json"));
        CliRun r =
            cli({"export", "--model", QString::fromStdString(path("cli.onnx")), "--json", json});
        QCOMPARE(r.code, 0);
        QVERIFY(loadModel(json.toStdString()).network == writerModel().network);
        r = cli({"export", "--model", json});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("give --onnx OUT.onnx and/or --json OUT.json"));
        const QString linear = QString::fromStdString(path("linear.onnx"));
        writeBytes(linear.toStdString(), bytesOf([] {
                       onnx::ModelProto m = baseModel();
                       m.mutable_graph()->mutable_node()->DeleteSubrange(3, 1);
                       m.mutable_graph()->mutable_node(2)->set_output(0, "y");
                       return m;
                   }()));
        r = cli({"export", "--model", linear, "--loss", "cross_entropy", "--json", json});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--loss cross_entropy needs a sigmoid or softmax output layer, "
                                "but " +
                                linear + " has a linear output layer; use --loss mse"),
                 qPrintable(r.err));
    }

    // Every command that takes --model reads a torch.onnx.export file as it reads the same
    // network in our JSON: the same output, number for number (the speeds aside), for
    // eval, step, gradcheck, health and train, also with --loss.
    void everyModelCommandReadsOnnxAsItsJson() {
        const QString onnx = QStringLiteral(BP_TEST_DATA_DIR "/onnx/iris_torch.onnx");
        const QString json = QString::fromStdString(path("iris_torch.json"));
        QCOMPARE(cli({"export", "--model", onnx, "--json", json}).code, 0);
        const QRegularExpression speed(R"(\s+\d+ rec/s)");
        const QList<QStringList> commands{
            {"eval"},
            {"eval", "--loss", "mse"},
            {"step", "--record", "7"},
            {"step", "--loss", "mse"},
            {"gradcheck"},
            {"health"},
            {"train", "--epochs", "2"},
        };
        for (const QStringList& command : commands) {
            CliRun a = cli(command + QStringList{"--model", onnx, "--dataset", "iris"});
            CliRun b = cli(command + QStringList{"--model", json, "--dataset", "iris"});
            const QString what = command.join(' ');
            QVERIFY2(a.code == 0, qPrintable(what + ": " + a.err));
            QCOMPARE(b.code, 0);
            QVERIFY2(a.out.count('\n') >= 1, qPrintable(what));
            QCOMPARE(a.out.remove(speed), b.out.remove(speed));
        }
    }
};

QTEST_APPLESS_MAIN(TestModelOnnx)
#include "tst_model_onnx.moc"
