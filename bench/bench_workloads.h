#pragma once
// The workloads of backprop-bench (issue 5) and what both sides of it share: the
// starting weights, the clocks and the result of one timed run. Nothing here knows
// FANN; fann_side.cpp is the only file that includes it.
#include "io/experiment.h"
#include "io/model_file.h"
#include "math/dataset.h"
#include "math/network.h"
#include "math/optimizer.h"
#include "math/precision.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bench {

using bp::Precision; // core/math/precision.h
using bp::toString;

struct Workload {
    std::string id;          // "W1"
    std::string description; // one line for the table and the JSON
    // Sizes, activations and loss. The init fields are not used: both sides start
    // from initialNetwork().
    bp::Architecture arch;
    bp::Hyper hyper;             // the core's learning rate and batch size
    double fannLearningRate = 0; // FANN_TRAIN_INCREMENTAL (online), the peer of every workload
    // n > 0: FANN also runs the core's own algorithm, mini-batches of n records with the
    // core's learning rate: each batch handed to fann_train_epoch in FANN_TRAIN_BATCH mode,
    // which updates once with w ← w + (a / n)·Σ slopes, the batch's mean gradient.
    int fannMiniBatch = 0;
    Eigen::Index records = 0; // per epoch: the first `records` of `train`, in file order
    int epochs = 1;
    // Read once by backprop-bench and shared by the workloads on them and by every side.
    std::shared_ptr<const bp::Dataset> train;
    std::shared_ptr<const bp::Dataset> test;
    // Where `train` came from, as an experiment names its data: a file or a generated
    // set (its seed, noise). Not read again: core_side.cpp hands `train` over as loaded.
    bp::DataSource source;
    std::uint64_t seed = 1; // of the starting weights

    long steps() const { return static_cast<long>(records) * epochs; }
};

// The records the workloads train and test on, read once by backprop-bench:
// Fashion-MNIST (W1, W2; 784 inputs scaled to [0, 1] by the IDX reader, 10 one-hot
// classes) and the circle set (W3); null where those workloads are not run.
struct BenchData {
    std::string fashionDir;
    std::shared_ptr<const bp::Dataset> fashionTrain, fashionTest, circleTrain, circleTest;
};

// "<dir>/<part>-images-idx3-ubyte.gz", part "train" or "t10k".
std::string fashionImages(const std::string& dir, const char* part);

// W1 and W2 on Fashion-MNIST and W3 on the circle set, for the data that is there;
// `quick`: fewer records and epochs (the smoke run).
std::vector<Workload> makeWorkloads(const BenchData& d, bool quick);

// The weights both sides start from: every weight and bias of layer k uniform in
// ±1/√fan_in(k), fan_in(k) = the size of layer k−1. Drawn with the engine's
// Init::Uniform over [−1, 1) and scaled per layer, because Architecture::uniformRange
// is one range for all layers.
bp::Network initialNetwork(const Workload& w);

// initialNetwork(w) as a model with the workload's learning rate and batch size: what
// the core's experiment starts from and what the PyTorch peer reads (<id>-start.json).
bp::Model startingModel(const Workload& w);

// One timed run of one side: a fresh network from initialNetwork(), w.epochs
// epochs over the first w.records records, in the same order on both sides.
struct SideResult {
    long steps = 0;           // records trained (each one forward, backward and its update)
    double wallSeconds = 0;   // the training loop only: no setup, no evaluation
    double cpuSeconds = 0;    // this thread's CPU time over the same span
    double testAccuracy = -1; // on w.test after the run; −1 if not measured
    double testLoss = -1;     // mean ½Σ(y − f)² on w.test; −1 if not measured

    double rate() const { return wallSeconds > 0 ? double(steps) / wallSeconds : 0; }
    double cpuRate() const { return cpuSeconds > 0 ? double(steps) / cpuSeconds : 0; }
};

// Wall and thread-CPU time since construction.
class Stopwatch {
public:
    Stopwatch();
    double wallSeconds() const;
    double cpuSeconds() const;

private:
    double m_wall0;
    double m_cpu0;
};

double median(std::vector<double> v);

} // namespace bench
