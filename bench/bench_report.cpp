#include "bench_report.h"

#include "fann_side.h"
#include "io/json.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace bench {

namespace {

double medianOf(const std::vector<SideResult>& v, bool cpu) {
    std::vector<double> x;
    for (const SideResult& s : v)
        x.push_back(cpu ? s.cpuRate() : s.rate());
    return median(x);
}

} // namespace

void Figures::takeMedians() {
    coreMedian = medianOf(core, false);
    fannMedian = medianOf(fann, false);
    coreCpuMedian = medianOf(core, true);
    fannCpuMedian = medianOf(fann, true);
    fannMiniMedian = medianOf(fannMini, false);
    fannMiniCpuMedian = medianOf(fannMini, true);
    torchMedian = medianOf(torch, false);
    torchCpuMedian = medianOf(torch, true);
}

std::string grouped(double x) {
    std::string s = std::to_string(static_cast<long long>(x + 0.5));
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
        s.insert(static_cast<std::size_t>(i), ",");
    return s;
}

std::string percent(double share) {
    if (share < 0)
        return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", 100 * share);
    return buf;
}

void printWorkload(const Workload& w, Precision p, const PytorchPeer* torch) {
    std::printf("%s: %s; %s steps (%ld records x %d epoch%s)\n", w.id.c_str(),
                w.description.c_str(), grouped(double(w.steps())).c_str(), long(w.records),
                w.epochs, w.epochs > 1 ? "s" : "");
    std::printf("  core: bp::train, %s, learning rate %g, batch %d\n", toString(p).c_str(),
                w.hyper.learningRate, w.hyper.batchSize);
    std::printf("  FANN: %s\n", fannSettings(w).c_str());
    if (w.fannMiniBatch > 0)
        std::printf("  FANN with the core's algorithm: %s\n",
                    fannSettings(w, FannMode{w.fannMiniBatch}).c_str());
    if (torch)
        std::printf("  %s, torch.optim.SGD, learning rate %g, batch %d\n",
                    torch->description().c_str(), w.hyper.learningRate, w.hyper.batchSize);
    std::fflush(stdout);
}

void printRound(const Figures& f, int rounds) {
    const char* unit = f.workload->epochs > 1 ? "steps/s" : "rec/s";
    const SideResult& core = f.core.back();
    const SideResult& fann = f.fann.back();
    std::printf("  round %d/%d: core %12s %s (%s per CPU s), FANN %12s %s (%s per CPU s)",
                static_cast<int>(f.core.size()), rounds, grouped(core.rate()).c_str(), unit,
                grouped(core.cpuRate()).c_str(), grouped(fann.rate()).c_str(), unit,
                grouped(fann.cpuRate()).c_str());
    if (!f.torch.empty())
        std::printf(", PyTorch %12s %s (%s per CPU s)", grouped(f.torch.back().rate()).c_str(),
                    unit, grouped(f.torch.back().cpuRate()).c_str());
    if (!f.fannMini.empty())
        std::printf(", FANN mini-batch %12s %s (%s per CPU s)",
                    grouped(f.fannMini.back().rate()).c_str(), unit,
                    grouped(f.fannMini.back().cpuRate()).c_str());
    std::printf("\n");
    std::fflush(stdout);
}

void printAccuracies(const Figures& f) {
    std::printf("  test accuracy after the runs (%ld held-out records): core %s, FANN %s; "
                "test ½-squared error: core %.4f, FANN %.4f\n",
                long(f.workload->test->records()), percent(f.coreAccuracy()).c_str(),
                percent(f.fannAccuracy()).c_str(), f.core.back().testLoss, f.fann.back().testLoss);
    if (!f.fannMini.empty())
        std::printf("  FANN with the core's mini-batches, after its runs: test accuracy %s; test "
                    "½-squared error %.4f\n",
                    percent(f.fannMiniAccuracy()).c_str(), f.fannMini.back().testLoss);
    if (!f.torch.empty())
        std::printf("  PyTorch test accuracy after its runs: %s; test ½-squared error %.4f\n",
                    percent(f.torchAccuracy()).c_str(), f.torch.back().testLoss);
    std::fflush(stdout);
}

namespace {

// A peer's columns in the tables at the end.
struct PeerColumns {
    const char* name;   // "FANN"
    const char* number; // its number type: "float"
    double Figures::*median;
    double (Figures::*ratio)() const;
    double (Figures::*cpuRatio)() const;
    double (Figures::*accuracy)() const;
};

const PeerColumns kFann = {"FANN",
                           "float",
                           &Figures::fannMedian,
                           &Figures::ratio,
                           &Figures::cpuRatio,
                           &Figures::fannAccuracy};
const PeerColumns kPytorch = {"PyTorch",
                              "float32",
                              &Figures::torchMedian,
                              &Figures::torchRatio,
                              &Figures::torchCpuRatio,
                              &Figures::torchAccuracy};

// The table of the core against one peer, then a ratio line per workload.
void printTable(const std::vector<Figures>& all, Precision p, const PeerColumns& peer) {
    std::printf("\n| workload | steps | core %s, rec/s (median) | %s %s, rec/s (median) "
                "| core/%s | core/%s per CPU s | core test acc. | %s test acc. |\n"
                "|---|---:|---:|---:|---:|---:|---:|---:|\n",
                toString(p).c_str(), peer.name, peer.number, peer.name, peer.name, peer.name);
    for (const Figures& f : all)
        std::printf("| %s | %s | %s | %s | %.2f | %.2f | %s | %s |\n", f.workload->id.c_str(),
                    grouped(double(f.workload->steps())).c_str(), grouped(f.coreMedian).c_str(),
                    grouped(f.*peer.median).c_str(), (f.*peer.ratio)(), (f.*peer.cpuRatio)(),
                    percent(f.coreAccuracy()).c_str(), percent((f.*peer.accuracy)()).c_str());
    std::printf("\n");
    for (const Figures& f : all)
        std::printf("%s core/%s ratio: %.2f (test accuracy: core %s, %s %s)\n",
                    f.workload->id.c_str(), peer.name, (f.*peer.ratio)(),
                    percent(f.coreAccuracy()).c_str(), peer.name,
                    percent((f.*peer.accuracy)()).c_str());
}

} // namespace

void printTables(const std::vector<Figures>& all, Precision p, bool pytorch) {
    printTable(all, p, kFann);
    for (const Figures& f : all)
        if (!f.fannMini.empty())
            std::printf("%s core/FANN-mini-batch ratio: %.2f (the same algorithm; test "
                        "accuracy: core %s, FANN mini-batch %s)\n",
                        f.workload->id.c_str(), f.miniRatio(), percent(f.coreAccuracy()).c_str(),
                        percent(f.fannMiniAccuracy()).c_str());
    if (pytorch)
        printTable(all, p, kPytorch);
}

namespace {

using bp::json::Value;

Value count(long n) {
    return Value::makeInteger(static_cast<std::uint64_t>(n));
}

Value sideJson(const std::vector<SideResult>& runs, double median, double cpuMedian) {
    Value side = Value::makeObject();
    Value rates = Value::makeArray();
    Value cpuRates = Value::makeArray();
    for (const SideResult& s : runs) {
        rates.items.push_back(Value::makeNumber(s.rate()));
        cpuRates.items.push_back(Value::makeNumber(s.cpuRate()));
    }
    side.add("stepsPerSecond", rates);
    side.add("stepsPerCpuSecond", cpuRates);
    side.add("medianStepsPerSecond", Value::makeNumber(median));
    side.add("medianStepsPerCpuSecond", Value::makeNumber(cpuMedian));
    side.add("testAccuracy", Value::makeNumber(runs.back().testAccuracy));
    side.add("testLoss", Value::makeNumber(runs.back().testLoss));
    return side;
}

Value workloadJson(const Figures& f) {
    const Workload& w = *f.workload;
    Value x = Value::makeObject();
    x.add("id", Value::makeString(w.id));
    x.add("description", Value::makeString(w.description));
    x.add("records", count(w.records));
    x.add("epochs", count(w.epochs));
    x.add("steps", count(w.steps()));
    x.add("coreLearningRate", Value::makeNumber(w.hyper.learningRate));
    x.add("coreBatchSize", count(w.hyper.batchSize));
    x.add("fannLearningRate", Value::makeNumber(w.fannLearningRate));
    x.add("fannMiniBatch", Value::makeNumber(w.fannMiniBatch));
    x.add("testRecords", count(w.test->records()));
    x.add("core", sideJson(f.core, f.coreMedian, f.coreCpuMedian));
    x.add("fann", sideJson(f.fann, f.fannMedian, f.fannCpuMedian));
    if (!f.fannMini.empty()) {
        x.add("fannMiniBatch", sideJson(f.fannMini, f.fannMiniMedian, f.fannMiniCpuMedian));
        x.add("ratioFannMiniBatch", Value::makeNumber(f.miniRatio()));
    }
    x.add("ratio", Value::makeNumber(f.ratio()));
    x.add("cpuRatio", Value::makeNumber(f.cpuRatio()));
    if (!f.torch.empty()) {
        x.add("pytorch", sideJson(f.torch, f.torchMedian, f.torchCpuMedian));
        x.add("pytorchRatio", Value::makeNumber(f.torchRatio()));
        x.add("pytorchCpuRatio", Value::makeNumber(f.torchCpuRatio()));
    }
    return x;
}

Value cliMemoryJson(const CliMemory& memory) {
    Value m = Value::makeObject();
    std::string command;
    for (const std::string& a : memory.run.argv)
        command += (command.empty() ? "" : " ") + a;
    m.add("command", Value::makeString(command));
    m.add("trainedRecords", count(memory.trainedRecords));
    m.add("peakMiB", Value::makeNumber(memory.run.peakMiB));
    m.add("datasetFloatMiB", Value::makeNumber(memory.datasetFloatMiB));
    m.add("datasetCounted", Value::makeString("the training images only (records × inputs × "
                                              "4 bytes); the child also holds the test set"));
    m.add("ratio", Value::makeNumber(memory.ratio()));
    m.add("limit", Value::makeNumber(kMemoryLimit));
    m.add("benchPeakAtStartMiB", Value::makeNumber(memory.benchPeakMiB));
    m.add("epochLine", Value::makeString(epochLine(memory.run.output)));
    return m;
}

} // namespace

void writeJson(const std::string& path, const Options& o, const std::vector<Figures>& all,
               double peakMiB, const PytorchPeer* torch, const CliMemory* memory) {
    Value root = Value::makeObject();
    root.add("benchmark", Value::makeString("backprop-bench"));
    root.add("peer", Value::makeString("FANN 2.2 float (libfloatfann): FANN_TRAIN_INCREMENTAL, or "
                                       "FANN_TRAIN_BATCH per mini-batch"));
    if (torch)
        root.add("pytorchPeer", Value::makeString(torch->description()));
    root.add("precision", Value::makeString(toString(o.precision)));
    root.add("rounds", count(o.rounds));
    root.add("quick", Value::makeBool(o.quick));
    root.add("hardwareThreads", Value::makeInteger(std::thread::hardware_concurrency()));
    Value list = Value::makeArray();
    for (const Figures& f : all)
        list.items.push_back(workloadJson(f));
    root.add("workloads", list);
    root.add("peakMemoryMiB", Value::makeNumber(peakMiB));
    if (memory)
        root.add("w2CliMemory", cliMemoryJson(*memory));
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bp::json::write(root);
    if (!out.flush())
        throw std::runtime_error("could not write " + path);
}

} // namespace bench
