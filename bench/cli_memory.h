#pragma once
// W2's peak memory as a user meets it: `backprop-cli train` on Fashion-MNIST run as
// a child process, its peak resident set size read from wait4's rusage (ru_maxrss).
#include <string>
#include <vector>

namespace bench {

struct ChildRun {
    std::vector<std::string> argv; // the command, argv[0] the program
    int exitCode = -1;             // −1 if killed by a signal
    double peakMiB = 0;            // the child's ru_maxrss
    std::string output;            // what it printed on stdout and stderr
};

// The `backprop-cli train` command of W2 (784-128-10 sigmoid/sigmoid, mse, batch 32,
// learning rate 2.0, one epoch, float, file order) on the training images in
// `dataDir`, with the t10k images as test data. records > 0 trains on that many
// records per epoch (every record is still loaded).
std::vector<std::string> w2CliCommand(const std::string& cli, const std::string& dataDir,
                                      long records);

// Runs argv[0] with argv, collects its output and waits for it. Call it before this
// process grows: at exec, Linux carries the parent's peak RSS into the child's
// ru_maxrss, so a large parent would hide the child's figure.
ChildRun runChild(const std::vector<std::string>& argv);

// This process's own peak RSS so far (getrusage RUSAGE_SELF), in MiB.
double selfPeakMiB();

// W2's peak memory in backprop-cli against the training images' size in float.
struct CliMemory {
    ChildRun run;
    long trainedRecords = 0;    // per epoch (all 60,000 are loaded either way)
    double benchPeakMiB = 0;    // this process's peak when it started the child
    double datasetFloatMiB = 0; // training images: records × inputs × 4 bytes
    double ratio() const { return datasetFloatMiB > 0 ? run.peakMiB / datasetFloatMiB : 0; }
};
constexpr double kMemoryLimit = 2.0; // issue 5: peak < 2 × the dataset in float

// Runs W2 in the backprop-cli at `cli` on the Fashion-MNIST files in `dataDir` (all
// 60,000 records, or 8,192 if `quick`) and fills in all but datasetFloatMiB. Throws
// std::runtime_error if the child fails.
CliMemory measureCliMemory(const std::string& cli, const std::string& dataDir, bool quick);

// The epoch line backprop-cli printed, for the report.
std::string epochLine(const std::string& output);

// "W2 backprop-cli peak memory: … MiB (dataset in float: … MiB; ratio …, limit 2)"
std::string memoryLine(const CliMemory& m);

} // namespace bench
