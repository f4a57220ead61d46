#include "fuzz_check.h"

#include "io/class_labels.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace bp::fuzz {

void finding(const std::string& what) {
    std::fprintf(stderr, "\n==== FINDING: %s\n", what.c_str());
    std::abort();
}

void checkError(const InputError& e, const std::vector<std::string>& files) {
    bool named = false;
    for (const std::string& f : files)
        named = named || e.file() == f;
    if (!named)
        finding("an InputError that names no input file: " + std::string(e.what()));
    if (e.message().empty())
        finding("an InputError without a message: " + std::string(e.what()));
}

namespace {

void checkShape(const Dataset& d) {
    if (d.records() <= 0 || d.inputSize() <= 0 || d.outputSize() <= 0)
        finding("a dataset without records, inputs or outputs");
    if (d.targets.cols() != d.records())
        finding("targets and inputs hold different numbers of records");
    if (d.inputNames.size() != std::size_t(d.inputSize()) ||
        d.targetNames.size() != std::size_t(d.outputSize()))
        finding("not one name per input and per output");
    if (d.sourceRows.size() != std::size_t(d.records()))
        finding("not one source row per record");
}

void checkValues(const Dataset& d) {
    const Matrix x = d.inputs.toMatrix();
    if (!x.allFinite() || !d.targets.allFinite())
        finding("a value that is not finite");
    if (d.inputs.storage() == Storage::Bytes && (x.minCoeff() < 0 || x.maxCoeff() > 1))
        finding("a pixel outside [0, 1]");
}

void checkClasses(const Dataset& d) {
    if (!d.isClassification()) {
        if (!d.labels.empty())
            finding("labels without classes");
        return;
    }
    if (d.labels.size() != std::size_t(d.records()))
        finding("not one label per record");
    for (const int label : d.labels)
        if (label < 0 || std::size_t(label) >= d.classNames.size())
            finding("a label outside the classes");
    if (d.targets != oneHot(d.labels, d.classNames.size()))
        finding("targets that are not the one-hot labels");
    if (d.targetNames != d.classNames)
        finding("target names that are not the class names");
}

} // namespace

void checkDataset(const Dataset& d) {
    checkShape(d);
    checkValues(d);
    checkClasses(d);
}

void checkSubset(const Dataset& all, const Dataset& kept) {
    std::vector<Eigen::Index> records;
    std::vector<long> rows;
    for (std::size_t r = 0; r < all.labels.size(); ++r)
        if (all.labels[r] == 0) {
            records.push_back(static_cast<Eigen::Index>(r));
            rows.push_back(all.sourceRows[r]);
        }
    if (kept.classNames != std::vector<std::string>{all.classNames.front()})
        finding("a class subset of one class gives other classes");
    if (kept.sourceRows != rows)
        finding("a class subset keeps other records than those of its class");
    if (kept.inputs != all.inputs.columns(records))
        finding("a class subset changes the inputs of the records it keeps");
}

bool sameDataset(const Dataset& a, const Dataset& b) {
    return a.name == b.name && a.inputs == b.inputs && a.targets == b.targets &&
           a.inputNames == b.inputNames && a.targetNames == b.targetNames &&
           a.classNames == b.classNames && a.labels == b.labels && a.sourceRows == b.sourceRows &&
           a.sourceRowKind == b.sourceRowKind;
}

bool sameOutcome(const Outcome& a, const Outcome& b) {
    if (a.dataset && b.dataset)
        return sameDataset(*a.dataset, *b.dataset);
    return !a.dataset && !b.dataset && a.error == b.error;
}

namespace {

// $BP_FUZZ_SCRATCH (fuzz/run sets it to the run's own work directory), else $TMPDIR,
// else /dev/shm: in memory, where rewriting a file thousands of times a second costs no
// disk writes (on ext4 each rewrite of a truncated file is flushed at close).
std::string scratchParent() {
    for (const char* name : {"BP_FUZZ_SCRATCH", "TMPDIR"}) {
        const char* dir = std::getenv(name);
        if (dir && *dir)
            return dir;
    }
    std::error_code ec;
    return std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : "/tmp";
}

// The harness could not write its own scratch file: not a loader's finding, but the
// run cannot go on. Says why (errno) and whether the directory is still there.
[[noreturn]] void scratchFailure(const std::string& path, int error) {
    std::error_code ec;
    const bool dirThere = std::filesystem::is_directory(scratchDir(), ec);
    std::fprintf(stderr, "HARNESS ERROR: cannot write %s: %s (scratch directory %s)\n",
                 path.c_str(), std::strerror(error), dirThere ? "present" : "gone");
    std::abort();
}

} // namespace

const std::string& scratchDir() {
    // Never destroyed: the exit handler that removes the directory still reads it.
    static const std::string* dir = [] {
        auto* pattern = new std::string(scratchParent() + "/bp-fuzz-XXXXXX");
        if (!mkdtemp(pattern->data()))
            finding("cannot create a scratch directory in " + *pattern);
        std::atexit([] { std::filesystem::remove_all(scratchDir()); });
        return pattern;
    }();
    return *dir;
}

void writeFile(const std::string& path, const std::uint8_t* data, std::size_t size) {
    errno = 0;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush())
        scratchFailure(path, errno);
}

[[noreturn]] void writeFileFailed(const std::string& path) {
    scratchFailure(path, errno);
}

} // namespace bp::fuzz
