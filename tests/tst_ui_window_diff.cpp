// The Weight diff dock in the real MainWindow (offscreen): after a mark and some records,
// its table, summary and heatmaps show w(now) − w(mark), checked here against the two
// snapshots' weights subtracted by hand; a click on a row or on the heatmap selects the
// weight on the graph and in the Inspector; a rewind before the mark forgets it.
#include "diff/diff_heatmap.h"
#include "diff/weight_diff_panel.h"
#include "graph/graph_tooltips.h"
#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "session/training_session.h"
#include "style/screen_text.h"
#include "window/main_window.h"

#include <cmath>
#include <QDockWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

using namespace bp;

namespace {

// The largest |w_b − w_a| over every weight, by hand: layer, node, column and Δ; and how
// many weights differ.
struct Expected {
    int k = 0, i = 0, j = 0;
    double delta = 0;
    long changed = 0;
    long total = 0;
};

Expected subtract(const Network& a, const Network& b) {
    Expected e;
    for (int k = 1; k <= a.depth(); ++k) {
        const Matrix& wa = a.layer(k).w;
        const Matrix& wb = b.layer(k).w;
        for (Eigen::Index i = 0; i < wa.rows(); ++i)
            for (Eigen::Index j = 0; j < wa.cols(); ++j) {
                ++e.total;
                const double d = wb(i, j) - wa(i, j);
                if (wb(i, j) != wa(i, j))
                    ++e.changed;
                if (std::abs(d) > std::abs(e.delta)) {
                    e = {k, int(i) + 1, int(j), d, e.changed, e.total};
                }
            }
    }
    return e;
}

QString weightName(int k, int i, int j) {
    return QStringLiteral("w%1,%2(%3)").arg(subscript(i), subscript(j)).arg(k);
}

// The newest snapshot of a session that may not have published one yet.
std::shared_ptr<const Snapshot> latest(TrainingSession* s) {
    return s ? s->latestSnapshot() : nullptr;
}

QPushButton* button(QWidget* in, const QString& text) {
    for (QPushButton* b : in->findChildren<QPushButton*>())
        if (b->text() == text)
            return b;
    return nullptr;
}

} // namespace

class WindowDiffTest : public QObject {
    Q_OBJECT

private:
    // The iris preset, the Weight diff dock raised, `records` records stepped.
    void openWithDock(MainWindow& w, int records) {
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("iris"));
        QTRY_VERIFY(w.snapshot());
        auto* dock = qobject_cast<QDockWidget*>(w.diffPanel()->parentWidget());
        QVERIFY(dock);
        dock->show();
        dock->raise();
        QTRY_VERIFY(w.diffPanel()->shown());
        for (int r = 0; r < records; ++r)
            QVERIFY(w.waitForTicket(w.stepRecord()));
    }

    // Waits for the panel's diff from history time `from` to `to`.
    static bool waitForDiff(WeightDiffPanel* panel, qint64 from, qint64 to) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000) {
            const auto d = panel->diff();
            if (d && d->fromTime == from && d->toTime == to)
                return true;
            QTest::qWait(10);
        }
        return false;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    // Mark after 3 records, step 5 more: the diff is w(after 8) − w(after 3).
    void markThenStepShowsTheChange() {
        MainWindow w;
        openWithDock(w, 3);
        WeightDiffPanel* panel = w.diffPanel();
        const auto atMark = w.snapshot();
        QPushButton* mark = button(panel, "Mark this point");
        QVERIFY(mark);
        QTest::mouseClick(mark, Qt::LeftButton);
        QCOMPARE(panel->markTime(), atMark->time);
        QCOMPARE(panel->source(), WeightDiffPanel::Source::Mark);
        QVERIFY(waitForDiff(panel, atMark->time, atMark->time));
        QVERIFY2(panel->summaryText().contains("the two are the same, bit for bit"),
                 qPrintable(panel->summaryText()));
        QCOMPARE(panel->largestTable()->rowCount(), 0);

        for (int r = 0; r < 5; ++r)
            QVERIFY(w.waitForTicket(w.stepRecord()));
        const auto now = w.snapshot();
        QVERIFY(waitForDiff(panel, atMark->time, now->time));
        const Expected e = subtract(atMark->network, now->network);
        QVERIFY(e.changed > 0);
        QTableWidget* table = panel->largestTable();
        QCOMPARE(table->rowCount(), 20);
        QCOMPARE(table->item(0, 0)->text(), weightName(e.k, e.i, e.j));
        QCOMPARE(table->item(0, 1)->text(), fullNumber(atMark->network.layer(e.k).w(e.i - 1, e.j)));
        QCOMPARE(table->item(0, 2)->text(), fullNumber(now->network.layer(e.k).w(e.i - 1, e.j)));
        QCOMPARE(table->item(0, 3)->text(), fullNumber(e.delta));
        // |Δw| never grows down the table.
        const auto& changes = panel->diff()->largestChanges;
        for (std::size_t n = 1; n < changes.size(); ++n)
            QVERIFY(std::abs(changes[n].delta) <= std::abs(changes[n - 1].delta));
        const QString summary = panel->summaryText();
        QVERIFY2(
            summary.contains(QStringLiteral("%1 of %2 weights differ")
                                 .arg(countText(double(e.changed)), countText(double(e.total)))),
            qPrintable(summary));
        QVERIFY(summary.contains("from the mark"));
        QVERIFY(panel->heatmap(1) && panel->heatmap(2) && !panel->heatmap(3));

        // A click on the first row: that weight on the graph and in the Inspector.
        const QRect row = table->visualItemRect(table->item(0, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, row.center());
        QCOMPARE(w.graph()->selection(), (GraphItem{e.k, e.i, e.j}));
        QCOMPARE(w.inspector()->selectedLayer(), e.k);
        QCOMPARE(w.inspector()->selectedNode(), e.i);
        QCOMPARE(w.inspector()->selectedInput(), e.j);

        // A click on the heatmap where the largest change is drawn: the same weight (it is
        // the largest of whatever block its pixel covers).
        w.graph()->clearSelection();
        DiffHeatmap* map = panel->heatmap(e.k);
        QTest::mouseClick(map, Qt::LeftButton, {}, map->pointOf(e.i, e.j));
        QCOMPARE(w.graph()->selection(), (GraphItem{e.k, e.i, e.j}));
    }

    // A rewind to before the mark: Δw runs backwards, w(now) − w(mark), from the weights
    // the mark kept. The history's start is the setup here: Δw from the setup's network.
    void rewindBeforeTheMarkComparesBackwards() {
        MainWindow w;
        openWithDock(w, 4);
        WeightDiffPanel* panel = w.diffPanel();
        panel->markHere();
        const auto atMark = w.snapshot();
        QVERIFY(w.waitForTicket(w.session()->stepBack(StepUnit::Record)));
        const auto now = w.snapshot();
        QVERIFY(now->time < atMark->time);
        QVERIFY(waitForDiff(panel, atMark->time, now->time));
        const Expected back = subtract(atMark->network, now->network);
        QVERIFY(back.changed > 0);
        QCOMPARE(panel->largestTable()->item(0, 0)->text(), weightName(back.k, back.i, back.j));
        QCOMPARE(panel->largestTable()->item(0, 3)->text(), fullNumber(back.delta));
        QVERIFY2(panel->summaryText().contains("back to now"), qPrintable(panel->summaryText()));

        panel->setSource(WeightDiffPanel::Source::HistoryStart);
        QCOMPARE(now->historyEarliest, qint64(0)); // 3 records: the history reaches the setup
        QVERIFY(waitForDiff(panel, 0, now->time));
        const Expected e = subtract(w.prepared().network, now->network);
        QCOMPARE(panel->diff()->changed, e.changed);
        QCOMPARE(panel->largestTable()->item(0, 3)->text(), fullNumber(e.delta));
        QVERIFY(panel->summaryText().contains("from the setup to now"));
    }

    // Another data set and network: the mark (of another shape) is gone.
    void aNewNetworkDropsTheMark() {
        MainWindow w;
        openWithDock(w, 2);
        w.diffPanel()->markHere();
        QVERIFY(w.diffPanel()->mark());
        QVERIFY(w.loadPreset("xor"));
        QTRY_VERIFY(w.snapshot() && w.snapshot()->network.layer(1).w.cols() == 3);
        QTRY_VERIFY(!w.diffPanel()->mark());
        w.diffPanel()->setSource(WeightDiffPanel::Source::Mark);
        QVERIFY2(w.diffPanel()->summaryText().startsWith("No mark set"),
                 qPrintable(w.diffPanel()->summaryText()));
    }

    // Main run → fork: an unchanged fork is the same, bit for bit; one with another
    // learning rate differs after a record, by what the two snapshots' weights say.
    void mainAgainstFork() {
        MainWindow w;
        openWithDock(w, 3);
        WeightDiffPanel* panel = w.diffPanel();
        QSignalSpy started(&w, &MainWindow::forkStarted);
        w.forkWith(w.snapshot()->hyper);
        QVERIFY(started.wait(10000) && started.at(0).at(0).toBool());
        QTRY_VERIFY(latest(w.forkSession()) && latest(w.forkSession())->recordsTrained == 3);
        panel->setSource(WeightDiffPanel::Source::Fork);
        QCOMPARE(panel->source(), WeightDiffPanel::Source::Fork);
        QTRY_VERIFY(panel->diff() && panel->diff()->fromTime == -1);
        QVERIFY2(panel->summaryText().contains("the two are the same, bit for bit"),
                 qPrintable(panel->summaryText()));

        Hyper faster = w.snapshot()->hyper;
        faster.learningRate *= 2;
        started.clear();
        w.forkWith(faster);
        QVERIFY(started.wait(10000) && started.at(0).at(0).toBool());
        QCOMPARE(panel->source(), WeightDiffPanel::Source::Fork); // the new fork, as before
        w.forkSession()->stepRecord();
        QTRY_VERIFY(latest(w.forkSession()) && latest(w.forkSession())->recordsTrained == 4);
        panel->refresh();
        const auto main = w.session()->latestSnapshot();
        const auto fork = w.forkSession()->latestSnapshot();
        const Expected e = subtract(main->network, fork->network);
        QVERIFY(e.changed > 0);
        QCOMPARE(panel->diff()->changed, e.changed);
        QCOMPARE(panel->largestTable()->item(0, 0)->text(), weightName(e.k, e.i, e.j));
        QCOMPARE(panel->largestTable()->item(0, 3)->text(), fullNumber(e.delta));
        QVERIFY2(panel->summaryText().contains("from the main run (3 records trained) to the fork "
                                               "(4, a = "),
                 qPrintable(panel->summaryText()));
        // Closing the fork takes the source away.
        w.closeFork();
        QCOMPARE(panel->source(), WeightDiffPanel::Source::HistoryStart);
    }
};

QTEST_MAIN(WindowDiffTest)
#include "tst_ui_window_diff.moc"
