// libFuzzer target: the bytes as an .onnx file, through bp::parseOnnxModel (what
// bp::loadModel hands an *.onnx file's bytes to), read with libonnx's protobuf classes.
// A refusal must be an InputError naming the file. A model that loads must write as ONNX
// in double (bp::onnxBytes) and read back as the same network and normaliser, bit for
// bit, and as our model JSON (bp::modelToJson), which must load as the same network.
#include "fuzz_check.h"
#include "io/model_file.h"
#include "io/onnx_reader.h"
#include "io/onnx_writer.h"

#include <cstring>

namespace {

template <typename M> bool sameBits(const M& a, const M& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           (a.size() == 0 ||
            std::memcmp(a.data(), b.data(), sizeof(*a.data()) * std::size_t(a.size())) == 0);
}

bool sameModel(const bp::Model& a, const bp::Model& b) {
    if (a.network.inputSize != b.network.inputSize || a.network.loss != b.network.loss ||
        a.network.layers.size() != b.network.layers.size() ||
        a.normalizer.kind != b.normalizer.kind ||
        !sameBits(a.normalizer.offset, b.normalizer.offset) ||
        !sameBits(a.normalizer.scale, b.normalizer.scale))
        return false;
    for (std::size_t k = 0; k < a.network.layers.size(); ++k)
        if (a.network.layers[k].activation != b.network.layers[k].activation ||
            !sameBits(a.network.layers[k].w, b.network.layers[k].w))
            return false;
    return true;
}

template <typename F> auto mustWork(F f, const std::string& what) {
    try {
        return f();
    } catch (const bp::InputError& e) {
        bp::fuzz::finding("a model that loads " + what + ": " + e.what());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const std::string file = "fuzz.onnx";
    bp::Model m;
    try {
        m = bp::parseOnnxModel(bytes, file);
    } catch (const bp::InputError& e) {
        bp::fuzz::checkError(e, {file});
        return 0;
    }
    const std::string written = mustWork(
        [&] { return bp::onnxBytes(m, bp::OnnxPrecision::Double); }, "cannot be written as ONNX");
    const bp::Model again = mustWork([&] { return bp::parseOnnxModel(written, "written.onnx"); },
                                     "writes ONNX that does not load");
    if (!sameModel(m, again))
        bp::fuzz::finding("the ONNX written loads as another model");
    const std::string json =
        mustWork([&] { return bp::modelToJson(m); }, "cannot be written as model JSON");
    const bp::Model fromJson = mustWork([&] { return bp::parseModel(json, "written.json"); },
                                        "writes model JSON that does not load");
    if (fromJson.network != m.network)
        bp::fuzz::finding("the model JSON written loads as another network:\n" + json);
    return 0;
}
