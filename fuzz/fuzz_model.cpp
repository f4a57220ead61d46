// libFuzzer target: the bytes as a model file, through bp::parseModel (what
// bp::loadModel hands a file's text to). A model that loads must write
// (bp::modelToJson), and the text written must load as the same model, bit for bit,
// and write as the same text. Before that, the JSON reader's numbers are checked
// against glibc's strtod (correctly rounded, in the C locale the target runs in).
#include "fuzz_check.h"
#include "io/json.h"
#include "io/model_file.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace {

using bp::Model;

template <typename M> bool sameBits(const M& a, const M& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           (a.size() == 0 ||
            std::memcmp(a.data(), b.data(), sizeof(*a.data()) * std::size_t(a.size())) == 0);
}

bool sameBits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

bool sameNetwork(const bp::Network& a, const bp::Network& b) {
    if (a.inputSize != b.inputSize || a.loss != b.loss || a.layers.size() != b.layers.size())
        return false;
    for (std::size_t k = 0; k < a.layers.size(); ++k)
        if (a.layers[k].activation != b.layers[k].activation ||
            !sameBits(a.layers[k].w, b.layers[k].w))
            return false;
    return true;
}

bool sameHyper(const std::optional<bp::Hyper>& a, const std::optional<bp::Hyper>& b) {
    if (!a || !b)
        return !a && !b;
    return sameBits(a->learningRate, b->learningRate) && a->batchSize == b->batchSize &&
           sameBits(a->momentum, b->momentum) && sameBits(a->l2, b->l2) &&
           a->freezeBias == b->freezeBias;
}

bool sameModel(const Model& a, const Model& b) {
    return sameNetwork(a.network, b.network) && a.normalizer.kind == b.normalizer.kind &&
           sameBits(a.normalizer.offset, b.normalizer.offset) &&
           sameBits(a.normalizer.scale, b.normalizer.scale) && a.inputNames == b.inputNames &&
           a.targetNames == b.targetNames && a.classNames == b.classNames &&
           sameHyper(a.hyper, b.hyper) && a.seed == b.seed && a.init == b.init &&
           a.datasetName == b.datasetName;
}

// A model that loaded must write; an InputError here is a finding.
std::string written(const Model& m) {
    try {
        return bp::modelToJson(m);
    } catch (const bp::InputError& e) {
        bp::fuzz::finding(std::string("a model that loads cannot be written: ") + e.what());
    }
}

void checkRoundTrip(const Model& first) {
    const std::string text = written(first);
    Model again;
    try {
        again = bp::parseModel(text, "written.json");
    } catch (const bp::InputError& e) {
        bp::fuzz::finding(std::string("the text written does not load: ") + e.what() +
                          "\n---- text written:\n" + text);
    }
    if (!sameModel(first, again))
        bp::fuzz::finding("the text written loads as another model:\n" + text);
    if (written(again) != text)
        bp::fuzz::finding("the model read back writes another text:\n" + text);
}

// strtod's reading of a JSON number token; nullopt when it is beyond double's range.
std::optional<double> strtodOf(const std::string& token) {
    errno = 0;
    const double d = std::strtod(token.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(d))
        return std::nullopt;
    return d;
}

void checkNumbers(const bp::json::Value& v) {
    if (v.is(bp::json::Type::Number)) {
        const std::optional<double> expected = strtodOf(v.text);
        if (!expected || !sameBits(*expected, v.number))
            bp::fuzz::finding("the number " + v.text + " reads as " +
                              bp::json::formatNumber(v.number) + ", strtod says " +
                              (expected ? bp::json::formatNumber(*expected) : "out of range"));
    }
    for (const bp::json::Value& item : v.items)
        checkNumbers(item);
    for (const bp::json::Member& m : v.members)
        checkNumbers(m.value);
}

// The number in a refusal "the number X is out of range ..." must be out of strtod's range.
void checkRefusedNumber(const bp::InputError& e) {
    const std::string& m = e.message();
    const std::string head = "the number ";
    const std::size_t end = m.find(" is out of range");
    if (m.compare(0, head.size(), head) != 0 || end == std::string::npos)
        return;
    const std::string token = m.substr(head.size(), end - head.size());
    if (strtodOf(token))
        bp::fuzz::finding("the number " + token + " is refused as out of range, strtod reads " +
                          bp::json::formatNumber(*strtodOf(token)));
}

// The JSON reader, on its own: its numbers are strtod's.
void checkJson(const std::string& text, const std::string& file) {
    try {
        checkNumbers(bp::json::parse(text, file));
    } catch (const bp::InputError& e) {
        bp::fuzz::checkError(e, {file});
        checkRefusedNumber(e);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string file = "fuzz.json";
    checkJson(text, file);
    Model m;
    try {
        m = bp::parseModel(text, file);
    } catch (const bp::InputError& e) {
        bp::fuzz::checkError(e, {file});
        return 0;
    }
    checkRoundTrip(m);
    return 0;
}
