#pragma once
// What backprop-bench prints and writes: the lines of each workload and round, the
// tables and ratio lines at the end, and the --json file.
#include "bench_options.h"
#include "bench_workloads.h"
#include "cli_memory.h"
#include "pytorch_side.h"

#include <string>
#include <vector>

namespace bench {

// One workload's rounds on every side, and their medians.
struct Figures {
    const Workload* workload = nullptr;
    std::vector<SideResult> core, fann, torch; // one per round; torch empty without the peer
    std::vector<SideResult> fannMini; // FANN running the core's mini-batches (W2), or empty
    double coreMedian = 0, fannMedian = 0, coreCpuMedian = 0, fannCpuMedian = 0;
    double fannMiniMedian = 0, fannMiniCpuMedian = 0;
    double torchMedian = 0, torchCpuMedian = 0;

    double ratio() const { return fannMedian > 0 ? coreMedian / fannMedian : 0; }
    double cpuRatio() const { return fannCpuMedian > 0 ? coreCpuMedian / fannCpuMedian : 0; }
    double torchRatio() const { return torchMedian > 0 ? coreMedian / torchMedian : 0; }
    double torchCpuRatio() const { return torchCpuMedian > 0 ? coreCpuMedian / torchCpuMedian : 0; }
    double miniRatio() const { return fannMiniMedian > 0 ? coreMedian / fannMiniMedian : 0; }
    double fannMiniAccuracy() const { return fannMini.empty() ? -1 : fannMini.back().testAccuracy; }
    double coreAccuracy() const { return core.empty() ? -1 : core.back().testAccuracy; }
    double fannAccuracy() const { return fann.empty() ? -1 : fann.back().testAccuracy; }
    double torchAccuracy() const { return torch.empty() ? -1 : torch.back().testAccuracy; }

    void takeMedians(); // of the rounds' rates, per wall and per CPU second
};

// "12,345"
std::string grouped(double x);
// "12.34%", or "-" for a share below 0 (not measured).
std::string percent(double share);

// What the workload trains and how each side is set up (torch: null without the peer).
void printWorkload(const Workload& w, Precision p, const PytorchPeer* torch);
// The last round in `f`, of `rounds`.
void printRound(const Figures& f, int rounds);
// Each side's test accuracy and loss after its last run.
void printAccuracies(const Figures& f);
// The core/FANN table and ratio lines and, with the peer, the core/PyTorch ones.
void printTables(const std::vector<Figures>& all, Precision p, bool pytorch);

// Every round's figures, the medians, ratios, accuracies, this process's peak memory
// and W2's memory run in backprop-cli (null if not measured) as JSON at `path`. Throws
// std::runtime_error if it cannot write.
void writeJson(const std::string& path, const Options& o, const std::vector<Figures>& all,
               double peakMiB, const PytorchPeer* torch, const CliMemory* memory);

} // namespace bench
