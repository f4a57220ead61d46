// The real MainWindow (offscreen) opening a CSV of 1,000,000 records × 100 columns,
// written here, through the Dataset dock's Load button: the progress dialog's bar moves
// with the reader; Cancel stops the reader, says so in the status bar and leaves iris
// in use, the session stepping on it; loaded to the end, the window holds every record
// with the values the file has, and trains on them. Nothing is mocked.
#include "io/load_progress.h"
#include "panels/dataset_panel.h"
#include "session/training_session.h"
#include "window/main_window.h"

#include <charconv>
#include <cstdio>
#include <QElapsedTimer>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/resource.h>

using namespace bp;

namespace {

constexpr long kRecords = 1000000;
constexpr int kColumns = 100; // x1 … x99 and the target y

// Field k (0-based) of record r: x1 = r, x2 … x99 = (r + k) % 10, y = (r % 7) / 2.
double expectedInput(long r, int k) {
    return k == 0 ? static_cast<double>(r) : static_cast<double>((r + k) % 10);
}
double expectedTarget(long r) {
    return static_cast<double>(r % 7) / 2.0;
}

// The file, written fast (about 210 MB in well under a second from the page cache).
bool writeBigCsv(const QString& path) {
    std::FILE* f = std::fopen(path.toLocal8Bit().constData(), "wb");
    if (!f)
        return false;
    std::string header;
    for (int k = 1; k < kColumns; ++k)
        header += "x" + std::to_string(k) + ",";
    header += "y\n";
    std::fwrite(header.data(), 1, header.size(), f);
    static const char* const targets[] = {"0", "0.5", "1", "1.5", "2", "2.5", "3"};
    std::vector<char> buffer(1 << 20);
    std::size_t used = 0;
    for (long r = 0; r < kRecords; ++r) {
        if (buffer.size() - used < 512) {
            std::fwrite(buffer.data(), 1, used, f);
            used = 0;
        }
        char* p = buffer.data() + used;
        p = std::to_chars(p, p + 16, r).ptr;
        for (int k = 1; k < kColumns - 1; ++k) {
            *p++ = ',';
            *p++ = static_cast<char>('0' + (r + k) % 10);
        }
        *p++ = ',';
        for (const char* t = targets[r % 7]; *t; ++t)
            *p++ = *t;
        *p++ = '\n';
        used = static_cast<std::size_t>(p - buffer.data());
    }
    std::fwrite(buffer.data(), 1, used, f);
    return std::fclose(f) == 0;
}

QPushButton* button(QWidget* in, const QString& textStart) {
    for (QPushButton* b : in->findChildren<QPushButton*>())
        if (b->text().startsWith(textStart))
            return b;
    return nullptr;
}

// The visible progress dialog of the load in progress (the window's child).
QProgressDialog* visibleProgress(MainWindow& w) {
    for (QProgressDialog* d : w.findChildren<QProgressDialog*>())
        if (d->isVisible())
            return d;
    return nullptr;
}

// One record stepped by the session, seen on screen.
bool stepsOneRecord(MainWindow& w) {
    const quint64 ticket = w.stepRecord();
    return w.waitForTicket(ticket, 60000) && w.snapshot()->command >= ticket;
}

long peakResidentMb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

} // namespace

class WindowBigCsvTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void millionRecordsWithProgressAndCancel() {
        QElapsedTimer clock;
        clock.start();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("million.csv");
        QVERIFY(writeBigCsv(path));
        qInfo("wrote %s: %.0f MB in %lld ms", qPrintable(QFileInfo(path).fileName()),
              QFileInfo(path).size() / 1e6, clock.elapsed());

        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("iris"));
        QTRY_VERIFY(w.snapshot());
        QVERIFY(stepsOneRecord(w));
        const std::shared_ptr<const Dataset> irisTrain = w.prepared().train;
        const Network irisNetwork = w.prepared().network;
        QCOMPARE(irisTrain->inputSize(), Eigen::Index(4));

        // 1. Load, watch the bar move, cancel early on.
        QSignalSpy opened(&w, &MainWindow::dataOpened);
        w.datasetPanel()->setFile(path);
        QPushButton* load = button(w.datasetPanel(), "Load");
        QVERIFY(load);
        QElapsedTimer firstLoad;
        firstLoad.start();
        QTest::mouseClick(load, Qt::LeftButton);
        QPointer<QProgressDialog> progress;
        QTRY_VERIFY_WITH_TIMEOUT((progress = visibleProgress(w)) != nullptr, 60000);
        QCOMPARE(progress->maximum(), 1000); // a determinate bar, not a busy one
        // The bar moves in steps, never back, until it is past halfway: the reader is then
        // in its second pass, storing the numbers.
        std::vector<int> values;
        const bool halfway = QTest::qWaitFor(
            [&] {
                if (!progress || !opened.isEmpty())
                    return true;
                if (values.empty() || progress->value() != values.back())
                    values.push_back(progress->value());
                return values.back() >= 600;
            },
            120000);
        QStringList seen;
        for (int v : values)
            seen << QString::number(v);
        QVERIFY2(halfway && progress && opened.isEmpty(), qPrintable(seen.join(' ')));
        QVERIFY2(values.size() >= 3, qPrintable(seen.join(' ')));
        QVERIFY2(std::is_sorted(values.begin(), values.end()), qPrintable(seen.join(' ')));
        const int atCancel = values.back();
        QVERIFY2(atCancel < 1000, qPrintable(seen.join(' ')));
        QPushButton* cancel = progress->findChild<QPushButton*>();
        QVERIFY(cancel);
        QElapsedTimer stopping;
        stopping.start();
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 120000);
        const qint64 cancelMs = stopping.elapsed();
        QCOMPARE(opened.at(0).at(0).toBool(), false);
        qInfo("the bar showed %s; cancelled at %d/1000 after %lld ms; the load ended %lld ms "
              "after Cancel",
              qPrintable(seen.join(' ')), atCancel, firstLoad.elapsed() - cancelMs, cancelMs);

        // The previous data stay, and the session goes on training on them.
        const QString message = w.statusBar()->currentMessage();
        QVERIFY2(message.contains("cancelled") && message.contains("iris"), qPrintable(message));
        QVERIFY(w.loadErrorText().isEmpty());
        QVERIFY(w.prepared().train == irisTrain);
        QVERIFY(w.prepared().network == irisNetwork);
        QCOMPARE(w.prepared().all->records(), Eigen::Index(150));
        QVERIFY(w.windowTitle().startsWith("iris"));
        QVERIFY(stepsOneRecord(w));
        QCOMPARE(w.snapshot()->network.inputSize, Eigen::Index(4));

        // 2. Load again, to the end. While it loads, iris still trains.
        QElapsedTimer fullLoad;
        fullLoad.start();
        QTest::mouseClick(load, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(visibleProgress(w) != nullptr, 60000);
        QVERIFY(opened.count() == 1);
        QVERIFY(stepsOneRecord(w));
        QVERIFY(w.prepared().train == irisTrain);
        QCOMPARE(w.snapshot()->network.inputSize, Eigen::Index(4));
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 2, 240000);
        const qint64 loadMs = fullLoad.elapsed();
        QVERIFY2(opened.at(1).at(0).toBool(), qPrintable(w.loadErrorText()));
        qInfo("loaded 1,000,000 records in %lld ms; peak resident memory %ld MB", loadMs,
              peakResidentMb());
        // The reader stopped at Cancel: the cancelled load did not read on to its end, which
        // would take some 40 % of a full load (loose, against a busy machine's noise).
        QVERIFY2(cancelMs < loadMs / 5,
                 qPrintable(QString("%1 ms to stop, %2 ms to load").arg(cancelMs).arg(loadMs)));

        // Every record, in the file's order, with the defaults: the last column the target.
        const PreparedExperiment& p = w.prepared();
        const Dataset& all = *p.all;
        QCOMPARE(all.records(), Eigen::Index(kRecords));
        QCOMPARE(all.inputSize(), Eigen::Index(kColumns - 1));
        QCOMPARE(all.outputSize(), Eigen::Index(1));
        QVERIFY(!all.isClassification());
        QCOMPARE(all.inputNames.front(), std::string("x1"));
        QCOMPARE(all.inputNames.back(), std::string("x99"));
        QCOMPARE(all.targetNames, std::vector<std::string>{"y"});
        for (const long r : {0L, 1L, 7L, 123456L, 654321L, kRecords - 1}) {
            for (const int k : {0, 1, 50, kColumns - 2})
                QCOMPARE(all.inputs(k, r), expectedInput(r, k));
            QCOMPARE(all.targets(0, r), expectedTarget(r));
            QCOMPARE(all.sourceRows[static_cast<std::size_t>(r)], r + 2); // below the header
        }
        QCOMPARE(p.train->records() + (p.test ? p.test->records() : 0), Eigen::Index(kRecords));
        // Fitted to it: 99-32-1, min-max normalisation (99 inputs), a linear output.
        QCOMPARE(p.network.inputSize, Eigen::Index(kColumns - 1));
        QCOMPARE(p.network.outputSize(), Eigen::Index(1));
        QVERIFY(p.normalizer.kind == Normalizer::Kind::MinMax);
        QVERIFY(w.windowTitle().startsWith("million.csv"));
        QTRY_VERIFY(w.snapshot() && w.snapshot()->network == p.network);
        QVERIFY(stepsOneRecord(w));
        QCOMPARE(w.snapshot()->network.inputSize, Eigen::Index(kColumns - 1));
        qInfo("the test took %lld ms", clock.elapsed());
    }
};

QTEST_MAIN(WindowBigCsvTest)
#include "tst_ui_window_big_csv.moc"
