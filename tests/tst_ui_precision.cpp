// Precision in the window: the Architecture panel's choice reaches the session on
// Apply (the preset's weights rounded to float, then the float engine's numbers on
// screen), the status bar and title say "float", the choice is remembered, and
// `backprop-studio --precision float|double` works (also with --screenshot).
#include "math/training.h"
#include "panels/architecture_panel.h"
#include "window/main_window.h"

#include <QComboBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace bp;

namespace {

// Runs backprop-studio with `args`, without a display and with its own settings.
struct StudioResult {
    int exitCode = -1;
    QString out, err;
};
StudioResult runStudio(const QStringList& args, const QString& configDir) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("XDG_CONFIG_HOME", configDir); // not the user's settings
    p.setProcessEnvironment(env);
    p.start(BP_STUDIO_PATH, args);
    StudioResult r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void choose(MainWindow& w, Precision p) {
    auto* panel = w.findChild<ArchitecturePanel*>();
    auto* box = panel->findChild<QComboBox*>("precision");
    box->setCurrentIndex(box->findData(int(p)));
    QTest::mouseClick(panel->findChild<QPushButton*>("apply"), Qt::LeftButton);
}

} // namespace

class UiPrecision : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // no user settings read or written
        QCoreApplication::setOrganizationName("BackpropStudioTest");
        QSettings().clear(); // nothing left from an earlier run
    }

    void panelChoiceReachesTheSession() {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(w.loadPreset("xor"));
        QVERIFY(w.waitForTicket(w.stepRecord()));
        QVERIFY(w.snapshot()->precision == Precision::Double);
        QVERIFY(!w.statusText().contains("float"));
        const Network start = w.prepared().network;
        QVERIFY(w.snapshot()->network != start); // a record was trained

        choose(w, Precision::Float);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot()->precision == Precision::Float, 5000);
        QVERIFY(w.precision() == Precision::Float);
        QCOMPARE(w.snapshot()->time, qint64(0)); // a new run, as Apply always starts
        // The same seed's weights, rounded to float, on screen as doubles.
        QVERIFY(w.prepared().network == start);
        QVERIFY(w.snapshot()->network == castNetwork<double>(castNetwork<float>(start)));
        QVERIFY(w.snapshot()->network != start);
        QVERIFY2(w.statusText().contains("computing in float (~7 significant digits)"),
                 qPrintable(w.statusText()));
        QVERIFY2(w.windowTitle().endsWith("(float)"), qPrintable(w.windowTitle()));

        // Three records: the float engine's weights and values, widened.
        const PreparedExperiment& p = w.prepared();
        TrainingRunT<float> core(castNetwork<float>(p.network), p.train, w.snapshot()->hyper,
                                 p.schedule);
        for (int r = 0; r < 3; ++r) {
            QVERIFY(w.waitForTicket(w.stepRecord()));
            core.stepRecord();
        }
        QVERIFY(w.snapshot()->network == castNetwork<double>(core.network()));
        QCOMPARE(w.snapshot()->values.loss, double(core.values().loss));
        QVERIFY(w.snapshot()->values.output() == core.values().output().cast<double>());

        choose(w, Precision::Double);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot()->precision == Precision::Double, 5000);
        QVERIFY(w.snapshot()->network == start);
        QVERIFY(!w.statusText().contains("float"));
        QVERIFY(!w.windowTitle().contains("float"));
    }

    // setPrecision (what --precision calls) restarts from the setup's network, and the
    // choice survives a restart of the window.
    void rememberedInTheSettings() {
        {
            MainWindow w;
            w.show();
            QVERIFY(w.loadPreset("circle"));
            QVERIFY(w.waitForTicket(w.stepRecord()));
            w.setPrecision(Precision::Float);
            QTRY_VERIFY_WITH_TIMEOUT(w.snapshot()->precision == Precision::Float, 5000);
            QCOMPARE(w.snapshot()->time, qint64(0));
            QVERIFY(w.snapshot()->network ==
                    castNetwork<double>(castNetwork<float>(w.prepared().network)));
            QCOMPARE(w.findChild<QComboBox*>("precision")->currentData().toInt(),
                     int(Precision::Float));
            w.close(); // saves the settings
        }
        {
            MainWindow w;
            w.show();
            QVERIFY(w.precision() == Precision::Float);
            QCOMPARE(w.findChild<QComboBox*>("precision")->currentData().toInt(),
                     int(Precision::Float));
            QVERIFY(w.waitForTicket(w.stepRecord()));
            QVERIFY(w.snapshot()->precision == Precision::Float);
            // A preset keeps the chosen precision.
            QVERIFY(w.loadPreset("xor"));
            QVERIFY(w.waitForTicket(w.stepRecord()));
            QVERIFY(w.snapshot()->precision == Precision::Float);
            w.setPrecision(Precision::Double);
            w.close();
        }
        MainWindow w;
        QVERIFY(w.precision() == Precision::Double);
    }

    // backprop-studio --precision: float and double with --screenshot (which prints the
    // status bar), and a wrong value is a usage error (exit 2) that says what it expects.
    void commandLine() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath("p.png");
        StudioResult f = runStudio(
            {"--screenshot", png, "--precision", "float", "--dataset", "xor", "--steps", "2"},
            dir.path());
        QCOMPARE(f.exitCode, 0);
        QVERIFY2(f.out.contains("computing in float (~7 significant digits)"), qPrintable(f.out));
        QVERIFY2(f.out.contains("record"), qPrintable(f.out));
        QVERIFY(QFileInfo(png).size() > 1000);

        StudioResult d = runStudio(
            {"--screenshot", png, "--precision", "double", "--dataset", "xor", "--steps", "2"},
            dir.path());
        QCOMPARE(d.exitCode, 0);
        QVERIFY2(!d.out.contains("float"), qPrintable(d.out));

        StudioResult bad = runStudio({"--screenshot", png, "--precision", "half"}, dir.path());
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--precision expects float or double; got 'half'"),
                 qPrintable(bad.err));
    }
};

QTEST_MAIN(UiPrecision)
#include "tst_ui_precision.moc"
