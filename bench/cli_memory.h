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

} // namespace bench
