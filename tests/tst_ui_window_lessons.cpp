// Lessons and predict-then-check in the real window (offscreen): every built-in lesson
// runs step by step and the session meets every value its text states (its `expect`
// lines, worked out in plain Python for the lessons); Back puts the session exactly where
// it was; a bad lesson file and a lesson that names a missing node say file:line:column;
// Train → Predict before each phase asks, runs the phase and grades.
#include "io/lesson_file.h"
#include "math/network.h"
#include "session/training_session.h"
#include "teaching/lesson_panel.h"
#include "teaching/lesson_runner.h"
#include "teaching/predict_box.h"
#include "window/main_window.h"

#include <QAction>
#include <QDockWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace bp;

namespace {
// Waits for the runner to finish a step, answering its ask with `answer()` when it asks.
bool finishStep(LessonPanel* panel, const std::function<QString()>& answer = {}) {
    LessonRunner* r = panel->runner();
    for (int round = 0; round < 20; ++round) {
        QElapsedTimer clock;
        clock.start();
        while (r->busy() && !panel->predictBox()->isAsking() && clock.elapsed() < 30000)
            QTest::qWait(5);
        if (!panel->predictBox()->isAsking())
            return !r->busy();
        panel->predictBox()->field()->setText(answer ? answer() : QString("1"));
        QTest::mouseClick(panel->predictBox()->checkButton(), Qt::LeftButton);
    }
    return false;
}

QAction* actionNamed(MainWindow& w, const QString& text) {
    for (QAction* a : w.findChildren<QAction*>())
        if (a->text() == text)
            return a;
    return nullptr;
}
} // namespace

class WindowLessons : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void everyBuiltInLessonMeetsItsText() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        LessonPanel* panel = w.lessonPanel();
        for (const std::string& path : builtinLessonPaths()) {
            QVERIFY2(panel->openLesson(QString::fromStdString(path)), path.c_str());
            const int steps = int(panel->runner()->lesson().steps.size());
            int checks = 0;
            for (int n = 0; n < steps; ++n) {
                if (n > 0) {
                    QVERIFY(panel->nextButton()->isEnabled());
                    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
                }
                QVERIFY2(finishStep(panel), path.c_str());
                QCOMPARE(panel->runner()->stepIndex(), n);
                QVERIFY2(panel->errorText().isEmpty(), qPrintable(panel->errorText()));
                QVERIFY2(panel->runner()->outcome().failed == 0, qPrintable(panel->checksText()));
                checks += int(panel->runner()->outcome().expectations.size());
            }
            if (path.find("4-update-order") != std::string::npos) {
                // The table of the two orders: w_{1,1}(1) after one step, 0.1497807 in the
                // seed's order and 0.1498176 with layer 2 updated first; J after 10,000
                // steps 2.447562e-06 and 2.437332e-06 (worked in Python, tst_core_teaching).
                const QString page = panel->pageText();
                for (const char* v : {"0.1497807", "0.1498176", "2.447562e-06", "2.437332e-06"})
                    QVERIFY2(page.contains(v), qPrintable(page));
            }
            QVERIFY(!panel->nextButton()->isEnabled()); // the last step
            if (path.find("5-seed-setup") == std::string::npos)
                QVERIFY2(checks >= 5, path.c_str()); // the worked examples state their numbers
        }
        // The last lesson was the seed's setup: 64 inputs, ReLU, 3 sigmoid outputs, online,
        // and its last step trained one epoch.
        const auto s = w.snapshot();
        QCOMPARE(s->network.inputSize, Eigen::Index(64));
        QVERIFY(s->network.layer(1).activation == Activation::Relu);
        QVERIFY(s->network.layer(2).activation == Activation::Sigmoid);
        QCOMPARE(s->network.outputSize(), Eigen::Index(3));
        QCOMPARE(s->hyper.batchSize, 1);
        QCOMPARE(s->epoch, 1);
        // On a tenth of the records: the digits 0, 1 and 2 are 178 + 182 + 177 = 537 of
        // the 1,797 8×8 digits, and an epoch is int(537 / 10) = 53 of them (the seed's
        // num_of_records / 10), in file order.
        const Dataset& train = *w.prepared().train;
        QCOMPARE(train.records(), Eigen::Index(537));
        QCOMPARE(s->recordsTrained, 53L);
        QCOMPARE(train.classNames, (std::vector<std::string>{"0", "1", "2"}));
    }

    void predictionsAreGradedAndBackIsExact() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        LessonPanel* panel = w.lessonPanel();
        QString lesson1;
        for (const std::string& p : builtinLessonPaths())
            if (p.find("1-forward-pass") != std::string::npos)
                lesson1 = QString::fromStdString(p);
        QVERIFY(panel->openLesson(lesson1));
        QVERIFY(finishStep(panel));
        // Step 2 asks for z_1(1) = 0.35 + 0.15·0.05 + 0.2·0.1 = 0.3775 (by hand).
        QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
        QVERIFY(finishStep(panel, [] { return QString("0.3775"); }));
        QVERIFY2(panel->predictBox()->resultText().contains("exact (to 4 decimals)"),
                 qPrintable(panel->predictBox()->resultText()));
        QVERIFY(panel->predictBox()->resultText().contains("= 0.3775"));
        const auto afterStep2 = w.snapshot();
        // Step 3 asks for z_1(2) = 1.1059: 1.2 is 8.5% off.
        QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
        QVERIFY(finishStep(panel, [] { return QString("1.2"); }));
        QVERIFY2(panel->predictBox()->resultText().contains("wrong: 8.5% off"),
                 qPrintable(panel->predictBox()->resultText()));
        QCOMPARE(panel->scoreText(), QString("Score: 1 exact, 0 close of 2"));
        QVERIFY(w.snapshot()->time > afterStep2->time);
        // Back: step 2 again, the session exactly where step 2 left it.
        QTest::mouseClick(panel->backButton(), Qt::LeftButton);
        QVERIFY(finishStep(panel));
        QCOMPARE(panel->runner()->stepIndex(), 1);
        const auto back = w.snapshot();
        QCOMPARE(back->time, afterStep2->time);
        QVERIFY(back->nextPhase == afterStep2->nextPhase);
        for (int k = 1; k <= 2; ++k)
            QCOMPARE(back->network.layer(k).w, afterStep2->network.layer(k).w);
        QCOMPARE(back->values.layer(1).z, afterStep2->values.layer(1).z);
        // Presentation mode keeps a lesson in progress, as a tab beside the Inspector in
        // front; off again, it goes back beside the Controls.
        auto* inspector = w.findChild<QDockWidget*>("inspector");
        auto* controls = w.findChild<QDockWidget*>("controls");
        QVERIFY(inspector && controls);
        w.setPresentationMode(true);
        QVERIFY(!w.lessonsDock()->isHidden());
        QVERIFY(w.tabifiedDockWidgets(inspector).contains(w.lessonsDock()));
        QVERIFY(controls->isHidden());
        w.setPresentationMode(false);
        QVERIFY(w.tabifiedDockWidgets(controls).contains(w.lessonsDock()));
        QVERIFY(!controls->isHidden());
    }

    void badLessonsSayWhere() {
        MainWindow w;
        LessonPanel* panel = w.lessonPanel();
        QTemporaryDir dir;
        const QString bad = dir.filePath("bad.md");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# Bad\n## One\n```lesson\nopen preset=xor\nstep phase\nselect node 5 1\n"
                "expect z 1 1 123\n```\n## Two\n```lesson\nwobble\n```\n");
        f.close();
        QVERIFY(!panel->openLesson(bad));
        QCOMPARE(panel->errorText(), bad + ":11:1: unknown action 'wobble': expected open, "
                                           "step, select, show, ask, expect or compare");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("# Bad\n## One\n```lesson\nopen preset=xor\nstep phase\nselect node 5 1\n```\n"
                "## Two\n```lesson\nstep phase\nexpect z 1 1 123\n```\n");
        f.close();
        QVERIFY(panel->openLesson(bad));
        QVERIFY(finishStep(panel));
        QCOMPARE(panel->errorText(),
                 bad + ":6:1: layer 5 does not exist: the network has layers 1..2");
        // A value the text states wrongly is reported with the engine's.
        QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
        QVERIFY(finishStep(panel));
        QCOMPARE(panel->runner()->outcome().failed, 1);
        QVERIFY2(panel->checksText().contains("✗ z₁(1) is ") &&
                     panel->checksText().contains("the lesson says 123 (" + bad + ":11:1)"),
                 qPrintable(panel->checksText()));
    }

    void predictBeforeEachPhase() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("xor"));
        QAction* step = actionNamed(w, "Step &phase");
        QVERIFY(step);
        w.predictEachPhaseAction()->setChecked(true);
        step->trigger();
        PredictBox* box = w.lessonPanel()->predictBox();
        QVERIFY(box->isAsking());
        const qint64 before = w.snapshot()->time;
        QVERIFY(w.snapshot()->time == before); // nothing ran yet: it waits for the answer
        box->field()->setText("12345");
        QTest::keyClick(box->field(), Qt::Key_Return);
        QVERIFY(finishStep(w.lessonPanel()));
        QCOMPARE(w.snapshot()->time, qint64(before + 1));
        QVERIFY2(box->resultText().startsWith("wrong"), qPrintable(box->resultText()));
        QVERIFY(box->resultText().contains("z1(1) = w1,0(1)")); // the filled-in equation
        // z_1(2) worked out from the engine's x(1) and the weights, in the test.
        const auto s = w.snapshot();
        const auto& w2 = s->network.layer(2).w;
        double z = w2(0, 0);
        for (Eigen::Index j = 0; j < s->values.layer(1).x.size(); ++j)
            z += w2(0, j + 1) * s->values.layer(1).x[j];
        step->trigger();
        QVERIFY(box->isAsking());
        box->field()->setText(QString::number(z, 'f', 9));
        QTest::mouseClick(box->checkButton(), Qt::LeftButton);
        QVERIFY(finishStep(w.lessonPanel()));
        QVERIFY2(box->resultText().startsWith("exact (to 9 decimals)"),
                 qPrintable(box->resultText()));
        // Off again: Step phase steps at once.
        w.predictEachPhaseAction()->setChecked(false);
        step->trigger();
        QVERIFY(!box->isAsking());
        QTRY_COMPARE(w.snapshot()->time, qint64(before + 3));
    }
};

QTEST_MAIN(WindowLessons)
#include "tst_ui_window_lessons.moc"
