#include "session/breakpoint_checks.h"
#include "session/session_trainer.h"
#include "session/widen.h"
#include "session/worker_detail.h"

#include <algorithm>

namespace bp {

using namespace detail;

// ---------------------------------------------------------------------------
// State changes

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
            clearLastUpdate();
        else if (u != m_capturedAt)
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
    const bool missing = m_history.lastUpdateBefore(m_cursor.time) != m_capturedAt;
    const bool closesBatch = run.optimizer().pending() + 1 >= run.hyper().batchSize ||
                             run.position() + 1 == run.recordsPerEpoch();
    const bool breakpointNext =
        m_ctx.breakpoints.record && run.recordIndex() == *m_ctx.breakpoints.record;
    if (missing && run.atRecordStart() && closesBatch && !breakpointNext && !shortGoal()) {
        m_goal = Goal::Record;
        m_stepTicket = 0;
        m_captureArmed = true;
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
    Run& run = *m_cursor.run;
    std::optional<PauseSite> site = findNonFiniteWeight(run.network());
    if (site) { // already bad where the search starts
        site->phase = m_cursor.lastPhase;
        site->record = static_cast<long>(run.recordIndex());
        site->epoch = run.epoch() + 1;
    }
    clearLastUpdate();
    while (!site && m_cursor.time < seenAt) {
        if (aborted())
            return false;
        const Phase phase = run.nextPhase();
        const int epochOfRecord = run.epoch() + 1;
        const bool update = phase.kind == Phase::Kind::Update;
        if (update)
            copyWeights(run.network(), m_before);
        const StepResult r = run.stepPhase();
        const qint64 phaseTime = m_cursor.time++;
        m_cursor.hasPhase = true;
        m_cursor.lastPhase = r.phase;
        if (update)
            setLastUpdateFromCapture(phaseTime, run.recordsTrained());
        m_history.applyDueEvents(m_cursor);
        site = findNonFinite(run.network(), run.values(), r.phase);
        if (site) {
            site->record = static_cast<long>(run.lastRecordIndex());
            site->epoch = epochOfRecord;
        }
    }
    if (!site) { // nothing after all (a check that overflowed): back where it was
        const qint64 u = m_history.lastUpdateBefore(seenAt);
        if (u != m_capturedAt)
            restoreTo(seenAt, false);
        return false;
    }
    if (m_capturedAt < 0) {
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

template <typename T> bool SessionTrainerT<T>::restoreTo(qint64 target, bool announce) {
    const qint64 u = m_history.lastUpdateBefore(target);
    const RestoreResult rr = m_history.restore(m_cursor, target, u, &m_before, &m_ctx.abort);
    if (!rr.ok)
        return false;
    if (rr.captured)
        setLastUpdateFromCapture(u, rr.recordsAfterCapture);
    else
        clearLastUpdate();
    m_history.truncateAfter(target);
    setLastEpochFromLog();
    if (announce)
        announceRewind();
    return true;
}

template <typename T>
void SessionTrainerT<T>::setLastUpdateFromCapture(qint64 updateTime, long recordsAfter) {
    const NetworkT<T>& net = m_cursor.run->network();
    m_lastUpdate.resize(net.layers.size());
    for (std::size_t k = 0; k < net.layers.size(); ++k) // Δw(k) = w(k) after − before
        m_lastUpdate[k] =
            net.layers[k].w.template cast<Scalar>() - m_before[k].template cast<Scalar>();
    m_capturedAt = updateTime;
    m_lastUpdateRecords = recordsAfter;
}

template <typename T> void SessionTrainerT<T>::clearLastUpdate() {
    m_lastUpdate.clear();
    m_capturedAt = -1;
    m_lastUpdateRecords = -1;
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

// ---------------------------------------------------------------------------
// Output

template <typename T> void SessionTrainerT<T>::publish() {
    if (!hasRun())
        return;
    const Clock::time_point now = Clock::now();
    const Run& run = *m_cursor.run;
    if (m_goal != Goal::None) {
        const double seconds = std::chrono::duration<double>(now - m_rateAt).count();
        if (seconds >= 0.25) {
            m_rate = static_cast<double>(run.recordsTrained() - m_rateRecords) / seconds;
            m_rateAt = now;
            m_rateRecords = run.recordsTrained();
        }
    }
    flushLocal();
    m_cursor.run->materializeWeightGradients(); // the last record's ∂J/∂w, if skipped
    std::shared_ptr<Snapshot> s = m_ctx.pool->acquire();
    s->serial = ++m_ctx.serial;
    widenInto(run.network(), s->network); // into the recycled snapshot's buffers
    widenInto(run.values(), s->values);
    s->precision = precision();
    // After a jump the record sought is on screen with nothing of it computed yet.
    s->hasPhase = m_cursor.hasPhase && !run.recordLoaded();
    s->lastPhase = m_cursor.lastPhase;
    s->nextPhase = run.nextPhase();
    s->epoch = run.epoch();
    s->position = static_cast<long>(run.position());
    s->recordIndex = static_cast<long>(run.lastRecordIndex());
    s->nextRecordIndex = static_cast<long>(run.recordIndex());
    s->recordsTrained = run.recordsTrained();
    s->recordsPerEpoch = static_cast<long>(run.recordsPerEpoch());
    s->hyper = run.hyper();
    s->runningStats = run.runningStats();
    s->lastEpoch = m_lastEpoch;
    s->lastUpdate = m_lastUpdate;
    s->lastUpdateRecords = m_lastUpdateRecords;
    s->running = m_goal != Goal::None;
    s->pauseReason = m_goal != Goal::None ? PauseReason::None : m_pauseReason;
    s->pauseDetail = m_goal != Goal::None ? QString() : m_pauseDetail;
    s->pauseSite = m_goal != Goal::None ? PauseSite() : m_pauseSite;
    s->recordsPerSecond = m_goal != Goal::None ? m_rate : 0;
    s->historyDepth = m_history.recordsBack(m_cursor.time);
    s->time = m_cursor.time;
    s->historyEarliest = m_history.earliest();
    s->command = stepGoal() && m_stepTicket > 0 ? std::min(m_ctx.handledTicket, m_stepTicket - 1)
                                                : m_ctx.handledTicket;
    s->hyperPending = m_pendingHyper.has_value();
    m_ctx.outbox->setSnapshot(std::move(s));
    m_ctx.notify();
    // Copying a snapshot and the Δw capture behind it may take up to ~3% of the time,
    // and stream at most ~150 MB/s (the copies also push the weights out of the cache
    // the training runs in): 40 snapshots a second for small nets, ~36 at 784-128-10.
    // The cost is the least of the last few (a first copy into fresh pages, or the
    // thread losing its core for a moment, is not what copying costs), and the
    // interval stays under 100 ms whatever it measures.
    const Clock::time_point end = Clock::now();
    m_publishCosts[m_publishCostNext++ % m_publishCosts.size()] = end - now + m_captureCost;
    const Clock::duration cost = *std::min_element(m_publishCosts.begin(), m_publishCosts.end());
    const double bytes = 5.0 * static_cast<double>(run.network().weightCount()) * sizeof(Scalar);
    const auto byBandwidth =
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(bytes / 150e6));
    m_frameInterval = std::clamp(std::max(33 * cost, Clock::duration(byBandwidth)),
                                 Clock::duration(kFrame), Clock::duration(kSlowestFrame));
    m_lastPublish = end;
    m_nextPublish = end + m_frameInterval;
    m_nextFlush = now + kPointsEvery;
    m_captureFresh = false;
    m_captureArmed = captureAlways();
}

template <typename T> void SessionTrainerT<T>::flushLocal() {
    // Summarised by the worker as the records went, outside the outbox's lock; the lists
    // keep their capacity, so there is no allocation per record or per flush.
    if (!m_points.empty()) {
        m_ctx.outbox->addPoints(m_points);
        m_points.clear();
    }
    if (!m_epochs.empty()) {
        m_ctx.outbox->addEpochs(m_epochs);
        m_epochs.clear();
    }
}

template <typename T> void SessionTrainerT<T>::flush() {
    flushLocal();
    m_ctx.notify();
    m_nextFlush = Clock::now() + kPointsEvery;
}

template <typename T> void SessionTrainerT<T>::refuse(const QString& reason) {
    flushLocal();
    SessionMessage m;
    m.kind = SessionMessage::Kind::Refused;
    m.text = reason;
    m_ctx.outbox->add(std::move(m));
    m_ctx.notify();
}

template <typename T> void SessionTrainerT<T>::announceRewind() {
    // Everything produced so far goes first, in order; the GUI then drops what is no
    // longer on the timeline.
    flushLocal();
    SessionMessage m;
    m.kind = SessionMessage::Kind::Rewound;
    // The losses still on the timeline: one per record trained, and the current
    // record's when its loss phase has run.
    const Phase next = m_cursor.run->nextPhase();
    const bool lossDone = next.kind == Phase::Kind::Backward || next.kind == Phase::Kind::Update;
    m.records = m_cursor.run->recordsTrained() + (lossDone ? 1 : 0);
    m.epochCount = m_cursor.run->epoch();
    m_ctx.outbox->add(std::move(m));
}

// This file's members for both precisions (the class itself is instantiated in
// session_trainer.cpp, with the members defined there).
#define BP_INSTANTIATE(T)                                                                          \
    template void SessionTrainerT<T>::pauseHere(PauseReason, const QString&);                      \
    template void SessionTrainerT<T>::pauseRunning();                                              \
    template bool SessionTrainerT<T>::locateNonFinite();                                           \
    template bool SessionTrainerT<T>::restoreTo(qint64, bool);                                     \
    template void SessionTrainerT<T>::setLastUpdateFromCapture(qint64, long);                      \
    template void SessionTrainerT<T>::clearLastUpdate();                                           \
    template void SessionTrainerT<T>::setLastEpochFromLog();                                       \
    template void SessionTrainerT<T>::publish();                                                   \
    template void SessionTrainerT<T>::flushLocal();                                                \
    template void SessionTrainerT<T>::flush();                                                     \
    template void SessionTrainerT<T>::refuse(const QString&);                                      \
    template void SessionTrainerT<T>::announceRewind();
BP_INSTANTIATE(float)
BP_INSTANTIATE(double)
#undef BP_INSTANTIATE

} // namespace bp
