#pragma once
// What the session's worker thread trains with: the run, in the precision its
// setup chose, and everything around it (the goal, the history, breakpoints, Δw,
// publishing). SessionTrainer is what the worker's command loop sees;
// SessionTrainerT<T> is it for a TrainingRunT<T>, T = double or float, and the
// worker picks the instantiation at setup (session_worker.cpp). Its parts with names
// of their own: UpdateCapture (Δw), PublishPacer (when to publish), the breakpoint
// rules (breakpoint_rules.h) and the NaN search (breakpoint_checks.h). The snapshots,
// loss points and diffs it publishes are double either way: float values are
// widened, exactly, on their way out (widen.h).
#include "math/precision.h"
#include "session/breakpoint_rules.h"
#include "session/breakpoints.h"
#include "session/health_watch.h"
#include "session/history.h"
#include "session/publish_pacer.h"
#include "session/session_command.h"
#include "session/session_outbox.h"
#include "session/snapshot_pool.h"
#include "session/update_capture.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace bp {

// What the worker lends its trainer, and what outlives a change of precision: the
// way out, the flags the other threads set, the settings commands made, the counters.
struct WorkerContext {
    std::shared_ptr<SessionOutbox> outbox;
    std::function<void()> notify; // the outbox has something new
    // Health samples for the views (TrainingSession::setHealthSampling): off if empty.
    std::optional<HealthSampler> healthSampling;
    std::shared_ptr<SnapshotPool> pool;
    std::atomic<bool> abort{false};
    std::atomic<bool> commandsWaiting{false};
    quint64 serial = 0;        // of the last snapshot published
    quint64 handledTicket = 0; // the last command handled
    Breakpoints breakpoints;
    double speed = 0; // records per second; <= 0: as fast as possible
};

class SessionTrainer {
public:
    using Clock = std::chrono::steady_clock;

    virtual ~SessionTrainer() = default;
    virtual Precision precision() const = 0;
    virtual bool hasRun() const = 0;
    // Carries out one command, and a step of a phase or a record to its end. A command
    // that cannot apply (or throws) is refused.
    virtual void apply(const SessionCommand& c) = 0;
    // After a batch of commands: one snapshot, unless the batch published one.
    virtual void commandsDone(bool published) = 0;
    // Trains toward the goal until it ends, a command waits or a paced run must wait.
    virtual void work() = 0;
    // Until when the command loop may sleep (woken early by a command): max() with no
    // goal, the next record's time in a paced run, min() when there is work now.
    virtual Clock::time_point resumeAt() const = 0;
    // Another trainer takes over (a setup in the other precision): ends any goal and
    // hands the loss points and epochs produced so far to the outbox.
    virtual void handOver() = 0;
};

// A trainer in precision `p`, without a run until its first setup.
std::unique_ptr<SessionTrainer> makeTrainer(Precision p, WorkerContext& context);

template <typename T> class SessionTrainerT final : public SessionTrainer {
public:
    explicit SessionTrainerT(WorkerContext& context) : m_ctx(context) {}

    Precision precision() const override;
    bool hasRun() const override { return m_cursor.run.has_value(); }
    void apply(const SessionCommand& c) override;
    void commandsDone(bool published) override;
    void work() override;
    Clock::time_point resumeAt() const override;
    void handOver() override;

private:
    using Run = TrainingRunT<T>;
    enum class Goal { None, Phase, Record, Batch, Epoch, Run };
    struct PhaseOutcome {
        bool stop = false;       // the goal ended (reached or a breakpoint): published
        bool recordDone = false; // the phase ended a record
    };

    // moving forward (session_trainer_step.cpp)
    void workPaced(); // one record, then wait until the next is due
    // One step toward the goal: a whole record at once when nothing needs to look
    // between its phases (the fast path at full speed), else one phase.
    PhaseOutcome advance();
    bool canStepWholeRecord() const;
    // The record breakpoint holds before the next record (not at the record a goal
    // starts from: the user was just told it is next).
    bool breakpointAtNextRecord() const;
    // Whole records in a tight loop, until something needs the general path (an epoch
    // end, a NaN check, the goal, the clock, a breakpoint record, a command).
    PhaseOutcome wholeRecords();
    // One phase, with Δw captured when armed; what a breakpoint found after it.
    StepResult runPhase(int epochOfRecord, BreakpointHit& hit);
    // The checks after a phase or record: NaN, breakpoints, epoch end, the goal.
    PhaseOutcome finishStep(const StepResult& r, int epochOfRecord, BreakpointHit hit);
    bool nonFiniteStop(const StepResult& r, int epochOfRecord);
    bool goalReached(const StepResult& r) const;
    void arrive();
    void afterRecordAtFullSpeed();
    // After a record, when a health breakpoint or the health samples are on: the
    // windows fed (one if their samplers are the same), a sample kept for the outbox at
    // a window's close, and what the health breakpoints say (session_trainer_health.cpp).
    BreakpointHit healthAfterRecord(int epochOfRecord);
    void doSetHealthSampling(const std::optional<HealthSampler>& sampler);
    void tick(Clock::time_point now);
    void epochEnded(BreakpointHit& hit);
    void logEpoch(const EpochStats& s);

    // commands (session_trainer.cpp)
    static Goal stepGoalOf(SessionCommand::Kind kind); // StepPhase … StepEpoch
    void doSetup(const std::shared_ptr<const SessionSetup>& setup);
    void doReset();
    void startTimeline(); // history, epoch log and last update for a fresh run
    void startGoal(Goal goal, quint64 ticket);
    void stopGoal(); // "pause first": a command that changes the state ends any goal
    void setWholeRecordMode(bool on);
    void doRun(int epochs, quint64 ticket);
    void doSetSpeed(double recordsPerSecond);
    void doSetHyper(const Hyper& h);
    void doJump(long position, bool datasetIndex);
    void doStepBack(bool wholeRecord);
    void doDiff(qint64 from, qint64 to);
    void doWeightPath(const WhatIfTarget& first, const WhatIfTarget& second, int points);
    void doSave(); // session_trainer_save.cpp
    void doRestore(const SavedRun& saved);
    void doReplaceData(const std::shared_ptr<const Dataset>& data); // session_trainer_data.cpp
    void doSetWeight(const WhatIfTarget& t, double value);          // session_trainer_edit.cpp

    // state changes (session_trainer_state.cpp)
    // Ends the goal with `reason`; unless it is a NaN already, checks the weights and
    // the record once more and locates a NaN/Inf; makes lastUpdate exact. Publishes.
    void pauseHere(PauseReason reason, const QString& text = {});
    // The pause command while a goal runs (see the .cpp for the extra record).
    void pauseRunning();
    // Walks back from where a NaN/Inf was seen and stops right after the phase that
    // produced the first one. False if there was none (an overflowing check).
    bool locateNonFinite();
    std::optional<PauseSite> searchNonFinite(qint64 until);
    bool restoreTo(qint64 target, bool announce);
    void setLastEpochFromLog();

    // output (session_trainer_publish.cpp)
    void publish();
    void fillSnapshot(Snapshot& s) const;
    void flushLocal(); // loss points and epochs into the outbox
    void flush();      // ... and notify
    void refuse(const QString& reason);
    void announceRewind();

    bool aborted() const { return m_ctx.abort.load(std::memory_order_relaxed); }
    bool commandsWaiting() const { return m_ctx.commandsWaiting.load(std::memory_order_relaxed); }
    bool shortGoal() const { return m_goal == Goal::Phase || m_goal == Goal::Record; }
    bool stepGoal() const { return m_goal != Goal::None && m_goal != Goal::Run; }
    bool paced() const { return m_goal == Goal::Run && m_ctx.speed > 0; }
    // Someone may look at the values between phases: steps, slow runs, breakpoints that
    // pause after a loss or backward phase. Otherwise records run whole at full speed
    // and nothing sees them half done.
    bool watchesPhases() const {
        return shortGoal() || paced() || m_ctx.breakpoints.watchesPhases();
    }
    // Steps and slow runs keep the Δw of every update; fast runs arm it per snapshot.
    bool captureAlways() const {
        return m_goal == Goal::Phase || m_goal == Goal::Record || m_goal == Goal::Batch || paced();
    }
    // The next record is the last one of the epoch that ends the goal: keep its Δw.
    bool lastRecordOfGoal() const;
    // The last phase was an update whose Δw (and the weights before it) was kept.
    bool updateKnown() const;

    WorkerContext& m_ctx;

    std::shared_ptr<const SessionSetup> m_setup;
    TimelineCursor<T> m_cursor;
    TimelineCursor<T> m_scratch; // for diffs
    History<T> m_history;
    std::optional<Hyper> m_pendingHyper;

    Goal m_goal = Goal::None;
    quint64 m_stepTicket = 0; // the step command in progress
    bool m_replaying = false; // doRestore replays phases: nothing is published meanwhile
    int m_runUntilEpoch = 0;  // 0: no limit
    bool m_goalJustStarted = false;
    PauseReason m_pauseReason = PauseReason::None;
    QString m_pauseDetail;
    PauseSite m_pauseSite;

    UpdateCapture<T> m_capture; // Δw of the last update, for the update view
    PublishPacer m_pacer;       // when to publish, flush and read the clock

    std::deque<EpochStats> m_epochLog; // consecutive epochs, the newest last
    EpochStats m_lastEpoch;
    // The test set's values, kept: an epoch's end allocates nothing (XOR ends 1.5
    // million epochs a second).
    RecordValuesT<T> m_testValues;
    // Each record's loss, summarised as it comes (no list of points to go through again).
    LossBuckets m_points{kWireBuckets};
    EpochBuckets m_epochs{kWireBuckets};
    // The cheap NaN check runs every m_finiteEvery records (more than 1 only for tiny
    // nets, where it would cost a few percent); a NaN search then looks further back.
    int m_finiteEvery = 1;
    int m_finiteCountdown = 1;
    HealthWatch m_healthWatch;                 // the health breakpoints' window of records
    HealthWatch m_healthSampler;               // the health samples' window (shared when the same)
    std::vector<HealthSample> m_healthSamples; // closed windows, not in the outbox yet
    // At full speed a window of samples starts only kHealthSampleGap after the last one
    // closed (unless the breakpoints share it): at most ~500 samples a second, more than
    // the views keep, and a tiny network at millions of records a second is not slowed
    // by figures nobody sees. A window left out costs one test per record.
    static constexpr std::chrono::microseconds kHealthSampleGap{2000};
    Clock::time_point m_lastHealthSample{};
    bool m_skipHealthWindow = false;
};

} // namespace bp
