// What the trainer sends out: snapshots, loss points and epochs, refusals, rewinds.
#include "session/session_trainer.h"
#include "session/widen.h"
#include "session/worker_detail.h"

namespace bp {

using namespace detail;

template <typename T> bool SessionTrainerT<T>::updateKnown() const {
    return m_cursor.hasPhase && m_cursor.lastPhase.kind == Phase::Kind::Update &&
           m_capture.capturedAt() == m_cursor.time - 1;
}

template <typename T> void SessionTrainerT<T>::publish() {
    if (!hasRun() || m_replaying)
        return;
    const Clock::time_point now = Clock::now();
    if (m_goal != Goal::None)
        m_pacer.measureRate(now, m_cursor.run->recordsTrained());
    flushLocal();
    m_cursor.run->materializeWeightGradients(); // the last record's ∂J/∂w, if skipped
    std::shared_ptr<Snapshot> s = m_ctx.pool->acquire();
    fillSnapshot(*s);
    m_ctx.outbox->setSnapshot(std::move(s));
    m_ctx.notify();
    const Clock::time_point end = Clock::now();
    m_pacer.published(now, end, m_capture.cost(),
                      static_cast<long>(m_cursor.run->network().weightCount()));
    m_capture.setFresh(false);
    m_capture.setArmed(captureAlways());
}

template <typename T> void SessionTrainerT<T>::fillSnapshot(Snapshot& s) const {
    const Run& run = *m_cursor.run;
    const bool running = m_goal != Goal::None;
    s.serial = ++m_ctx.serial;
    widenInto(run.network(), s.network); // into the recycled snapshot's buffers
    widenInto(run.values(), s.values);
    s.precision = precision();
    // After a jump the record sought is on screen with nothing of it computed yet.
    s.hasPhase = m_cursor.hasPhase && !run.recordLoaded();
    s.lastPhase = m_cursor.lastPhase;
    s.nextPhase = run.nextPhase();
    s.epoch = run.epoch();
    s.position = static_cast<long>(run.position());
    s.recordIndex = static_cast<long>(run.lastRecordIndex());
    s.nextRecordIndex = static_cast<long>(run.recordIndex());
    s.shownRecord = s.recordIndex >= 0 ? s.recordIndex : s.nextRecordIndex;
    s.recordsTrained = run.recordsTrained();
    s.recordsPerEpoch = static_cast<long>(run.recordsPerEpoch());
    s.hyper = run.hyper();
    s.runningStats = run.runningStats();
    s.lastEpoch = m_lastEpoch;
    s.lastUpdate = m_capture.lastUpdate();
    s.lastUpdateRecords = m_capture.recordsAfter();
    const bool updateShown = updateKnown();
    s.weightsBefore.resize(updateShown ? m_capture.weightsBefore().size() : 0);
    for (std::size_t k = 0; k < s.weightsBefore.size(); ++k)
        s.weightsBefore[k] = m_capture.weightsBefore()[k].template cast<Scalar>();
    s.progress =
        progressAfter(s.hasPhase, s.lastPhase, s.recordIndex >= 0, s.network.depth(), updateShown);
    s.running = running;
    s.pauseReason = running ? PauseReason::None : m_pauseReason;
    s.pauseDetail = running ? QString() : m_pauseDetail;
    s.pauseSite = running ? PauseSite() : m_pauseSite;
    s.recordsPerSecond = running ? m_pacer.rate() : 0;
    s.historyDepth = m_history.recordsBack(m_cursor.time);
    s.time = m_cursor.time;
    s.historyEarliest = m_history.earliest();
    s.command = stepGoal() && m_stepTicket > 0 ? std::min(m_ctx.handledTicket, m_stepTicket - 1)
                                               : m_ctx.handledTicket;
    s.hyperPending = m_pendingHyper.has_value();
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
    if (!m_healthSamples.empty())
        m_ctx.outbox->addHealthSamples(m_healthSamples); // moved out: the list is left empty
}

template <typename T> void SessionTrainerT<T>::flush() {
    flushLocal();
    m_ctx.notify();
    m_pacer.flushed(Clock::now());
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
    template bool SessionTrainerT<T>::updateKnown() const;                                         \
    template void SessionTrainerT<T>::publish();                                                   \
    template void SessionTrainerT<T>::fillSnapshot(Snapshot&) const;                               \
    template void SessionTrainerT<T>::flushLocal();                                                \
    template void SessionTrainerT<T>::flush();                                                     \
    template void SessionTrainerT<T>::refuse(const QString&);                                      \
    template void SessionTrainerT<T>::announceRewind();
BP_INSTANTIATE(float)
BP_INSTANTIATE(double)
#undef BP_INSTANTIATE

} // namespace bp
