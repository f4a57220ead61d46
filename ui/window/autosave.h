#pragma once
// The window's autosave (docs/session.md, "Autosave"): the session saved whole —
// the weights with the optimizer's state, the experiment, which data, the place in
// training — to <data directory>/backprop-studio/autosave.json, at most every 30 s
// while training, on pause, a few seconds after steps, and on quit. Each save is
// written off the GUI thread, atomically (core/io/session_file.h), so a crash or a
// kill -9 leaves the previous save or the new one, never a part.
//
// A lock file beside it says the app is running: one left by a process that is gone
// means the app did not quit, and the next start offers to restore the session.
#include "io/session_file.h"
#include "session/saved_run.h"

#include <functional>
#include <memory>
#include <optional>
#include <QFutureWatcher>
#include <QLockFile>
#include <QObject>
#include <QString>
#include <QTimer>

namespace bp {

class TrainingSession;
struct Snapshot;

class Autosave : public QObject {
    Q_OBJECT
public:
    // What to write for a run the session saved: the experiment and the model's
    // names, and the training data, fingerprinted off the GUI thread. nullopt: nothing.
    struct Content {
        SavedSession session;
        std::shared_ptr<const Dataset> train;
    };
    using Compose = std::function<std::optional<Content>(const SavedRun&)>;

    Autosave(TrainingSession* session, Compose compose, QObject* parent = nullptr);
    ~Autosave() override;

    // <GenericDataLocation>/backprop-studio (XDG_DATA_HOME/backprop-studio on Linux).
    static QString directory();
    static QString filePath(); // directory()/autosave.json

    // Takes the lock, removes the temporary file a killed save left, and starts saving.
    // Returns whether the app ended last time without quitting (a lock of a process
    // that is gone) while an autosave is there. If another instance holds the lock,
    // this one does not autosave (active() is false).
    bool start();
    bool active() const { return m_active; }
    // Why start() did not make it active: another instance holds the lock (true), or the
    // directory cannot be written (false).
    bool heldByAnother() const { return m_lock.error() == QLockFile::LockFailedError; }
    // Milliseconds between saves while training (default 30 000; BP_AUTOSAVE_INTERVAL_MS).
    int interval() const { return m_timer.interval(); }

    // Holds the saves (none is asked for or written) while the session left behind is
    // still to be restored or put aside: a save now would write over it.
    void hold(bool on);
    bool held() const { return m_held; }
    // Moves the autosave to previousPath() (replacing an older one): kept for later.
    static bool putAside();
    static QString previousPath(); // directory()/autosave-previous.json

    // Call with every snapshot: saves on pause, and a while after a step.
    void noteSnapshot(const Snapshot& s);
    // A save now (written when the session answers).
    void saveSoon();
    // At quit: pauses nothing itself; asks for a save and waits (at most `ms`) until it
    // is on disk. Then releases the lock: the next start knows the app quit.
    void finish(int ms = 5000);

signals:
    void saved(const QString& path);
    void failed(const QString& message);

private:
    void onRunSaved(std::shared_ptr<const SavedRun> run);
    void writeNext();              // the newest composed save, if no write is in progress
    void removeUnfinishedWrites(); // temporary files a killed save left (lock held)

    TrainingSession* m_session;
    Compose m_compose;
    QLockFile m_lock;
    bool m_active = false;
    bool m_held = false;
    QTimer m_timer;  // while training
    QTimer m_settle; // after a step: a save once the state rests
    bool m_wasRunning = false;
    qint64 m_savedTime = -1;    // the session time of the last save asked for
    quint64 m_savedCommand = 0; // ... and its command
    struct Written {
        QString error; // empty: on disk
        std::shared_ptr<const Dataset> data;
        DataFingerprint fingerprint; // of data
    };
    std::optional<Content> m_next;    // composed, not yet written
    QFutureWatcher<Written> m_writer; // the write in progress
    // The last data fingerprinted (a 60,000-image set takes a while): not again.
    std::shared_ptr<const Dataset> m_hashed;
    DataFingerprint m_fingerprint;
};

} // namespace bp
