#include "io/onnx_reader.h"

#include "io/json_reader.h"
#include "io/onnx_chain.h"
#include "io/onnx_metadata.h"
#include "math/error.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cctype>

namespace bp {

namespace {

constexpr std::uintmax_t kMaxFileBytes = 512u << 20;

// The version of the default operator set ("" or "ai.onnx") the model imports.
std::int64_t defaultOpset(const onnx::ModelProto& m) {
    for (const onnx::OperatorSetIdProto& o : m.opset_import())
        if (o.domain().empty() || o.domain() == "ai.onnx")
            return o.version();
    throw InputError("the model imports no version of the standard ONNX operators (opset_import)");
}

const std::string* metadata(const onnx::ModelProto& m, const std::string& key) {
    for (const onnx::StringStringEntryProto& p : m.metadata_props())
        if (p.key() == key)
            return &p.value();
    return nullptr;
}

// The metadata saveOnnxModel writes; absent or unknown values fall back to the defaults.
void applyMetadata(const onnx::ModelProto& m, Model& model) {
    Network& net = model.network;
    const Activation out = net.layers.back().activation;
    net.loss = out == Activation::Softmax ? Loss::CrossEntropy : Loss::Mse;
    if (const std::string* v = metadata(m, onnx_metadata::kLoss))
        if (const std::optional<Loss> loss = lossFromString(*v); loss && lossFitsOutput(*loss, out))
            net.loss = *loss;
    if (model.normalizer.kind == Normalizer::Kind::None)
        return;
    if (const std::string* v = metadata(m, onnx_metadata::kNormalization))
        if (const std::optional<Normalizer::Kind> k = normalizerKindFromString(*v);
            k && *k != Normalizer::Kind::None)
            model.normalizer.kind = *k;
}

Model readModel(const std::string& bytes) {
    onnx::ModelProto m;
    if (!m.ParseFromString(bytes))
        throw InputError("this is not an ONNX model (the bytes do not read as an ONNX "
                         "ModelProto protobuf)");
    if (!m.has_graph())
        throw InputError("the ONNX model has no graph");
    const std::int64_t opset = defaultOpset(m);
    if (opset < 7)
        throw InputError("the model uses ONNX operator set " + std::to_string(opset) +
                         "; expected 7 or newer (torch.onnx.export writes 14)");
    onnx_reading::Chain chain = onnx_reading::readChain(m.graph(), opset);
    Model model;
    model.network = std::move(chain.network);
    model.normalizer = std::move(chain.normalizer);
    applyMetadata(m, model);
    try {
        validate(architectureOf(model.network)); // the rules for a network built in the app
    } catch (const InputError& e) {
        throw InputError("the network cannot be used here: " + e.message());
    }
    return model;
}

} // namespace

Model parseOnnxModel(const std::string& bytes, const std::string& fileNameForMessages) {
    try {
        return readModel(bytes);
    } catch (const InputError& e) {
        throw InputError(fileNameForMessages, e.message());
    }
}

Model loadOnnxModel(const std::string& path) {
    return parseOnnxModel(json_reading::readJsonFile(path, "ONNX model", kMaxFileBytes), path);
}

bool isOnnxPath(const std::string& path) {
    const std::string ext = ".onnx";
    if (path.size() < ext.size())
        return false;
    return std::equal(
        ext.begin(), ext.end(), path.end() - static_cast<long>(ext.size()),
        [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

} // namespace bp
