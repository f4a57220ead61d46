// The trainer moving forward: toward the goal, record by record at full speed
// (or paced), phase by phase when something must look between phases.
#include "session/breakpoint_checks.h"
#include "session/session_trainer.h"
#include "session/worker_detail.h"

namespace bp {

using namespace detail;

template <typename T> void SessionTrainerT<T>::work() {
    if (m_goal == Goal::None || !hasRun())
        return;
    if (paced())
        return workPaced();
    for (;;) {
        const Run& run = *m_cursor.run;
        // Commands between records (a record is short), unless phases are watched.
        if (aborted() || (commandsWaiting() && (run.atRecordStart() || watchesPhases())))
            return;
        if (!m_capture.armed() && lastRecordOfGoal())
            m_capture.setArmed(true);
        const PhaseOutcome o =
            run.atRecordStart() && !breakpointAtNextRecord() && canStepWholeRecord()
                ? wholeRecords()
                : advance();
        if (o.stop)
            return;
        if (o.recordDone && !shortGoal())
            afterRecordAtFullSpeed();
    }
}

template <typename T> void SessionTrainerT<T>::workPaced() {
    // One record, then wait (on the condition variable) until the next is due.
    if (Clock::now() < m_pacer.nextRecordDue())
        return;
    for (;;) {
        if (aborted() || commandsWaiting())
            return; // mid-record: the rest follows after the commands
        const PhaseOutcome o = advance();
        if (o.stop)
            return;
        if (o.recordDone)
            break;
    }
    const Clock::time_point done = Clock::now();
    m_pacer.recordDone(done, m_ctx.speed);
    if (m_pacer.frameDue(done))
        publish();
}

template <typename T> bool SessionTrainerT<T>::canStepWholeRecord() const {
    return m_goal != Goal::Phase && !m_capture.armed() && !m_ctx.breakpoints.watchesPhases() &&
           !m_history.hasEventsAhead(m_cursor);
}

template <typename T> bool SessionTrainerT<T>::breakpointAtNextRecord() const {
    const Run& run = *m_cursor.run;
    return run.atRecordStart() && !m_goalJustStarted &&
           m_ctx.breakpoints.breaksBefore(static_cast<long>(run.recordIndex()));
}

template <typename T> typename SessionTrainerT<T>::PhaseOutcome SessionTrainerT<T>::wholeRecords() {
    Run& run = *m_cursor.run;
    setWholeRecordMode(true);
    // What the loop needs, in locals: it runs once per record at full speed, and the
    // members would be reloaded after every call into the engine.
    const qint64 phases = 2 * qint64(run.network().depth()) + 1; // + 1 with an update
    const Breakpoints breakpoints = m_ctx.breakpoints;
    const bool checkFinite = breakpoints.nonFinite;
    // Health breakpoints or samples: else no cost but this test.
    const bool watchHealth = breakpoints.health.any() || m_ctx.healthSampling.has_value();
    const bool oneRecord = m_goal == Goal::Record;
    const Eigen::Index lastPosition = run.recordsPerEpoch() - 1;
    const int lastEpoch = m_goal == Goal::Epoch ? run.epoch() + 1 : m_runUntilEpoch;
    const bool watchEpochEnd = m_goal == Goal::Epoch || (m_goal == Goal::Run && lastEpoch > 0);
    LossBuckets& points = m_points;
    qint64 time = m_cursor.time;
    int finiteCountdown = m_finiteCountdown;
    int clockCountdown = m_pacer.countdown();
    m_goalJustStarted = false;
    m_cursor.hasPhase = true;
    for (;;) {
        const int epochOfRecord = run.epoch() + 1;
        const StepResult r = run.stepRecord(); // stepPhase repeated: the same numbers
        time += phases + (r.updated ? 1 : 0);
        // The loss phase ran when recordsTrained was one less.
        points.addOne(LossPoint{run.recordsTrained() - 1, epochOfRecord,
                                static_cast<double>(run.values().loss)});
        if (r.updated)
            m_history.noteUpdate(time - 1);
        m_cursor.time = time;
        m_history.noteRecordStart(m_cursor);
        const auto leave = [&] { // the members back, for what follows
            m_cursor.lastPhase = r.phase;
            m_finiteCountdown = finiteCountdown;
            m_pacer.setCountdown(clockCountdown);
        };
        if (watchHealth) {
            const BreakpointHit health = healthAfterRecord(epochOfRecord);
            if (health.fired()) {
                leave();
                return finishStep(r, epochOfRecord, health);
            }
        }
        if (r.epochDone || oneRecord || (checkFinite && finiteCountdown <= 1)) {
            leave();
            return finishStep(r, epochOfRecord, BreakpointHit());
        }
        if (checkFinite)
            --finiteCountdown;
        if (--clockCountdown <= 0) {
            leave();
            tick(Clock::now());
            if (m_capture.armed() || m_goal == Goal::None)
                return PhaseOutcome(); // the next update is captured on the general path
            clockCountdown = m_pacer.countdown();
        }
        if (aborted() || commandsWaiting() ||
            breakpoints.breaksBefore(static_cast<long>(run.recordIndex())) ||
            (watchEpochEnd && run.position() == lastPosition && run.epoch() + 1 == lastEpoch)) {
            leave();
            return PhaseOutcome();
        }
    }
}

template <typename T> bool SessionTrainerT<T>::lastRecordOfGoal() const {
    const Run& run = *m_cursor.run;
    if (!run.atRecordStart() || run.position() + 1 != run.recordsPerEpoch())
        return false;
    return m_goal == Goal::Epoch ||
           (m_goal == Goal::Run && m_runUntilEpoch > 0 && run.epoch() + 1 == m_runUntilEpoch);
}

template <typename T> typename SessionTrainerT<T>::PhaseOutcome SessionTrainerT<T>::advance() {
    Run& run = *m_cursor.run;
    setWholeRecordMode(!watchesPhases());
    if (breakpointAtNextRecord()) {
        m_pauseSite = PauseSite();
        m_pauseSite.record = static_cast<long>(run.recordIndex());
        m_pauseSite.epoch = run.epoch() + 1;
        pauseHere(PauseReason::RecordReached, beforeRecord(run).detail);
        PhaseOutcome stopped;
        stopped.stop = true;
        return stopped;
    }
    m_goalJustStarted = false;
    const int epochOfRecord = run.epoch() + 1;
    BreakpointHit hit;
    const StepResult r = runPhase(epochOfRecord, hit);
    return finishStep(r, epochOfRecord, hit);
}

template <typename T>
StepResult SessionTrainerT<T>::runPhase(int epochOfRecord, BreakpointHit& hit) {
    Run& run = *m_cursor.run;
    const bool capture = run.nextPhase().kind == Phase::Kind::Update && m_capture.armed();
    if (capture)
        m_capture.copyBefore(run.network());
    const StepResult r = run.stepPhase();
    const qint64 phaseTime = m_cursor.time++;
    m_cursor.hasPhase = true;
    m_cursor.lastPhase = r.phase;
    switch (r.phase.kind) {
    case Phase::Kind::Forward:
        break;
    case Phase::Kind::Loss:
        m_points.addOne(
            LossPoint{run.recordsTrained(), epochOfRecord, static_cast<double>(run.values().loss)});
        hit = afterLoss(m_ctx.breakpoints, run, epochOfRecord);
        break;
    case Phase::Kind::Backward:
        if (r.phase.layer == 1)
            hit = afterBackward(m_ctx.breakpoints, run, epochOfRecord);
        break;
    case Phase::Kind::Update:
        m_history.noteUpdate(phaseTime);
        if (capture) {
            m_capture.takeDifference(run.network(), phaseTime, run.recordsTrained());
            m_capture.setFresh(true);
            m_capture.noteCost(); // paces the snapshots of big nets
        }
        break;
    }
    if (r.recordDone && (m_ctx.breakpoints.health.any() || m_ctx.healthSampling)) {
        const BreakpointHit health = healthAfterRecord(epochOfRecord);
        if (!hit.fired())
            hit = health;
    }
    return r;
}

template <typename T>
typename SessionTrainerT<T>::PhaseOutcome
SessionTrainerT<T>::finishStep(const StepResult& r, int epochOfRecord, BreakpointHit hit) {
    const Run& run = *m_cursor.run;
    PhaseOutcome outcome;
    outcome.recordDone = r.recordDone;
    arrive();
    if (m_ctx.breakpoints.nonFinite && nonFiniteStop(r, epochOfRecord)) {
        outcome.stop = true;
        return outcome;
    }
    if (r.epochDone) {
        epochEnded(hit);
        if (aborted()) {
            outcome.stop = true;
            return outcome;
        }
    }
    if (hit.fired()) {
        m_pauseSite = PauseSite();
        m_pauseSite.valid = true;
        m_pauseSite.record = static_cast<long>(run.lastRecordIndex());
        m_pauseSite.epoch = epochOfRecord;
        m_pauseSite.phase = r.phase;
        pauseHere(hit.reason, hit.detail);
        outcome.stop = true;
        return outcome;
    }
    if (goalReached(r)) {
        pauseHere(m_goal == Goal::Run ? PauseReason::EpochsDone : PauseReason::User, hit.detail);
        outcome.stop = true;
    }
    return outcome;
}

// A NaN or Inf after this step: located, paused and published (true), or none.
template <typename T>
bool SessionTrainerT<T>::nonFiniteStop(const StepResult& r, int epochOfRecord) {
    const Run& run = *m_cursor.run;
    if (m_goal == Goal::Phase) {
        // Exact, for the one phase that ran.
        std::optional<PauseSite> site = findNonFinite(run.network(), run.values(), r.phase);
        if (!site)
            return false;
        site->record = static_cast<long>(run.lastRecordIndex());
        site->epoch = epochOfRecord;
        m_pauseSite = *site;
        pauseHere(PauseReason::NonFinite, describe(*site, site->value));
        return true;
    }
    if (!r.recordDone || --m_finiteCountdown > 0)
        return false;
    m_finiteCountdown = m_finiteEvery;
    if (recordLooksFinite(run.values()) || !locateNonFinite())
        return false;
    publish();
    return true;
}

template <typename T> bool SessionTrainerT<T>::goalReached(const StepResult& r) const {
    switch (m_goal) {
    case Goal::None:
    case Goal::Phase:
        return true;
    case Goal::Record:
        return r.recordDone;
    case Goal::Batch:
        return r.updated;
    case Goal::Epoch:
        return r.epochDone;
    case Goal::Run:
        return r.epochDone && m_runUntilEpoch > 0 && m_cursor.run->epoch() >= m_runUntilEpoch;
    }
    return true;
}

// After a phase: inputs logged for this time (after a rewind), a setHyper waiting
// for the record to start, and the history's record starts and checkpoints.
template <typename T> void SessionTrainerT<T>::arrive() {
    m_history.applyDueEvents(m_cursor);
    if (!m_cursor.run->atRecordStart())
        return;
    if (m_pendingHyper) {
        TimelineEvent e;
        e.kind = TimelineEvent::Kind::Hyper;
        e.hyper = *m_pendingHyper;
        m_pendingHyper.reset();
        m_history.record(e, m_cursor);
    }
    m_history.noteRecordStart(m_cursor);
}

template <typename T> void SessionTrainerT<T>::afterRecordAtFullSpeed() {
    if (m_capture.fresh()) { // the Δw armed for the next snapshot is there: publish it
        publish();
        return;
    }
    // The clock is read every few records, about once a millisecond.
    if (m_pacer.countDown())
        tick(Clock::now());
}

template <typename T> void SessionTrainerT<T>::tick(Clock::time_point now) {
    m_pacer.tick(now);
    if (m_pacer.publishDue(now)) {
        if (!m_capture.armed()) {
            m_capture.armAt(now); // the next update's Δw goes into the snapshot
        } else if (now - m_capture.armedAt() > kStaleUpdateAfter) {
            publish(); // long batches: do not wait for the update
            return;
        }
    }
    if (m_pacer.flushDue(now))
        flush();
}

template <typename T> void SessionTrainerT<T>::epochEnded(BreakpointHit& hit) {
    const Run& run = *m_cursor.run;
    EpochStats s = run.lastEpoch();
    s.recordsPerSecond = m_pacer.rate();
    if (m_setup->test && m_setup->test->records() > 0) {
        // In the run's precision, as bp::evaluate and backprop-cli compute it.
        const std::optional<TestMetrics> m =
            evaluateStoppable(run.network(), *m_setup->test, m_ctx.abort, m_testValues);
        if (!m)
            return;
        s.testLoss = m->loss;
        s.testAccuracy = m->accuracy;
    }
    logEpoch(s);
    if (!hit.fired())
        hit = afterEpoch(m_ctx.breakpoints, m_epochLog);
    if (m_goal == Goal::Run && !hit.fired() && m_runUntilEpoch > 0 &&
        run.epoch() >= m_runUntilEpoch)
        hit.detail = QStringLiteral("%1 epochs done.").arg(run.epoch());
}

// The epoch into the log (replacing any the timeline went back over), as many kept as
// the history and the loss-rising breakpoint need, and to the outbox.
template <typename T> void SessionTrainerT<T>::logEpoch(const EpochStats& s) {
    while (!m_epochLog.empty() && m_epochLog.back().epoch >= s.epoch)
        m_epochLog.pop_back();
    m_epochLog.push_back(s);
    const std::size_t keep = static_cast<std::size_t>(std::max<long>(
        m_setup->history.maxRecords + 2, m_ctx.breakpoints.lossRisingEpochs.value_or(0) + 1));
    while (m_epochLog.size() > keep)
        m_epochLog.pop_front();
    m_lastEpoch = s;
    m_epochs.add(EpochBucket(s));
}

// This file's members for both precisions (the class itself is instantiated in
// session_trainer.cpp, with the members defined there).
#define BP_INSTANTIATE(T)                                                                          \
    template void SessionTrainerT<T>::work();                                                      \
    template void SessionTrainerT<T>::workPaced();                                                 \
    template bool SessionTrainerT<T>::canStepWholeRecord() const;                                  \
    template bool SessionTrainerT<T>::breakpointAtNextRecord() const;                              \
    template SessionTrainerT<T>::PhaseOutcome SessionTrainerT<T>::wholeRecords();                  \
    template bool SessionTrainerT<T>::lastRecordOfGoal() const;                                    \
    template SessionTrainerT<T>::PhaseOutcome SessionTrainerT<T>::advance();                       \
    template StepResult SessionTrainerT<T>::runPhase(int, BreakpointHit&);                         \
    template SessionTrainerT<T>::PhaseOutcome SessionTrainerT<T>::finishStep(const StepResult&,    \
                                                                             int, BreakpointHit);  \
    template bool SessionTrainerT<T>::nonFiniteStop(const StepResult&, int);                       \
    template bool SessionTrainerT<T>::goalReached(const StepResult&) const;                        \
    template void SessionTrainerT<T>::arrive();                                                    \
    template void SessionTrainerT<T>::afterRecordAtFullSpeed();                                    \
    template void SessionTrainerT<T>::tick(Clock::time_point);                                     \
    template void SessionTrainerT<T>::epochEnded(BreakpointHit&);                                  \
    template void SessionTrainerT<T>::logEpoch(const EpochStats&);
BP_INSTANTIATE(float)
BP_INSTANTIATE(double)
#undef BP_INSTANTIATE

} // namespace bp
