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
#include "bench_workloads.h"
#include "cli_memory.h"
#include "core_side.h"
#include "fann_side.h"
#include "io/data_loader.h"
#include "io/generators.h"
#include "io/json.h"
#include "pytorch_side.h"

#include <algorithm>
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sched.h>
#include <stdexcept>
#include <string>
#include <thread>

using namespace bench;

namespace {

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

// The command line, on CLI11: typed options with their ranges and allowed values and a
// generated --help; anything else exits with 2 and says what was wrong.
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
        ->check([](const std::string& list) {
            for (std::size_t start = 0; start <= list.size();) {
                const std::size_t end = std::min(list.find(',', start), list.size());
                const std::string id = list.substr(start, end - start);
                if (id != "W1" && id != "W2" && id != "W3")
                    return "expects a comma-separated list of W1, W2 and W3, got '" + list + "'";
                start = end + 1;
            }
            return std::string();
        });
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

// Fashion-MNIST: 784 inputs scaled to [0, 1] by the IDX reader, 10 one-hot classes.
std::shared_ptr<const bp::Dataset> loadFashion(const std::string& dir, const char* part) {
    const std::string path = dir + "/" + part + "-images-idx3-ubyte.gz";
    return std::make_shared<const bp::Dataset>(bp::loadDataset(path));
}

struct Data {
    std::shared_ptr<const bp::Dataset> fashionTrain, fashionTest, circleTrain, circleTest;
};

std::vector<Workload> makeWorkloads(const Options& o, const Data& d) {
    std::vector<Workload> all;
    if (d.fashionTrain) {
        Workload w1;
        w1.id = "W1";
        w1.description = "784-128-10 sigmoid/sigmoid, ½-squared error, online SGD (batch 1)";
        w1.arch.sizes = {784, 128, 10};
        w1.arch.hidden = bp::Activation::Sigmoid;
        w1.arch.output = bp::Activation::Sigmoid;
        w1.arch.loss = bp::Loss::Mse;
        w1.hyper.learningRate = 0.1;
        w1.hyper.batchSize = 1;
        w1.fannLearningRate = 0.1;
        w1.records = o.quick ? 1000 : 10000;
        w1.train = d.fashionTrain;
        w1.test = d.fashionTest;
        w1.seed = 1;

        // FANN has no mini-batch SGD: its peer here is incremental training on the same
        // 60,000 records, as in the issue. Its FANN_TRAIN_BATCH makes one update per call
        // of fann_train_epoch, so called on consecutive 32-record slices it runs the core's
        // algorithm too: a second FANN side, for the accuracy (docs/performance.md).
        Workload w2 = w1;
        w2.id = "W2";
        w2.description = "784-128-10 as W1, mini-batch 32 (FANN: online; and mini-batch "
                         "by FANN_TRAIN_BATCH per 32 records)";
        w2.hyper.batchSize = 32;
        // The batch's mean gradient: 32 × 0.1 = 3.2 would give the same step per record as
        // W1, but its first updates push every output to 0 and the net sits on that plateau
        // for the first ~20,000 records; 2.0 does not (tried 0.1 to 3.2: docs/performance.md).
        w2.hyper.learningRate = 2.0;
        w2.fannMiniBatch = 32;
        w2.records = o.quick ? 8192 : 60000;
        all.push_back(w1);
        all.push_back(w2);
    }
    if (d.circleTrain) {
        Workload w3;
        w3.id = "W3";
        w3.description = "2-8-8-1 tanh/tanh/sigmoid, ½-squared error, online, circle set";
        w3.arch.sizes = {2, 8, 8, 1};
        w3.arch.hidden = bp::Activation::Tanh;
        w3.arch.output = bp::Activation::Sigmoid;
        w3.arch.loss = bp::Loss::Mse;
        w3.hyper.learningRate = 0.3;
        w3.hyper.batchSize = 1;
        w3.fannLearningRate = 0.3;
        w3.records = d.circleTrain->records();
        w3.epochs = o.quick ? 5 : 100;
        w3.train = d.circleTrain;
        w3.test = d.circleTest;
        w3.seed = 3;
        all.push_back(w3);
    }
    return all;
}

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
};

// "12,345"
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

Figures runWorkload(const Workload& w, FannData& fannData, PytorchPeer* torch, const Options& o) {
    Figures f;
    f.workload = &w;
    const char* unit = w.epochs > 1 ? "steps/s" : "rec/s";
    std::printf("%s: %s; %s steps (%ld records x %d epoch%s)\n", w.id.c_str(),
                w.description.c_str(), grouped(double(w.steps())).c_str(), long(w.records),
                w.epochs, w.epochs > 1 ? "s" : "");
    std::printf("  core: bp::train, %s, learning rate %g, batch %d\n",
                toString(o.precision).c_str(), w.hyper.learningRate, w.hyper.batchSize);
    std::printf("  FANN: %s\n", fannSettings(w).c_str());
    const FannMode mini{w.fannMiniBatch};
    if (w.fannMiniBatch > 0)
        std::printf("  FANN with the core's algorithm: %s\n", fannSettings(w, mini).c_str());
    if (torch)
        std::printf("  %s, torch.optim.SGD, learning rate %g, batch %d\n",
                    torch->description().c_str(), w.hyper.learningRate, w.hyper.batchSize);
    std::fflush(stdout);
    for (int r = 0; r < o.rounds; ++r) {
        const bool last = r + 1 == o.rounds; // test accuracy after the last run of each side
        SideResult core, fann, pt, fannMini;
        // Change the order every round so that a drifting machine load favours no side:
        // core, FANN alternate; with PyTorch the three rotate.
        const auto runSide = [&](int side) {
            if (side == 0)
                core = runCore(w, o.precision, last);
            else if (side == 1) {
                fann = runFann(w, fannData, last);
                if (w.fannMiniBatch > 0)
                    fannMini = runFann(w, fannData, last, mini);
            } else
                pt = torch->run(w, last);
        };
        const int sides = torch ? 3 : 2;
        for (int s = 0; s < sides; ++s)
            runSide((r + s) % sides);
        f.core.push_back(core);
        f.fann.push_back(fann);
        if (w.fannMiniBatch > 0)
            f.fannMini.push_back(fannMini);
        if (torch)
            f.torch.push_back(pt);
        std::printf("  round %d/%d: core %12s %s (%s per CPU s), FANN %12s %s (%s per CPU s)",
                    r + 1, o.rounds, grouped(core.rate()).c_str(), unit,
                    grouped(core.cpuRate()).c_str(), grouped(fann.rate()).c_str(), unit,
                    grouped(fann.cpuRate()).c_str());
        if (torch)
            std::printf(", PyTorch %12s %s (%s per CPU s)", grouped(pt.rate()).c_str(), unit,
                        grouped(pt.cpuRate()).c_str());
        if (w.fannMiniBatch > 0)
            std::printf(", FANN mini-batch %12s %s (%s per CPU s)",
                        grouped(fannMini.rate()).c_str(), unit,
                        grouped(fannMini.cpuRate()).c_str());
        std::printf("\n");
        std::fflush(stdout);
    }
    const auto medianOf = [](const std::vector<SideResult>& v, bool cpu) {
        std::vector<double> x;
        for (const SideResult& s : v)
            x.push_back(cpu ? s.cpuRate() : s.rate());
        return median(x);
    };
    f.coreMedian = medianOf(f.core, false);
    f.fannMedian = medianOf(f.fann, false);
    f.coreCpuMedian = medianOf(f.core, true);
    f.fannCpuMedian = medianOf(f.fann, true);
    f.fannMiniMedian = medianOf(f.fannMini, false);
    f.fannMiniCpuMedian = medianOf(f.fannMini, true);
    f.torchMedian = medianOf(f.torch, false);
    f.torchCpuMedian = medianOf(f.torch, true);
    std::printf("  test accuracy after the runs (%ld held-out records): core %s, FANN %s; "
                "test ½-squared error: core %.4f, FANN %.4f\n",
                long(w.test->records()), percent(f.coreAccuracy()).c_str(),
                percent(f.fannAccuracy()).c_str(), f.core.back().testLoss, f.fann.back().testLoss);
    if (w.fannMiniBatch > 0)
        std::printf("  FANN with the core's mini-batches, after its runs: test accuracy %s; test "
                    "½-squared error %.4f\n",
                    percent(f.fannMiniAccuracy()).c_str(), f.fannMini.back().testLoss);
    if (torch)
        std::printf("  PyTorch test accuracy after its runs: %s; test ½-squared error %.4f\n",
                    percent(f.torchAccuracy()).c_str(), f.torch.back().testLoss);
    std::fflush(stdout);
    return f;
}

bp::json::Value sideJson(const std::vector<SideResult>& runs, double median, double cpuMedian) {
    using bp::json::Value;
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

// W2's peak memory in backprop-cli against the training images' size in float.
struct CliMemory {
    ChildRun run;
    long trainedRecords = 0;    // per epoch (all 60,000 are loaded either way)
    double benchPeakMiB = 0;    // this process's peak when it started the child
    double datasetFloatMiB = 0; // training images: records × inputs × 4 bytes
    double ratio() const { return datasetFloatMiB > 0 ? run.peakMiB / datasetFloatMiB : 0; }
};
constexpr double kMemoryLimit = 2.0; // issue 5: peak < 2 × the dataset in float

// The epoch line backprop-cli printed, for the report.
std::string epochLine(const std::string& output) {
    const std::size_t at = output.rfind("\nepoch ");
    if (at == std::string::npos)
        return "(no epoch line)";
    const std::size_t end = output.find('\n', at + 1);
    return output.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
}

std::string memoryLine(const CliMemory& m) {
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "W2 backprop-cli peak memory: %.1f MiB (dataset in float: %.1f MiB; ratio %.2f, "
                  "limit %g)",
                  m.run.peakMiB, m.datasetFloatMiB, m.ratio(), kMemoryLimit);
    return buf;
}

void writeJson(const std::string& path, const Options& o, const std::vector<Figures>& all,
               double peakMiB, const PytorchPeer* torch, const CliMemory* memory) {
    using bp::json::Value;
    Value root = Value::makeObject();
    root.add("benchmark", Value::makeString("backprop-bench"));
    root.add("peer", Value::makeString("FANN 2.2 float (libfloatfann): FANN_TRAIN_INCREMENTAL, or "
                                       "FANN_TRAIN_BATCH per mini-batch"));
    if (torch)
        root.add("pytorchPeer", Value::makeString(torch->description()));
    root.add("precision", Value::makeString(toString(o.precision)));
    root.add("rounds", Value::makeInteger(static_cast<std::uint64_t>(o.rounds)));
    root.add("quick", Value::makeBool(o.quick));
    root.add("hardwareThreads", Value::makeInteger(std::thread::hardware_concurrency()));
    Value list = Value::makeArray();
    for (const Figures& f : all) {
        const Workload& w = *f.workload;
        Value x = Value::makeObject();
        x.add("id", Value::makeString(w.id));
        x.add("description", Value::makeString(w.description));
        x.add("records", Value::makeInteger(static_cast<std::uint64_t>(w.records)));
        x.add("epochs", Value::makeInteger(static_cast<std::uint64_t>(w.epochs)));
        x.add("steps", Value::makeInteger(static_cast<std::uint64_t>(w.steps())));
        x.add("coreLearningRate", Value::makeNumber(w.hyper.learningRate));
        x.add("coreBatchSize", Value::makeInteger(static_cast<std::uint64_t>(w.hyper.batchSize)));
        x.add("fannLearningRate", Value::makeNumber(w.fannLearningRate));
        x.add("fannMiniBatch", Value::makeNumber(w.fannMiniBatch));
        x.add("testRecords", Value::makeInteger(static_cast<std::uint64_t>(w.test->records())));
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
        list.items.push_back(x);
    }
    root.add("workloads", list);
    root.add("peakMemoryMiB", Value::makeNumber(peakMiB));
    if (memory) {
        Value m = Value::makeObject();
        std::string command;
        for (const std::string& a : memory->run.argv)
            command += (command.empty() ? "" : " ") + a;
        m.add("command", Value::makeString(command));
        m.add("trainedRecords",
              Value::makeInteger(static_cast<std::uint64_t>(memory->trainedRecords)));
        m.add("peakMiB", Value::makeNumber(memory->run.peakMiB));
        m.add("datasetFloatMiB", Value::makeNumber(memory->datasetFloatMiB));
        m.add("datasetCounted", Value::makeString("the training images only (records × inputs × "
                                                  "4 bytes); the child also holds the test set"));
        m.add("ratio", Value::makeNumber(memory->ratio()));
        m.add("limit", Value::makeNumber(kMemoryLimit));
        m.add("benchPeakAtStartMiB", Value::makeNumber(memory->benchPeakMiB));
        m.add("epochLine", Value::makeString(epochLine(memory->run.output)));
        root.add("w2CliMemory", m);
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bp::json::write(root);
    if (!out.flush())
        throw std::runtime_error("could not write " + path);
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

} // namespace

int main(int argc, char** argv) {
    const Options o = parseOptions(argc, argv);
    const int pinned = o.pin ? pinToThisProcessor() : -1;
    try {
        std::printf("backprop-bench: core (%s) vs FANN 2.2 float%s, one thread, %d round%s%s, "
                    "%u hardware threads\n",
                    toString(o.precision).c_str(), o.peerPytorch ? " and PyTorch" : "", o.rounds,
                    o.rounds > 1 ? "s" : "", o.quick ? " (quick)" : "",
                    std::thread::hardware_concurrency());
        if (pinned >= 0)
            std::printf("every side runs on processor %d (--no-pin to let them move)\n", pinned);
        // First, while this process is small (see runChild): W2 in backprop-cli.
        std::unique_ptr<CliMemory> memory;
        if (wanted(o, "W2")) {
            memory = std::make_unique<CliMemory>();
            memory->trainedRecords = o.quick ? 8192 : 60000;
            memory->benchPeakMiB = selfPeakMiB();
            memory->run =
                runChild(w2CliCommand(BP_CLI_PATH, o.data, o.quick ? memory->trainedRecords : 0));
            if (memory->run.exitCode != 0)
                throw std::runtime_error("backprop-cli exited with " +
                                         std::to_string(memory->run.exitCode) + ":\n" +
                                         memory->run.output);
            std::printf("W2 in backprop-cli (%ld records trained, t10k as test data): %s\n",
                        memory->trainedRecords, epochLine(memory->run.output).c_str());
        }
        Data d;
        if (wanted(o, "W1") || wanted(o, "W2")) {
            const Stopwatch load;
            d.fashionTrain = loadFashion(o.data, "train");
            d.fashionTest = loadFashion(o.data, "t10k");
            std::printf("data: Fashion-MNIST from %s: %ld train, %ld test records (%.1f s)\n",
                        o.data.c_str(), long(d.fashionTrain->records()),
                        long(d.fashionTest->records()), load.wallSeconds());
        }
        if (wanted(o, "W3")) {
            d.circleTrain = std::make_shared<const bp::Dataset>(bp::generateCircle(1, 0.05, 1000));
            d.circleTest = std::make_shared<const bp::Dataset>(bp::generateCircle(2, 0.05, 1000));
            std::printf("data: circle (noise 0.05): 1000 train records (seed 1), 1000 test "
                        "records (seed 2)\n");
        }
        std::fflush(stdout);

        std::vector<Workload> workloads;
        for (const Workload& w : makeWorkloads(o, d))
            if (wanted(o, w.id))
                workloads.push_back(w);

        if (!o.writePeerData.empty()) {
            std::filesystem::create_directories(o.writePeerData);
            writePeerData(o.writePeerData, workloads);
            std::printf("peer data (starting models, circle CSVs) written to %s\n",
                        o.writePeerData.c_str());
            return 0;
        }

        // PyTorch: a child process that reads the starting weights and the circle
        // records from a temporary directory (removed at the end, after the child).
        TempDir peerDir;
        std::unique_ptr<PytorchPeer> torch;
        if (o.peerPytorch) {
            peerDir.create();
            writePeerData(peerDir.path, workloads);
            torch = std::make_unique<PytorchPeer>(o.python, o.pytorchScript, peerDir.path, o.only,
                                                  o.data);
            if (!torch->available()) {
                std::printf("PyTorch peer: %s\n", torch->skipMessage().c_str());
                torch.reset();
            }
            std::fflush(stdout);
        }

        std::map<const bp::Dataset*, FannData> fannData; // one float copy per dataset
        std::vector<Figures> all;
        for (const Workload& w : workloads) {
            auto it = fannData.find(w.train.get());
            if (it == fannData.end())
                it = fannData.emplace(w.train.get(), makeFannData(*w.train)).first;
            all.push_back(runWorkload(w, it->second, torch.get(), o));
        }

        std::printf("\n| workload | steps | core %s, rec/s (median) | FANN float, rec/s (median) "
                    "| core/FANN | core/FANN per CPU s | core test acc. | FANN test acc. |\n"
                    "|---|---:|---:|---:|---:|---:|---:|---:|\n",
                    toString(o.precision).c_str());
        for (const Figures& f : all)
            std::printf("| %s | %s | %s | %s | %.2f | %.2f | %s | %s |\n", f.workload->id.c_str(),
                        grouped(double(f.workload->steps())).c_str(), grouped(f.coreMedian).c_str(),
                        grouped(f.fannMedian).c_str(), f.ratio(), f.cpuRatio(),
                        percent(f.coreAccuracy()).c_str(), percent(f.fannAccuracy()).c_str());
        std::printf("\n");
        for (const Figures& f : all)
            std::printf("%s core/FANN ratio: %.2f (test accuracy: core %s, FANN %s)\n",
                        f.workload->id.c_str(), f.ratio(), percent(f.coreAccuracy()).c_str(),
                        percent(f.fannAccuracy()).c_str());
        for (const Figures& f : all)
            if (!f.fannMini.empty())
                std::printf("%s core/FANN-mini-batch ratio: %.2f (the same algorithm; test "
                            "accuracy: core %s, FANN mini-batch %s)\n",
                            f.workload->id.c_str(), f.miniRatio(),
                            percent(f.coreAccuracy()).c_str(),
                            percent(f.fannMiniAccuracy()).c_str());
        if (torch) {
            std::printf("\n| workload | steps | core %s, rec/s (median) | PyTorch float32, rec/s "
                        "(median) | core/PyTorch | core/PyTorch per CPU s | core test acc. "
                        "| PyTorch test acc. |\n|---|---:|---:|---:|---:|---:|---:|---:|\n",
                        toString(o.precision).c_str());
            for (const Figures& f : all)
                std::printf("| %s | %s | %s | %s | %.2f | %.2f | %s | %s |\n",
                            f.workload->id.c_str(), grouped(double(f.workload->steps())).c_str(),
                            grouped(f.coreMedian).c_str(), grouped(f.torchMedian).c_str(),
                            f.torchRatio(), f.torchCpuRatio(), percent(f.coreAccuracy()).c_str(),
                            percent(f.torchAccuracy()).c_str());
            std::printf("\n");
            for (const Figures& f : all)
                std::printf("%s core/PyTorch ratio: %.2f (test accuracy: core %s, PyTorch %s)\n",
                            f.workload->id.c_str(), f.torchRatio(),
                            percent(f.coreAccuracy()).c_str(), percent(f.torchAccuracy()).c_str());
        }
        const double peak = selfPeakMiB();
        std::printf("peak memory (getrusage ru_maxrss): %.1f MiB\n", peak);
        if (memory) {
            const bp::Dataset& train = *d.fashionTrain;
            memory->datasetFloatMiB =
                double(train.records()) * double(train.inputSize()) * 4.0 / (1024.0 * 1024.0);
            std::printf("%s\n", memoryLine(*memory).c_str());
        }
        if (!o.json.empty()) {
            writeJson(o.json, o, all, peak, torch.get(), memory.get());
            std::printf("figures written to %s\n", o.json.c_str());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "backprop-bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
