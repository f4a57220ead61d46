#pragma once
// A fork (docs/instruments.md, "Forked runs"): a second session put exactly where a
// first one stands — its weights, optimizer state (an open mini-batch, the momentum's
// velocity), this epoch's record order, the random state and the place in the record —
// after which its hyper-parameters may differ. Unchanged, the two stay bit-identical
// (tests/tst_session_fork.cpp).
//
// The state travels as a SavedRun (requestSave / restore): ForkSource takes the source's
// answer to its own request, startFork sets the second session up like the first and
// restores it there.
#include "math/precision.h"
#include "math/training.h"
#include "session/history_limits.h"
#include "session/saved_run.h"

#include <memory>
#include <QMetaObject>
#include <QObject>
#include <QString>

namespace bp {

class TrainingSession;

// What a session was set up with (TrainingSession::setup's arguments): a fork is set up
// the same way, so that its reset() and its history mean the same as the source's.
struct RunSetup {
    Network network;
    std::shared_ptr<const Dataset> train;
    std::shared_ptr<const Dataset> test; // may be null
    Hyper hyper;
    Schedule schedule;
    Precision precision = Precision::Double;
    HistoryLimits history;
};

bool sameHyper(const Hyper& a, const Hyper& b);

// A new session for a fork, whose worker thread yields the processor to the others
// (Linux: nice +kForkNice for that thread): two runs at full speed on two cores then
// leave the GUI thread and the main run as they were with one, and the fork trains on
// what is left (docs/instruments.md, Forked runs).
constexpr int kForkNice = 10;
TrainingSession* makeForkSession(QObject* parent);

// Sets `fork` up as `setup`, puts it where `saved` is (the phases into the record run
// again) and, if `hyper` differs from the saved run's, sets it: at once at a record start,
// else from the next record on (as setHyper does). Returns the last command's ticket.
quint64 startFork(TrainingSession& fork, const RunSetup& setup,
                  std::shared_ptr<const SavedRun> saved, const Hyper& hyper);

// Asks `source` for its run as it stands (requestSave) and emits taken() with the answer
// to this request — not an earlier one, such as the autosave's: the answer to a request
// arrives before or with the snapshot for its ticket, after any earlier answer. failed()
// if the session refused it (the history no longer holds the record's start). Once.
class ForkSource : public QObject {
    Q_OBJECT
public:
    explicit ForkSource(TrainingSession& source, QObject* parent = nullptr);
    ~ForkSource() override;
    quint64 ticket() const { return m_ticket; }
    std::shared_ptr<const SavedRun> saved() const { return m_saved; }

signals:
    void taken(std::shared_ptr<const bp::SavedRun> saved);
    void failed(QString reason);

private:
    void disconnectAll();

    quint64 m_ticket = 0;
    bool m_done = false;
    std::shared_ptr<const SavedRun> m_latest;
    std::shared_ptr<const SavedRun> m_saved;
    QString m_refusal;
    QMetaObject::Connection m_onSaved, m_onSnapshot, m_onRefused;
};

} // namespace bp
