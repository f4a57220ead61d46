#pragma once
// backprop-bench's command line, on CLI11: typed options with their ranges and
// allowed values and a generated --help.
#include "bench_workloads.h"

#include <string>

namespace bench {

struct Options {
    int rounds = 3;
    bool quick = false;
    std::string json;
    Precision precision = Precision::Double;
    std::string only = "W1,W2,W3";
    std::string data = BP_FASHION_MNIST_DIR;
    bool peerPytorch = false;
    std::string python = "/usr/bin/python3";
    std::string pytorchScript = BP_PYTORCH_PEER_SCRIPT;
    std::string writePeerData; // directory; empty = do not
    bool pin = true;
};

// The options of argv; --help prints and exits with 0, anything else that is wrong
// exits with 2 and says what was wrong.
Options parseOptions(int argc, char** argv);

// Whether --only lists the workload `id`.
bool wanted(const Options& o, const std::string& id);

} // namespace bench
