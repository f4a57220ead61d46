#pragma once
// A training run on a worker thread, driven by commands and publishing value
// snapshots (Qt's Mandelbrot example: copies in, values out). See docs/session.md.
//
// Every command is thread-safe, returns at once and is carried out by the worker
// in the order given. Each returns a ticket; the snapshot published after the
// command has Snapshot::command >= that ticket. A command that cannot apply
// emits refused(reason) and changes nothing.
//
// The signals are emitted on the thread the session lives in (the GUI thread),
// from at most one queued event at a time: if the GUI is slow, the worker keeps
// only the newest snapshot and batches the loss points, and never waits.
#include "session/breakpoints.h"
#include "session/health_sample.h"
#include "session/history_limits.h"
#include "session/loss_buckets.h"
#include "session/saved_run.h"
#include "session/snapshot.h"
#include "session/weight_diff.h"
#include "session/weight_path.h"

#include <atomic>
#include <memory>
#include <QEvent>
#include <QObject>
#include <QString>
#include <QVector>

namespace bp {

class SessionWorker;
class SessionOutbox;

enum class StepUnit { Phase, Record };

class TrainingSession : public QObject {
    Q_OBJECT
public:
    explicit TrainingSession(QObject* parent = nullptr);
    // Stops the worker (within milliseconds, also mid-epoch) and joins it.
    ~TrainingSession() override;

    // --- commands ---
    // A new run: `net` as given (keep it: reset() starts again from it), the training
    // data, an optional test set (evaluated after every epoch), settings and order, and
    // the precision to train in (float: `net` rounded to float; the snapshots still hold
    // doubles, the float values widened) and how far back the history reaches. While
    // running it pauses first. Clears the history.
    quint64 setup(Network net, std::shared_ptr<const Dataset> train,
                  std::shared_ptr<const Dataset> test, Hyper hyper, Schedule schedule,
                  Precision precision = Precision::Double, const HistoryLimits& history = {});
    quint64 stepPhase();
    quint64 stepRecord(); // to the end of the current record (and its update, if any)
    quint64 stepBatch();  // to the end of the current mini-batch's update
    quint64 stepEpoch();  // to the end of the epoch
    // Trains continuously at the set speed; `epochs` > 0 pauses (EpochsDone) after
    // that many more epochs ended.
    quint64 run(int epochs = 0);
    quint64 pause();
    // Back to the setup's network and record order, with the hyper-parameters now in
    // effect. Clears the history.
    quint64 reset();
    // Moves to the start of the record at `position` (0-based) of this epoch's order
    // (TrainingRun::seek). Pauses first.
    quint64 jumpToRecord(long position);
    // The same for dataset record `index`: to wherever it sits in this epoch's order
    // (refused if the epoch does not include it, see Schedule::recordLimit).
    quint64 jumpToDatasetRecord(long index);
    // The state before the last phase, or before the last record (the start of the
    // current record if it is half done). Pauses first.
    quint64 stepBack(StepUnit unit = StepUnit::Record);
    // Learning rate, batch size, momentum, L2, frozen biases: from the next record on
    // (at once if a record has not started), also while running.
    quint64 setHyper(const Hyper& hyper);
    // Records per second while running; <= 0: as fast as possible.
    quint64 setSpeed(double recordsPerSecond);
    quint64 setBreakpoints(const Breakpoints& breakpoints);
    // Health samples for the views (docs/session.md): on, the worker feeds a HealthWindow
    // the last `window` of every `interval` records trained (HealthSampler; steps and
    // runs alike) and sends each window's figures, at its close, in healthSampled. Off:
    // no cost but one test per record. Shares the window of the health breakpoints when
    // their interval and window are the same. Also before the first setup.
    quint64 setHealthSampling(bool on, long interval = 100, long window = 10);
    // Computes the weight difference between two history times (phases since
    // setup): `fromTime` < 0 is the earliest the history holds and `toTime` < 0 the time
    // the worker is at, when it gets the command (while running, both move on). The
    // answer comes in diffReady, or refused if the history does not reach a time. Does
    // not move the session. (The Weight diff dock.)
    quint64 requestDiff(qint64 fromTime = -1, qint64 toTime = -1);
    // The values two weights took at the record starts the history holds, from its
    // earliest to the worker's time (at most `points` of them, evenly spread, the first
    // and the last always), replayed from the history's checkpoints: the answer comes in
    // weightPathReady, refused if a weight does not fit. Does not move the session.
    quint64 requestWeightPath(const WhatIfTarget& first, const WhatIfTarget& second,
                              int points = 400);
    // The run as it stands, for the autosave; the answer comes in runSaved. Does not
    // move the session or end a run (while running it is taken between two records).
    quint64 requestSave();
    // Puts the run where `saved` was: after a setup with the same experiment, the
    // state at its record start, then its phases into the record run again. Pauses
    // first. The history and the charts start there. Refused if it does not fit.
    quint64 restore(std::shared_ptr<const SavedRun> saved);
    // New training data of the same shape (the Decision boundary's painted points): the
    // network, optimizer, hyper-parameters, epoch and records trained are kept; the
    // current epoch's order starts again over the new records (a half-done record is
    // abandoned, an open mini-batch's gradients dropped). The charts keep their points;
    // the history starts there. reset() then starts from the setup's network on these
    // data. Pauses first; refused (nothing changes) if the shape does not fit.
    quint64 replaceTrainingData(std::shared_ptr<const Dataset> train);
    // Sets the weight w_{i,j}(k) (`t`, j = 0 the bias; not an input) to `value` by hand:
    // the What-if dock's edit kept in the run. At the current record's start (a half-done
    // record goes back to it), logged on the timeline like setHyper: a step back to before
    // it undoes it, a replay through it applies it again. A float run rounds the value to
    // float. Pauses first; refused for a weight the network does not have or a non-finite
    // value.
    quint64 setWeight(const WhatIfTarget& t, double value);

    // --- what the worker published last ---
    // The newest snapshot (nullptr before the first). Cheap; any thread.
    std::shared_ptr<const Snapshot> latestSnapshot() const;

signals:
    // The newest snapshot; older unconsumed ones were dropped. After every command
    // that changes what is on screen, and at most ~40 per second while running.
    void snapshotReady(std::shared_ptr<const bp::Snapshot> snapshot);
    // Per-record losses, in order, summarised in buckets (about every 16–50 ms while
    // running): one record per bucket while the GUI keeps up with the records, more
    // when it falls behind, never more than kWireBuckets buckets at a time.
    void lossPoints(const bp::LossBuckets& points);
    // Finished epochs, in order, with test loss and accuracy when there is a test set:
    // one epoch per bucket unless epochs end faster than the GUI takes them (XOR's
    // 4-record epochs end a million times a second).
    void epochsFinished(const bp::EpochBuckets& epochs);
    // The timeline went back (setup, reset, stepBack, a breakpoint that
    // located a NaN): only the first `lossesKept` loss points (records trained, plus
    // the current record once its loss phase ran) and the epochs up to `epoch` are
    // still on it; new ones for the rest will follow.
    void rewound(long lossesKept, int epoch);
    void diffReady(std::shared_ptr<const bp::WeightDiff> diff);
    void weightPathReady(std::shared_ptr<const bp::WeightPath> path);
    // Health samples in the order their windows closed, after the messages delivered with
    // them (a rewind among them: these are all still on the timeline). At most
    // SessionOutbox::kMaxPendingHealthSamples (256) at a time: if the GUI falls behind,
    // every other one of the oldest is left out (HealthSamples::thinned).
    void healthSampled(std::shared_ptr<const bp::HealthSamples> samples);
    void runSaved(std::shared_ptr<const bp::SavedRun> saved);
    void refused(QString reason);

protected:
    bool event(QEvent* e) override; // the worker's "deliver" event

private:
    void deliver(); // on this object's thread: hands the outbox to the signals

    std::shared_ptr<SessionOutbox> m_outbox;
    std::unique_ptr<SessionWorker> m_worker;
    std::atomic<bool> m_deliveryPosted{false};
    std::atomic<QEvent*> m_deliveryEvent{nullptr}; // the pending delivery event, by identity
};

} // namespace bp
