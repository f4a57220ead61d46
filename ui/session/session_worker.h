#pragma once
// The session's worker thread: a command queue (mutex + condition variable), a
// TrainingRun it alone touches, and the bookkeeping around it (goal, history,
// breakpoints, publishing). Qt's Mandelbrot pattern: a command is copied into the
// queue under the lock; the worker takes the whole queue, lets go of the lock and
// only then computes; results leave as values through the outbox. Shutdown: set
// abort, wake, join; the loops check abort at every phase.
#include "breakpoints.h"
#include "history.h"
#include "session_command.h"
#include "session_outbox.h"
#include "snapshot_pool.h"

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace bp {

class SessionWorker {
public:
    // `notify` is called (from the worker thread) when the outbox has something new.
    SessionWorker(std::shared_ptr<SessionOutbox> outbox, std::function<void()> notify);
    ~SessionWorker(); // stop()
    SessionWorker(const SessionWorker&) = delete;
    SessionWorker& operator=(const SessionWorker&) = delete;

    // Any thread. Returns the command's ticket.
    quint64 post(SessionCommand c);
    // Any thread but the worker's: abort, wake, join. Idempotent.
    void stop();

private:
    using Clock = std::chrono::steady_clock;
    enum class Goal { None, Phase, Record, Batch, Epoch, Run };
    struct PhaseOutcome {
        bool stop = false;       // the goal ended (reached or a breakpoint): published
        bool recordDone = false; // the phase ended a record
    };

    void loop();
    void handle(const SessionCommand& c);
    void work();
    // One step toward the goal: a whole record at once when nothing needs to look
    // between its phases (the fast path at full speed), else one phase.
    PhaseOutcome advance();
    bool canStepWholeRecord() const;
    // Whole records in a tight loop, until something needs the general path (an epoch
    // end, a NaN check, the goal, the clock, a breakpoint record, a command).
    PhaseOutcome wholeRecords();
    // The checks after a phase or record: NaN, breakpoints, epoch end, the goal.
    PhaseOutcome finishStep(const StepResult& r, int epochOfRecord, PauseReason hit,
                            const QString& detail);
    void arrive();
    void afterRecordAtFullSpeed();
    void tick(Clock::time_point now);
    void epochEnded(PauseReason& hit, QString& detail);

    // commands
    void doSetup(const std::shared_ptr<const SessionSetup>& setup);
    void doReset();
    void startTimeline(); // history, epoch log and last update for a fresh run
    void startGoal(Goal goal, quint64 ticket);
    void stopGoal(); // "pause first": a command that changes the state ends any goal
    void setWholeRecordMode(bool on);
    void doSetHyper(const Hyper& h);
    void doJump(long position, bool datasetIndex);
    void doRewind(qint64 target);
    void doDiff(qint64 from, qint64 to);

    // state changes
    // Ends the goal with `reason`; unless it is a NaN already, checks the weights and
    // the record once more and locates a NaN/Inf; makes lastUpdate exact. Publishes.
    void pauseHere(PauseReason reason, const QString& text = {});
    // The pause command while a goal runs (see the .cpp for the extra record).
    void pauseRunning();
    // Walks back from where a NaN/Inf was seen and stops right after the phase that
    // produced the first one. False if there was none (an overflowing check).
    bool locateNonFinite();
    bool restoreTo(qint64 target, bool announce);
    void setLastUpdateFromCapture(qint64 updateTime, long recordsAfter);
    void clearLastUpdate();
    void setLastEpochFromLog();

    // output
    void publish();
    void flushLocal(); // loss points and epochs into the outbox
    void flush();      // ... and notify
    void refuse(const QString& reason);
    void announceRewind();

    bool shortGoal() const { return m_goal == Goal::Phase || m_goal == Goal::Record; }
    bool stepGoal() const { return m_goal != Goal::None && m_goal != Goal::Run; }
    bool paced() const { return m_goal == Goal::Run && m_speed > 0; }
    // Someone may look at the values between phases: steps, slow runs, breakpoints that
    // pause after a loss or backward phase. Otherwise records run whole at full speed
    // and nothing sees them half done.
    bool watchesPhases() const {
        return shortGoal() || paced() || m_breakpoints.lossAbove || m_breakpoints.misclassified ||
               m_breakpoints.gradientNormAbove;
    }
    bool captureAlways() const {
        return m_goal == Goal::Phase || m_goal == Goal::Record || m_goal == Goal::Batch || paced();
    }
    // The next record is the last one of the epoch that ends the goal: keep its Δw.
    bool lastRecordOfGoal() const;
    bool hasRun() const { return m_cursor.run.has_value(); }

    // --- shared with the other threads ---
    std::mutex m_mutex; // guards m_queue and m_nextTicket; never held while computing
    std::condition_variable m_wake;
    std::deque<SessionCommand> m_queue;
    quint64 m_nextTicket = 0;
    std::atomic<bool> m_abort{false};
    std::atomic<bool> m_commandsWaiting{false};
    std::shared_ptr<SessionOutbox> m_outbox;
    std::function<void()> m_notify;
    std::shared_ptr<SnapshotPool> m_pool;

    // --- the worker thread's alone ---
    std::shared_ptr<const SessionSetup> m_setup;
    TimelineCursor m_cursor;
    TimelineCursor m_scratch; // for diffs
    History m_history;
    HistoryLimits m_limits;
    std::optional<Hyper> m_pendingHyper;
    Breakpoints m_breakpoints;
    double m_speed = 0;

    Goal m_goal = Goal::None;
    quint64 m_stepTicket = 0;    // the step command in progress
    quint64 m_handledTicket = 0; // the last command handled
    int m_runUntilEpoch = 0;     // 0: no limit
    bool m_goalJustStarted = false;
    PauseReason m_pauseReason = PauseReason::None;
    QString m_pauseDetail;
    PauseSite m_pauseSite;

    // Δw of the last update: weights copied before an update phase when armed.
    bool m_captureArmed = false;
    bool m_captureFresh = false;
    Clock::time_point m_armedAt;
    std::vector<Matrix> m_before;
    std::vector<Matrix> m_lastUpdate;
    qint64 m_capturedAt = -1; // time of the update phase m_lastUpdate belongs to
    long m_lastUpdateRecords = -1;

    std::deque<EpochStats> m_epochLog; // consecutive epochs, the newest last
    EpochStats m_lastEpoch;

    // publishing and pacing
    quint64 m_serial = 0;
    std::vector<LossPoint> m_points; // a QVector's push_back costs more, per record
    QVector<EpochStats> m_epochs;
    Clock::time_point m_nextPublish;
    Clock::time_point m_nextFlush;
    Clock::time_point m_lastPublish;
    Clock::time_point m_nextRecordDue;
    Clock::time_point m_lastTick;
    int m_clockStride = 1;
    int m_clockCountdown = 1;
    Clock::duration m_frameInterval{}; // ≥ kFrame; longer when copying a snapshot is dear
    std::array<Clock::duration, 8> m_publishCosts{}; // the last few: copy + Δw capture
    std::size_t m_publishCostNext = 0;
    Clock::duration m_captureCost{}; // copying w before an update and Δw after it
    // The cheap NaN check runs every m_finiteEvery records (more than 1 only for tiny
    // nets, where it would cost a few percent); a NaN search then looks further back.
    int m_finiteEvery = 1;
    int m_finiteCountdown = 1;
    Clock::time_point m_rateAt;
    long m_rateRecords = 0;
    double m_rate = 0;

    std::thread m_thread; // last: starts after everything above exists
};

} // namespace bp
