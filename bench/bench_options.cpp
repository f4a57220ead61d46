#include "bench_options.h"

#include "core_side.h"

#include <algorithm>
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>

namespace bench {

namespace {

// --only: "" for a comma-separated list of W1, W2 and W3, else what is wrong.
std::string checkWorkloadList(const std::string& list) {
    for (std::size_t start = 0; start <= list.size();) {
        const std::size_t end = std::min(list.find(',', start), list.size());
        const std::string id = list.substr(start, end - start);
        if (id != "W1" && id != "W2" && id != "W3")
            return "expects a comma-separated list of W1, W2 and W3, got '" + list + "'";
        start = end + 1;
    }
    return std::string();
}

} // namespace

Options parseOptions(int argc, char** argv) {
    Options o;
    std::string precision = "double";
    CLI::App app("backprop-bench: the core against FANN (and PyTorch) in the same run, "
                 "printing each ratio",
                 "backprop-bench");
    CLI::Option* rounds = app.add_option("--rounds", o.rounds,
                                         "interleaved core/FANN rounds per workload (default 3)")
                              ->check(CLI::Range(1, 1000));
    app.add_flag("--quick", o.quick, "a smoke run: few records, 1 round (for CI)");
    app.add_option("--json", o.json, "also write the figures to FILE");
    app.add_option("--precision", precision, "the core's number type (default double)")
        ->check(CLI::IsMember({"double", "float"}));
    app.add_option("--only", o.only, "the workloads to run, comma-separated (default all)")
        ->check(checkWorkloadList);
    app.add_option("--data", o.data,
                   "the Fashion-MNIST directory (default " BP_FASHION_MNIST_DIR ")");
    app.add_flag("--peer-pytorch", o.peerPytorch,
                 "also run PyTorch in the same rounds (bench/pytorch_peer.py, "
                 "a child process; skipped with a message when python3-torch "
                 "is not installed)");
    CLI::Option* python = app.add_option("--python", o.python,
                                         "the interpreter for the peer (default /usr/bin/python3, "
                                         "the one Debian's python3-torch is for); implies "
                                         "--peer-pytorch");
    CLI::Option* script = app.add_option("--pytorch-script", o.pytorchScript,
                                         "the peer script (default " BP_PYTORCH_PEER_SCRIPT
                                         "); implies --peer-pytorch");
    app.add_option("--write-peer-data", o.writePeerData,
                   "write the starting models and circle CSVs that pytorch_peer.py --peer-dir "
                   "reads into DIR, and exit");
    CLI::Option* noPin = app.add_flag("--no-pin", "let the scheduler move the process between "
                                                  "processors (by default it stays on the one it "
                                                  "started on, the peers' child processes too, so "
                                                  "that every side runs on the same processor)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        std::exit(app.exit(e) == 0 ? 0 : 2);
    }
    o.peerPytorch = o.peerPytorch || python->count() > 0 || script->count() > 0;
    o.pin = noPin->count() == 0;
    o.precision = *bp::precisionFromString(precision);
    if (o.quick && rounds->count() == 0)
        o.rounds = 1;
    if (!corePrecisionAvailable(o.precision)) {
        std::fprintf(stderr, "backprop-bench: --precision %s: float not available yet\n",
                     toString(o.precision).c_str());
        std::exit(2);
    }
    return o;
}

bool wanted(const Options& o, const std::string& id) {
    std::string list = "," + o.only + ",";
    return list.find("," + id + ",") != std::string::npos;
}

} // namespace bench
