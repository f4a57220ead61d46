// Run (F5) in the real window, as a user leaves it: the whole MainWindow, every dock
// it opens with, offscreen, trained at full speed for BP_SOAK_SECONDS (default 20)
// per case. Asserts what issue 10 asks of it: memory bounded, the event loop on time
// (p99 lateness < 50 ms), the graph repainting at least 30 times a second, Shift+F5
// pausing within 100 ms and stopping the worker, and the charts and the status bar
// showing the run's real progress.
#include "charts/loss_chart_panel.h"
#include "graph/network_view.h"
#include "panels/architecture_panel.h"
#include "panels/dataset_panel.h"
#include "session/training_session.h"
#include "window/main_window.h"
#include "window/window_probe.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineSeries>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>
#include <QValueAxis>

using namespace bp;

namespace {

int soakSeconds() {
    const int s = qEnvironmentVariableIntValue("BP_SOAK_SECONDS");
    return s > 0 ? s : 20;
}

// 784 pixel columns (0..255) and a label column: class c has a bright band at rows
// 2c..2c+2 of the 28×28 image, over noise. 2000 records, 10 classes.
QString write784Csv(const QString& dir) {
    const QString path = dir + "/bands-784.csv";
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text))
        return {};
    QTextStream out(&f);
    QRandomGenerator rng(7);
    for (int c = 0; c < 784; ++c)
        out << "p" << c << ',';
    out << "label\n";
    for (int r = 0; r < 2000; ++r) {
        const int label = r % 10;
        for (int p = 0; p < 784; ++p) {
            const int row = p / 28;
            const bool band = row >= 2 * label + 2 && row < 2 * label + 5;
            out << (band ? 200 : 0) + static_cast<int>(rng.bounded(50)) << ',';
        }
        out << "class" << label << '\n';
    }
    return path;
}

// The number before " rec/s" in the status bar (0 if none).
double shownRate(const QString& status) {
    // Digits grouped by narrow spaces (U+202F), as the window writes counts.
    static const QRegularExpression re(QStringLiteral("([0-9][0-9\u202f]*) rec/s"));
    const QRegularExpressionMatch m = re.match(status);
    if (!m.hasMatch())
        return 0;
    QString digits = m.captured(1);
    digits.remove(QChar(0x202F));
    return digits.toDouble();
}

} // namespace

class WindowRunTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // a settings file of the test's own
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }

    void runHoldsUp_data() {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("inputs");
        QTest::newRow("xor") << "xor" << QString() << 2;
        QTest::newRow("784 inputs, CSV") << QString() << write784Csv(m_dir.path()) << 784;
    }

    void runHoldsUp() {
        QFETCH(QString, dataset);
        QFETCH(QString, file);
        QFETCH(int, inputs);
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        if (!dataset.isEmpty()) {
            QVERIFY(w.loadPreset(dataset));
        } else {
            // Through the Dataset dock, as a user opens a CSV: a network fitted to it.
            QVERIFY(!file.isEmpty());
            w.datasetPanel()->setFile(file);
            QVERIFY(w.loadData(w.datasetPanel()->choice()));
            const Architecture a = w.architecturePanel()->architecture();
            QCOMPARE(a.sizes, (std::vector<Eigen::Index>{784, 128, 10}));
            QVERIFY(a.hidden == Activation::Relu);
            QVERIFY(a.output == Activation::Softmax);
            QVERIFY(a.loss == Loss::CrossEntropy);
        }
        QTRY_VERIFY(w.snapshot() && w.snapshot()->network.layers.front().w.cols() == inputs + 1);

        LatenessProbe lateness;
        PaintCounter paints(w.graph());
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY(w.snapshot()->running);
        QTest::qWait(3000); // the first seconds: caches, the first epochs, chart buckets fill
        const double baseMiB = residentMiB();
        const long recordsAtBase = w.snapshot()->recordsTrained;
        lateness.start();
        const long paintsAtBase = paints.paints;
        QElapsedTimer clock;
        clock.start();
        double worstGrowth = 0;
        double rateSeen = 0;
        while (clock.elapsed() < soakSeconds() * 1000) {
            QTest::qWait(500);
            worstGrowth = std::max(worstGrowth, residentMiB() - baseMiB);
            rateSeen = std::max(rateSeen, shownRate(w.statusText()));
        }
        const double seconds = clock.elapsed() / 1000.0;
        lateness.stop();
        const double fps = (paints.paints - paintsAtBase) / seconds;
        const std::shared_ptr<const Snapshot> running = w.snapshot();
        qInfo("%s: %ld records in %.1f s, rss growth %.1f MiB, lateness p99 %.1f ms (%zu ticks), "
              "graph %.1f paints/s, status rate %.0f rec/s",
              qPrintable(QTest::currentDataTag()), running->recordsTrained - recordsAtBase, seconds,
              worstGrowth, lateness.percentile(0.99), lateness.ticks(), fps, rateSeen);
        QVERIFY(running->running);
        QVERIFY(running->recordsTrained > recordsAtBase + 1000);
        QVERIFY2(worstGrowth < 50, "memory grew while running");
        QVERIFY2(lateness.percentile(0.99) < 50, "the event loop ran late");
        QVERIFY2(fps >= 30, "the graph repainted less than 30 times a second");
        // The status bar and the charts show the run's real progress.
        QVERIFY(w.statusText().contains("running"));
        QVERIFY(rateSeen > 0);
        LossChartPanel* chart = w.lossChart();
        chart->redrawNow();
        const QLineSeries* smoothed = chart->recordLossSeries();
        QVERIFY(smoothed->count() > 0);
        const double lastX = smoothed->at(smoothed->count() - 1).x();
        QVERIFY2(lastX > 0.9 * static_cast<double>(recordsAtBase), "chart behind the run");
        QVERIFY(chart->recordsAxis()->max() >= lastX);
        QVERIFY(smoothed->count() <= 2048);
        QVERIFY(chart->epochCount() >= 1);

        // Shift+F5: paused within 100 ms, and the worker stops.
        QElapsedTimer pauseClock;
        pauseClock.start();
        QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!w.snapshot()->running, 2000);
        const qint64 pauseMs = pauseClock.elapsed();
        qInfo("paused after %lld ms", pauseMs);
        QVERIFY2(pauseMs < 100, "Shift+F5 took 100 ms or more");
        const long stoppedAt = w.session()->latestSnapshot()->recordsTrained;
        QTest::qWait(300);
        QCOMPARE(w.session()->latestSnapshot()->recordsTrained, stoppedAt);
        QVERIFY(w.statusText().contains("paused"));
        QVERIFY(!w.statusText().contains("rec/s"));
    }

    void badFileIsShownOverTheGraph() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString bad = m_dir.filePath("bad.csv");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a,b,label\n1,2,x\n3,oops,y\n");
        f.close();
        w.datasetPanel()->setFile(bad);
        QVERIFY(!w.loadData(w.datasetPanel()->choice()));
        // File, line and column, where the user looks: over the graph.
        QVERIFY2(w.loadErrorText().contains("bad.csv"), qPrintable(w.loadErrorText()));
        QVERIFY2(w.loadErrorText().contains("bad.csv:3:3:"), qPrintable(w.loadErrorText()));
        QVERIFY(w.loadPreset("xor"));
        QVERIFY(w.loadErrorText().isEmpty());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(WindowRunTest)
#include "tst_ui_window_run.moc"
