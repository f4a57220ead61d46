#pragma once
// When a breakpoint fires, and what the pause then says: each rule once, for the
// trainer to ask at the point of the step it belongs to. (The NaN/Inf search is in
// breakpoint_checks.h; the record breakpoint is Breakpoints::breaksBefore.)
#include "math/training.h"
#include "session/breakpoints.h"
#include "session/snapshot.h"

#include <deque>
#include <QString>

namespace bp {

struct BreakpointHit {
    PauseReason reason = PauseReason::None;
    QString detail; // "J = 2.1 > 1 at record 17 (epoch 2)."

    bool fired() const { return reason != PauseReason::None; }
};

// After the loss phase of the record run.lastRecordIndex(): its J above the threshold,
// or (classification data) its prediction wrong.
template <typename T>
BreakpointHit afterLoss(const Breakpoints& b, const TrainingRunT<T>& run, int epochOfRecord);
// After backward 1: the record's ‖∂J/∂w‖ above the threshold.
template <typename T>
BreakpointHit afterBackward(const Breakpoints& b, const TrainingRunT<T>& run, int epochOfRecord);
// At an epoch's end: the epoch loss rose lossRisingEpochs epochs in a row (log: the
// consecutive epochs, newest last).
BreakpointHit afterEpoch(const Breakpoints& b, const std::deque<EpochStats>& log);
// Before record run.recordIndex() starts.
template <typename T> BreakpointHit beforeRecord(const TrainingRunT<T>& run);

} // namespace bp
