#pragma once
// What the training session hands the GUI: a copy of everything on screen, by
// value. The GUI never reads the worker's live objects.
#include "math/backprop.h"
#include "math/network.h"
#include "math/optimizer.h"
#include "math/precision.h"
#include "math/training.h"
#include "session/record_progress.h"

#include <memory>
#include <QMetaType>
#include <QString>
#include <QVector>
#include <vector>

namespace bp {

// Why the session paused (part of every snapshot, so the GUI can say it).
enum class PauseReason {
    None,          // running, or never started
    User,          // pause command, or a step command finished
    NonFinite,     // NaN or Inf in a value: see pauseDetail for layer, node, record, phase
    LossAbove,     // the record's loss rose above the threshold
    LossRising,    // the epoch loss rose for N epochs in a row
    GradientNorm,  // ‖∂J/∂w‖ above the threshold
    RecordReached, // the chosen record index
    Misclassified, // a record was classified wrong
    EpochsDone,    // the run reached its epoch limit / target loss
    LayerHealth,   // a layer's health instrument out of bounds (Breakpoints::health)
};
QString toText(PauseReason r);

// Where a breakpoint fired, for the graph to highlight. Nodes are 1-based as in
// the seed; column j of a weight matrix is 0 for the bias.
struct PauseSite {
    bool valid = false;
    QString quantity; // "w", "z", "x", "delta", "dJdz", "dJdw", "J"; empty if not a value
    int layer = 0;    // k (0: not a layer)
    int node = 0;     // i (0: not a node)
    int column = -1;  // j for w and ∂J/∂w; −1 otherwise
    long record = -1; // dataset index of the record
    int epoch = 0;    // 1-based epoch the record belongs to
    Phase phase;      // the phase that produced the value (or after which it paused)
    double value = 0; // the non-finite value (NaN, Inf or −Inf) for NonFinite
};

struct Snapshot {
    quint64 serial = 0;    // increases with every snapshot
    Network network;       // the weights now (after the last update)
    RecordValues values;   // z, x, δ, ∂J/∂z, ∂J/∂w of the record the last phase worked on
    bool hasPhase = false; // false before the first phase
    Phase lastPhase;       // the phase that ran last
    Phase nextPhase;       // the phase the next step runs
    int epoch = 0;         // completed epochs
    long position = 0;     // the next record's place in this epoch's order
    long recordIndex = -1; // dataset index of the record in `values` (−1: none yet)
    long nextRecordIndex = 0; // dataset index of the record the next phase works on
    long recordsTrained = 0;
    long recordsPerEpoch = 0;
    Hyper hyper;
    EpochStats runningStats; // loss/accuracy of the epoch so far (was `running`, clashed)
    EpochStats lastEpoch;    // the last finished epoch (with test metrics when there is a test set)
    std::vector<Matrix> lastUpdate; // Δw(k) of the last update (empty before any)
    bool running = false;           // the worker is training continuously
    PauseReason pauseReason = PauseReason::None;
    QString pauseDetail; // e.g. "NaN in z_3(2), record 17, epoch 2, phase forward 2"
    double recordsPerSecond = 0;
    int historyDepth = 0; // how many records back stepBack(StepUnit::Record) can go

    // --- added with the session (issue 3) ---
    qint64 time = 0;             // phases run since setup (the history's clock)
    qint64 historyEarliest = 0;  // the earliest time rewindTo() can reach
    quint64 command = 0;         // ticket of the last command the worker finished
    bool hyperPending = false;   // a setHyper waits for the next record to start
    long lastUpdateRecords = -1; // recordsTrained when `lastUpdate` happened (−1: none)
    PauseSite pauseSite;         // where a breakpoint fired (layer/node for the graph)

    // --- added with the float path (issue 5) ---
    // What the session computes in. In float, `network`, `values` and `lastUpdate` hold
    // the float values widened to double (exactly: the screen shows the float itself).
    Precision precision = Precision::Double;

    // --- what the window used to work out for itself (issue 11) ---
    // Which of `values` belong to the record in progress.
    RecordProgress progress;
    // The weights `values` were computed with, when the last phase was an update whose
    // Δw was kept (progress.highlightsUpdate): w(k) before it, one matrix per layer.
    // Empty otherwise: `network` holds them.
    std::vector<Matrix> weightsBefore;
    // The record on screen: recordIndex, or before any phase the record the next one
    // works on.
    long shownRecord = -1;
};

// `network` with the weights the record in `values` was computed with (see
// weightsBefore): what the record's z, δ and update line are explained with.
Network networkOfRecord(const Snapshot& s);

// Whether the snapshot's values are sized for its network (every vector and matrix).
bool valuesMatchNetwork(const Snapshot& s);

struct LossPoint {
    long record = 0; // recordsTrained when this record's loss was computed
    int epoch = 0;
    double loss = 0;
};

} // namespace bp

Q_DECLARE_METATYPE(std::shared_ptr<const bp::Snapshot>)
Q_DECLARE_METATYPE(bp::EpochStats)
Q_DECLARE_METATYPE(QVector<bp::LossPoint>)
