// The trainer's state changes: pausing (and making what the pause shows exact),
// locating the first NaN or Inf, and going back in the history.
#include "session/breakpoint_checks.h"
#include "session/session_trainer.h"
#include "session/worker_detail.h"

#include <algorithm>

namespace bp {

using namespace detail;

template <typename T> void SessionTrainerT<T>::pauseHere(PauseReason reason, const QString& text) {
    stopGoal();
    m_pauseReason = reason;
    m_pauseDetail = text;
    if (reason == PauseReason::User || reason == PauseReason::EpochsDone)
        m_pauseSite = PauseSite();
    bool located = false;
    if (reason != PauseReason::NonFinite && m_ctx.breakpoints.nonFinite) {
        // The cheap check runs at record ends and sees a bad update one record late:
        // look once more now, exactly.
        if (!recordLooksFinite(m_cursor.run->values()) ||
            findNonFiniteWeight(m_cursor.run->network()))
            located = locateNonFinite();
    }
    if (!located) {
        // Make Δw exact: the update may have run while nothing was armed.
        const qint64 u = m_history.lastUpdateBefore(m_cursor.time);
        if (u < 0)
            m_capture.clear();
        else if (u != m_capture.capturedAt())
            restoreTo(m_cursor.time, false); // replays from the last checkpoint
    }
    publish();
}

template <typename T> void SessionTrainerT<T>::pauseRunning() {
    // At full speed the last update's Δw was not kept. If the next record closes a
    // mini-batch (online training: every record), run it with Δw armed: one record
    // instead of a replay from the last checkpoint. Before the next command, so that
    // nothing the GUI sends after the pause applies to it.
    const Run& run = *m_cursor.run;
    const bool missing = m_history.lastUpdateBefore(m_cursor.time) != m_capture.capturedAt();
    const bool closesBatch = run.optimizer().pending() + 1 >= run.hyper().batchSize ||
                             run.position() + 1 == run.recordsPerEpoch();
    const bool breakpointNext =
        m_ctx.breakpoints.breaksBefore(static_cast<long>(run.recordIndex()));
    if (missing && run.atRecordStart() && closesBatch && !breakpointNext && !shortGoal()) {
        m_goal = Goal::Record;
        m_stepTicket = 0;
        m_capture.setArmed(true);
        m_goalJustStarted = true;
        while (m_goal != Goal::None && !aborted())
            advance(); // ends with pauseHere() when the record is done
        return;
    }
    pauseHere(PauseReason::User);
}

template <typename T> bool SessionTrainerT<T>::locateNonFinite() {
    const qint64 seenAt = m_cursor.time;
    // The bad value came from the records since the last check or, through an update,
    // from the one before them.
    qint64 from = m_history.recordStartBack(seenAt, m_finiteEvery + 1);
    if (from < 0)
        from = m_history.earliest();
    if (!m_history.restore(m_cursor, from, -1, nullptr, &m_ctx.abort).ok)
        return false;
    m_capture.clear();
    const std::optional<PauseSite> site = searchNonFinite(seenAt);
    if (!site && aborted())
        return false;
    if (!site) { // nothing after all (a check that overflowed): back where it was
        const qint64 u = m_history.lastUpdateBefore(seenAt);
        if (u != m_capture.capturedAt())
            restoreTo(seenAt, false);
        return false;
    }
    if (m_capture.capturedAt() < 0) {
        const qint64 u = m_history.lastUpdateBefore(m_cursor.time);
        if (u >= 0)
            restoreTo(m_cursor.time, false); // Δw from before the search window
    }
    m_history.truncateAfter(m_cursor.time);
    setLastEpochFromLog();
    stopGoal();
    m_pauseReason = PauseReason::NonFinite;
    m_pauseSite = *site;
    m_pauseDetail = describe(*site, site->value);
    announceRewind();
    return true;
}

// From the cursor, phase by phase (with Δw captured) until the first phase that
// produces a non-finite value, or until time `until`: where it appeared, if anywhere.
template <typename T> std::optional<PauseSite> SessionTrainerT<T>::searchNonFinite(qint64 until) {
    Run& run = *m_cursor.run;
    std::optional<PauseSite> site = findNonFiniteWeight(run.network());
    if (site) { // already bad where the search starts
        site->phase = m_cursor.lastPhase;
        site->record = static_cast<long>(run.recordIndex());
        site->epoch = run.epoch() + 1;
        return site;
    }
    while (m_cursor.time < until) {
        if (aborted())
            return std::nullopt;
        const int epochOfRecord = run.epoch() + 1;
        const bool update = run.nextPhase().kind == Phase::Kind::Update;
        if (update)
            m_capture.copyBefore(run.network());
        const StepResult r = run.stepPhase();
        const qint64 phaseTime = m_cursor.time++;
        m_cursor.hasPhase = true;
        m_cursor.lastPhase = r.phase;
        if (update)
            m_capture.takeDifference(run.network(), phaseTime, run.recordsTrained());
        m_history.applyDueEvents(m_cursor);
        site = findNonFinite(run.network(), run.values(), r.phase);
        if (site) {
            site->record = static_cast<long>(run.lastRecordIndex());
            site->epoch = epochOfRecord;
            return site;
        }
    }
    return std::nullopt;
}

template <typename T> bool SessionTrainerT<T>::restoreTo(qint64 target, bool announce) {
    const qint64 u = m_history.lastUpdateBefore(target);
    const RestoreResult rr =
        m_history.restore(m_cursor, target, u, m_capture.beforeBuffer(), &m_ctx.abort);
    if (!rr.ok)
        return false;
    if (rr.captured)
        m_capture.takeDifference(m_cursor.run->network(), u, rr.recordsAfterCapture);
    else
        m_capture.clear();
    m_history.truncateAfter(target);
    setLastEpochFromLog();
    if (announce)
        announceRewind();
    return true;
}

template <typename T> void SessionTrainerT<T>::setLastEpochFromLog() {
    const int e = m_cursor.run->epoch();
    while (!m_epochLog.empty() && m_epochLog.back().epoch > e)
        m_epochLog.pop_back();
    if (!m_epochLog.empty() && m_epochLog.back().epoch == e)
        m_lastEpoch = m_epochLog.back();
    else
        m_lastEpoch = m_cursor.run->lastEpoch();
}

// This file's members for both precisions (the class itself is instantiated in
// session_trainer.cpp, with the members defined there).
#define BP_INSTANTIATE(T)                                                                          \
    template void SessionTrainerT<T>::pauseHere(PauseReason, const QString&);                      \
    template void SessionTrainerT<T>::pauseRunning();                                              \
    template bool SessionTrainerT<T>::locateNonFinite();                                           \
    template std::optional<PauseSite> SessionTrainerT<T>::searchNonFinite(qint64);                 \
    template bool SessionTrainerT<T>::restoreTo(qint64, bool);                                     \
    template void SessionTrainerT<T>::setLastEpochFromLog();
BP_INSTANTIATE(float)
BP_INSTANTIATE(double)
#undef BP_INSTANTIATE

} // namespace bp
