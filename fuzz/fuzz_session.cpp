// libFuzzer target: the bytes as the window's autosave (a saved session), through
// bp::parseSession (what bp::loadSession hands a file's text to). A session that loads
// must write (bp::sessionToJson) a text that loads and writes as the same text; and its
// run, restored onto a run of the saved network over stand-in data of the saved record
// count, must be taken (or refused with an InputError) and train on without a crash.
#include "fuzz_check.h"
#include "io/session_file.h"

#include <string>

namespace {

// A session that loaded must write; an InputError here is a finding.
std::string written(const bp::SavedSession& s) {
    try {
        return bp::sessionToJson(s);
    } catch (const bp::InputError& e) {
        bp::fuzz::finding(std::string("a session that loads cannot be written: ") + e.what());
    }
}

void checkRoundTrip(const bp::SavedSession& first) {
    const std::string text = written(first);
    bp::SavedSession again;
    try {
        again = bp::parseSession(text, "written.json");
    } catch (const bp::InputError& e) {
        bp::fuzz::finding(std::string("the text written does not load: ") + e.what() +
                          "\n---- text written:\n" + text);
    }
    if (written(again) != text)
        bp::fuzz::finding("the session read back writes another text:\n" + text);
}

// The saved run restored onto zero data of its shape, then a few records trained.
void checkRestore(const bp::SavedSession& s) {
    const bp::Network& net = s.run.network;
    const auto records = static_cast<Eigen::Index>(s.run.order.size());
    if (records == 0 || records > 4096 || net.weightCount() > 100000 || net.depth() == 0)
        return; // a stand-in of that size would cost more than the check is worth
    auto data = std::make_shared<bp::Dataset>();
    data->name = "stand-in";
    data->inputs = bp::FeatureMatrix(bp::Matrix::Zero(net.inputSize, records));
    data->targets = bp::Matrix::Zero(net.outputSize(), records);
    bp::Hyper hyper;
    hyper.batchSize = 1;
    bp::TrainingRun run(net, data, hyper, s.run.schedule);
    try {
        run.restore(s.run);
    } catch (const bp::InputError& e) {
        bp::fuzz::checkError(e, {""});
        return;
    }
    for (int r = 0; r < 3; ++r)
        run.stepRecord();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string file = "fuzz.json";
    bp::SavedSession s;
    try {
        s = bp::parseSession(text, file);
    } catch (const bp::InputError& e) {
        bp::fuzz::checkError(e, {file, file + " (its starting model)"});
        return 0;
    }
    checkRoundTrip(s);
    checkRestore(s);
    return 0;
}
