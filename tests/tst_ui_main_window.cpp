// The Backprop Studio window as a user drives it (offscreen): the numbers on
// screen are the core's, a bad file keeps the previous dataset, closing while
// training runs is clean.
#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "math/explain.h"
#include "math/training.h"
#include "panels/dataset_panel.h"
#include "session/training_session.h"
#include "window/main_window.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QStandardPaths>
#include <QtTest>

using namespace bp;

class MainWindowTest : public QObject {
    Q_OBJECT

    // The engine, driven directly, beside the window: what the screen must show.
    static TrainingRun coreRun(const MainWindow& w) {
        const PreparedExperiment& p = w.prepared();
        return TrainingRun(p.network, p.train, w.snapshot()->hyper, p.schedule);
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // no user settings read or written
        QCoreApplication::setOrganizationName("BackpropStudioTest");
    }

    void stepRecordShowsTheCoresWeights() {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(w.loadPreset("xor"));
        QVERIFY(w.waitForTicket(w.stepRecord()));
        TrainingRun core = coreRun(w);
        core.stepRecord();
        const std::shared_ptr<const Snapshot> shown = w.graph()->snapshot();
        QVERIFY(shown);
        QVERIFY(shown->network == core.network());       // bit for bit
        QVERIFY(shown->network != w.prepared().network); // and they did change
        QCOMPARE(shown->recordsTrained, 1L);
        QVERIFY(w.waitForTicket(w.stepRecord()));
        core.stepRecord();
        QVERIFY(w.graph()->snapshot()->network == core.network());
        QVERIFY(w.statusText().contains("record"));
    }

    void stepPhaseMovesTheHighlightedLayer() {
        MainWindow w;
        w.show();
        QVERIFY(w.loadPreset("iris"));
        QVERIFY(w.waitForTicket(w.stepPhase()));
        QVERIFY((w.graph()->snapshot()->lastPhase == Phase{Phase::Kind::Forward, 1}));
        QVERIFY(w.waitForTicket(w.stepPhase()));
        QVERIFY((w.graph()->snapshot()->lastPhase == Phase{Phase::Kind::Forward, 2}));
        QVERIFY(w.waitForTicket(w.stepPhase()));
        QVERIFY((w.graph()->snapshot()->lastPhase == Phase{Phase::Kind::Loss, 0}));
        QVERIFY(w.waitForTicket(w.stepPhase()));
        QVERIFY((w.graph()->snapshot()->lastPhase == Phase{Phase::Kind::Backward, 2}));
        QVERIFY(w.statusText().contains("backward 2"));
    }

    void inspectorShowsTheCoresNumbers() {
        MainWindow w;
        w.show();
        QVERIFY(w.loadPreset("xor"));
        QVERIFY(w.waitForTicket(w.stepPhase())); // forward 1
        TrainingRun core = coreRun(w);
        core.stepPhase();
        w.selectNode(1, 2);
        const QString text = w.inspector()->plainText();
        const RecordValues& v = core.values();
        const QString z = QString::fromStdString(formatNumber(v.layer(1).z[1], 4));
        const QString x = QString::fromStdString(formatNumber(v.layer(1).x[1], 4));
        QVERIFY2(text.contains("= " + z), qPrintable(text));
        QVERIFY2(text.contains("tanh(" + z + ") = " + x), qPrintable(text));
        QVERIFY(text.contains("not yet computed")); // δ comes with the backward pass
    }

    void datasetSummarySaysHowInputsAreStored() {
        MainWindow w;
        w.show();
        w.datasetPanel()->setFile(BP_TEST_DATA_DIR "/tiny-images-idx3-ubyte");
        QVERIFY(w.loadData(w.datasetPanel()->choice()));
        // Loaded as bytes; normalised (as the panel is set), trained on doubles (18 values).
        QCOMPARE(int(w.prepared().all->inputs.storage()), int(Storage::Bytes));
        const bool normalised = w.prepared().normalizer.kind != Normalizer::Kind::None;
        QCOMPARE(int(w.prepared().train->inputs.storage()),
                 int(normalised ? Storage::Double : Storage::Bytes));
        QString summary;
        for (const QLabel* l : w.datasetPanel()->findChildren<QLabel*>())
            if (l->text().contains("records"))
                summary = l->text();
        QVERIFY2(summary.contains("3 records") && summary.contains("stored as bytes (0.0 MB)"),
                 qPrintable(summary));
        QCOMPARE(summary.contains("normalised inputs stored as double (0.0 MB)"), normalised);
    }

    void malformedCsvKeepsThePreviousDataset() {
        MainWindow w;
        w.show();
        QVERIFY(w.loadPreset("iris"));
        const std::shared_ptr<const Dataset> before = w.prepared().all;
        w.datasetPanel()->setFile(BP_TEST_DATA_DIR "/cli/bad.csv");
        QVERIFY(!w.loadData(w.datasetPanel()->choice()));
        QVERIFY2(w.datasetPanel()->errorText().contains("bad.csv:3:3"),
                 qPrintable(w.datasetPanel()->errorText()));
        QVERIFY(w.datasetPanel()->errorText().contains("stays in use"));
        QCOMPARE(w.prepared().all, before);
        QCOMPARE(w.prepared().all->name, std::string("iris"));
        // and the session still trains on it
        QVERIFY(w.waitForTicket(w.stepRecord()));
        QCOMPARE(w.snapshot()->network.inputSize, Eigen::Index(4));
    }

    void closingWhileTrainingExitsCleanly() {
        auto* w = new MainWindow;
        w->show();
        QVERIFY(w->loadPreset("digits"));
        w->session()->run();
        QTRY_VERIFY_WITH_TIMEOUT(w->snapshot() && w->snapshot()->running, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(w->snapshot()->recordsTrained > 100, 5000);
        QVERIFY(w->close());
        QElapsedTimer clock;
        clock.start();
        delete w; // stops and joins the worker
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString("%1 ms").arg(clock.elapsed())));
    }
};

QTEST_MAIN(MainWindowTest)
#include "tst_ui_main_window.moc"
