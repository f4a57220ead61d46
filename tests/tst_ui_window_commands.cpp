// The real MainWindow (offscreen), driven by the keys and buttons a user presses:
// F11, Shift+F11, F10, Ctrl+R; a CSV opened through the Dataset dock's Load button
// (read on a worker thread); a new architecture through Apply; the gradient check
// (Ctrl+G) of a 784-128-10 net, which runs off the GUI thread and can be cancelled;
// the step trace and the chart exports. Each test asserts what the window shows: the
// status bar, the graph's snapshot, the chart's series, the files written.
#include "charts/loss_chart_panel.h"
#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "math/explain.h"
#include "math/training.h"
#include "panels/architecture_panel.h"
#include "panels/dataset_panel.h"
#include "session/training_session.h"
#include "window/main_window.h"
#include "window/window_probe.h"

#include <QFile>
#include <QLineSeries>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>
#include <QValueAxis>

using namespace bp;

namespace {

QPushButton* button(QWidget* in, const QString& textStart) {
    for (QPushButton* b : in->findChildren<QPushButton*>())
        if (b->text().startsWith(textStart))
            return b;
    return nullptr;
}

// The window's status once the snapshot for the key just pressed is on screen.
QString statusAfter(MainWindow& w, int key, Qt::KeyboardModifiers mods = Qt::NoModifier) {
    const quint64 before = w.snapshot() ? w.snapshot()->serial : 0;
    QTest::keyClick(&w, static_cast<Qt::Key>(key), mods);
    if (!QTest::qWaitFor([&] { return w.snapshot() && w.snapshot()->serial != before; }, 5000))
        qWarning("no snapshot within 5 s");
    return w.statusText();
}

QString number6(double v) {
    return QString::fromStdString(formatNumber(v, 6));
}

} // namespace

class WindowCommandsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }

    void stepKeysShowTheEnginesNumbers() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("xor"));
        QTRY_VERIFY(w.snapshot());
        // The same run in the engine, beside the window: the numbers it must show.
        const PreparedExperiment& p = w.prepared();
        TrainingRun core(p.network, p.train, p.experiment.hyper, p.schedule);

        QVERIFY(statusAfter(w, Qt::Key_F11).contains("last phase: forward 1 · next: forward 2"));
        core.stepPhase();
        QVERIFY(statusAfter(w, Qt::Key_F11).contains("last phase: forward 2 · next: loss"));
        core.stepPhase();
        const QString afterLoss = statusAfter(w, Qt::Key_F11);
        core.stepPhase();
        QVERIFY2(afterLoss.contains("last phase: loss"), qPrintable(afterLoss));
        QVERIFY2(afterLoss.contains("J = " + number6(core.values().loss)), qPrintable(afterLoss));
        QCOMPARE(w.graph()->snapshot()->values.loss, core.values().loss); // the graph's too
        QCOMPARE(w.graph()->snapshot()->values.layers[0].x, core.values().layers[0].x);

        // Shift+F11: back before the loss phase; F11 again: the same J.
        QVERIFY(statusAfter(w, Qt::Key_F11, Qt::ShiftModifier).contains("last phase: forward 2"));
        QVERIFY(statusAfter(w, Qt::Key_F11).contains("J = " + number6(core.values().loss)));

        // F10: the rest of the record, its update included.
        const QString afterRecord = statusAfter(w, Qt::Key_F10);
        QVERIFY2(afterRecord.contains("last phase: update"), qPrintable(afterRecord));
        while (!core.stepPhase().recordDone) {
        }
        QCOMPARE(w.snapshot()->network.layer(1).w, core.network().layer(1).w);
        QCOMPARE(w.graph()->snapshot()->network.layer(2).w, core.network().layer(2).w);
        w.lossChart()->redrawNow();
        QCOMPARE(w.lossChart()->recordLossSeries()->count(), 1);

        // Ctrl+R: the initial weights again, no record, an empty chart.
        const QString reset = statusAfter(w, Qt::Key_R, Qt::ControlModifier);
        QVERIFY2(reset.contains("no record yet"), qPrintable(reset));
        QCOMPARE(w.snapshot()->network.layer(1).w, p.network.layer(1).w);
        w.lossChart()->redrawNow();
        QCOMPARE(w.lossChart()->recordLossSeries()->count(), 0);
    }

    void runWithAWeightSelected() {
        // A weight selected in the graph, then F5: its history chart follows millions of
        // records with a handful of ticks (it once kept the 0..1 interval for the new
        // range: 8 million ticks, and the window froze).
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("digits"));
        QTRY_VERIFY(w.snapshot() && w.snapshot()->network.inputSize == 64); // 64-32-10 on screen
        emit w.graph()->edgeClicked(2, 5, 1);
        QCOMPARE(w.inspector()->selection(), InspectorPanel::Selection::Edge);
        LatenessProbe lateness;
        lateness.start();
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY(w.snapshot()->running);
        QTest::qWait(2000);
        QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!w.snapshot()->running, 2000);
        lateness.stop();
        QVERIFY(w.snapshot()->recordsTrained > 10000);
        // The freeze this guards against held the event loop for seconds; 2 s of samples
        // make p99 one hiccup of a shared host (458 ms once, with a compiler running
        // beside the test), so the bound only catches a freeze. The 50 ms responsiveness
        // target is tst_ui_window_run's, over 20 s per case.
        const double p99 = lateness.percentile(0.99);
        QVERIFY2(p99 < 1000, qPrintable(QString("the event loop ran late: p99 %1 ms").arg(p99)));
        const QValueAxis* x = w.inspector()->historyAxisX();
        QVERIFY(x->max() > 10000);
        const double ticks = (x->max() - x->min()) / x->tickInterval();
        QVERIFY2(ticks >= 2 && ticks <= 12, qPrintable(QString::number(ticks)));
    }

    void openCsvThroughTheDatasetDock() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString path = m_dir.filePath("flowers.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
        f.write("petal length,petal width,species\n");
        for (int r = 0; r < 30; ++r)
            f.write(QString("%1,%2,%3\n")
                        .arg(1 + r % 3 * 2 + 0.1 * (r % 5))
                        .arg(0.2 + r % 3 * 0.8)
                        .arg(r % 3 == 0   ? "setosa"
                             : r % 3 == 1 ? "versicolor"
                                          : "virginica")
                        .toUtf8());
        f.close();
        w.datasetPanel()->setFile(path);
        QSignalSpy opened(&w, &MainWindow::dataOpened);
        QPushButton* load = button(w.datasetPanel(), "Load");
        QVERIFY(load);
        QTest::mouseClick(load, Qt::LeftButton);
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toBool(), true);
        // The new setup's snapshot, not XOR's before it (2 inputs too).
        QTRY_VERIFY(w.snapshot() && w.snapshot()->network == w.prepared().network);
        QCOMPARE(w.snapshot()->network.inputSize, Eigen::Index(2));
        QCOMPARE(w.snapshot()->network.outputSize(), Eigen::Index(3));
        QVERIFY(w.windowTitle().startsWith("flowers.csv"));
        QCOMPARE(w.prepared().all->records(), Eigen::Index(30));
        // The network fitted to it, in the Architecture dock: 2-8-3, softmax.
        const Architecture a = w.architecturePanel()->architecture();
        QCOMPARE(a.sizes, (std::vector<Eigen::Index>{2, 8, 3}));
        QVERIFY(a.output == Activation::Softmax);
    }

    void applyANewArchitecture() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("xor"));
        QTRY_VERIFY(w.snapshot());
        Architecture a = w.architecturePanel()->architecture();
        a.sizes = {2, 6, 5, 1};
        a.hidden = Activation::Relu;
        a.perLayer.clear(); // hidden layers ReLU, the output as it was
        w.architecturePanel()->set(a, w.architecturePanel()->hyper(), 9);
        QPushButton* apply = button(w.architecturePanel(), "Apply");
        QVERIFY(apply);
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY(w.snapshot()->network.depth() == 3);
        QCOMPARE(w.snapshot()->network.layer(1).w.rows(), Eigen::Index(6));
        QCOMPARE(w.snapshot()->network.layer(2).w.rows(), Eigen::Index(5));
        QVERIFY(w.snapshot()->network.layer(1).activation == Activation::Relu);
        // The seed's weights: the same as the engine makes for that architecture and seed.
        a.sizes.front() = 2;
        QCOMPARE(w.snapshot()->network.layer(2).w, makeNetwork(a, 9).layer(2).w);
        QTRY_VERIFY(w.graph()->snapshot()->network.depth() == 3);
    }

    void gradientCheckOffTheGuiThread() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString file = m_dir.filePath("images.csv");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
        for (int c = 0; c < 784; ++c)
            f.write(QString("p%1,").arg(c).toUtf8());
        f.write("label\n");
        for (int r = 0; r < 20; ++r) {
            QByteArray row;
            for (int c = 0; c < 784; ++c)
                row += QByteArray::number((c * 7 + r * 31) % 256) + ',';
            f.write(row + "c" + QByteArray::number(r % 10) + '\n');
        }
        f.close();
        w.datasetPanel()->setFile(file);
        QVERIFY(w.loadData(w.datasetPanel()->choice()));
        QTRY_VERIFY(w.snapshot() && w.snapshot()->network.inputSize == 784); // 784-128-10
        QVERIFY(statusAfter(w, Qt::Key_F10).contains("last phase: update"));

        // Ctrl+G checks 101,770 weights: seconds of work, none of it on the GUI thread.
        LatenessProbe lateness;
        lateness.start();
        QSignalSpy done(&w, &MainWindow::gradientCheckDone);
        QTest::keyClick(&w, Qt::Key_G, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 120000);
        lateness.stop();
        qInfo("event loop lateness during the check: p99 %.1f ms over %zu ticks",
              lateness.percentile(0.99), lateness.ticks());
        QVERIFY(lateness.ticks() > 20); // the check took a while, and the loop kept running
        QVERIFY(lateness.percentile(0.99) < 50);
        const QString report = w.lastGradientCheck();
        QVERIFY2(report.contains("101770 of 101770 weights"), qPrintable(report));
        QVERIFY2(report.contains("Backprop agrees"), qPrintable(report));

        // The report's box is window-modal, as a user sees it: OK closes it.
        QMessageBox* box = w.findChild<QMessageBox*>();
        QVERIFY(box && box->isVisible());
        QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
        QTRY_VERIFY(!w.findChild<QMessageBox*>());
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        // Again, cancelled from its progress dialog: it stops, and says how far it got.
        QTest::keyClick(&w, Qt::Key_G, Qt::ControlModifier);
        QProgressDialog* progress = nullptr;
        QTRY_VERIFY((progress = w.findChild<QProgressDialog*>()) != nullptr);
        QTest::qWait(400);
        QPushButton* cancel = progress->findChild<QPushButton*>();
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 10000);
        QVERIFY2(w.lastGradientCheck().contains("Cancelled") ||
                     w.lastGradientCheck().contains("cancelled"),
                 qPrintable(w.lastGradientCheck()));
        QVERIFY(!w.lastGradientCheck().contains("101770 of 101770"));
    }

    void exports() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("xor"));
        QTRY_VERIFY(w.snapshot());
        QVERIFY(statusAfter(w, Qt::Key_F10).contains("last phase: update"));
        // The step trace of 3 records: header, then one row per value of every phase.
        const QString trace = m_dir.filePath("trace.csv");
        QSignalSpy exported(&w, &MainWindow::traceExported);
        w.exportTraceTo(trace, 3);
        QTRY_COMPARE(exported.count(), 1);
        QCOMPARE(exported.at(0).at(0).toBool(), true);
        QFile f(trace);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QVERIFY(lines.size() > 3 * 6); // 6 phases a record, several rows each
        QVERIFY(lines[0].contains(','));
        // The chart as PNG.
        QString error;
        QVERIFY2(w.lossChart()->exportPng(m_dir.filePath("loss.png"), &error), qPrintable(error));
        QVERIFY(!QImage(m_dir.filePath("loss.png")).isNull());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(WindowCommandsTest)
#include "tst_ui_window_commands.moc"
