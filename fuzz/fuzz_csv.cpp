// libFuzzer target: the bytes as a CSV file, through bp::parseCsv (what bp::readCsv
// hands a file's bytes to). Loaded with the default options and with classify; a
// classification that loads is loaded again with a class subset of its first class.
#include "fuzz_check.h"
#include "io/csv_reader.h"

namespace {

const std::string kFile = "fuzz.csv";

bp::fuzz::Outcome load(const std::string& text, const bp::LoadOptions& opt) {
    return bp::fuzz::attempt([&] { return bp::parseCsv(text, kFile, opt); }, {kFile});
}

void checkCsvSubset(const std::string& text, const bp::Dataset& all) {
    if (all.classNames.size() < 2)
        return;
    bp::LoadOptions opt;
    opt.classes = {all.classNames.front()};
    const bp::fuzz::Outcome kept = load(text, opt);
    if (!kept.dataset)
        bp::fuzz::finding("a class subset of a file that loads fails: " + kept.error);
    bp::fuzz::checkSubset(all, *kept.dataset);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    load(text, {});
    bp::LoadOptions classify;
    classify.classify = true;
    const bp::fuzz::Outcome classes = load(text, classify);
    if (classes.dataset)
        checkCsvSubset(text, *classes.dataset);
    return 0;
}
