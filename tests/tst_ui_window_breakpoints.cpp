// The breakpoints in the real MainWindow (offscreen): the health breakpoint set in the
// Controls dock pauses Run with the layer, the instrument and the value in the status
// bar; a NaN/Inf pause selects the node where the value first appeared, and the
// Inspector shows that node's equation.
#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "io/experiment.h"
#include "io/model_file.h"
#include "panels/health_breakpoint_box.h"
#include "session/snapshot.h"
#include "window/main_window.h"
#include "window_support.h"

#include <functional>
#include <QCheckBox>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace bp;

namespace {

using testing::openIrisWith;

QCheckBox* checkBox(QWidget* in, const QString& text) {
    for (QCheckBox* c : in->findChildren<QCheckBox*>())
        if (c->text() == text)
            return c;
    return nullptr;
}

} // namespace

class WindowBreakpointsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }

    // w_{i,0}(1) = −1000: every ReLU unit of layer 1 is dead. The box in the Controls
    // dock, clicked, pauses Run at the end of the first window (records 91–100).
    void deadFractionPausesRun() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(openIrisWith(w, m_dir.filePath("dead.json"),
                             [](Network& net) { net.layer(1).w.col(0).setConstant(-1000); }));
        QTRY_VERIFY(w.snapshot());
        auto* health = w.findChild<HealthBreakpointBox*>();
        QVERIFY(health);
        QCheckBox* dead = checkBox(health, "dead fraction exceeds");
        QVERIFY(dead && dead->isVisible());
        QTest::mouseClick(dead, Qt::LeftButton, {}, QPoint(8, dead->height() / 2));
        QVERIFY(dead->isChecked());
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot() && !w.snapshot()->running &&
                                     w.snapshot()->pauseReason == PauseReason::LayerHealth,
                                 10000);
        const QString status = w.statusText();
        QVERIFY2(status.contains("paused: layer 1: dead fraction 1 > 0.5 (over records 91–100 "
                                 "trained, epoch 1)."),
                 qPrintable(status));
        QCOMPARE(w.snapshot()->recordsTrained, 100L);
    }

    // w(1) = 0 with biases 1 (x(1) = 1) and row 2 of w(2) 1e308: z_2(2) overflows in
    // forward 2. Run pauses there, the graph selects node 2 of layer 2 and the Inspector
    // shows its equation.
    void nonFiniteOriginIsSelected() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(openIrisWith(w, m_dir.filePath("inf.json"), [](Network& net) {
            net.layer(1).w.setZero();
            net.layer(1).w.col(0).setConstant(1);
            net.layer(2).w.row(1).setConstant(1e308);
        }));
        QTRY_VERIFY(w.snapshot());
        w.selectNode(1, 1); // something else selected before
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot() && !w.snapshot()->running &&
                                     w.snapshot()->pauseReason == PauseReason::NonFinite,
                                 10000);
        const Snapshot& s = *w.snapshot();
        QCOMPARE(s.pauseSite.quantity, QStringLiteral("z"));
        QCOMPARE(s.pauseSite.layer, 2);
        QCOMPARE(s.pauseSite.node, 2);
        QCOMPARE(s.time, qint64(2)); // right after forward 2 of the first record
        QVERIFY2(w.statusText().contains("Inf in z_2(2), record "), qPrintable(w.statusText()));
        QCOMPARE(w.graph()->selection().layer, 2);
        QCOMPARE(w.graph()->selection().node, 2);
        QVERIFY(w.graph()->selection().isNode());
        QCOMPARE(w.inspector()->selection(), InspectorPanel::Selection::Node);
        QCOMPARE(w.inspector()->selectedLayer(), 2);
        QCOMPARE(w.inspector()->selectedNode(), 2);
        const QString text = w.inspector()->plainText();
        // Its equation with its inputs: z_2(2) = w_{2,0}(2) + Σ_j w_{2,j}(2)·x_j(1) = inf.
        QVERIFY2(text.contains("node 2 of layer 2 of 2"), qPrintable(text));
        QVERIFY2(text.contains("z2(2) = w2,0(2) + Σj w2,j(2)·xj(1) = 1e+308 + "), qPrintable(text));
        QVERIFY2(text.contains("+ 1e+308·1 = inf"), qPrintable(text));
        // Another selection after the pause stays: the origin is selected once.
        w.selectNode(1, 1);
        QTest::qWait(100);
        QCOMPARE(w.inspector()->selectedLayer(), 1);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(WindowBreakpointsTest)
#include "tst_ui_window_breakpoints.moc"
