// What the real MainWindow (offscreen) shows is true after every command: a rewind
// and replay gives the charts of the run that never rewound, a jump puts the record
// jumped to in every view before any step, a record is named one way everywhere.
// Each test performs the command as a user does (keys, dialogs, docks) and asserts
// what the views show, against the engine run beside the window where it computes.
#include "loss_chart_panel.h"
#include "main_window.h"
#include "network_view.h"
#include "training_session.h"

#include <QApplication>
#include <QLineSeries>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>
#include <QtTest>

// (Built against the code before the fixes too, to see each test fail there.)
#if __has_include("jump_dialog.h")
#include "jump_dialog.h"
#define BP_HAS_JUMP_DIALOG 1
#endif

using namespace bp;

namespace {

// Presses a key and waits until the snapshot it produces is on screen.
void press(MainWindow& w, int key, Qt::KeyboardModifiers mods = Qt::NoModifier) {
    const quint64 before = w.snapshot() ? w.snapshot()->serial : 0;
    QTest::keyClick(&w, static_cast<Qt::Key>(key), mods);
    QVERIFY(QTest::qWaitFor([&] { return w.snapshot() && w.snapshot()->serial != before; }, 5000));
}

QVector<QPointF> smoothedLine(MainWindow& w) {
    w.lossChart()->redrawNow();
    return w.lossChart()->recordLossSeries()->points();
}

void openXor(MainWindow& w) {
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.loadPreset("xor"));
    QTRY_VERIFY(w.snapshot());
}

} // namespace

class WindowTruthTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    // Defect 1: Reset, F10 ×6, Shift+F10 ×3, F10 ×3 gives the chart of F10 ×6.
    void rewindAndReplayKeepTheChart() {
        MainWindow w;
        openXor(w);
        press(w, Qt::Key_R, Qt::ControlModifier);
        for (int i = 0; i < 6; ++i)
            press(w, Qt::Key_F10);
        const QVector<QPointF> straight = smoothedLine(w);
        QCOMPARE(straight.size(), 6);
        QCOMPARE(straight.front().x(), 0.0); // the first record's loss, at record 0
        for (int i = 0; i < 3; ++i)
            press(w, Qt::Key_F10, Qt::ShiftModifier);
        QCOMPARE(smoothedLine(w), straight.mid(0, 3));
        for (int i = 0; i < 3; ++i)
            press(w, Qt::Key_F10);
        QCOMPARE(smoothedLine(w), straight);
    }

    // Defect 1: stepping back by phase over a record's loss phase and forward again.
    void phaseRewindOverTheLossKeepsItsPoint() {
        MainWindow w;
        openXor(w); // 2-4-1: forward 1, forward 2, loss, backward 2, backward 1, update
        press(w, Qt::Key_R, Qt::ControlModifier);
        press(w, Qt::Key_F10);
        press(w, Qt::Key_F10);
        const QVector<QPointF> two = smoothedLine(w);
        QCOMPARE(two.size(), 2);
        press(w, Qt::Key_R, Qt::ControlModifier);
        for (int i = 0; i < 5; ++i) // record 0 up to backward 1: its loss is on the timeline
            press(w, Qt::Key_F11);
        QCOMPARE(smoothedLine(w).size(), 1);
        press(w, Qt::Key_F11, Qt::ShiftModifier); // back to backward 2: the loss stays
        QCOMPARE(smoothedLine(w), two.mid(0, 1));
        press(w, Qt::Key_F11, Qt::ShiftModifier);
        press(w, Qt::Key_F11, Qt::ShiftModifier); // back before the loss: it goes
        QCOMPARE(smoothedLine(w).size(), 0);
        for (int i = 0; i < 4; ++i) // loss, backward 2, backward 1, update
            press(w, Qt::Key_F11);
        QCOMPARE(smoothedLine(w), two.mid(0, 1));
        press(w, Qt::Key_F10);
        QCOMPARE(smoothedLine(w), two);
    }

    // Defect 2: a jump mid-record shows the record jumped to in every view at once.
    void jumpShowsTheRecordJumpedTo() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("circle"));
        QTRY_VERIFY(w.snapshot());
        press(w, Qt::Key_F10);
        press(w, Qt::Key_F11); // forward 1 of the second record
        const long abandoned = w.snapshot()->recordIndex;
        const long target = w.snapshot()->recordsPerEpoch > 7 ? 7 : 1;
        const long targetIndex =
            static_cast<long>(w.prepared().train ? target : 0); // a dataset index
        QVERIFY(targetIndex != abandoned);
        const quint64 serial = w.snapshot()->serial;
        w.session()->jumpToDatasetRecord(targetIndex);
        QTRY_VERIFY(w.snapshot()->serial != serial && w.snapshot()->nextRecordIndex == targetIndex);
        const Snapshot& s = *w.snapshot();
        QCOMPARE(s.recordIndex, targetIndex); // the record shown is the one jumped to
        QVERIFY(!s.hasPhase);                 // nothing of it computed yet
        // x(0) is that record's, from the dataset the engine trains on.
        const Dataset& train = *w.prepared().train;
        for (Eigen::Index i = 0; i < train.inputSize(); ++i)
            QCOMPARE(s.values.input(i), train.inputs(i, targetIndex));
        QTRY_COMPARE(w.graph()->snapshot()->recordIndex, targetIndex);
        const QString status = w.statusText();
        QVERIFY2(status.contains(QString("record %1 ").arg(targetIndex)), qPrintable(status));
        QVERIFY2(status.contains("next phase: forward 1"), qPrintable(status));
        QVERIFY2(!status.contains(QString("record %1 ").arg(abandoned)), qPrintable(status));
        // F11 now runs forward 1 of that record.
        press(w, Qt::Key_F11);
        QCOMPARE(w.snapshot()->recordIndex, targetIndex);
        QVERIFY(w.snapshot()->hasPhase);
    }

#ifdef BP_HAS_JUMP_DIALOG
    // Defect 3: Ctrl+J takes the record index the window shows, or a 1-based place in
    // this epoch, labelled as such.
    void jumpDialogTakesTheIndexOnScreen() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("circle"));
        QTRY_VERIFY(w.snapshot());
        press(w, Qt::Key_F10);
        const Snapshot before = *w.snapshot();
        // The record at place 4 of this epoch's order (1-based), by its index.
        const long wanted = w.snapshot()->nextRecordIndex == 17 ? 18 : 17;
        bool filled = false;
        QTimer::singleShot(0, [&] {
            auto* d = qobject_cast<JumpDialog*>(QApplication::activeModalWidget());
            if (!d)
                return;
            filled = d->labelText().contains("record index", Qt::CaseInsensitive);
            d->setRecordIndex(wanted);
            d->accept();
        });
        const quint64 serial = before.serial;
        QTest::keyClick(&w, Qt::Key_J, Qt::ControlModifier);
        QVERIFY(filled);
        QTRY_VERIFY(w.snapshot()->serial != serial);
        QCOMPARE(w.snapshot()->recordIndex, wanted);
        QCOMPARE(w.snapshot()->nextRecordIndex, wanted);

        // By place in this epoch: place 4 is order()[3].
        filled = false;
        QTimer::singleShot(0, [&] {
            auto* d = qobject_cast<JumpDialog*>(QApplication::activeModalWidget());
            if (!d)
                return;
            d->setPlace(4);
            filled = true;
            d->accept();
        });
        const quint64 serial2 = w.snapshot()->serial;
        QTest::keyClick(&w, Qt::Key_J, Qt::ControlModifier);
        QVERIFY(filled);
        QTRY_VERIFY(w.snapshot()->serial != serial2);
        QCOMPARE(w.snapshot()->position, 3L);
        const QString status = w.statusText();
        QVERIFY2(status.contains("(no. 4 of"), qPrintable(status));
    }

#endif

    // Defect 3: after an epoch step the status bar names the epoch the record shown
    // belongs to, and its place in that epoch.
    void statusAfterAnEpochIsUnambiguous() {
        MainWindow w;
        openXor(w);
        press(w, Qt::Key_R, Qt::ControlModifier);
        const quint64 serial = w.snapshot()->serial;
        w.session()->stepEpoch();
        QTRY_VERIFY(w.snapshot()->serial != serial && w.snapshot()->epoch == 1);
        const QString status = w.statusText();
        QVERIFY2(status.contains("epoch 1,") || status.startsWith("epoch 1 "), qPrintable(status));
        const long n = w.snapshot()->recordsPerEpoch;
        QVERIFY2(status.contains(QString("(no. %1 of %1 in epoch 1)").arg(n)), qPrintable(status));
        QVERIFY2(status.contains("next: epoch 2, no. 1"), qPrintable(status));
    }
};

QTEST_MAIN(WindowTruthTest)
#include "tst_ui_window_truth.moc"
