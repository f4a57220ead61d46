// backprop-cli train when the process is stopped from outside: Ctrl+C once (stop
// after the record, save, exit 3), Ctrl+C twice (end at once, the --save target as it
// was), SIGKILL at random moments around the save of a 300,010-weight model (the
// target is always the old file or the whole new one), and a file-size limit (a clear
// error, the old file kept). Real processes and real files.
#include "io/model_file.h"
#include "math/random.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>

using namespace bp;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// Digits through 64-4000-10: (64 + 1)·4000 + (4000 + 1)·10 = 300,010 weights, a
// model file of about 6.9 MB. Twenty records, so that the save is most of the run.
QStringList bigModelArgs(const QString& save) {
    return {"train",     "--dataset", "digits",  "--layers", "64,4000,10", "--epochs", "1",
            "--records", "20",        "--split", "1",        "--save",     save};
}

// Starts backprop-cli and waits until it prints `line` (or ends).
bool startAndWaitFor(QProcess& p, const QStringList& args, const QByteArray& line) {
    p.start(BP_CLI_PATH, args);
    if (!p.waitForStarted(10000))
        return false;
    QByteArray out;
    QElapsedTimer t;
    t.start();
    while (!out.contains(line) && t.elapsed() < 60000) {
        if (p.state() == QProcess::NotRunning)
            return false;
        p.waitForReadyRead(50);
        out += p.readAllStandardOutput();
    }
    return out.contains(line);
}

// No temporary file of the atomic writer left beside `target`.
bool noTemporaryFiles(const QString& target) {
    const QFileInfo info(target);
    return QDir(info.absolutePath())
        .entryList({info.fileName() + ".tmp-*"}, QDir::Files | QDir::Hidden)
        .isEmpty();
}

} // namespace

class CliInterrupts : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const char* name) { return m_dir.filePath(name); }

private slots:
    // The first Ctrl+C stops training after the record in progress; the model trained
    // so far is saved, whole, and the exit status says it was stopped.
    void ctrlCStopsSavesAndExits3() {
        const QString save = path("stopped.json");
        QProcess p;
        QVERIFY(startAndWaitFor(p,
                                {"train", "--dataset", "digits", "--layers", "64,30,10", "--epochs",
                                 "1000000", "--save", save},
                                "epoch    2"));
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 3);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains("stopped by the user after"), qPrintable(out));
        QVERIFY2(out.contains("saved " + save), qPrintable(out));
        const Model m = loadModel(save.toStdString());
        QCOMPARE(m.network.layer(1).size(), Eigen::Index(30));
        QVERIFY(noTemporaryFiles(save));
    }

    // A second Ctrl+C ends the program at once (killed by SIGINT), wherever it is, and
    // the --save target stays byte for byte as it was, with no temporary file left.
    void secondCtrlCLeavesTheTarget() {
        const QString save = path("kept.json");
        const QByteArray old = "{\"the old\": \"file\"}\n";
        for (int delayMs : {0, 5, 20, 60}) {
            writeAll(save, old);
            QProcess p;
            QVERIFY(startAndWaitFor(p, bigModelArgs(save), "epoch    1"));
            const pid_t pid = static_cast<pid_t>(p.processId());
            ::kill(pid, SIGINT);
            QTest::qSleep(delayMs);
            ::kill(pid, SIGINT);
            QVERIFY(p.waitForFinished(30000));
            if (p.exitStatus() == QProcess::NormalExit) {
                // It was done before the second signal came: then the new model is whole.
                QCOMPARE(p.exitCode(), 3);
                QCOMPARE(loadModel(save.toStdString()).network.weightCount(), Eigen::Index(300010));
            } else {
                QCOMPARE(readAll(save), old);
            }
            QVERIFY2(noTemporaryFiles(save), qPrintable(QString::number(delayMs)));
        }
    }

    // SIGKILL at 30 random moments from the end of training to just after the save:
    // the target is always the old file or the complete new one, never a part.
    void killAroundTheSaveLeavesOldOrNew() {
        const QString save = path("killed.json");
        const QByteArray old = "{\"the old\": \"file\"}\n";
        // The new file, and how long the run takes after its last epoch line.
        writeAll(save, old);
        QProcess first;
        QElapsedTimer t;
        QVERIFY(startAndWaitFor(first, bigModelArgs(save), "epoch    1"));
        t.start();
        QVERIFY(first.waitForFinished(60000));
        QCOMPARE(first.exitCode(), 0);
        const qint64 tail = std::max<qint64>(t.elapsed(), 20);
        const QByteArray fresh = readAll(save);
        QVERIFY(fresh.size() > 6000000);

        Random rng(20261202);
        int sawOld = 0, sawNew = 0;
        for (int trial = 0; trial < 30; ++trial) {
            writeAll(save, old);
            QProcess p;
            QVERIFY(startAndWaitFor(p, bigModelArgs(save), "epoch    1"));
            QTest::qSleep(int(rng.below(std::uint64_t(tail * 3 / 2) + 1)));
            ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
            QVERIFY(p.waitForFinished(30000));
            const QByteArray now = readAll(save);
            QVERIFY2(now == old || now == fresh,
                     qPrintable(QStringLiteral("trial %1: %2 bytes").arg(trial).arg(now.size())));
            (now == old ? sawOld : sawNew)++;
            // SIGKILL leaves the temporary file (nothing runs); the next save makes another.
            for (const QString& f : QDir(m_dir.path()).entryList({"killed.json.tmp-*"}))
                QFile::remove(m_dir.filePath(f));
        }
        qInfo("30 kills around the save (%lld ms after training): %d left the old file, %d the "
              "new one",
              tail, sawOld, sawNew);
        QVERIFY(sawOld > 0); // some kills came before the rename
    }

    // A file-size limit below the model's size (a full disk): a clear error naming the
    // file and the cause, exit 1, the old file as it was and no temporary file left.
    void fileSizeLimitKeepsTheOldFile() {
        const QString save = path("limited.json");
        const QByteArray old = "{\"the old\": \"file\"}\n";
        writeAll(save, old);
        QProcess p;
        p.setChildProcessModifier([] {
            const rlimit limit{1 << 20, 1 << 20}; // 1 MiB
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
        p.start(BP_CLI_PATH, bigModelArgs(save));
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(save) && err.contains("cannot save the model") &&
                     err.contains("File too large"),
                 qPrintable(err));
        QCOMPARE(readAll(save), old);
        QVERIFY(noTemporaryFiles(save));
    }
};

QTEST_GUILESS_MAIN(CliInterrupts)
#include "tst_cli_interrupts.moc"
