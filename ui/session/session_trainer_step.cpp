// The trainer moving forward: toward the goal, record by record at full speed
// (or paced), phase by phase when something must look between phases.
#include "math/metrics.h"
#include "session/breakpoint_checks.h"
#include "session/session_trainer.h"
#include "session/widen.h"
#include "session/worker_detail.h"

namespace bp {

using namespace detail;

template <typename T> void SessionTrainerT<T>::work() {
    if (m_goal == Goal::None || !hasRun())
        return;
    if (paced()) {
        // One record, then wait (on the condition variable) until the next is due.
        if (Clock::now() < m_nextRecordDue)
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
        const auto period = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(1.0 / m_ctx.speed));
        const Clock::time_point done = Clock::now();
        m_nextRecordDue = std::max(m_nextRecordDue + period, done - period); // no bursts
        if (done - m_lastPublish >= m_frameInterval)
            publish();
        return;
    }
    for (;;) {
        const Run& run = *m_cursor.run;
        // Commands between records (a record is short), unless phases are watched.
        if (aborted() || (commandsWaiting() && (run.atRecordStart() || watchesPhases())))
            return;
        if (!m_captureArmed && lastRecordOfGoal())
            m_captureArmed = true;
        const bool breakHere = m_ctx.breakpoints.record && !m_goalJustStarted &&
                               run.recordIndex() == *m_ctx.breakpoints.record;
        const PhaseOutcome o =
            run.atRecordStart() && !breakHere && canStepWholeRecord() ? wholeRecords() : advance();
        if (o.stop)
            return;
        if (o.recordDone && !shortGoal())
            afterRecordAtFullSpeed();
    }
}

template <typename T> bool SessionTrainerT<T>::canStepWholeRecord() const {
    return m_goal != Goal::Phase && !m_captureArmed && !m_ctx.breakpoints.lossAbove &&
           !m_ctx.breakpoints.misclassified && !m_ctx.breakpoints.gradientNormAbove &&
           !m_history.hasEventsAhead(m_cursor);
}

template <typename T> typename SessionTrainerT<T>::PhaseOutcome SessionTrainerT<T>::wholeRecords() {
    Run& run = *m_cursor.run;
    setWholeRecordMode(true);
    // What the loop needs, in locals: it runs once per record at full speed, and the
    // members would be reloaded after every call into the engine.
    const qint64 phases = 2 * qint64(run.network().depth()) + 1; // + 1 with an update
    const bool stopAtRecord = m_ctx.breakpoints.record.has_value();
    const Eigen::Index stopRecord = m_ctx.breakpoints.record.value_or(-1);
    const bool checkFinite = m_ctx.breakpoints.nonFinite;
    const bool oneRecord = m_goal == Goal::Record;
    const Eigen::Index lastPosition = run.recordsPerEpoch() - 1;
    const int lastEpoch = m_goal == Goal::Epoch ? run.epoch() + 1 : m_runUntilEpoch;
    const bool watchEpochEnd = m_goal == Goal::Epoch || (m_goal == Goal::Run && lastEpoch > 0);
    LossBuckets& points = m_points;
    qint64 time = m_cursor.time;
    int finiteCountdown = m_finiteCountdown;
    int clockCountdown = m_clockCountdown;
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
            m_clockCountdown = clockCountdown;
        };
        if (r.epochDone || oneRecord || (checkFinite && finiteCountdown <= 1)) {
            leave();
            return finishStep(r, epochOfRecord, PauseReason::None, QString());
        }
        if (checkFinite)
            --finiteCountdown;
        if (--clockCountdown <= 0) {
            leave();
            tick(Clock::now());
            if (m_captureArmed || m_goal == Goal::None)
                return PhaseOutcome(); // the next update is captured on the general path
            clockCountdown = m_clockCountdown;
        }
        if (aborted() || commandsWaiting() || (stopAtRecord && run.recordIndex() == stopRecord) ||
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
    const bool recordStart = run.atRecordStart();
    if (recordStart && m_ctx.breakpoints.record && !m_goalJustStarted &&
        run.recordIndex() == *m_ctx.breakpoints.record) {
        m_pauseSite = PauseSite();
        m_pauseSite.record = static_cast<long>(run.recordIndex());
        m_pauseSite.epoch = run.epoch() + 1;
        pauseHere(PauseReason::RecordReached,
                  QStringLiteral("Record %1 is next (position %2 of epoch %3).")
                      .arg(run.recordIndex())
                      .arg(run.position())
                      .arg(run.epoch() + 1));
        PhaseOutcome stopped;
        stopped.stop = true;
        return stopped;
    }
    m_goalJustStarted = false;
    const int epochOfRecord = run.epoch() + 1;

    const Phase phase = run.nextPhase();
    const bool capture = phase.kind == Phase::Kind::Update && m_captureArmed;
    Clock::time_point captureStart;
    if (capture) {
        captureStart = Clock::now();
        copyWeights(run.network(), m_before);
    }
    const StepResult r = run.stepPhase();
    const qint64 phaseTime = m_cursor.time++;
    m_cursor.hasPhase = true;
    m_cursor.lastPhase = r.phase;

    PauseReason hit = PauseReason::None;
    QString detail;
    switch (r.phase.kind) {
    case Phase::Kind::Forward:
        break;
    case Phase::Kind::Loss: {
        const RecordValuesT<T>& v = run.values();
        const double loss = static_cast<double>(v.loss);
        m_points.addOne(LossPoint{run.recordsTrained(), epochOfRecord, loss});
        if (m_ctx.breakpoints.lossAbove && loss > *m_ctx.breakpoints.lossAbove) {
            hit = PauseReason::LossAbove;
            detail = QStringLiteral("J = %1 > %2 at record %3 (epoch %4).")
                         .arg(number(loss), number(*m_ctx.breakpoints.lossAbove))
                         .arg(run.lastRecordIndex())
                         .arg(epochOfRecord);
        } else if (m_ctx.breakpoints.misclassified && run.data().isClassification()) {
            const int predicted = classOf(v.output());
            const int truth = classOf(v.target);
            if (predicted != truth) {
                const auto& names = run.data().classNames;
                const auto name = [&names](int c) {
                    return c >= 0 && static_cast<std::size_t>(c) < names.size()
                               ? QString::fromStdString(names[static_cast<std::size_t>(c)])
                               : QString::number(c);
                };
                hit = PauseReason::Misclassified;
                detail = QStringLiteral("Record %1 (epoch %2) classified as %3, target %4.")
                             .arg(run.lastRecordIndex())
                             .arg(epochOfRecord)
                             .arg(name(predicted), name(truth));
            }
        }
        break;
    }
    case Phase::Kind::Backward:
        if (r.phase.layer == 1 && m_ctx.breakpoints.gradientNormAbove) {
            const double norm = recordGradientNorm(run.network(), run.values());
            if (norm > *m_ctx.breakpoints.gradientNormAbove) {
                hit = PauseReason::GradientNorm;
                detail = QStringLiteral("‖∂J/∂w‖ = %1 > %2 at record %3 (epoch %4).")
                             .arg(number(norm), number(*m_ctx.breakpoints.gradientNormAbove))
                             .arg(run.lastRecordIndex())
                             .arg(epochOfRecord);
            }
        }
        break;
    case Phase::Kind::Update:
        m_history.noteUpdate(phaseTime);
        if (capture) {
            setLastUpdateFromCapture(phaseTime, run.recordsTrained());
            m_captureFresh = true;
            m_captureCost = Clock::now() - captureStart; // paces the snapshots of big nets
        }
        break;
    }
    return finishStep(r, epochOfRecord, hit, detail);
}

template <typename T>
typename SessionTrainerT<T>::PhaseOutcome
SessionTrainerT<T>::finishStep(const StepResult& r, int epochOfRecord, PauseReason hit,
                               const QString& detail) {
    const Run& run = *m_cursor.run;
    PhaseOutcome outcome;
    outcome.recordDone = r.recordDone;
    arrive();

    if (m_ctx.breakpoints.nonFinite) {
        if (m_goal == Goal::Phase) {
            // Exact, for the one phase that ran.
            if (std::optional<PauseSite> site =
                    findNonFinite(run.network(), run.values(), r.phase)) {
                site->record = static_cast<long>(run.lastRecordIndex());
                site->epoch = epochOfRecord;
                m_pauseSite = *site;
                pauseHere(PauseReason::NonFinite, describe(*site, site->value));
                outcome.stop = true;
                return outcome;
            }
        } else if (r.recordDone && --m_finiteCountdown <= 0) {
            m_finiteCountdown = m_finiteEvery;
            if (!recordLooksFinite(run.values()) && locateNonFinite()) {
                publish();
                outcome.stop = true;
                return outcome;
            }
        }
    }
    QString text = detail;
    if (r.epochDone) {
        epochEnded(hit, text);
        if (aborted()) {
            outcome.stop = true;
            return outcome;
        }
    }
    if (hit != PauseReason::None) {
        m_pauseSite = PauseSite();
        m_pauseSite.valid = true;
        m_pauseSite.record = static_cast<long>(run.lastRecordIndex());
        m_pauseSite.epoch = epochOfRecord;
        m_pauseSite.phase = r.phase;
        pauseHere(hit, text);
        outcome.stop = true;
        return outcome;
    }

    bool reached = false;
    PauseReason reason = PauseReason::User;
    switch (m_goal) {
    case Goal::None:
    case Goal::Phase:
        reached = true;
        break;
    case Goal::Record:
        reached = r.recordDone;
        break;
    case Goal::Batch:
        reached = r.updated;
        break;
    case Goal::Epoch:
        reached = r.epochDone;
        break;
    case Goal::Run:
        reached = r.epochDone && m_runUntilEpoch > 0 && run.epoch() >= m_runUntilEpoch;
        reason = PauseReason::EpochsDone;
        break;
    }
    if (reached) {
        pauseHere(reason, text);
        outcome.stop = true;
    }
    return outcome;
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
    if (m_captureFresh) { // the Δw armed for the next snapshot is there: publish it
        publish();
        return;
    }
    // The clock is read every m_clockStride records, about once a millisecond.
    if (--m_clockCountdown > 0)
        return;
    tick(Clock::now());
}

template <typename T> void SessionTrainerT<T>::tick(Clock::time_point now) {
    const Clock::duration sinceTick = now - m_lastTick;
    if (sinceTick < std::chrono::microseconds(500))
        m_clockStride = std::min(m_clockStride * 2, 1 << 14);
    else if (sinceTick > std::chrono::milliseconds(2))
        m_clockStride = std::max(m_clockStride / 2, 1);
    m_clockCountdown = m_clockStride;
    m_lastTick = now;
    if (now >= m_nextPublish) {
        if (!m_captureArmed) {
            m_captureArmed = true; // the next update's Δw goes into the snapshot
            m_armedAt = now;
        } else if (now - m_armedAt > kStaleUpdateAfter) {
            publish(); // long batches: do not wait for the update
            return;
        }
    }
    if (now >= m_nextFlush)
        flush();
}

template <typename T> void SessionTrainerT<T>::epochEnded(PauseReason& hit, QString& detail) {
    const Run& run = *m_cursor.run;
    EpochStats s = run.lastEpoch();
    s.recordsPerSecond = m_rate;
    if (m_setup->test && m_setup->test->records() > 0) {
        // In the run's precision, as bp::evaluate and backprop-cli compute it.
        const std::optional<TestMetrics> m =
            evaluateStoppable(run.network(), *m_setup->test, m_ctx.abort, m_testValues);
        if (!m)
            return;
        s.testLoss = m->loss;
        s.testAccuracy = m->accuracy;
    }
    while (!m_epochLog.empty() && m_epochLog.back().epoch >= s.epoch)
        m_epochLog.pop_back();
    m_epochLog.push_back(s);
    const std::size_t keep = static_cast<std::size_t>(std::max<long>(
        m_ctx.limits.maxRecords + 2, m_ctx.breakpoints.lossRisingEpochs.value_or(0) + 1));
    while (m_epochLog.size() > keep)
        m_epochLog.pop_front();
    m_lastEpoch = s;
    m_epochs.add(EpochBucket(s));

    if (m_ctx.breakpoints.lossRisingEpochs && *m_ctx.breakpoints.lossRisingEpochs > 0 &&
        hit == PauseReason::None) {
        const int n = *m_ctx.breakpoints.lossRisingEpochs;
        int rises = 0;
        for (std::size_t i = m_epochLog.size() - 1; i > 0 && rises < n; --i) {
            if (m_epochLog[i].trainLoss > m_epochLog[i - 1].trainLoss)
                ++rises;
            else
                break;
        }
        if (rises >= n) {
            QStringList losses;
            for (std::size_t i = m_epochLog.size() - 1 - static_cast<std::size_t>(n);
                 i < m_epochLog.size(); ++i)
                losses << number(m_epochLog[i].trainLoss);
            hit = PauseReason::LossRising;
            detail = QStringLiteral("The epoch loss rose %1 epochs in a row: %2.")
                         .arg(n)
                         .arg(losses.join(QStringLiteral(" → ")));
        }
    }
    if (m_goal == Goal::Run && hit == PauseReason::None && m_runUntilEpoch > 0 &&
        run.epoch() >= m_runUntilEpoch)
        detail = QStringLiteral("%1 epochs done.").arg(run.epoch());
}

// This file's members for both precisions (the class itself is instantiated in
// session_trainer.cpp, with the members defined there).
#define BP_INSTANTIATE(T)                                                                          \
    template void SessionTrainerT<T>::work();                                                      \
    template bool SessionTrainerT<T>::canStepWholeRecord() const;                                  \
    template SessionTrainerT<T>::PhaseOutcome SessionTrainerT<T>::wholeRecords();                  \
    template bool SessionTrainerT<T>::lastRecordOfGoal() const;                                    \
    template SessionTrainerT<T>::PhaseOutcome SessionTrainerT<T>::advance();                       \
    template SessionTrainerT<T>::PhaseOutcome SessionTrainerT<T>::finishStep(                      \
        const StepResult&, int, PauseReason, const QString&);                                      \
    template void SessionTrainerT<T>::arrive();                                                    \
    template void SessionTrainerT<T>::afterRecordAtFullSpeed();                                    \
    template void SessionTrainerT<T>::tick(Clock::time_point);                                     \
    template void SessionTrainerT<T>::epochEnded(PauseReason&, QString&);
BP_INSTANTIATE(float)
BP_INSTANTIATE(double)
#undef BP_INSTANTIATE

} // namespace bp
