// libFuzzer target: the bytes as an IDX images file (plain, or gzip when they start
// with its magic bytes), read by bp::readIdx beside a valid labels file with as many
// labels as the images header declares (idx_files.h). Every plain input is also
// loaded gzip-compressed.
#include "idx_files.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bp::fuzz;
    const Outcome all = loadIdxPair(Fuzzed::Images, data, size);
    if (all.dataset)
        checkIdxSubset(*all.dataset);
    return 0;
}
