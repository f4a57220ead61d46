// The trainer's commands: what each one does to the run, the goal and the history.
#include "session/session_trainer.h"

#include "session/worker_detail.h"

#include "math/error.h"
#include "session/weight_diff.h"
#include "session/widen.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <type_traits>

namespace bp {

using namespace detail;

std::unique_ptr<SessionTrainer> makeTrainer(Precision p, WorkerContext& context) {
    if (p == Precision::Float)
        return std::make_unique<SessionTrainerT<float>>(context);
    return std::make_unique<SessionTrainerT<double>>(context);
}

template <typename T> Precision SessionTrainerT<T>::precision() const {
    return std::is_same_v<T, float> ? Precision::Float : Precision::Double;
}

namespace {
// The commands that mean something before the first setup.
bool needsRun(SessionCommand::Kind kind) {
    using Kind = SessionCommand::Kind;
    return kind != Kind::Setup && kind != Kind::SetSpeed && kind != Kind::SetBreakpoints &&
           kind != Kind::SetHealthSampling && kind != Kind::Pause;
}
} // namespace

template <typename T>
typename SessionTrainerT<T>::Goal SessionTrainerT<T>::stepGoalOf(SessionCommand::Kind kind) {
    using Kind = SessionCommand::Kind;
    return kind == Kind::StepPhase    ? Goal::Phase
           : kind == Kind::StepRecord ? Goal::Record
           : kind == Kind::StepBatch  ? Goal::Batch
                                      : Goal::Epoch;
}

// The one command dispatch: each command to the function that carries it out.
template <typename T> void SessionTrainerT<T>::apply(const SessionCommand& c) {
    using Kind = SessionCommand::Kind;
    if (needsRun(c.kind) && !hasRun())
        return refuse(
            QStringLiteral("There is no network and data yet: set the session up first."));
    try {
        switch (c.kind) {
        case Kind::Setup:
            doSetup(c.setup);
            break;
        case Kind::StepPhase:
        case Kind::StepRecord:
        case Kind::StepBatch:
        case Kind::StepEpoch:
            startGoal(stepGoalOf(c.kind), c.ticket);
            break;
        case Kind::Run:
            doRun(c.epochs, c.ticket);
            break;
        case Kind::Pause:
            if (m_goal != Goal::None)
                pauseRunning();
            break;
        case Kind::Reset:
            doReset();
            break;
        case Kind::JumpToRecord:
            doJump(c.position, c.datasetIndex);
            break;
        case Kind::StepBackPhase:
        case Kind::StepBackRecord:
            doStepBack(c.kind == Kind::StepBackRecord);
            break;
        case Kind::SetHyper:
            doSetHyper(c.hyper);
            break;
        case Kind::SetSpeed:
            doSetSpeed(c.speed);
            break;
        case Kind::SetBreakpoints:
            m_ctx.breakpoints = c.breakpoints;
            break;
        case Kind::SetHealthSampling:
            doSetHealthSampling(c.healthSampling);
            break;
        case Kind::Diff:
            doDiff(c.from, c.to);
            break;
        case Kind::Save:
            doSave();
            break;
        case Kind::Restore:
            doRestore(*c.saved);
            break;
        case Kind::ReplaceData:
            doReplaceData(c.data);
            break;
        case Kind::WeightPath:
            doWeightPath(c.first, c.second, c.points);
            break;
        case Kind::SetWeight:
            doSetWeight(c.first, c.value);
            break;
        }
        // Steps of a phase or a record are short: done before the next command, so that
        // three quick F10s step three records. Longer goals run in work() and any
        // command interrupts them.
        while (shortGoal() && !aborted())
            advance();
    } catch (const std::exception& e) {
        stopGoal();
        refuse(QString::fromStdString(e.what()));
    }
}

template <typename T> void SessionTrainerT<T>::commandsDone(bool published) {
    if (!published && hasRun() && !stepGoal())
        publish();
    else
        flush();
}

template <typename T> SessionTrainer::Clock::time_point SessionTrainerT<T>::resumeAt() const {
    if (m_goal == Goal::None)
        return Clock::time_point::max();
    return paced() ? m_pacer.nextRecordDue() : Clock::time_point::min();
}

template <typename T> void SessionTrainerT<T>::handOver() {
    stopGoal();
    flushLocal();
}

// ---------------------------------------------------------------------------
// Commands

template <typename T>
void SessionTrainerT<T>::doSetup(const std::shared_ptr<const SessionSetup>& setup) {
    stopGoal();
    const SessionSetup& s = *setup;
    if (s.test && s.test->records() > 0 &&
        (s.test->inputSize() != s.network.inputSize ||
         s.test->outputSize() != s.network.outputSize())) {
        refuse(QStringLiteral("The test data has %1 inputs and %2 targets; the network has %3 "
                              "inputs and %4 outputs.")
                   .arg(s.test->inputSize())
                   .arg(s.test->outputSize())
                   .arg(s.network.inputSize)
                   .arg(s.network.outputSize()));
        return;
    }
    try {
        // In float the setup's weights are rounded once, here (and again at each reset).
        Run run(castNetwork<T>(s.network), s.train, s.hyper, s.schedule);
        m_cursor.run.reset();
        m_cursor.run.emplace(std::move(run));
    } catch (const InputError& e) {
        refuse(QString::fromStdString(e.what()));
        return;
    }
    m_setup = setup;
    startTimeline();
}

template <typename T> void SessionTrainerT<T>::doReset() {
    stopGoal();
    const Hyper hyper = m_pendingHyper ? *m_pendingHyper : m_cursor.run->hyper();
    Run run(castNetwork<T>(m_setup->network), m_setup->train, hyper, m_setup->schedule);
    m_cursor.run.reset();
    m_cursor.run.emplace(std::move(run));
    startTimeline();
}

template <typename T> void SessionTrainerT<T>::startTimeline() {
    long nodes = 0;
    for (const LayerT<T>& l : m_cursor.run->network().layers)
        nodes += static_cast<long>(l.size());
    m_finiteEvery = static_cast<int>(std::max(1L, 256 / std::max(1L, nodes)));
    m_finiteCountdown = m_finiteEvery;
    m_pacer.reset();
    m_capture.forgetCost();
    m_capture.clear();
    m_healthWatch.clear(); // a new network: a new window, with its shapes
    m_healthSampler.clear();
    m_skipHealthWindow = false;
    m_lastHealthSample = Clock::time_point(); // the first window of a new timeline is taken
    m_cursor.time = 0;
    m_cursor.nextEvent = 0;
    m_cursor.hasPhase = false;
    m_cursor.lastPhase = Phase();
    m_scratch = TimelineCursor<T>();
    m_history.clear(m_setup->history, m_cursor);
    m_pendingHyper.reset();
    m_epochLog.clear();
    m_lastEpoch = m_cursor.run->lastEpoch();
    m_pauseReason = PauseReason::None;
    m_pauseDetail.clear();
    m_pauseSite = PauseSite();
    announceRewind();
}

template <typename T> void SessionTrainerT<T>::startGoal(Goal goal, quint64 ticket) {
    stopGoal();
    const Clock::time_point now = Clock::now();
    m_goal = goal;
    m_stepTicket = goal == Goal::Run ? 0 : ticket;
    m_goalJustStarted = true;
    m_pauseReason = PauseReason::None;
    m_pauseDetail.clear();
    m_pauseSite = PauseSite();
    m_capture.armAt(now);
    m_capture.setArmed(captureAlways());
    m_capture.setFresh(false);
    m_pacer.start(now, m_cursor.run->recordsTrained());
}

template <typename T> void SessionTrainerT<T>::stopGoal() {
    m_goal = Goal::None;
    m_stepTicket = 0;
    if (hasRun())
        setWholeRecordMode(false);
}

template <typename T> void SessionTrainerT<T>::setWholeRecordMode(bool on) {
    // Whole records at full speed skip writing out each record's ∂J/∂w matrices (the
    // update reads ∂J/∂z and x directly: the same numbers, bit for bit). Anything that
    // steps phase by phase or shows the values turns it back on, which writes out the
    // last record's matrices while they can still be computed, so every ∂J/∂w a
    // snapshot holds is exact.
    // It also runs forward layer 1 ahead in each update's sweep (the same numbers; the
    // cursor does not move: see TrainingRunT::setLookahead).
    Run& run = *m_cursor.run;
    if (run.keepsWeightGradients() == on)
        run.setKeepWeightGradients(!on);
    run.setLookahead(on);
}

template <typename T> void SessionTrainerT<T>::doRun(int epochs, quint64 ticket) {
    if (m_goal != Goal::Run)
        startGoal(Goal::Run, ticket);
    m_runUntilEpoch = epochs > 0 ? m_cursor.run->epoch() + epochs : 0;
}

template <typename T> void SessionTrainerT<T>::doSetSpeed(double recordsPerSecond) {
    m_ctx.speed = std::isfinite(recordsPerSecond) ? recordsPerSecond : 0;
    m_pacer.paceFrom(Clock::now());
    if (paced())
        m_capture.setArmed(true); // slow: every update's Δw, so a pause needs no replay
}

template <typename T> void SessionTrainerT<T>::doSetHyper(const Hyper& h) {
    if (h.batchSize < 1) {
        refuse(QStringLiteral("The batch size must be at least 1 (got %1).").arg(h.batchSize));
        return;
    }
    if (m_cursor.run->atRecordStart()) {
        m_pendingHyper = h;
        arrive(); // a record has not started: it takes effect now
    } else {
        m_pendingHyper = h; // from the next record on
    }
}

template <typename T> void SessionTrainerT<T>::doJump(long position, bool datasetIndex) {
    stopGoal();
    const Run& run = *m_cursor.run;
    if (datasetIndex) {
        const auto begin = run.order().begin();
        const auto end = begin + run.recordsPerEpoch();
        const auto it = std::find(begin, end, Eigen::Index(position));
        if (it == end) {
            refuse(QStringLiteral("Record %1 is not in this epoch (%2 of %3 records).")
                       .arg(position)
                       .arg(run.recordsPerEpoch())
                       .arg(run.data().records()));
            return;
        }
        position = static_cast<long>(it - begin);
    }
    if (position < 0 || position >= run.recordsPerEpoch()) {
        refuse(QStringLiteral("Record %1 is outside this epoch (0 to %2).")
                   .arg(position)
                   .arg(run.recordsPerEpoch() - 1));
        return;
    }
    TimelineEvent e;
    e.kind = TimelineEvent::Kind::Seek;
    e.position = position;
    m_history.record(e, m_cursor); // logged, so replays seek at the same time
    m_pauseReason = PauseReason::User;
    arrive();
}

template <typename T> void SessionTrainerT<T>::doStepBack(bool wholeRecord) {
    stopGoal();
    const qint64 target = wholeRecord ? m_history.previousRecordStart(m_cursor.time)
                          : m_cursor.time > m_history.earliest() ? m_cursor.time - 1
                                                                 : -1;
    if (target < 0)
        refuse(wholeRecord
                   ? QStringLiteral("Nothing to step back to: the history holds no earlier record.")
                   : QStringLiteral("Nothing to step back to: the history starts here."));
    else if (restoreTo(target, true))
        m_pauseReason = PauseReason::User;
}

template <typename T> void SessionTrainerT<T>::doDiff(qint64 from, qint64 to) {
    const qint64 first = m_history.earliest();
    const qint64 now = m_cursor.time;
    // "From the history's start" and "to now": while running, the GUI cannot know when
    // those are by the time the worker gets the command.
    if (from < 0)
        from = first;
    if (to < 0)
        to = now;
    if (from < first || from > now || to < first || to > now) {
        refuse(QStringLiteral("Cannot diff times %1 and %2: the history holds %3 to %4.")
                   .arg(from)
                   .arg(to)
                   .arg(first)
                   .arg(now));
        return;
    }
    // The weights at both times, widened: the diff of what the screen showed then.
    const auto networkAt = [this, now](qint64 t) -> std::optional<Network> {
        if (t == now)
            return widened(m_cursor.run->network());
        if (!m_history.restore(m_scratch, t, -1, nullptr, &m_ctx.abort).ok)
            return std::nullopt;
        return widened(m_scratch.run->network());
    };
    const std::optional<Network> a = networkAt(from);
    const std::optional<Network> b = a ? networkAt(to) : std::nullopt;
    if (!b)
        return; // aborted
    auto diff = std::make_shared<WeightDiff>(diffWeights(*a, *b));
    diff->fromTime = from;
    diff->toTime = to;
    flushLocal();
    SessionMessage m;
    m.kind = SessionMessage::Kind::Diff;
    m.diff = std::move(diff);
    m_ctx.outbox->add(std::move(m));
}

template <typename T>
void SessionTrainerT<T>::doWeightPath(const WhatIfTarget& first, const WhatIfTarget& second,
                                      int points) {
    const NetworkT<T>& net = m_cursor.run->network();
    if (first.isInput() || second.isInput() || !targetFits(net, first) ||
        !targetFits(net, second)) {
        refuse(QStringLiteral("A weight path is of two weights of the network."));
        return;
    }
    auto path = std::make_shared<WeightPath>();
    path->first = first;
    path->second = second;
    const auto add = [&path, &first, &second](const TimelineCursor<T>& c) {
        const NetworkT<T>& n = c.run->network();
        path->times.push_back(c.time);
        path->records.push_back(c.run->recordsTrained());
        path->a.push_back(
            static_cast<double>(n.layer(first.layer).w(first.node - 1, first.column)));
        path->b.push_back(
            static_cast<double>(n.layer(second.layer).w(second.node - 1, second.column)));
    };
    // The record starts the history holds before now, oldest first; at most `points` − 1
    // of them evenly spread (the oldest among them), and then now itself.
    const qint64 now = m_cursor.time;
    std::vector<qint64> starts;
    for (qint64 t = m_history.previousRecordStart(now); t >= 0;
         t = m_history.previousRecordStart(t))
        starts.push_back(t);
    std::reverse(starts.begin(), starts.end());
    const std::size_t samples = std::min(starts.size(), static_cast<std::size_t>(points - 1));
    for (std::size_t s = 0; s < samples; ++s) {
        const std::size_t i =
            samples == 1 ? 0
                         : static_cast<std::size_t>(std::llround(
                               double(s) * double(starts.size() - 1) / double(samples - 1)));
        if (!m_history.restore(m_scratch, starts[i], -1, nullptr, &m_ctx.abort).ok)
            return; // aborted
        add(m_scratch);
    }
    if (path->times.empty() || path->times.back() < now)
        add(m_cursor);
    flushLocal();
    SessionMessage m;
    m.kind = SessionMessage::Kind::WeightPath;
    m.path = std::move(path);
    m_ctx.outbox->add(std::move(m));
}

// The class for both precisions, with the members defined here; the other members
// are instantiated where they are defined (session_trainer_state.cpp, _step.cpp).
template class SessionTrainerT<float>;
template class SessionTrainerT<double>;

} // namespace bp
