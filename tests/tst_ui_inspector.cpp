// The inspector (formula panel) on the 2-2-2 hand network: the numbers in its
// equations are the engine's, values appear only once their phase has run, and
// the edge view shows the exact weight and its history.
#include "hand_network_snapshots.h"
#include "inspector/equation_html.h"
#include "inspector/inspector_panel.h"
#include "math/equation_text.h"
#include "math/explain.h"

#include "style/app_palette.h"
#include <QTextBrowser>

#include <QtTest>

using namespace bp;
using bp::test::SnapshotMaker;

namespace {
const Phase kForward1{Phase::Kind::Forward, 1};
const Phase kForward2{Phase::Kind::Forward, 2};
const Phase kLoss{Phase::Kind::Loss, 0};
const Phase kBackward2{Phase::Kind::Backward, 2};
const Phase kBackward1{Phase::Kind::Backward, 1};
const Phase kUpdate{Phase::Kind::Update, 0};

QString full(double v) {
    return QString::number(v, 'g', 15);
}

} // namespace

class InspectorTest : public QObject {
    Q_OBJECT

private slots:
    // The renderer walks the engine's terms: subscripts, powers, escaping and the
    // bracketed negative factor come from the term's kind, not from parsing text.
    void equationMarkup() {
        using namespace terms;
        QCOMPARE(termHtml(nodeSymbol("z", 1, 1)), QString("z<sub>1</sub>(1)"));
        QCOMPARE(termHtml(weightSymbol(1, 0, 1)), QString("w<sub>1,0</sub>(1)"));
        QCOMPARE(termHtml(nodeSymbol("δ", 2, 1)), QString("δ<sub>2</sub>(1)"));
        QCOMPARE(termHtml(group({symbol("Σ", {"j"}), word(" "),
                                 product({symbol("w", {"1", "j"}, 1), symbol("x", {"j"}, 0)})})),
                 QString("Σ<sub>j</sub> w<sub>1,j</sub>(1)·x<sub>j</sub>(0)"));
        QCOMPARE(termHtml(word("(1 if z > 0 else 0)")), QString("(1 if z &gt; 0 else 0)"));
        QCOMPARE(termHtml(power(word("e"), nodeSymbol("z", 1, 2))),
                 QString("e<sup>z<sub>1</sub>(2)</sup>"));
        QCOMPARE(termHtml(product({number(-0.25), number(0.5)})),
                 QString::fromStdString("(" + formatNumber(-0.25, 4) + ")·0.5"));
        QCOMPARE(termHtml(sum({number(1), number(2)}, 5)), QString("1 + 2 + … (5 terms)"));
        QCOMPARE(termHtml(partial(symbol("J"), weightSymbol(1, 2, 2))),
                 QString("∂J/∂w<sub>1,2</sub>(2)"));
    }

    // The result (the last side) in bold; the digits are the equation's.
    void equationHtmlBoldsTheResult() {
        using namespace terms;
        Equation e;
        e.sides = {nodeSymbol("x", 1, 1), group({word("g("), nodeSymbol("z", 1, 1), word(")")}),
                   number(0.593269992)};
        e.digits = 4;
        QCOMPARE(equationHtml(e),
                 QString("x<sub>1</sub>(1) = g(z<sub>1</sub>(1)) = <b>0.5933</b>"));
        e.firstRelation = "←";
        QVERIFY(equationHtml(e).startsWith("x<sub>1</sub>(1) ← g("));
    }

    // A node's notes are shown on lines of their own, as the engine wrote them.
    void notesShowBelowTheEquation() {
        SnapshotMaker maker;
        InspectorPanel panel;
        panel.showNode(2, 1);
        panel.setSnapshot(maker.stepThrough(kBackward2));
        const QString text = panel.plainText();
        QVERIFY2(text.contains("g' = x(1 − x)"), qPrintable(text));
        QVERIFY2(text.contains("sigmoid + mse: does not simplify to −(y − f)"), qPrintable(text));
        QVERIFY(!text.contains("   ("));
    }

    void recordWeightsBeforeTheUpdate() {
        SnapshotMaker maker;
        std::shared_ptr<const Snapshot> s = maker.stepThrough(kBackward1);
        QVERIFY(!s->progress.highlightsUpdate);
        QVERIFY(s->weightsBefore.empty());
        QVERIFY(networkOfRecord(*s) == s->network);
        s = maker.stepThrough(kUpdate);
        QVERIFY(s->progress.highlightsUpdate);
        // The weights the record's values were computed with, exactly as they were.
        const Network before = networkOfRecord(*s);
        QCOMPARE(before.layer(2).w(0, 1), 0.4);
        QCOMPARE(before.layer(1).w(1, 2), 0.3);
        QVERIFY(std::abs(s->network.layer(2).w(0, 1) - 0.35891648) < 1e-8);
    }

    void nodeShowsForwardNumbers() {
        SnapshotMaker maker;
        InspectorPanel panel;
        panel.showNode(1, 1);
        panel.setSnapshot(maker.stepThrough(kForward1));
        const QString text = panel.plainText();
        // z_1(1) = w_{1,0}(1) + Σ_j w_{1,j}(1)·x_j(0) = 0.35 + 0.15·0.05 + 0.2·0.1 = 0.3775
        QVERIFY2(text.contains("z1(1) = w1,0(1) + Σj w1,j(1)·xj(0) = 0.35 + 0.15·0.05 + 0.2·0.1 = "
                               "0.3775"),
                 qPrintable(text));
        QVERIFY(text.contains("x1(1) = g(z1(1)) = sigmoid(0.3775) = 0.5933"));
        QVERIFY(panel.html().contains("z<sub>1</sub>(1)"));
        // Nothing of the backward pass yet: said so, not shown stale.
        QVERIFY(text.contains("δ1(1): not yet computed in this record"));
        QVERIFY(text.contains("∂J/∂z1(1): not yet computed in this record"));
        QVERIFY(!text.contains("δ1(1) = Σ"));
        QVERIFY(!text.contains("∂J/∂w1,1(1) ="));
    }

    void layerNotReachedIsNotShown() {
        SnapshotMaker maker;
        maker.stepThrough(kUpdate); // one whole record: layer 2 holds its values now
        InspectorPanel panel;
        panel.showNode(2, 1);
        panel.setSnapshot(maker.step()); // the next record's forward 1 only
        const QString text = panel.plainText();
        QVERIFY(text.contains("z1(2), x1(2): not yet computed in this record"));
        QVERIFY(text.contains("J: not yet computed in this record"));
        QVERIFY(!text.contains("0.7514")); // the previous record's f_1, stale
    }

    void deltaAppearsWithItsPhase() {
        SnapshotMaker maker;
        InspectorPanel panel;
        panel.showNode(1, 1);
        panel.setSnapshot(maker.stepThrough(kLoss));
        QVERIFY(panel.plainText().contains("δ1(1): not yet computed in this record"));
        panel.showNode(2, 1);
        QString text = panel.plainText();
        // Output δ comes with the loss: δ_1(2) = ∂J/∂x_1(2) = −(y_1 − f_1).
        QVERIFY2(text.contains("δ1(2) = ∂J/∂x1(2) = −(y1 − f1) = −(0.01 − 0.7514) = 0.7414"),
                 qPrintable(text));
        QVERIFY(text.contains("[δ = ∂J/∂x, the seed's δ]"));
        QVERIFY(
            text.contains("J = ½ Σk (yk − fk)² = ½[(0.01 − 0.7514)² + (0.99 − 0.7729)²] = 0.2984"));
        QVERIFY(text.contains("∂J/∂z1(2): not yet computed in this record"));

        panel.setSnapshot(maker.stepThrough(kBackward2));
        text = panel.plainText();
        QVERIFY2(text.contains("∂J/∂z1(2) = δ1(2)·∂x1(2)/∂z1(2) = 0.7414·0.1868 = 0.1385"),
                 qPrintable(text));
        QVERIFY(text.contains("[∂J/∂z, the textbooks' “δ”]"));
        // Sigmoid + squared error: the simplification −(y − f) does not hold.
        QVERIFY(text.contains("does NOT hold here (sigmoid output with mse)"));
        QVERIFY(text.contains("∂J/∂w1,1(2) = ∂J/∂z1(2)·x1(1) = 0.1385·0.5933 = 0.08217"));
        panel.showNode(1, 1);
        QVERIFY(panel.plainText().contains("δ1(1): not yet computed in this record"));

        panel.setSnapshot(maker.stepThrough(kBackward1));
        text = panel.plainText();
        QVERIFY2(
            text.contains("δ1(1) = Σl ∂J/∂zl(2)·wl,1(2) = 0.1385·0.4 + (-0.0381)·0.5 = 0.03635"),
            qPrintable(text));
        QVERIFY(text.contains("∂J/∂z1(1) = δ1(1)·∂x1(1)/∂z1(1) = 0.03635·0.2413 = 0.008771"));
        QVERIFY(text.contains("∂J/∂w1,1(1) = ∂J/∂z1(1)·x1(0) = 0.008771·0.05 = 0.0004386"));
        QVERIFY(text.contains("The update of w1,j(1): not yet computed in this record (it is the "
                              "next phase)"));
    }

    void updateShowsBeforeAndAfter() {
        SnapshotMaker maker;
        InspectorPanel panel;
        panel.showNode(1, 1);
        panel.setSnapshot(maker.stepThrough(kUpdate));
        const QString text = panel.plainText();
        // The record's equations keep the weights it was computed with (before = after − Δw) …
        QVERIFY2(text.contains("= 0.35 + 0.15·0.05 + 0.2·0.1 = 0.3775"), qPrintable(text));
        // … and the update goes from them to the new ones: 0.15 − 0.5·0.0004386 = 0.1498.
        QVERIFY(text.contains("w1,1(1) ← w − a·∂J/∂w = 0.15 − 0.5·0.0004386 = 0.1498"));
        QVERIFY(text.contains("a = 0.5"));
        QVERIFY(std::abs(maker.run().network().layer(1).w(0, 1) - 0.149780716) < 1e-9);
    }

    void momentumSaysTheStepUsesV() {
        SnapshotMaker maker;
        Hyper h = maker.run().hyper();
        h.momentum = 0.9;
        maker.run().setHyper(h);
        InspectorPanel panel;
        panel.showEdge(2, 1, 1);
        panel.setSnapshot(maker.stepThrough(kUpdate));
        panel.setSnapshot(maker.stepThrough(kUpdate)); // v = 0.9·v + g: no longer this g
        const QString text = panel.plainText();
        QVERIFY2(text.contains("momentum μ = 0.9: v ← μ·v + g, w ← w − a·v, so the factor after "
                               "a· is v"),
                 qPrintable(text));
        // The line still adds up: before − a·v = after, with v read back from Δw = −a·v.
        const std::shared_ptr<const Snapshot> s = maker.snapshot();
        const double after = s->network.layer(2).w(0, 1);
        const double dw = s->lastUpdate[1](0, 1);
        const double v = -dw / 0.5;
        QVERIFY(std::abs(v - s->values.layer(2).dJdw(0, 1)) > 1e-3); // v is not this record's g
        QVERIFY(text.contains(
            QString::fromStdString(equationText(explainUpdate(2, 1, 1, after - dw, 0.5, v, after)))
                .replace("_{1,1}", "1,1")));
    }

    void crossEntropySimplificationHolds() {
        SnapshotMaker maker(bp::test::handNetwork(Loss::CrossEntropy));
        InspectorPanel panel;
        panel.showNode(2, 2);
        panel.setSnapshot(maker.stepThrough(kBackward2));
        const QString text = panel.plainText();
        QVERIFY2(
            text.contains("∂J/∂z(L) = −(y − f) holds here (sigmoid output with cross_entropy)"),
            qPrintable(text));
        // ∂J/∂z_2(2) = −(y_2 − f_2) = −(0.99 − 0.7729) = −0.2171
        QVERIFY(text.contains("∂J/∂z2(2) = −(y2 − f2) = −(0.99 − 0.7729) = -0.2171"));
    }

    void edgeShowsExactWeightAndHistory() {
        SnapshotMaker maker;
        InspectorPanel panel;
        panel.setSnapshot(maker.snapshot());
        panel.showEdge(2, 1, 1); // w_{1,1}(2), "w5" of the published example
        QCOMPARE(panel.selection(), InspectorPanel::Selection::Edge);
        QString text = panel.plainText();
        QVERIFY2(text.contains("w1,1(2) = 0.4 now"), qPrintable(text));
        QVERIFY(text.contains("full precision: 0.4"));
        QVERIFY(text.contains("∂J/∂w1,1(2): not yet computed in this record"));

        panel.setSnapshot(maker.stepThrough(kBackward2));
        QVERIFY(
            panel.plainText().contains("∂J/∂w1,1(2) = ∂J/∂z1(2)·x1(1) = 0.1385·0.5933 = 0.08217"));

        panel.setSnapshot(maker.stepThrough(kUpdate));
        text = panel.plainText();
        const double after = maker.run().network().layer(2).w(0, 1);
        QVERIFY(std::abs(after - 0.35891648) < 1e-8); // the published w5⁺
        QVERIFY2(text.contains("w1,1(2) = 0.3589 now"), qPrintable(text));
        QVERIFY(text.contains("full precision: " + full(after)));
        QVERIFY(text.contains("w1,1(2) ← w − a·∂J/∂w = 0.4 − 0.5·0.08217 = 0.3589"));
        QVERIFY(text.contains("Δw = -0.04108"));

        // History: (recordsTrained, w) — 0.4 before the record, the new value after.
        const QVector<QPointF> history = panel.edgeHistory();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history[0], QPointF(0, 0.4));
        QCOMPARE(history[1], QPointF(1, after));
        for (int n = 0; n < 3; ++n)
            panel.setSnapshot(maker.stepThrough(kUpdate));
        QCOMPARE(panel.edgeHistory().size(), 5);
        QCOMPARE(panel.edgeHistory().back().y(), maker.run().network().layer(2).w(0, 1));
    }

    void historyIsBoundedAndForgetsTheFuture() {
        WeightHistory history(3, 2);
        history.watch({1, 1, 0});
        SnapshotMaker maker;
        for (int n = 0; n < 5; ++n) {
            history.record(*maker.stepThrough(kUpdate));
        }
        QCOMPARE(history.points({1, 1, 0}).size(), 3); // capacity
        QCOMPARE(history.points({1, 1, 0}).back().x(), 5.0);
        // A snapshot from earlier (step back): later points go.
        auto earlier = std::make_shared<Snapshot>(*maker.snapshot());
        earlier->recordsTrained = 4;
        history.record(*earlier);
        QCOMPARE(history.points({1, 1, 0}).back().x(), 4.0);
        // Watching more edges than allowed drops the oldest.
        history.watch({2, 1, 1});
        history.watch({2, 2, 2});
        QVERIFY(!history.isWatched({1, 1, 0}));
        QVERIFY(history.isWatched({2, 2, 2}));
    }

    void inputNodeAndInvalidSelection() {
        SnapshotMaker maker;
        InspectorPanel panel;
        panel.setSnapshot(maker.stepThrough(kForward1));
        panel.showNode(0, 2);
        QVERIFY(panel.plainText().contains("x2(0) = 0.1"));
        panel.showNode(3, 1);
        QVERIFY(panel.plainText().contains("There is no node 1 in layer 3"));
        panel.showEdge(1, 1, 3);
        QVERIFY(panel.plainText().contains("There is no weight"));
    }

    void presentationModeEnlargesText() {
        InspectorPanel panel;
        SnapshotMaker maker;
        panel.setSnapshot(maker.stepThrough(kForward1));
        panel.showNode(1, 1);
        const QTextBrowser* browser = panel.findChild<QTextBrowser*>();
        QVERIFY(browser);
        const qreal normal = browser->document()->defaultFont().pointSizeF();
        panel.setPresentationMode(true);
        QVERIFY(browser->document()->defaultFont().pointSizeF() > normal * 1.4);
        QVERIFY(panel.plainText().contains("0.3775"));
    }

    void screenshot() {
        // A realistic view, saved when BP_SCREENSHOT_DIR is set (docs/screenshots/).
        SnapshotMaker maker;
        InspectorPanel panel;
        panel.resize(780, 560);
        panel.showNode(1, 1);
        panel.setSnapshot(maker.stepThrough(kUpdate));
        const QImage node = panel.grab().toImage();
        QVERIFY(!node.isNull());
        panel.showEdge(2, 1, 1);
        for (int n = 0; n < 40; ++n)
            panel.setSnapshot(maker.stepThrough(kUpdate));
        panel.resize(760, 620);
        const QImage edge = panel.grab().toImage();
        QVERIFY(!edge.isNull());
        // The output node half-way through the backward pass, in presentation mode.
        SnapshotMaker fresh;
        panel.showNode(2, 1);
        panel.setSnapshot(fresh.stepThrough(kBackward2));
        panel.setPresentationMode(true);
        panel.resize(1100, 760);
        const QImage output = panel.grab().toImage();
        const QString dir = qEnvironmentVariable("BP_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QVERIFY(node.save(dir + "/inspector.png"));
            QVERIFY(edge.save(dir + "/inspector-edge.png"));
            QVERIFY(output.save(dir + "/inspector-presentation.png"));
            panel.setPalette(darkPalette());
            panel.setPresentationMode(false);
            panel.resize(780, 560);
            QVERIFY(panel.grab().save(dir + "/inspector-dark.png"));
        }
    }
};

QTEST_MAIN(InspectorTest)
#include "tst_ui_inspector.moc"
