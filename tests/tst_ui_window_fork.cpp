// Forked runs in the real MainWindow (offscreen): a fork with unchanged settings, Run
// both to the same epoch limit, stays bit-identical to the main run; a fork with another
// learning rate is a second set of series in the Loss chart, with the fork's points; the
// "Driving:" selector puts the fork's snapshot on the graph and sends the Train commands
// to it; Close fork (and new data) removes the overlay.
#include "charts/health_panel.h"
#include "charts/loss_chart_panel.h"
#include "graph/network_view.h"
#include "math/explain.h"
#include "panels/fork_dialog.h"
#include "session/training_session.h"
#include "tst_session_support.h"
#include "window/main_window.h"
#include "window/window_probe.h"

#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>
#include <time.h>

using namespace bp;

namespace {

using testing::sameWeights;

// CPU time of the calling (GUI) thread.
double guiCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

std::shared_ptr<const Snapshot> latest(TrainingSession* s) {
    return s ? s->latestSnapshot() : nullptr;
}

bool pausedAt(TrainingSession* s, PauseReason reason) {
    const std::shared_ptr<const Snapshot> snap = latest(s);
    return snap && !snap->running && snap->pauseReason == reason;
}

// The iris preset stepped a few records and phases in, then forked with `hyper`.
bool forkIris(MainWindow& w, const std::function<void(Hyper&)>& change) {
    if (!w.loadPreset("iris"))
        return false;
    for (int r = 0; r < 6; ++r)
        if (!w.waitForTicket(w.stepRecord()))
            return false;
    for (int i = 0; i < 3; ++i) // mid-record: the fork replays these phases
        if (!w.waitForTicket(w.stepPhase()))
            return false;
    Hyper h = w.snapshot()->hyper;
    change(h);
    QSignalSpy started(&w, &MainWindow::forkStarted);
    w.forkWith(h);
    if (!started.wait(10000) || !started.at(0).at(0).toBool())
        return false;
    // The fork is where the main run stands.
    return QTest::qWaitFor(
        [&] {
            const auto f = latest(w.forkSession());
            return f && f->recordsTrained == 6 && f->time == 3;
        },
        10000);
}

} // namespace

class WindowForkTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    // The dialog starts from the run's settings; untouched, it gives them back exactly
    // (also a rate with more digits than the box shows).
    void dialogPrefillsTheRunsSettings() {
        Hyper h;
        h.learningRate = 0.0123456789;
        h.momentum = 0.9;
        h.batchSize = 8;
        h.l2 = 0.001;
        ForkDialog d(h);
        QCOMPARE(d.findChild<QSpinBox*>("forkBatch")->value(), 8);
        QCOMPARE(d.findChild<QDoubleSpinBox*>("forkMomentum")->value(), 0.9);
        QCOMPARE(d.hyper().learningRate, 0.0123456789);
        QCOMPARE(hyperChanges(h, d.hyper()), QString());
        d.learningRateBox()->setValue(0.05);
        QCOMPARE(d.hyper().learningRate, 0.05);
        QCOMPARE(hyperChanges(h, d.hyper()), QString("a = 0.05"));
    }

    void unchangedForkRunBothStaysBitIdentical() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(forkIris(w, [](Hyper&) {}));
        QVERIFY(sameWeights(latest(w.forkSession())->network, latest(w.session())->network));
        QTRY_VERIFY2(w.statusText().contains("fork: same settings"), qPrintable(w.statusText()));
        // Both at full speed on their own threads, to the end of the 40th epoch from here.
        w.runBoth(40);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return pausedAt(w.session(), PauseReason::EpochsDone) &&
                       pausedAt(w.forkSession(), PauseReason::EpochsDone);
            },
            60000));
        const auto main = latest(w.session());
        const auto fork = latest(w.forkSession());
        QCOMPARE(main->epoch, 40);
        QCOMPARE(fork->recordsTrained, main->recordsTrained);
        QVERIFY2(sameWeights(fork->network, main->network), "the unchanged fork drifted");
        // The charts got the same epochs from both (once the window has taken them in).
        LossChartPanel* chart = w.lossChart();
        QTRY_COMPARE(chart->epochCount(), 40);
        QTRY_VERIFY(!chart->overlayEpochBuckets().empty() &&
                    chart->overlayEpochBuckets().buckets().back().lastEpoch == 40);
        chart->redrawNow();
        QVERIFY(chart->hasOverlay());
        QCOMPARE(chart->overlaySmoothedLoss().recordsSeen(), chart->smoothedLoss().recordsSeen());
        QVERIFY(!chart->overlayEpochBuckets().empty());
        QCOMPARE(chart->overlayEpochBuckets().buckets().back().last.trainLoss,
                 chart->epochBuckets().buckets().back().last.trainLoss);
    }

    void changedRateOverlaysAndSwitches() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const double rate = 0.05; // iris trains at 0.02
        QVERIFY(forkIris(w, [rate](Hyper& h) { h.learningRate = rate; }));
        QTRY_VERIFY2(w.statusText().contains("fork: a = 0.05"), qPrintable(w.statusText()));
        w.runBoth(5);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return pausedAt(w.session(), PauseReason::EpochsDone) &&
                       pausedAt(w.forkSession(), PauseReason::EpochsDone);
            },
            30000));
        const auto main = latest(w.session());
        const auto fork = latest(w.forkSession());
        QCOMPARE(fork->hyper.learningRate, rate);
        QCOMPARE(fork->recordsTrained, main->recordsTrained);
        QVERIFY(!sameWeights(fork->network, main->network));

        // Two sets of series: the fork's drawn from the fork (6 records) on, from its points.
        LossChartPanel* chart = w.lossChart();
        QTRY_COMPARE(chart->epochCount(), 5);
        QTRY_VERIFY(!chart->overlayEpochBuckets().empty() &&
                    chart->overlayEpochBuckets().buckets().back().lastEpoch == 5);
        chart->redrawNow();
        QLineSeries* forkLine = chart->overlayRecordLossSeries();
        QVERIFY(forkLine->isVisible());
        QVERIFY(chart->lossChart()->series().contains(forkLine));
        QVERIFY(forkLine->pen().style() != chart->recordLossSeries()->pen().style());
        QVERIFY(forkLine->color() != chart->recordLossSeries()->color());
        QVERIFY(chart->overlayName().contains("a = 0.05"));
        QVERIFY(forkLine->name().startsWith("fork (a = 0.05)"));
        QVERIFY(chart->recordLossSeries()->name().startsWith("main"));
        QVector<QPointF> expected;
        for (const QPointF& p : chart->overlaySmoothedLoss().points())
            if (p.x() >= 5)
                expected.append(p);
        QCOMPARE(forkLine->points(), expected);
        QCOMPARE(expected.back().x(), double(fork->recordsTrained - 1));
        QVERIFY(expected.back().y() != chart->smoothedLoss().points().back().y());
        QVERIFY(chart->overlayTrainLossSeries()->count() >= 5);
        for (QLegendMarker* m : chart->lossChart()->legend()->markers(forkLine))
            QVERIFY(m->isVisible());
        // Hovering the fork's line names the fork and its own value there.
        emit forkLine->hovered(expected.back(), true);
        QCOMPARE(chart->hoverText(),
                 QString("fork (a = 0.05) · record %1 · per-record loss, smoothed: J ≈ %2")
                     .arg(long(expected.back().x()))
                     .arg(QString::fromStdString(formatNumber(expected.back().y(), 4))));

        // The Layer health dock has the fork's samples as its run 1 (sampling is on while
        // the graph's health marks are, the default), the fork's own: not the main run's.
        QTRY_VERIFY(!w.healthPanel()->history(1).samples().empty());
        QVERIFY(!w.healthPanel()->history(0).samples().empty());
        QVERIFY(w.healthPanel()->history(1).newest()->last <= fork->recordsTrained);
        QTRY_COMPARE(w.healthPanel()->history(1).newest()->last,
                     w.healthPanel()->history(0).newest()->last);
        QVERIFY(w.healthPanel()->history(1).newest()->layers[0].weightNorm !=
                w.healthPanel()->history(0).newest()->layers[0].weightNorm);

        // The selector: the graph and the window's snapshot are the fork's at once.
        auto* box = w.findChild<QComboBox*>("drivingRun");
        QVERIFY(box && box->isVisible());
        box->setCurrentIndex(1);
        QCOMPARE(w.drivenRun(), 1);
        QVERIFY(sameWeights(w.snapshot()->network, fork->network));
        QVERIFY(sameWeights(w.graph()->snapshot()->network, fork->network));
        QVERIFY2(w.statusText().contains("Showing the FORK (a = 0.05)"),
                 qPrintable(w.statusText()));
        // F10 steps the fork, not the main run.
        const long mainRecords = main->recordsTrained;
        QTest::keyClick(&w, Qt::Key_F10);
        QVERIFY(QTest::qWaitFor([&] { return w.snapshot()->recordsTrained == mainRecords + 1; },
                                10000));
        QVERIFY(sameWeights(w.snapshot()->network, latest(w.forkSession())->network));
        QCOMPARE(latest(w.session())->recordsTrained, mainRecords);
        box->setCurrentIndex(0);
        QVERIFY(sameWeights(w.graph()->snapshot()->network, main->network));

        // Close fork: the overlay goes, the main run stays on screen.
        w.closeForkAction()->trigger();
        QVERIFY(!w.forkSession());
        QVERIFY(!chart->hasOverlay());
        QVERIFY(!forkLine->isVisible());
        QCOMPARE(forkLine->count(), 0);
        QTRY_VERIFY(!box->isVisible());
        QVERIFY(chart->recordLossSeries()->name().startsWith("per-record"));
        QVERIFY(!w.statusText().contains("fork"));
        QCOMPARE(w.drivenRun(), 0);
    }

    // Two runs at full speed, each on its worker thread, on a 2-core machine: the GUI
    // thread still runs its timers on time and repaints the graph — as on time as with the
    // main run alone, measured just before on the same machine (other programs' load moves
    // both), and under 50 ms at the 99th percentile when that one is — both runs go on,
    // memory stays flat, and Pause both is taken at once.
    void runBothStaysResponsive() {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(forkIris(w, [](Hyper& h) { h.learningRate = 0.05; }));
        PaintCounter paints(w.graph());
        const int seconds = qEnvironmentVariableIntValue("BP_SOAK_SECONDS") > 0
                                ? qEnvironmentVariableIntValue("BP_SOAK_SECONDS")
                                : 6;
        // The main run alone.
        LatenessProbe alone;
        w.session()->run();
        QTest::qWait(1000);
        alone.start();
        QTest::qWait(seconds * 1000);
        alone.stop();
        // Both.
        w.forkSession()->run();
        QTest::qWait(1000); // the fork's history and chart fill first
        const double rss0 = residentMiB();
        const long main0 = latest(w.session())->recordsTrained;
        const long fork0 = latest(w.forkSession())->recordsTrained;
        const long paints0 = paints.paints;
        LatenessProbe both;
        both.start();
        const double gui0 = guiCpuSeconds();
        QTest::qWait(seconds * 1000);
        both.stop();
        const double guiBusy = (guiCpuSeconds() - gui0) / seconds;
        const double growth = residentMiB() - rss0;
        const double paintRate = double(paints.paints - paints0) / seconds;
        const long mainRecords = latest(w.session())->recordsTrained - main0;
        const long forkRecords = latest(w.forkSession())->recordsTrained - fork0;
        qInfo("iris, main alone: lateness p99 %.1f ms (%zu ticks); run both: main %ld and fork "
              "%ld records in %d s, lateness p99 %.1f ms (%zu ticks), graph %.1f paints/s, rss "
              "growth %.1f MiB, GUI thread busy %.0f %%",
              alone.percentile(0.99), alone.ticks(), mainRecords, forkRecords, seconds,
              both.percentile(0.99), both.ticks(), paintRate, growth, 100 * guiBusy);
        QElapsedTimer clock;
        clock.start();
        w.pauseBoth();
        QVERIFY(QTest::qWaitFor(
            [&] { return !latest(w.session())->running && !latest(w.forkSession())->running; },
            5000));
        qInfo("paused both after %lld ms", clock.elapsed());
        QVERIFY(mainRecords > 100000 && forkRecords > 100000);
        QVERIFY2(both.percentile(0.99) < std::max(50.0, 1.5 * alone.percentile(0.99)),
                 "the event loop ran later with two runs than with one");
        QVERIFY(paintRate >= 15);
        QVERIFY(growth < 50);
        QVERIFY(clock.elapsed() < 2000);
    }

    void newDataClosesTheFork() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(forkIris(w, [](Hyper& h) { h.momentum = 0.5; }));
        QVERIFY(w.lossChart()->hasOverlay());
        QVERIFY(w.loadPreset("xor"));
        QVERIFY(!w.forkSession());
        QVERIFY(!w.lossChart()->hasOverlay());
    }
};

QTEST_MAIN(WindowForkTest)
#include "tst_ui_window_fork.moc"
