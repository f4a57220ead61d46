// The layer health in the real MainWindow (offscreen): under Run the Layer health dock
// draws a line per layer per instrument whose points are the session's samples (the
// same numbers, received by the test from the same signal); its slider moves the
// histograms to an older window; a ReLU unit made dead by a bias of −1000 is marked on
// the graph and its tooltip says so; a rewind before the window clears the mark.
#include "charts/health_histogram_view.h"
#include "charts/health_panel.h"
#include "graph/network_view.h"
#include "io/experiment.h"
#include "io/model_file.h"
#include "session/training_session.h"
#include "window/main_window.h"
#include "window_support.h"

#include <functional>
#include <map>
#include <QAction>
#include <QChart>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineSeries>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QtTest>

using namespace bp;

namespace {

using testing::openIrisWith;

QString plain(const QString& html) {
    QTextDocument d;
    d.setHtml(html);
    return d.toPlainText();
}

// The figure a chart draws, read from the sample's fields here (not through the
// dock's own instrumentValue).
double field(const LayerHealth& h, HealthInstrument i) {
    switch (i) {
    case HealthInstrument::GradientNorm:
        return h.gradientNorm;
    case HealthInstrument::WeightNorm:
        return h.weightNorm;
    case HealthInstrument::UpdateRatio:
        return h.updateRatio;
    case HealthInstrument::DeadFraction:
        return h.deadFraction;
    case HealthInstrument::SaturatedFraction:
        return h.saturatedFraction;
    case HealthInstrument::ActivationMean:
        return h.activationMean;
    case HealthInstrument::ActivationStd:
        return h.activationStd;
    }
    return -1;
}

} // namespace

class WindowHealthTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }
    // The dock raised here is not what the next window test starts with.
    void cleanup() { QSettings().clear(); }

    // Iris (4-8-3, ReLU and softmax) under Run with the dock shown: 7 charts × 2 layers,
    // every point (records trained, figure) one of the session's samples, in order. Iris
    // trains fast: more than HealthHistory::kMaxKept samples arrive before the pause, and
    // the dock keeps every stride-th one (evenly spaced) and the newest.
    void chartsShowTheSessionsSamples() {
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("iris"));
        QTRY_VERIFY(w.snapshot());
        w.healthDock()->show();
        w.healthDock()->raise();
        QTRY_VERIFY(w.healthPanel()->isVisible());
        std::vector<HealthSample> got;
        connect(w.session(), &TrainingSession::healthSampled, this,
                [&](std::shared_ptr<const HealthSamples> b) {
                    for (const HealthSample& s : b->samples)
                        got.push_back(s);
                });
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(got.size() >= 6, 20000);
        w.session()->pause();
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot() && !w.snapshot()->running, 10000);
        QTest::qWait(100); // the last delivery
        HealthPanel* panel = w.healthPanel();
        panel->redrawNow();
        // The default sampling: the last 10 of every 100 records; in order (when the GUI
        // falls behind, the session leaves some out: thinned, never reordered).
        std::map<long, std::size_t> byLast;
        for (std::size_t n = 0; n < got.size(); ++n) {
            QCOMPARE(got[n].last % 100, 0L);
            QCOMPARE(got[n].first, got[n].last - 9);
            QVERIFY(n == 0 || got[n].last > got[n - 1].last);
            byLast[got[n].last] = n;
        }
        QCOMPARE(got[0].last, 100L);
        const auto& kept = panel->history(0).samples();
        QVERIFY(kept.size() <= HealthHistory::kMaxKept);
        QCOMPARE(kept.back()->last, got.back().last); // the newest is kept
        QCOMPARE(kept.front()->last, 100L);           // and the first
        if (got.size() > HealthHistory::kMaxKept)
            QVERIFY(panel->history(0).stride() > 1);
        // What sample `kept` n is, in what the session sent.
        const auto sent = [&](int n) -> const HealthSample& {
            const long last = kept[static_cast<std::size_t>(n)]->last;
            return got[byLast.at(last)];
        };
        for (const auto& k : kept)
            QVERIFY(byLast.count(k->last) == 1);
        for (int c = 0; c < kHealthInstruments; ++c) {
            const HealthInstrument in = instrumentAt(c);
            for (int k = 1; k <= 2; ++k) {
                QLineSeries* line = panel->charts()->series(0, in, k);
                QVERIFY(line);
                QCOMPARE(line->name(), QStringLiteral("layer %1").arg(k));
                // At most kMaxPoints per line: every `every`-th kept sample and the newest.
                const std::size_t every =
                    (kept.size() + HealthCharts::kMaxPoints - 1) / HealthCharts::kMaxPoints;
                std::vector<int> drawn;
                for (std::size_t m = 0; m < kept.size(); ++m)
                    if (m % every == 0 || m + 1 == kept.size())
                        drawn.push_back(static_cast<int>(m));
                QVERIFY(drawn.size() <= std::size_t(HealthCharts::kMaxPoints) + 1);
                QCOMPARE(std::size_t(line->count()), drawn.size());
                for (int n = 0; n < line->count(); ++n) {
                    const HealthSample& s = sent(drawn[static_cast<std::size_t>(n)]);
                    QCOMPARE(line->at(n).x(), double(s.last));
                    const double want = field(s.layers[static_cast<std::size_t>(k - 1)], in);
                    QVERIFY2(line->at(n).y() == want,
                             qPrintable(QStringLiteral("%1, layer %2, sample %3: %4 != %5")
                                            .arg(instrumentTitle(in))
                                            .arg(k)
                                            .arg(n)
                                            .arg(line->at(n).y())
                                            .arg(want)));
                }
            }
            QVERIFY(!panel->charts()->series(0, in, 3)); // two layers, two lines
        }
        QVERIFY(panel->charts()->legend()->text().contains("layer 2"));

        // The slider at its left end: the oldest window, records 91–100, in the
        // histograms; at its right end the newest.
        panel->layerBox()->setCurrentIndex(1); // layer 2
        panel->timeSlider()->setValue(0);
        QCOMPARE(panel->shownSample()->last, 100L);
        QCOMPARE(panel->xHistogram()->histogram()->counts(), got[0].layers[1].x.counts());
        QCOMPARE(panel->dJdzHistogram()->histogram()->counts(), got[0].layers[1].dJdz.counts());
        QCOMPARE(panel->xHistogram()->title(), QStringLiteral("x(2)"));
        QVERIFY2(panel->windowLabel()->text().startsWith(
                     "Window over records 91–100 trained (epoch 1): 30 values each."),
                 qPrintable(panel->windowLabel()->text())); // 10 records × 3 units
        panel->timeSlider()->setValue(panel->timeSlider()->maximum());
        QCOMPARE(panel->shownSample()->last, got.back().last);
        QCOMPARE(panel->xHistogram()->histogram()->counts(), got.back().layers[1].x.counts());
    }

    // w_{1,0}(1) = −1000: unit 1 of layer 1 is dead (z_1(1) ≤ 0 for every iris record).
    // After 100 records stepped, the graph marks it from the window 91–100 and its tooltip
    // says so; a live unit's tooltip counts its live records. Stepping back before record
    // 100 takes the mark away.
    void deadUnitIsMarked() {
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(openIrisWith(w, m_dir.filePath("dead.json"),
                             [](Network& net) { net.layer(1).w(0, 0) = -1000; }));
        QTRY_VERIFY(w.snapshot());
        QVERIFY(w.showHealthMarksAction()->isChecked()); // on by default: sampling on
        for (int n = 0; n < 100; ++n)
            QVERIFY(w.waitForTicket(w.stepRecord()));
        QTRY_VERIFY(w.graph()->healthMarks());
        const HealthSample& s = *w.graph()->healthMarks();
        QCOMPARE(s.last, 100L);
        QCOMPARE(s.first, 91L);
        QVERIFY(s.layers[0].unitHealth[0].dead);
        QCOMPARE(s.layers[0].unitHealth[0].activeRecords, 0L);
        const QString dead = plain(w.graph()->toolTipAt(w.graph()->nodeCentre(1, 1)));
        QVERIFY2(dead.contains("dead: z1(1) ≤ 0 on all 10 records 91–100 (epoch 1)"),
                 qPrintable(dead));
        QVERIFY2(dead.contains("live on 0 of 10 records, mean x1(1) = 0"), qPrintable(dead));
        // Unit 2 is not dead: its count of live records, as the core counted them.
        const UnitHealth& u2 = s.layers[0].unitHealth[1];
        QVERIFY(!u2.dead);
        const QString live = plain(w.graph()->toolTipAt(w.graph()->nodeCentre(1, 2)));
        QVERIFY2(live.contains(QStringLiteral("live on %1 of 10 records").arg(u2.activeRecords)),
                 qPrintable(live));
        QVERIFY2(!live.contains("dead:"), qPrintable(live));
        // Toggled off: no figures in the tooltip, nothing marked.
        w.showHealthMarksAction()->setChecked(false);
        QVERIFY(!plain(w.graph()->toolTipAt(w.graph()->nodeCentre(1, 1))).contains("dead:"));
        w.showHealthMarksAction()->setChecked(true);
        // Back to 95 records: the window 91–100 is off the timeline, and its mark.
        for (int n = 0; n < 5; ++n)
            QVERIFY(w.waitForTicket(w.session()->stepBack(StepUnit::Record)));
        QTRY_VERIFY(!w.graph()->healthMarks());
        QVERIFY(w.healthPanel()->history(0).samples().empty());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(WindowHealthTest)
#include "tst_ui_window_health.moc"
