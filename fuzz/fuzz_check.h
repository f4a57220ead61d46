#pragma once
// What every fuzz target checks (docs/reliability.md). A loader either returns a
// consistent result or throws bp::InputError naming the file it read; anything else
// (another exception, a crash, a sanitizer report, an inconsistent result) is a
// finding. finding() reports it on stderr and aborts, so libFuzzer keeps the input.
#include "math/dataset.h"
#include "math/error.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bp::fuzz {

[[noreturn]] void finding(const std::string& what);

// The error names one of `files` and says what is wrong.
void checkError(const InputError& e, const std::vector<std::string>& files);

// Records, inputs, targets, names, labels and source rows agree; every value is finite.
void checkDataset(const Dataset& d);

// `kept` is `all` loaded again with the class subset {all.classNames[0]}: exactly the
// records of that class, in file order, with the same inputs.
void checkSubset(const Dataset& all, const Dataset& kept);

// What one load gave: the dataset, or the error's text.
struct Outcome {
    std::optional<Dataset> dataset;
    std::string error;
};

// Runs `load`; an InputError becomes the outcome's error after checkError.
template <typename Load> Outcome attempt(Load load, const std::vector<std::string>& files) {
    Outcome o;
    try {
        o.dataset = load();
        checkDataset(*o.dataset);
    } catch (const InputError& e) {
        checkError(e, files);
        o.error = e.what();
    }
    return o;
}

bool sameDataset(const Dataset& a, const Dataset& b);
bool sameOutcome(const Outcome& a, const Outcome& b);

// A directory of this process for the files a loader must read from disk, in
// $BP_FUZZ_SCRATCH (fuzz/run: the run's own work directory), else $TMPDIR, else
// /dev/shm; removed when the process exits normally.
const std::string& scratchDir();

void writeFile(const std::string& path, const std::uint8_t* data, std::size_t size);
// A write of the harness's own file at `path` failed (errno says why): reports it as a
// harness error, not a finding, and aborts.
[[noreturn]] void writeFileFailed(const std::string& path);

} // namespace bp::fuzz
