#include "window/autosave.h"

#include "io/atomic_file.h"
#include "math/error.h"
#include "session/snapshot.h"
#include "session/training_session.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QtConcurrent>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace bp {

namespace {
constexpr int kDefaultIntervalMs = 30000;
constexpr int kSettleMs = 3000; // after the last step, before a save

// Writing a 784-128-10 session builds some 50 MB of JSON values on a pool thread;
// glibc keeps the freed pages in that thread's arena. Give them back to the system,
// so that a window left training for hours does not hold a peak per pool thread.
void releaseFreedMemory() {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
} // namespace

Autosave::Autosave(TrainingSession* session, Compose compose, QObject* parent)
    : QObject(parent), m_session(session), m_compose(std::move(compose)),
      m_lock(directory() + "/autosave.lock") {
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("BP_AUTOSAVE_INTERVAL_MS", &ok);
    m_timer.setInterval(ok && ms > 0 ? ms : kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::saveSoon);
    m_settle.setSingleShot(true);
    m_settle.setInterval(std::min(kSettleMs, m_timer.interval()));
    connect(&m_settle, &QTimer::timeout, this, &Autosave::saveSoon);
    connect(m_session, &TrainingSession::runSaved, this, &Autosave::onRunSaved);
    connect(&m_writer, &QFutureWatcher<Written>::finished, this, [this] {
        const Written w = m_writer.result();
        m_hashed = w.data;
        m_fingerprint = w.fingerprint;
        if (w.error.isEmpty())
            emit saved(filePath());
        else
            emit failed(w.error);
        writeNext();
    });
}

Autosave::~Autosave() {
    m_writer.waitForFinished(); // a write in progress ends whole (it is atomic anyway)
}

QString Autosave::directory() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           "/backprop-studio";
}

QString Autosave::filePath() {
    return directory() + "/autosave.json";
}

QString Autosave::previousPath() {
    return directory() + "/autosave-previous.json";
}

bool Autosave::putAside() {
    QFile::remove(previousPath());
    return QFile::rename(filePath(), previousPath());
}

void Autosave::hold(bool on) {
    m_held = on;
    if (on) {
        m_timer.stop();
        m_settle.stop();
    }
}

bool Autosave::start() {
    QDir().mkpath(directory());
    const bool lockLeft = QFileInfo::exists(directory() + "/autosave.lock");
    m_lock.setStaleLockTime(0); // stale only when its process is gone, however young
    m_active = m_lock.tryLock(0);
    if (m_active)
        removeUnfinishedWrites();
    return m_active && lockLeft && QFileInfo::exists(filePath());
}

void Autosave::removeUnfinishedWrites() {
    // A save killed in the middle (SIGKILL, power loss) leaves its temporary file,
    // autosave.json.tmp-XXXXXX (core/io/atomic_file.h), beside a whole autosave.json.
    // With the lock held no other window writes here, so any such file is left over.
    const QDir dir(directory());
    const QString pattern = QFileInfo(filePath()).fileName() + kTemporarySuffix + "*";
    for (const QString& name : dir.entryList({pattern}, QDir::Files | QDir::Hidden))
        QFile::remove(dir.filePath(name));
}

void Autosave::noteSnapshot(const Snapshot& s) {
    if (!m_active || m_held)
        return;
    if (s.running && !m_timer.isActive())
        m_timer.start();
    if (!s.running) {
        m_timer.stop();
        if (m_wasRunning)
            saveSoon(); // on pause
        else if (s.time != m_savedTime && s.command != m_savedCommand)
            m_settle.start(); // stepping: once the steps rest
    }
    m_wasRunning = s.running;
}

void Autosave::saveSoon() {
    if (!m_active || m_held)
        return;
    m_settle.stop();
    if (const std::shared_ptr<const Snapshot> s = m_session->latestSnapshot()) {
        m_savedTime = s->time;
        m_savedCommand = s->command;
    }
    m_session->requestSave();
}

void Autosave::onRunSaved(std::shared_ptr<const SavedRun> run) {
    if (!m_active || m_held || !run)
        return;
    try {
        m_next = m_compose(*run);
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    writeNext();
}

void Autosave::writeNext() {
    if (!m_next || m_writer.isRunning())
        return;
    auto content = std::make_shared<Content>(std::move(*m_next));
    m_next.reset();
    const std::string path = filePath().toStdString();
    const std::optional<DataFingerprint> known =
        content->train == m_hashed ? std::optional(m_fingerprint) : std::nullopt;
    m_writer.setFuture(QtConcurrent::run([content, known, path]() -> Written {
        Written w;
        try {
            w.fingerprint = known ? *known : fingerprintOf(*content->train);
            w.data = content->train;
            content->session.train = w.fingerprint;
            saveSession(content->session, path);
            releaseFreedMemory();
        } catch (const std::exception& e) {
            w.error = QString::fromStdString(e.what());
        }
        return w;
    }));
}

void Autosave::finish(int ms) {
    if (!m_active)
        return;
    if (m_held) { // the session left behind was not dealt with: keep it as it is
        m_active = false;
        m_lock.unlock();
        return;
    }
    m_timer.stop();
    m_settle.stop();
    bool answered = false;
    const QMetaObject::Connection c =
        connect(m_session, &TrainingSession::runSaved, this, [&answered] { answered = true; });
    saveSoon();
    QElapsedTimer clock;
    clock.start();
    // The answer, then the writes it started (onRunSaved runs before `answered` is set).
    while ((!answered || m_writer.isRunning() || m_next) && clock.elapsed() < ms) {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    disconnect(c);
    m_writer.waitForFinished();
    m_active = false;
    m_lock.unlock();
}

} // namespace bp
