// A fork: a second session set up like the first and restored where it stands.
#include "session/fork.h"

#include "session/training_session.h"

#include <algorithm>
#include <QDir>
#include <QSet>
#if defined(__linux__)
#include <sys/resource.h>
#endif

namespace bp {

namespace {
// This process's threads (Linux: /proc/self/task; empty elsewhere).
QSet<QString> threadIds() {
    const QStringList ids =
        QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    return QSet<QString>(ids.begin(), ids.end());
}
} // namespace

TrainingSession* makeForkSession(QObject* parent) {
    // The session starts its worker thread in its constructor, on this thread: the one
    // thread that is new afterwards is it.
    const QSet<QString> before = threadIds();
    auto* session = new TrainingSession(parent);
#if defined(__linux__)
    for (const QString& id : threadIds() - before) {
        const auto tid = static_cast<id_t>(id.toLong());
        const int now = getpriority(PRIO_PROCESS, tid);
        setpriority(PRIO_PROCESS, tid, std::min(19, now + kForkNice)); // best effort
    }
#endif
    return session;
}

bool sameHyper(const Hyper& a, const Hyper& b) {
    return a.learningRate == b.learningRate && a.batchSize == b.batchSize &&
           a.momentum == b.momentum && a.l2 == b.l2 && a.freezeBias == b.freezeBias;
}

quint64 startFork(TrainingSession& fork, const RunSetup& setup,
                  std::shared_ptr<const SavedRun> saved, const Hyper& hyper) {
    const Hyper before = saved->state.hyper;
    fork.setup(setup.network, setup.train, setup.test, setup.hyper, setup.schedule, setup.precision,
               setup.history);
    quint64 ticket = fork.restore(std::move(saved));
    // Nothing changed: no input in the fork's log, the same run as the source's.
    if (!sameHyper(hyper, before))
        ticket = fork.setHyper(hyper);
    return ticket;
}

ForkSource::ForkSource(TrainingSession& source, QObject* parent) : QObject(parent) {
    m_onSaved = connect(&source, &TrainingSession::runSaved, this,
                        [this](std::shared_ptr<const SavedRun> r) { m_latest = std::move(r); });
    m_onRefused = connect(&source, &TrainingSession::refused, this,
                          [this](const QString& why) { m_refusal = why; });
    m_onSnapshot = connect(
        &source, &TrainingSession::snapshotReady, this, [this](std::shared_ptr<const Snapshot> s) {
            if (m_done || !s || s->command < m_ticket)
                return;
            m_done = true;
            disconnectAll();
            if (m_latest) {
                m_saved = m_latest;
                emit taken(m_saved);
            } else {
                emit failed(m_refusal.isEmpty() ? tr("The run could not be copied.") : m_refusal);
            }
        });
    m_ticket = source.requestSave();
    // An answer to an earlier request may still be on its way: only what arrives after
    // this point and up to the snapshot for m_ticket counts, and the last of it is ours.
    m_latest.reset();
}

ForkSource::~ForkSource() {
    disconnectAll();
}

void ForkSource::disconnectAll() {
    disconnect(m_onSaved);
    disconnect(m_onSnapshot);
    disconnect(m_onRefused);
}

} // namespace bp
