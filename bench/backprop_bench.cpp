// backprop-bench: the core against FANN 2.2 (float) on the workloads of issue 5,
// one thread, the same records in the same order and the same starting weights on
// both sides, interleaved round by round; medians of records per second, the ratio
// core/FANN per workload and each side's test accuracy after its runs; and W2's
// peak memory in `backprop-cli train`, run as a child process. With --peer-pytorch,
// PyTorch (bench/pytorch_peer.py, a child process) is a third side in the same
// rounds. See docs/performance.md. Usage:
//   backprop-bench [--rounds N] [--quick] [--json FILE] [--precision double|float]
//                  [--only W1,W2,W3] [--data DIR] [--peer-pytorch [--python EXE]]
//                  [--write-peer-data DIR]
#include "bench_options.h"
#include "bench_report.h"
#include "bench_workloads.h"
#include "cli_memory.h"
#include "core_side.h"
#include "fann_side.h"
#include "io/data_loader.h"
#include "io/generators.h"
#include "pytorch_side.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <sched.h>
#include <stdexcept>
#include <string>
#include <thread>

using namespace bench;

namespace {

// One round of a workload: every side once. The order changes every round so that a
// drifting machine load favours no side: core, FANN alternate; with PyTorch the three
// rotate.
void runRound(int r, const CoreSide& core, FannData& fannData, PytorchPeer* torch, const Options& o,
              Figures& f) {
    const Workload& w = *f.workload;
    const bool last = r + 1 == o.rounds; // test accuracy after the last run of each side
    SideResult c, fann, pt, fannMini;
    const auto runSide = [&](int side) {
        if (side == 0)
            c = core.run(last);
        else if (side == 1) {
            fann = runFann(w, fannData, last);
            if (w.fannMiniBatch > 0)
                fannMini = runFann(w, fannData, last, FannMode{w.fannMiniBatch});
        } else
            pt = torch->run(w, last);
    };
    const int sides = torch ? 3 : 2;
    for (int s = 0; s < sides; ++s)
        runSide((r + s) % sides);
    f.core.push_back(c);
    f.fann.push_back(fann);
    if (w.fannMiniBatch > 0)
        f.fannMini.push_back(fannMini);
    if (torch)
        f.torch.push_back(pt);
}

Figures runWorkload(const Workload& w, FannData& fannData, PytorchPeer* torch, const Options& o) {
    printWorkload(w, o.precision, torch);
    const CoreSide core(w, o.precision); // the experiment prepared, before any timed run
    Figures f;
    f.workload = &w;
    for (int r = 0; r < o.rounds; ++r) {
        runRound(r, core, fannData, torch, o, f);
        printRound(f, o.rounds);
    }
    f.takeMedians();
    printAccuracies(f);
    return f;
}

// Every workload in turn, FANN's float copy of each dataset made once.
std::vector<Figures> runWorkloads(const std::vector<Workload>& workloads, PytorchPeer* torch,
                                  const Options& o) {
    std::map<const bp::Dataset*, FannData> fannData; // one float copy per dataset
    std::vector<Figures> all;
    for (const Workload& w : workloads) {
        auto it = fannData.find(w.train.get());
        if (it == fannData.end())
            it = fannData.emplace(w.train.get(), makeFannData(*w.train)).first;
        all.push_back(runWorkload(w, it->second, torch, o));
    }
    return all;
}

std::shared_ptr<const bp::Dataset> loadFashion(const std::string& dir, const char* part) {
    return std::make_shared<const bp::Dataset>(bp::loadDataset(fashionImages(dir, part)));
}

// The data of the wanted workloads, each set read (or generated) once.
BenchData loadData(const Options& o) {
    BenchData d;
    d.fashionDir = o.data;
    if (wanted(o, "W1") || wanted(o, "W2")) {
        const Stopwatch load;
        d.fashionTrain = loadFashion(o.data, "train");
        d.fashionTest = loadFashion(o.data, "t10k");
        std::printf("data: Fashion-MNIST from %s: %ld train, %ld test records (%.1f s)\n",
                    o.data.c_str(), long(d.fashionTrain->records()), long(d.fashionTest->records()),
                    load.wallSeconds());
    }
    if (wanted(o, "W3")) {
        d.circleTrain = std::make_shared<const bp::Dataset>(bp::generateCircle(1, 0.05, 1000));
        d.circleTest = std::make_shared<const bp::Dataset>(bp::generateCircle(2, 0.05, 1000));
        std::printf("data: circle (noise 0.05): 1000 train records (seed 1), 1000 test "
                    "records (seed 2)\n");
    }
    std::fflush(stdout);
    return d;
}

std::vector<Workload> wantedWorkloads(const Options& o, const BenchData& d) {
    std::vector<Workload> workloads;
    for (const Workload& w : makeWorkloads(d, o.quick))
        if (wanted(o, w.id))
            workloads.push_back(w);
    return workloads;
}

// What the per-layer health costs W1 (784-128-10 online): the core trains with and
// without a HealthWindow fed the last `window` of every 100 records, alternately, and
// the ratio of the median speeds is printed (issue 13: at most 5% slower).
void printHealthCost(const std::vector<Workload>& workloads, const Options& o) {
    const auto w1 = std::find_if(workloads.begin(), workloads.end(),
                                 [](const Workload& w) { return w.id == "W1"; });
    if (w1 == workloads.end())
        return;
    const CoreSide core(*w1, o.precision);
    const int rounds = o.quick ? 5 : std::max(o.rounds, 9);
    for (long window : o.quick ? std::vector<long>{10} : std::vector<long>{1, 10, 100}) {
        const bp::HealthSampler sampler{100, window};
        std::vector<double> plain, probed;
        for (int r = 0; r < rounds; ++r) {
            const bool first = r % 2 == 0; // alternate which goes first
            const SideResult a = first ? core.run(false) : core.runWithHealth(sampler);
            const SideResult b = first ? core.runWithHealth(sampler) : core.run(false);
            plain.push_back((first ? a : b).rate());
            probed.push_back((first ? b : a).rate());
        }
        const double without = median(plain), with = median(probed);
        std::printf("W1 health every 100 records over the last %ld: speed ratio with/without "
                    "%.3f (%s vs %s rec/s, median of %d)\n",
                    window, with / without, grouped(with).c_str(), grouped(without).c_str(),
                    rounds);
    }
    std::fflush(stdout);
}

// A directory made by mkdtemp under $TMPDIR (or /tmp), removed with its files at the end.
struct TempDir {
    std::string path;
    void create() {
        const char* base = std::getenv("TMPDIR");
        std::string pattern = std::string(base && *base ? base : "/tmp") + "/backprop-bench-XXXXXX";
        if (!mkdtemp(pattern.data()))
            throw std::runtime_error("cannot create a directory like " + pattern);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        if (!path.empty())
            std::filesystem::remove_all(path, ignored);
    }
};

// Keeps this process (and the children it starts) on the processor it runs on now.
// The two processors of a shared virtual machine can run at different speeds for
// minutes at a time; a side that the scheduler moved to the other one would be
// measured on a different machine. Returns the processor, or -1.
int pinToThisProcessor() {
    const int cpu = sched_getcpu();
    if (cpu < 0)
        return -1;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0 ? cpu : -1;
}

// PyTorch: a child process that reads the starting weights and the circle records
// from peerDir (created here; removed at the end, after the child). Null without
// --peer-pytorch or when the peer is not available (a line says why).
std::unique_ptr<PytorchPeer> startPytorch(const Options& o, const std::vector<Workload>& workloads,
                                          TempDir& peerDir) {
    if (!o.peerPytorch)
        return nullptr;
    peerDir.create();
    writePeerData(peerDir.path, workloads);
    auto torch =
        std::make_unique<PytorchPeer>(o.python, o.pytorchScript, peerDir.path, o.only, o.data);
    if (!torch->available()) {
        std::printf("PyTorch peer: %s\n", torch->skipMessage().c_str());
        torch.reset();
    }
    std::fflush(stdout);
    return torch;
}

void printHeadline(const Options& o, int pinned) {
    std::printf("backprop-bench: core (%s) vs FANN 2.2 float%s, one thread, %d round%s%s, "
                "%u hardware threads\n",
                toString(o.precision).c_str(), o.peerPytorch ? " and PyTorch" : "", o.rounds,
                o.rounds > 1 ? "s" : "", o.quick ? " (quick)" : "",
                std::thread::hardware_concurrency());
    if (pinned >= 0)
        std::printf("every side runs on processor %d (--no-pin to let them move)\n", pinned);
}

// First, while this process is small (see runChild): W2 in backprop-cli.
std::optional<CliMemory> w2CliMemory(const Options& o) {
    if (!wanted(o, "W2"))
        return std::nullopt;
    CliMemory memory = measureCliMemory(BP_CLI_PATH, o.data, o.quick);
    std::printf("W2 in backprop-cli (%ld records trained, t10k as test data): %s\n",
                memory.trainedRecords, epochLine(memory.run.output).c_str());
    return memory;
}

// The end: tables, ratio lines, memory and the JSON file.
void report(const Options& o, const std::vector<Figures>& all, const BenchData& d,
            const PytorchPeer* torch, std::optional<CliMemory>& memory) {
    printTables(all, o.precision, torch != nullptr);
    const double peak = selfPeakMiB();
    std::printf("peak memory (getrusage ru_maxrss): %.1f MiB\n", peak);
    if (memory) {
        const bp::Dataset& train = *d.fashionTrain;
        memory->datasetFloatMiB =
            double(train.records()) * double(train.inputSize()) * 4.0 / (1024.0 * 1024.0);
        std::printf("%s\n", memoryLine(*memory).c_str());
    }
    if (!o.json.empty()) {
        writeJson(o.json, o, all, peak, torch, memory ? &*memory : nullptr);
        std::printf("figures written to %s\n", o.json.c_str());
    }
}

int runBench(const Options& o, int pinned) {
    printHeadline(o, pinned);
    std::optional<CliMemory> memory = w2CliMemory(o);
    const BenchData d = loadData(o);
    const std::vector<Workload> workloads = wantedWorkloads(o, d);
    if (!o.writePeerData.empty()) {
        std::filesystem::create_directories(o.writePeerData);
        writePeerData(o.writePeerData, workloads);
        std::printf("peer data (starting models, circle CSVs) written to %s\n",
                    o.writePeerData.c_str());
        return 0;
    }
    TempDir peerDir;
    const std::unique_ptr<PytorchPeer> torch = startPytorch(o, workloads, peerDir);
    const std::vector<Figures> all = runWorkloads(workloads, torch.get(), o);
    printHealthCost(workloads, o);
    report(o, all, d, torch.get(), memory);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const Options o = parseOptions(argc, argv);
    const int pinned = o.pin ? pinToThisProcessor() : -1;
    try {
        return runBench(o, pinned);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "backprop-bench: %s\n", e.what());
        return 1;
    }
}
