#include "session/training_session.h"

#include "session/session_outbox.h"
#include "session/session_worker.h"

#include <QCoreApplication>
#include <QEvent>
#include <QPointer>

namespace bp {

namespace {

// Posted by the worker when the outbox has news and no delivery is pending.
const QEvent::Type kDeliverEvent = static_cast<QEvent::Type>(QEvent::registerEventType());

void registerMetaTypes() {
    qRegisterMetaType<std::shared_ptr<const bp::Snapshot>>();
    qRegisterMetaType<bp::EpochStats>();
    qRegisterMetaType<bp::LossBuckets>();
    qRegisterMetaType<bp::EpochBuckets>();
    qRegisterMetaType<std::shared_ptr<const bp::WeightDiff>>();
    qRegisterMetaType<std::shared_ptr<const bp::WeightPath>>();
    qRegisterMetaType<std::shared_ptr<const bp::SavedRun>>();
    qRegisterMetaType<std::shared_ptr<const bp::HealthSamples>>();
}

SessionCommand command(SessionCommand::Kind kind) {
    SessionCommand c;
    c.kind = kind;
    return c;
}

} // namespace

TrainingSession::TrainingSession(QObject* parent)
    : QObject(parent), m_outbox(std::make_shared<SessionOutbox>()) {
    registerMetaTypes();
    // The worker asks for a delivery only when none is queued: one event at a time in
    // the GUI's queue, however fast the worker goes.
    m_worker = std::make_unique<SessionWorker>(m_outbox, [this] {
        if (m_deliveryPosted.exchange(true))
            return;
        // The event is recognised by its address, published with release/acquire: the
        // hand-over is visible to ThreadSanitizer, which cannot see Qt's own queue lock.
        QEvent* e = new QEvent(kDeliverEvent);
        m_deliveryEvent.store(e, std::memory_order_release);
        QCoreApplication::postEvent(this, e);
    });
}

bool TrainingSession::event(QEvent* e) {
    if (e != m_deliveryEvent.load(std::memory_order_acquire))
        return QObject::event(e);
    m_deliveryEvent.store(nullptr, std::memory_order_relaxed); // before deliver() re-arms
    deliver();
    return true;
}

TrainingSession::~TrainingSession() {
    m_worker->stop(); // before QObject's destructor drops the queued deliveries
}

void TrainingSession::deliver() {
    m_deliveryPosted.store(false); // first: what arrives from now on posts again
    std::vector<SessionMessage> messages;
    std::shared_ptr<const Snapshot> snapshot;
    std::shared_ptr<const HealthSamples> healthSamples;
    m_outbox->take(messages, snapshot, healthSamples);
    const QPointer<TrainingSession> alive(this); // a slot may delete the session
    for (SessionMessage& m : messages) {
        if (!alive)
            return;
        switch (m.kind) {
        case SessionMessage::Kind::LossPoints:
            if (!m.points.empty())
                emit lossPoints(m.points);
            break;
        case SessionMessage::Kind::Epoch:
            if (!m.epochs.empty())
                emit epochsFinished(m.epochs);
            break;
        case SessionMessage::Kind::Rewound:
            emit rewound(m.records, m.epochCount);
            break;
        case SessionMessage::Kind::Diff:
            emit diffReady(m.diff);
            break;
        case SessionMessage::Kind::WeightPath:
            emit weightPathReady(m.path);
            break;
        case SessionMessage::Kind::Saved:
            emit runSaved(m.saved);
            break;
        case SessionMessage::Kind::Refused:
            emit refused(m.text);
            break;
        }
    }
    if (healthSamples && alive)
        emit healthSampled(healthSamples);
    if (snapshot && alive)
        emit snapshotReady(snapshot);
}

std::shared_ptr<const Snapshot> TrainingSession::latestSnapshot() const {
    return m_outbox->latest();
}

quint64 TrainingSession::setup(Network net, std::shared_ptr<const Dataset> train,
                               std::shared_ptr<const Dataset> test, Hyper hyper, Schedule schedule,
                               Precision precision, const HistoryLimits& history) {
    auto s = std::make_shared<SessionSetup>();
    s->network = std::move(net);
    s->precision = precision;
    s->train = std::move(train);
    s->test = std::move(test);
    s->hyper = hyper;
    s->schedule = schedule;
    s->history = history;
    SessionCommand c = command(SessionCommand::Kind::Setup);
    c.setup = std::move(s);
    return m_worker->post(std::move(c));
}

quint64 TrainingSession::stepPhase() {
    return m_worker->post(command(SessionCommand::Kind::StepPhase));
}

quint64 TrainingSession::stepRecord() {
    return m_worker->post(command(SessionCommand::Kind::StepRecord));
}

quint64 TrainingSession::stepBatch() {
    return m_worker->post(command(SessionCommand::Kind::StepBatch));
}

quint64 TrainingSession::stepEpoch() {
    return m_worker->post(command(SessionCommand::Kind::StepEpoch));
}

quint64 TrainingSession::run(int epochs) {
    SessionCommand c = command(SessionCommand::Kind::Run);
    c.epochs = epochs;
    return m_worker->post(std::move(c));
}

quint64 TrainingSession::pause() {
    return m_worker->post(command(SessionCommand::Kind::Pause));
}

quint64 TrainingSession::reset() {
    return m_worker->post(command(SessionCommand::Kind::Reset));
}

quint64 TrainingSession::replaceTrainingData(std::shared_ptr<const Dataset> train) {
    SessionCommand c = command(SessionCommand::Kind::ReplaceData);
    c.data = std::move(train);
    return m_worker->post(std::move(c));
}

quint64 TrainingSession::setWeight(const WhatIfTarget& t, double value) {
    SessionCommand c = command(SessionCommand::Kind::SetWeight);
    c.first = t;
    c.value = value;
    return m_worker->post(std::move(c));
}

quint64 TrainingSession::jumpToRecord(long position) {
    SessionCommand c = command(SessionCommand::Kind::JumpToRecord);
    c.position = position;
    return m_worker->post(std::move(c));
}

quint64 TrainingSession::jumpToDatasetRecord(long index) {
    SessionCommand c = command(SessionCommand::Kind::JumpToRecord);
    c.position = index;
    c.datasetIndex = true;
    return m_worker->post(std::move(c));
}

quint64 TrainingSession::stepBack(StepUnit unit) {
    return m_worker->post(command(unit == StepUnit::Phase ? SessionCommand::Kind::StepBackPhase
                                                          : SessionCommand::Kind::StepBackRecord));
}

quint64 TrainingSession::setHyper(const Hyper& hyper) {
    SessionCommand c = command(SessionCommand::Kind::SetHyper);
    c.hyper = hyper;
    return m_worker->post(std::move(c));
}

quint64 TrainingSession::setSpeed(double recordsPerSecond) {
    SessionCommand c = command(SessionCommand::Kind::SetSpeed);
    c.speed = recordsPerSecond;
    return m_worker->post(std::move(c));
}

quint64 TrainingSession::setBreakpoints(const Breakpoints& breakpoints) {
    SessionCommand c = command(SessionCommand::Kind::SetBreakpoints);
    c.breakpoints = breakpoints;
    return m_worker->post(std::move(c));
}

quint64 TrainingSession::setHealthSampling(bool on, long interval, long window) {
    SessionCommand c = command(SessionCommand::Kind::SetHealthSampling);
    if (on)
        c.healthSampling = HealthSampler{std::max(1L, interval), std::max(1L, window)};
    return m_worker->post(std::move(c));
}

quint64 TrainingSession::requestDiff(qint64 fromTime, qint64 toTime) {
    SessionCommand c = command(SessionCommand::Kind::Diff);
    c.from = fromTime;
    c.to = toTime;
    return m_worker->post(std::move(c));
}

quint64 TrainingSession::requestWeightPath(const WhatIfTarget& first, const WhatIfTarget& second,
                                           int points) {
    SessionCommand c = command(SessionCommand::Kind::WeightPath);
    c.first = first;
    c.second = second;
    c.points = std::max(2, points);
    return m_worker->post(std::move(c));
}

quint64 TrainingSession::requestSave() {
    return m_worker->post(command(SessionCommand::Kind::Save));
}

quint64 TrainingSession::restore(std::shared_ptr<const SavedRun> saved) {
    SessionCommand c = command(SessionCommand::Kind::Restore);
    c.saved = std::move(saved);
    return m_worker->post(std::move(c));
}

} // namespace bp
