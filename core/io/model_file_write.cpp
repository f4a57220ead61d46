#include "io/model_file.h"

#include "io/atomic_file.h"
#include "io/json.h"
#include "io/onnx_reader.h"
#include "io/onnx_writer.h"
#include "math/error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace bp {

using json::Value;

namespace {

// Messages say what cannot be written; callers say for what.
[[noreturn]] void cannotWrite(const std::string& message) {
    throw InputError(message);
}

Value numbers(const Vector& v) {
    Value a = Value::makeArray();
    for (Eigen::Index i = 0; i < v.size(); ++i)
        a.items.push_back(Value::makeNumber(v[i]));
    return a;
}

Value layerValue(const Layer& l, int k, Eigen::Index inputs) {
    if (l.w.cols() != inputs + 1 || l.w.rows() < 1)
        cannotWrite("layer " + std::to_string(k) + " has a " + std::to_string(l.w.rows()) + " x " +
                    std::to_string(l.w.cols()) + " weight matrix; expected " +
                    std::to_string(inputs + 1) + " columns (1 bias + " + std::to_string(inputs) +
                    " inputs)");
    Value v = Value::makeObject();
    v.add("size", Value::makeInteger(static_cast<std::uint64_t>(l.size())));
    v.add("activation", Value::makeString(toString(l.activation)));
    Value& rows = v.add("weights", Value::makeArray());
    for (Eigen::Index i = 0; i < l.w.rows(); ++i) {
        Value row = Value::makeArray();
        for (Eigen::Index j = 0; j < l.w.cols(); ++j) {
            if (!std::isfinite(l.w(i, j)))
                cannotWrite("layer " + std::to_string(k) + ", row " + std::to_string(i + 1) +
                            ", weight " + std::to_string(j) + " is " +
                            (std::isnan(l.w(i, j)) ? "nan" : "infinite") +
                            " (did training diverge?)");
            row.items.push_back(Value::makeNumber(l.w(i, j)));
        }
        rows.items.push_back(std::move(row));
    }
    return v;
}

std::string toJson(const Model& m) {
    const Network& net = m.network;
    Value root = Value::makeObject();
    root.add("format", Value::makeString(kModelFormat));
    root.add("version", Value::makeInteger(kModelVersion));
    if (!m.datasetName.empty())
        root.add("dataset", Value::makeString(m.datasetName));
    if (!m.inputNames.empty())
        root.add("inputs", Value::makeStringArray(m.inputNames));
    if (!m.targetNames.empty())
        root.add("targets", Value::makeStringArray(m.targetNames));
    if (!m.classNames.empty())
        root.add("classes", Value::makeStringArray(m.classNames));
    if (m.normalizer.kind != Normalizer::Kind::None) {
        Value& n = root.add("normalization", Value::makeObject());
        n.add("kind", Value::makeString(toString(m.normalizer.kind)));
        n.add("offset", numbers(m.normalizer.offset));
        n.add("scale", numbers(m.normalizer.scale));
    }
    if (m.init)
        root.add("init", Value::makeString(toString(*m.init)));
    if (m.seed)
        root.add("seed", Value::makeInteger(*m.seed));
    if (m.hyper) {
        Value& t = root.add("training", Value::makeObject());
        t.add("learning_rate", Value::makeNumber(m.hyper->learningRate));
        t.add("batch_size",
              Value::makeInteger(static_cast<std::uint64_t>(std::max(0, m.hyper->batchSize))));
        t.add("momentum", Value::makeNumber(m.hyper->momentum));
        t.add("l2", Value::makeNumber(m.hyper->l2));
        t.add("freeze_bias", Value::makeBool(m.hyper->freezeBias));
    }
    root.add("loss", Value::makeString(toString(net.loss)));
    Value& layers = root.add("layers", Value::makeArray());
    Value input = Value::makeObject();
    input.add("size", Value::makeInteger(
                          static_cast<std::uint64_t>(std::max<Eigen::Index>(0, net.inputSize))));
    layers.items.push_back(std::move(input));
    for (int k = 1; k <= net.depth(); ++k)
        layers.items.push_back(
            layerValue(net.layer(k), k, k == 1 ? net.inputSize : net.layer(k - 1).size()));
    return json::write(root);
}

} // namespace

std::string modelToJson(const Model& m) {
    try {
        return toJson(m);
    } catch (const InputError& e) {
        throw InputError("cannot write the model: " + e.message());
    }
}

void saveModel(const Model& m, const std::string& path) {
    if (isOnnxPath(path)) // what loadModel reads back from that name
        return saveOnnxModel(m, path, OnnxPrecision::Double);
    std::string text;
    try {
        text = toJson(m);
        // What is saved must load, and load as the same network.
        if (parseModel(text, path).network != m.network)
            throw InputError("the weights do not read back exactly (a bug; please report it)");
    } catch (const InputError& e) {
        throw InputError(path, "cannot save the model: " + e.message());
    }
    writeFileAtomically(path, text, "model");
}

} // namespace bp
