#include "io/model_file.h"

#include "io/json.h"
#include "io/json_reader.h"
#include "io/onnx_reader.h"
#include "math/error.h"

namespace bp {

using json::Type;
using json::Value;
using namespace json_reading;

namespace {

constexpr std::uint64_t kMaxLayerSize = 100000000; // far above anything a file can hold
constexpr std::uintmax_t kMaxModelFileBytes = 512u << 20;

std::string lossNames() {
    return toString(Loss::Mse) + ", " + toString(Loss::CrossEntropy);
}
std::string initNames() {
    return toString(Init::Uniform) + ", " + toString(Init::Xavier) + ", " + toString(Init::He);
}
std::string normalizerNames() {
    using K = Normalizer::Kind;
    return toString(K::None) + ", " + toString(K::MinMax) + ", " + toString(K::ZScore);
}

constexpr const char* kLayerHint = "an array of layers: the input layer {\"size\": n} first, then "
                                   "{\"size\", \"activation\", \"weights\"} for each further layer";

// Layer k ≥ 1 of the network, whose previous layer has `inputs` nodes.
Layer readLayer(const Reader& r, const Value& v, int k, Eigen::Index inputs, bool output) {
    const std::string name = "layer " + std::to_string(k);
    r.expect(v, Type::Object, name, "an object {\"size\", \"activation\", \"weights\"}");
    const auto size =
        static_cast<Eigen::Index>(r.whole(r.required(v, "size", name, "its number of nodes"),
                                          "\"size\" of " + name, 1, kMaxLayerSize));

    Layer layer;
    const Value& act = r.required(v, "activation", name, "one of " + activationNames());
    const std::optional<Activation> a = activationFromString(
        r.string(act, "\"activation\" of " + name, "one of " + activationNames()));
    if (!a)
        r.fail(act, "unknown activation " + shown(act) + " for " + name + "; expected one of " +
                        activationNames());
    if (*a == Activation::Softmax && !output)
        r.fail(act, "softmax is for the output layer only, and " + name +
                        " is hidden; choose another hidden activation");
    layer.activation = *a;

    const std::string rows = counted(size, "row") + " (one per node, as \"size\" says) of " +
                             counted(inputs + 1, "number") + " [bias, w_1 .. w_" + str(inputs) +
                             "]";
    const Value& w = r.required(v, "weights", name, "an array of " + rows);
    r.array(w, "\"weights\" of " + name, "an array of " + rows);
    if (static_cast<Eigen::Index>(w.items.size()) != size)
        r.fail(w, name + " has " + counted(w.items.size(), "weight row") + "; expected " +
                      str(size) + " = its \"size\", one row per node");
    for (Eigen::Index i = 0; i < size; ++i) {
        const Value& row = w.items[static_cast<std::size_t>(i)];
        const std::string rowName = name + ", row " + str(i + 1);
        const std::string expected = str(inputs + 1) + " = 1 bias + " + counted(inputs, "input");
        r.array(row, rowName,
                "an array of " + counted(inputs + 1, "number") + " (1 bias + " +
                    counted(inputs, "input") + ")");
        if (static_cast<Eigen::Index>(row.items.size()) != inputs + 1)
            r.fail(row, rowName + " has " + counted(row.items.size(), "weight") + "; expected " +
                            expected);
    }
    layer.w.resize(size, inputs + 1);
    for (Eigen::Index i = 0; i < size; ++i)
        for (Eigen::Index j = 0; j <= inputs; ++j) {
            const Value& x =
                w.items[static_cast<std::size_t>(i)].items[static_cast<std::size_t>(j)];
            layer.w(i, j) = r.number(x, name + ", row " + str(i + 1) + ", weight " + str(j) +
                                            (j == 0 ? " (the bias)" : ""));
        }
    return layer;
}

Network readNetwork(const Reader& r, const Value& root) {
    Network net;
    const Value& lossValue = r.required(root, "loss", "the model", "one of " + lossNames());
    const std::optional<Loss> loss =
        lossFromString(r.string(lossValue, "\"loss\"", "one of " + lossNames()));
    if (!loss)
        r.fail(lossValue, "unknown loss " + shown(lossValue) + "; expected one of " + lossNames());
    net.loss = *loss;

    const Value& layers =
        r.array(r.required(root, "layers", "the model", kLayerHint), "\"layers\"", kLayerHint);
    if (layers.items.size() < 2)
        r.fail(layers, "\"layers\" has " + counted(layers.items.size(), "layer") +
                           "; expected the input layer and at least one more");
    const Value& input = layers.items[0];
    r.expect(input, Type::Object, "layer 0 (the input layer)", "an object {\"size\": n}");
    for (const char* key : {"weights", "activation"})
        if (const Value* extra = r.optional(input, key))
            r.fail(*extra, std::string("layer 0 is the input layer and has only a \"size\", but it "
                                       "has \"") +
                               key + "\"; is the input layer missing from \"layers\"?");
    net.inputSize = static_cast<Eigen::Index>(
        r.whole(r.required(input, "size", "layer 0 (the input layer)", "its number of inputs"),
                "\"size\" of layer 0", 1, kMaxLayerSize));

    const int depth = static_cast<int>(layers.items.size()) - 1;
    for (int k = 1; k <= depth; ++k)
        net.layers.push_back(readLayer(r, layers.items[static_cast<std::size_t>(k)], k,
                                       net.outputSize(), k == depth));

    const Activation out = net.layers.back().activation;
    if (!lossFitsOutput(net.loss, out))
        r.fail(lossValue, "loss " + toString(net.loss) +
                              " needs a sigmoid or softmax output layer, but the output layer " +
                              std::to_string(depth) + " is " + toString(out) +
                              "; use mse or change the output activation");

    // The same rules as for a network built in the app (a safety net; the
    // checks above give the more precise messages).
    Architecture arch;
    arch.loss = net.loss;
    arch.sizes.push_back(net.inputSize);
    for (const Layer& l : net.layers) {
        arch.sizes.push_back(l.size());
        arch.perLayer.push_back(l.activation);
    }
    try {
        validate(arch);
    } catch (const InputError& e) {
        r.fail(layers, e.message());
    }
    return net;
}

Normalizer readNormalizer(const Reader& r, const Value& v, Eigen::Index inputs) {
    const std::string kinds = "one of " + normalizerNames();
    r.expect(v, Type::Object, "\"normalization\"", "an object {\"kind\", \"offset\", \"scale\"}");
    const Value& kindValue = r.required(v, "kind", "\"normalization\"", kinds);
    const std::optional<Normalizer::Kind> kind =
        normalizerKindFromString(r.string(kindValue, "\"kind\" of \"normalization\"", kinds));
    if (!kind)
        r.fail(kindValue, "unknown normalization " + shown(kindValue) + "; expected " + kinds);
    Normalizer n;
    n.kind = *kind;
    if (n.kind == Normalizer::Kind::None)
        return n;
    const std::string why = "one per input (layer 0 has " + str(inputs) + ")";
    n.offset = r.vector(r.required(v, "offset", "\"normalization\"", counted(inputs, "number")),
                        "normalization \"offset\"", inputs, why);
    const Value& scale = r.required(v, "scale", "\"normalization\"", counted(inputs, "number"));
    n.scale = r.vector(scale, "normalization \"scale\"", inputs, why);
    for (Eigen::Index i = 0; i < inputs; ++i)
        if (n.scale[i] == 0)
            r.fail(scale.items[static_cast<std::size_t>(i)],
                   "normalization \"scale\" entry " + str(i + 1) +
                       " is 0; a scale divides (x' = (x - offset) / scale) and must not be 0");
    return n;
}

Hyper readHyper(const Reader& r, const Value& v) {
    r.expect(v, Type::Object, "\"training\"",
             "an object {\"learning_rate\", \"batch_size\", \"momentum\", \"l2\", "
             "\"freeze_bias\"}");
    Hyper h;
    if (const Value* x = r.optional(v, "learning_rate")) {
        h.learningRate = r.number(*x, "\"learning_rate\"");
        if (h.learningRate < 0)
            r.fail(*x, "\"learning_rate\" is " + x->text + "; expected a number >= 0");
    }
    if (const Value* x = r.optional(v, "batch_size"))
        h.batchSize = static_cast<int>(
            r.whole(*x, "\"batch_size\"", 1, static_cast<std::uint64_t>(INT32_MAX)));
    if (const Value* x = r.optional(v, "momentum")) {
        h.momentum = r.number(*x, "\"momentum\"");
        if (h.momentum < 0 || h.momentum >= 1)
            r.fail(*x, "\"momentum\" is " + x->text + "; expected a number from 0 to below 1");
    }
    if (const Value* x = r.optional(v, "l2")) {
        h.l2 = r.number(*x, "\"l2\"");
        if (h.l2 < 0)
            r.fail(*x, "\"l2\" is " + x->text + "; expected a number >= 0");
    }
    if (const Value* x = r.optional(v, "freeze_bias")) {
        r.expect(*x, Type::Bool, "\"freeze_bias\"", "true or false");
        h.freezeBias = x->boolean;
    }
    return h;
}

void readNames(const Reader& r, const Value& root, Model& m) {
    const Network& net = m.network;
    const Eigen::Index outputs = net.outputSize();
    if (const Value* v = r.optional(root, "inputs"); v && !(v->is(Type::Array) && v->items.empty()))
        m.inputNames = r.names(*v, "\"inputs\"", static_cast<std::size_t>(net.inputSize),
                               "one per input (layer 0 has " + str(net.inputSize) + ")");
    if (const Value* v = r.optional(root, "targets");
        v && !(v->is(Type::Array) && v->items.empty()))
        m.targetNames = r.names(*v, "\"targets\"", static_cast<std::size_t>(outputs),
                                "one per output (the output layer has " + str(outputs) + ")");
    const Value* v = r.optional(root, "classes");
    if (!v || (v->is(Type::Array) && v->items.empty()))
        return;
    const std::string expected = "one class per output (the output layer has " + str(outputs) +
                                 ")" +
                                 (outputs == 1 ? ", or 2 classes for a single 0/1 output" : "");
    r.array(*v, "\"classes\"", "an array of class names, " + expected);
    const auto count = static_cast<Eigen::Index>(v->items.size());
    if (count != outputs && !(count == 2 && outputs == 1))
        r.fail(*v, "\"classes\" has " + counted(count, "name") + "; expected " + expected);
    m.classNames = r.names(*v, "\"classes\"", v->items.size(), expected);
}

} // namespace

Model parseModel(const std::string& text, const std::string& fileNameForMessages) {
    const Reader r(fileNameForMessages);
    const Value root = json::parse(text, fileNameForMessages);
    r.expect(root, Type::Object, "the file",
             "a JSON object {\"format\": \"" + std::string(kModelFormat) + "\", ...}");
    const std::string format = std::string("\"") + kModelFormat + "\"";
    const Value& f =
        r.required(root, "format", "the file",
                   "\"format\": " + format + " (this does not look like a model file)");
    if (!f.is(Type::String) || f.text != kModelFormat)
        r.fail(f, "\"format\" is " + shown(f) + "; expected " + format +
                      " (this is not a Backprop Studio model file)");
    const Value& ver = r.required(root, "version", "the model", "\"version\": 1");
    const std::uint64_t version = r.whole(ver, "\"version\"", 1, UINT64_MAX);
    if (version != kModelVersion)
        r.fail(ver, "model format version " + str(version) +
                        " is newer than this Backprop Studio understands (version " +
                        std::to_string(kModelVersion) + "); please update Backprop Studio");

    Model m;
    m.network = readNetwork(r, root);
    if (const Value* v = r.optional(root, "normalization"))
        m.normalizer = readNormalizer(r, *v, m.network.inputSize);
    readNames(r, root, m);
    if (const Value* v = r.optional(root, "training"))
        m.hyper = readHyper(r, *v);
    if (const Value* v = r.optional(root, "seed"))
        m.seed = r.whole(*v, "\"seed\"", 0, UINT64_MAX);
    if (const Value* v = r.optional(root, "init")) {
        m.init = initFromString(r.string(*v, "\"init\"", "one of " + initNames()));
        if (!m.init)
            r.fail(*v, "unknown init " + shown(*v) + "; expected one of " + initNames());
    }
    if (const Value* v = r.optional(root, "dataset"))
        m.datasetName = r.string(*v, "\"dataset\"", "a name");
    return m; // unknown fields are ignored: newer versions may add some
}

Model loadModel(const std::string& path) {
    if (isOnnxPath(path))
        return loadOnnxModel(path);
    return parseModel(readJsonFile(path, "model", kMaxModelFileBytes), path);
}

} // namespace bp
