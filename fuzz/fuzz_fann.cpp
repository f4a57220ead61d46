// libFuzzer target: the bytes as a FANN .data file, through bp::parseFann (what
// bp::readFann hands a file's bytes to).
#include "fuzz_check.h"
#include "io/fann_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string file = "fuzz.data";
    bp::fuzz::attempt([&] { return bp::parseFann(text, file); }, {file});
    return 0;
}
