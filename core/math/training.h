#pragma once
// Training as a cursor over a dataset that can be advanced one phase at a time.
// A phase is one of: forward layer k (k = 1..L), loss, backward layer k (k = L..1),
// update. Every record runs forward, loss and backward; the update runs after the
// record that closes a mini-batch (or the epoch). stepRecord/stepEpoch and the
// train() loop are nothing but stepPhase repeated, so all of them give the same
// numbers bit for bit.
#include "math/backprop.h"
#include "math/dataset.h"
#include "math/metrics.h"
#include "math/optimizer.h"
#include "math/random.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bp {

struct Phase {
    enum class Kind { Forward, Loss, Backward, Update };
    Kind kind = Kind::Forward;
    int layer = 1; // k for Forward and Backward; 0 for Loss and Update

    bool operator==(const Phase& o) const { return kind == o.kind && layer == o.layer; }
    bool operator!=(const Phase& o) const { return !(*this == o); }
};
std::string toString(Phase p); // "forward 1", "loss", "backward 2", "update"

struct Schedule {
    bool shuffle = true;          // a new seeded order every epoch
    std::uint64_t seed = 1;       // for the shuffles
    Eigen::Index recordLimit = 0; // records per epoch; 0 = all (the seed's code uses a tenth)
};

struct StepResult {
    Phase phase;             // the phase that ran
    bool recordDone = false; // the record's last phase ran
    bool updated = false;    // the weights changed (an update phase)
    bool epochDone = false;  // the epoch's last phase ran
};

struct EpochStats {
    int epoch = 0;             // 1-based
    double trainLoss = 0;      // mean J of the epoch's records, each taken as it was trained on
    double trainAccuracy = -1; // likewise; −1 if not classification
    double testLoss = -1;      // −1 without a test set
    double testAccuracy = -1;
    long records = 0;
    double recordsPerSecond = 0;
};

// A run as it stands at the start of a record, in full: with the same data it goes on
// exactly as the run it came from would have (the window's autosave, docs/session.md).
// Not kept: the values of the record before, and what the lookahead computed (it gives
// the same numbers as computing them when their phase comes).
template <typename T> struct TrainingStateT {
    NetworkT<T> network;
    Hyper hyper;
    Schedule schedule;
    Random::State random{};          // after this epoch's shuffle
    std::vector<Eigen::Index> order; // this epoch's order (a permutation of the records)
    int epoch = 0;                   // completed epochs
    Eigen::Index position = 0;       // the record about to start
    long recordsTrained = 0;
    double epochLoss = 0; // this epoch so far: Σ J, records right, records seen
    long epochCorrect = 0, epochSeen = 0;
    EpochStats lastEpoch;
    OptimizerStateT<T> optimizer;
};

template <typename T> class TrainingRunT {
public:
    TrainingRunT(NetworkT<T> net, std::shared_ptr<const Dataset> data, Hyper hyper,
                 Schedule schedule);

    // --- advancing ---
    Phase nextPhase() const;
    StepResult stepPhase();
    StepResult stepRecord(); // to the end of the current record (and its update, if any)
    StepResult stepBatch();  // to the end of the current mini-batch's update
    StepResult stepEpoch();  // to the end of the epoch

    // --- where it is ---
    int epoch() const { return m_epoch; } // completed epochs
    Eigen::Index position() const {
        return m_position;
    } // the current record's place in this epoch's order
    Eigen::Index recordsPerEpoch() const;
    Eigen::Index recordIndex() const; // the current record's index in the dataset
    bool atRecordStart() const { return m_phaseIndex == 0; }
    // The dataset index of the record whose values are in values(); −1 before the first.
    Eigen::Index lastRecordIndex() const { return m_valuesRecord; }
    // Moves the cursor to the start of the record at `position` (0-based) of this
    // epoch's order. An unfinished record is abandoned where it stands; gradients
    // already added to an open mini-batch stay there until its update. values() then
    // hold x(0) and y of the record sought (lastRecordIndex() names it) and nothing
    // else of it: recordLoaded() says so until its forward 1 runs.
    void seek(Eigen::Index position);
    bool recordLoaded() const { return m_recordLoaded; }
    // The whole run at the start of a record (InputError mid-record), and taking one
    // back: a run made with the same data and network shape continues from `state` as
    // the run that gave it would have, bit for bit. restore() checks that the state
    // fits (shapes, order, position) and throws InputError if not; it leaves the run
    // as after seek(state.position).
    TrainingStateT<T> state() const;
    void restore(const TrainingStateT<T>& state);
    // Sets w_{i,j}(k) (row i − 1, column j; column 0 the bias) to `value` by hand, at a
    // record start (the What-if dock's edit kept in the run). The next record's forward
    // pass uses it; an open mini-batch's gradients, computed before, stay as they are.
    // InputError mid-record or for a weight the network does not have.
    void setWeight(int k, Eigen::Index row, Eigen::Index column, T value);
    // This epoch's order: order()[p] is the dataset index of the record at position p
    // (the first recordsPerEpoch() entries are this epoch's records).
    const std::vector<Eigen::Index>& order() const { return m_order; }
    long recordsTrained() const { return m_recordsTrained; } // in all epochs

    // --- what it holds ---
    const NetworkT<T>& network() const { return m_net; }
    const RecordValuesT<T>& values() const { return m_values; }
    const Dataset& data() const { return *m_data; }
    std::shared_ptr<const Dataset> dataPtr() const { return m_data; }
    const OptimizerT<T>& optimizer() const { return m_optimizer; }
    const Hyper& hyper() const { return m_hyper; }
    // Takes effect from the next record (a batch in progress keeps its size until it closes).
    void setHyper(const Hyper& h) { m_hyper = h; }
    const Schedule& schedule() const { return m_schedule; }

    // Whether the backward pass writes out every ∂J/∂w(k) matrix (default: yes). A
    // training loop that nobody watches turns it off: the update then reads ∂J/∂z and
    // x directly and sweeps each weight matrix once, with the same numbers bit for
    // bit. While it is off, values().layer(k).dJdw is not kept; turning it back on
    // (or materializeWeightGradients) writes the current record's matrices out.
    void setKeepWeightGradients(bool keep);
    bool keepsWeightGradients() const { return m_keepGradients; }
    void materializeWeightGradients();

    // Whether an update also runs forward layer 1 ahead for the records up to the next
    // update (default: no; train() and a session running whole records turn it on):
    // online, the next record's, in the same sweep over w(1); with mini-batches, the
    // next batch's records (up to 32) at once, right after the update. Their forward 1
    // phase then takes z(1) from there. The numbers and the cursor are the same.
    void setLookahead(bool on) { m_lookahead = on; }
    bool looksAhead() const { return m_lookahead; }

    // Loss and accuracy of the epoch in progress, over the records trained so far.
    EpochStats runningStats() const;
    // The stats of the last finished epoch (epoch 0 before any).
    const EpochStats& lastEpoch() const { return m_lastEpoch; }

private:
    void beginEpoch();
    // The phases, as stepPhase and stepRecord run them.
    void runForward(int k);
    void runLoss();
    void runBackward(int k);
    void runUpdate();
    void finishRecord(StepResult& result); // the cursor to the next record
    void readInput(Eigen::Index record, Eigen::Ref<VectorT<T>> x) const;
    void loadRecord(bool inputRead = false); // inputRead: x(0) is already in m_values.input
    int phasesPerRecord() const;             // forward L + loss + backward L (+ update)
    bool closesBatch(int adding = 0) const;  // after `adding` more records join the batch

    NetworkT<T> m_net;
    std::shared_ptr<const Dataset> m_data;
    Hyper m_hyper;
    Schedule m_schedule;
    Random m_rng;
    OptimizerT<T> m_optimizer;
    RecordValuesT<T> m_values;
    std::vector<Eigen::Index> m_order;

    int m_epoch = 0;
    Eigen::Index m_position = 0;
    int m_phaseIndex = 0;             // the next phase within the current record
    Eigen::Index m_valuesRecord = -1; // the record whose values are in m_values
    bool m_recordLoaded = false;      // seek() loaded x(0) of a record not yet begun
    bool m_keepGradients = true;
    std::vector<bool> m_gradientMissing; // per layer: ∂J/∂w of this record not written out
    bool m_lookahead = false;
    // With lookahead: x(0) and z(1) of the records up to the next update (at most
    // kAhead), at positions m_aheadFrom … m_aheadFrom + m_aheadCount − 1 of this epoch,
    // computed with the weights as they are since the last update.
    static constexpr Eigen::Index kAhead = 32;
    MatrixT<T> m_aheadInputs;
    MatrixT<T> m_aheadZ;
    Eigen::Index m_aheadFrom = 0;
    Eigen::Index m_aheadCount = 0;
    long m_recordsTrained = 0;
    double m_epochLoss = 0;
    long m_epochCorrect = 0;
    long m_epochSeen = 0;
    EpochStats m_lastEpoch;
};

struct TrainOptions {
    int epochs = 10;
    double targetLoss = -1;        // stop after an epoch whose train loss ≤ this; < 0 = off
    const Dataset* test = nullptr; // evaluated after each epoch
};

struct TrainCallbacks {
    std::function<void(const EpochStats&)> onEpoch;
    // After each record (and its update, if it closed a batch): the run's values() hold
    // the record's z, x and ∂J/∂z (e.g. for a HealthWindow, layer_health.h).
    std::function<void(const StepResult&)> onRecord;
    std::function<void(long recordsTrained)> onProgress; // every progressInterval records
    long progressInterval = 1000;
};

// Trains `run` for options.epochs more epochs (or until the target loss or *stop).
// Returns the stats of every epoch it finished.
template <typename T>
std::vector<EpochStats> train(TrainingRunT<T>& run, const TrainOptions& options,
                              const TrainCallbacks& callbacks = {},
                              const std::atomic<bool>* stop = nullptr);

using TrainingRun = TrainingRunT<Scalar>;
using TrainingState = TrainingStateT<Scalar>;

} // namespace bp
