// The What-if dock in the real MainWindow (offscreen), on the iris preset: an edge
// clicked in the graph is the weight edited; the dock's "now" and "what if" columns are
// checked against a fresh forward pass of a copy of the snapshot's network with the
// weight set (by the test, not by the dock), the training set's J against metrics'
// evaluate of that copy, the loss slice at the trained weight against the training
// set's loss; Undo returns to the trained value; the run's weights are never changed;
// editing while training runs pauses it; Keep in run sets the weight in the run.
#include "graph/network_view.h"
#include "math/backprop.h"
#include "math/metrics.h"
#include "session/training_session.h"
#include "style/screen_text.h"
#include "whatif/loss_slice_chart.h"
#include "whatif/what_if_panel.h"
#include "window/main_window.h"

#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

using namespace bp;

namespace {

// The record `input`, `target` through `net` with forward and the loss phase.
RecordValues fresh(const Network& net, const Vector& input, const Vector& target) {
    RecordValues v;
    prepare(net, v);
    v.input = input;
    v.target = target;
    forward(net, v);
    computeLoss(net, v);
    return v;
}

// The table row whose first cell is `name` (−1: none).
int rowOf(QTableWidget* t, const QString& name) {
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, 0)->text() == name)
            return r;
    return -1;
}

QString nodeName(const char* q, int i, int k) {
    return QString::fromLatin1(q) + subscript(i) + "(" + QString::number(k) + ")";
}

} // namespace

class WindowWhatIfTest : public QObject {
    Q_OBJECT

private:
    // The iris preset, the What-if dock raised, three records stepped.
    void open(MainWindow& w) {
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("iris"));
        QTRY_VERIFY(w.snapshot());
        w.whatIfDock()->show();
        w.whatIfDock()->raise();
        for (int r = 0; r < 3; ++r)
            QVERIFY(w.waitForTicket(w.stepRecord()));
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void editShowsTheEnginesValuesAndUndo() {
        MainWindow w;
        open(w);
        WhatIfPanel* panel = w.whatIfPanel();
        QSignalSpy slices(panel, &WhatIfPanel::sliceReady);
        emit w.graph()->edgeClicked(2, 3, 5); // w_{3,5}(2): hidden node 5 to output 3
        QVERIFY(panel->target());
        QCOMPARE(*panel->target(), (WhatIfTarget{2, 3, 5}));
        const auto s = w.snapshot();
        const Network trainedNet = s->network;
        const Dataset& train = *w.prepared().train;
        const double trained = trainedNet.layer(2).w(2, 5);
        QCOMPARE(panel->valueBox()->value(), std::round(trained * 1e6) / 1e6);

        // The slice through the trained weight is the training set's loss.
        QTRY_VERIFY_WITH_TIMEOUT(panel->slice().has_value(), 10000);
        const LossSlice& slice = *panel->slice();
        QCOMPARE(slice.loss.size(), std::size_t(41));
        QCOMPARE(slice.values[20], trained);
        const double trainJ = evaluate(trainedNet, train).loss;
        QCOMPARE(slice.loss[20], trainJ);
        QCOMPARE(panel->sliceChart()->pointCount(), 41);
        QTRY_VERIFY(panel->trainingLossBefore().has_value());
        QCOMPARE(*panel->trainingLossBefore(), trainJ);

        // Edit: the spin box as the user sets it.
        const double edited = trained + 0.75;
        panel->valueBox()->setValue(edited);
        QVERIFY(panel->hasEdit());
        const Vector& input = s->values.input;
        const Vector& target = s->values.target;
        Network copy = trainedNet;
        copy.layer(2).w(2, 5) = panel->valueBox()->value(); // what the box holds
        const RecordValues before = fresh(trainedNet, input, target);
        const RecordValues after = fresh(copy, input, target);
        QTableWidget* t = panel->table();
        for (int i = 1; i <= 3; ++i) {
            const int zr = rowOf(t, nodeName("z", i, 2));
            const int xr = rowOf(t, nodeName("x", i, 2));
            QVERIFY(zr >= 0 && xr >= 0);
            QCOMPARE(t->item(zr, 1)->text(), screenNumber(before.layer(2).z(i - 1), 6));
            QCOMPARE(t->item(zr, 2)->text(), screenNumber(after.layer(2).z(i - 1), 6));
            QCOMPARE(t->item(xr, 2)->text(), screenNumber(after.layer(2).x(i - 1), 6));
        }
        // Only output 3 sees w_{3,5}(2); the hidden layer does not change.
        QCOMPARE(panel->result()->after.layer(2).z(2), after.layer(2).z(2));
        QCOMPARE(panel->result()->after.layer(1).z, before.layer(1).z);
        QCOMPARE(panel->result()->after.layer(2).z(0), before.layer(2).z(0));
        const int jr = rowOf(t, "J of the record");
        QCOMPARE(t->item(jr, 1)->text(), screenNumber(before.loss, 6));
        QCOMPARE(t->item(jr, 2)->text(), screenNumber(after.loss, 6));
        QTRY_VERIFY_WITH_TIMEOUT(panel->trainingLossAfter().has_value(), 10000);
        const double trainAfter = evaluate(copy, train).loss;
        QCOMPARE(*panel->trainingLossAfter(), trainAfter);
        QCOMPARE(*panel->trainingLossBefore(), trainJ);
        QCOMPARE(t->item(0, 2)->text(), screenNumber(trainAfter, 6));
        QCOMPARE(t->item(0, 0)->text(), QString("J, training set"));
        // The run keeps its weights: the what-if is the dock's only.
        QCOMPARE(w.session()->latestSnapshot()->network, trainedNet);

        // Undo: back to the trained value, "what if" equals "now".
        auto* undo = panel->findChild<QPushButton*>();
        QVERIFY(undo && undo->text() == "Undo");
        QTest::mouseClick(undo, Qt::LeftButton);
        QVERIFY(!panel->hasEdit());
        QCOMPARE(panel->result()->valueAfter, trained);
        QCOMPARE(t->item(jr, 2)->text(), screenNumber(before.loss, 6));
        QTRY_VERIFY(panel->trainingLossAfter().has_value());
        QCOMPARE(*panel->trainingLossAfter(), trainJ);
    }

    // A bias (a node clicked) and an input (an input node clicked).
    void biasAndInput() {
        MainWindow w;
        open(w);
        WhatIfPanel* panel = w.whatIfPanel();
        const auto s = w.snapshot();
        emit w.graph()->nodeClicked(1, 2); // the bias w_{2,0}(1)
        QCOMPARE(*panel->target(), (WhatIfTarget{1, 2, 0}));
        panel->setValue(-0.5);
        Network copy = s->network;
        copy.layer(1).w(1, 0) = -0.5;
        const RecordValues after = fresh(copy, s->values.input, s->values.target);
        QCOMPARE(panel->result()->after.loss, after.loss);
        QCOMPARE(panel->result()->after.layer(1).z(1), after.layer(1).z(1));

        emit w.graph()->nodeClicked(0, 3); // the input x_3(0)
        QVERIFY(panel->target()->isInput());
        QVERIFY(!panel->hasEdit()); // a new target starts from its own value
        panel->setValue(2.0);
        Vector input = s->values.input;
        input(2) = 2.0;
        const RecordValues moved = fresh(s->network, input, s->values.target);
        QCOMPARE(panel->result()->after.loss, moved.loss);
        const int xr = rowOf(panel->table(), nodeName("x", 3, 0));
        QVERIFY(xr >= 0);
        QCOMPARE(panel->table()->item(xr, 2)->text(), screenNumber(2.0, 6));
        // The training set's records are not edited: its J stays.
        QTRY_VERIFY(panel->trainingLossAfter().has_value());
        QCOMPARE(*panel->trainingLossAfter(), evaluate(s->network, *w.prepared().train).loss);
    }

    // Two weights: the heatmap's grid passes through the trained point, and its path is
    // the weights at every record start trained, from the session's history.
    void twoWeights() {
        MainWindow w;
        open(w);
        WhatIfPanel* panel = w.whatIfPanel();
        const Network start = w.prepared().network; // what the setup trained from
        for (int r = 0; r < 6; ++r)                 // nine records trained in all
            QVERIFY(w.waitForTicket(w.stepRecord()));
        emit w.graph()->edgeClicked(1, 1, 1);
        emit w.graph()->edgeClicked(2, 2, 1);
        panel->setTwoWeights(true);
        QTRY_VERIFY_WITH_TIMEOUT(panel->grid().has_value(), 20000);
        const LossGrid& g = *panel->grid();
        QCOMPARE(g.weight, (WhatIfTarget{2, 2, 1}));
        QCOMPARE(g.weight2, (WhatIfTarget{1, 1, 1}));
        const auto s = w.snapshot();
        QCOMPARE(g.at(10, 10), evaluate(s->network, *w.prepared().train).loss);
        Network copy = s->network;
        copy.layer(2).w(1, 1) = g.values[0];
        copy.layer(1).w(0, 1) = g.values2[20];
        QCOMPARE(g.at(0, 20), evaluate(copy, *w.prepared().train).loss);
        // The path: ten record starts (the setup's and one after each record), the first
        // at the weights training started from and the last at those on screen.
        QTRY_VERIFY(panel->weightPath() != nullptr);
        const WeightPath& path = *panel->weightPath();
        QCOMPARE(path.first, (WhatIfTarget{2, 2, 1}));
        QCOMPARE(path.a.size(), std::size_t(10));
        QCOMPARE(path.records.front(), 0L);
        QCOMPARE(path.records.back(), 9L);
        QCOMPARE(path.a.front(), start.layer(2).w(1, 1));
        QCOMPARE(path.b.front(), start.layer(1).w(0, 1));
        QCOMPARE(path.a.back(), s->network.layer(2).w(1, 1));
        QCOMPARE(path.b.back(), s->network.layer(1).w(0, 1));
        QVERIFY(path.a.front() != path.a.back());
    }

    // Keep in run, mid-record: the weight is set in the run at the record's start (the
    // snapshot the graph draws has it), the record's forward pass then uses it (z(2) as a
    // fresh forward pass with that weight gives it), Back one phase before it undoes it
    // and stepping again replays it, bit for bit.
    void keepInRun() {
        MainWindow w;
        open(w);
        WhatIfPanel* panel = w.whatIfPanel();
        const auto atStart = w.snapshot(); // the start of the 4th record
        const Network trainedNet = atStart->network;
        QVERIFY(w.waitForTicket(w.stepPhase()));
        QVERIFY(w.waitForTicket(w.stepPhase())); // forward 1 and 2 of the 4th record
        emit w.graph()->edgeClicked(2, 1, 1);    // w_{1,1}(2)
        QVERIFY(!panel->keepButton()->isEnabled());
        panel->valueBox()->setValue(1.25);
        QVERIFY(panel->keepButton()->isEnabled());
        QTest::mouseClick(panel->keepButton(), Qt::LeftButton);
        QTRY_COMPARE(w.snapshot()->network.layer(2).w(0, 1), 1.25);
        Network edited = trainedNet;
        edited.layer(2).w(0, 1) = 1.25;
        QCOMPARE(w.snapshot()->network, edited); // nothing else changed
        QCOMPARE(w.snapshot()->time, atStart->time);
        QCOMPARE(w.snapshot()->recordsTrained, 3L);
        QVERIFY(!panel->hasEdit()); // the dock's trained value is the run's now
        QCOMPARE(panel->result()->valueBefore, 1.25);
        QVERIFY(!panel->keepButton()->isEnabled());

        const int L = edited.depth();
        for (int k = 0; k < L; ++k)
            QVERIFY(w.waitForTicket(w.stepPhase()));
        const auto forwardDone = w.snapshot();
        const RecordValues expected =
            fresh(edited, forwardDone->values.input, forwardDone->values.target);
        QCOMPARE(forwardDone->values.layer(2).z, expected.layer(2).z);
        QCOMPARE(forwardDone->values.layer(2).x, expected.layer(2).x);

        for (int k = 0; k < L + 1; ++k) // back over forward 1..L and the edit's record start
            QVERIFY(w.waitForTicket(w.session()->stepBack(StepUnit::Phase)));
        QCOMPARE(w.snapshot()->time, atStart->time - 1); // before the 3rd record's update
        QVERIFY(w.snapshot()->network.layer(2).w(0, 1) != 1.25);
        QVERIFY(w.waitForTicket(w.stepPhase())); // the update, then the logged edit
        QCOMPARE(w.snapshot()->network, edited);
    }

    // An edit while training runs pauses it; the edit stays.
    void editingPausesTraining() {
        MainWindow w;
        open(w);
        WhatIfPanel* panel = w.whatIfPanel();
        emit w.graph()->edgeClicked(2, 1, 1);
        w.session()->run();
        QTRY_VERIFY(w.snapshot()->running);
        panel->setValue(1.25);
        QTRY_VERIFY_WITH_TIMEOUT(!w.snapshot()->running, 10000);
        QVERIFY(panel->hasEdit());
        QCOMPARE(panel->result()->valueAfter, 1.25);
        // The what-if is of the weights training paused with.
        QCOMPARE(panel->result()->valueBefore, w.snapshot()->network.layer(2).w(0, 1));
        // Kept, and training runs on from it at full speed, then pauses again.
        QVERIFY(panel->keep());
        QTRY_COMPARE(w.snapshot()->network.layer(2).w(0, 1), 1.25);
        const long kept = w.snapshot()->recordsTrained;
        w.session()->run();
        QTRY_VERIFY(w.snapshot()->running);
        QTest::qWait(1500);
        w.session()->pause();
        QTRY_VERIFY_WITH_TIMEOUT(!w.snapshot()->running, 10000);
        QVERIFY(w.snapshot()->recordsTrained > kept + 100);
        QVERIFY(w.snapshot()->network.layer(2).w(0, 1) != 1.25); // trained on from it
    }
};

QTEST_MAIN(WindowWhatIfTest)
#include "tst_ui_window_whatif.moc"
