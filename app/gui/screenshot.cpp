#include "screenshot.h"

#include "diff/weight_diff_panel.h"
#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "io/lesson_file.h"
#include "panels/dataset_panel.h"
#include "session/training_session.h"
#include "style/image_file.h"
#include "teaching/lesson_panel.h"
#include "teaching/lesson_runner.h"
#include "teaching/predict_box.h"
#include "whatif/what_if_panel.h"
#include "window/autosave.h"
#include "window/main_window.h"

#include <cstdio>
#include <QApplication>
#include <QDockWidget>
#include <QEventLoop>
#include <QFileInfo>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QTimer>

namespace bp {

namespace {
void settle(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}
// The autosaved session, restored; false (after saying why) if it could not be.
bool restoreAutosave(MainWindow& window) {
    bool done = false, ok = false;
    QObject::connect(&window, &MainWindow::sessionRestored, [&](bool restored) {
        done = true;
        ok = restored;
    });
    window.restoreSession(Autosave::filePath());
    QEventLoop wait;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &wait, [&] {
        if (done)
            wait.quit();
    });
    poll.start(20);
    wait.exec();
    // The restore is a command after the setup: the pause after it answers once it is done.
    if (!ok || !window.waitForTicket(window.session()->pause(), 60000)) {
        std::fprintf(stderr, "backprop-studio: cannot restore %s\n",
                     qPrintable(Autosave::filePath()));
        return false;
    }
    return true;
}

// --fork-lr: the run forked with that learning rate, then both trained --fork-epochs
// epochs (Run both) and paused there.
bool forkAndRun(MainWindow& window, double rate, int epochs) {
    Hyper h = window.snapshot() ? window.snapshot()->hyper : window.prepared().experiment.hyper;
    h.learningRate = rate;
    bool done = false, ok = false;
    QObject::connect(
        &window, &MainWindow::forkStarted, &window,
        [&](bool started) {
            done = true;
            ok = started;
        },
        Qt::SingleShotConnection); // captures this function's locals
    window.forkWith(h);
    const auto paused = [](TrainingSession* s, bool epochsDone) {
        const std::shared_ptr<const Snapshot> snap = s ? s->latestSnapshot() : nullptr;
        return snap && !snap->running &&
               (!epochsDone || snap->pauseReason == PauseReason::EpochsDone);
    };
    for (int i = 0; i < 3000 && !done; ++i)
        settle(20);
    if (!ok || !window.forkSession())
        return false;
    if (epochs > 0)
        window.runBoth(epochs);
    for (int i = 0; i < 30000; ++i) {
        settle(20);
        if (paused(window.session(), epochs > 0) && paused(window.forkSession(), epochs > 0))
            return window.waitForTicket(window.session()->pause(), 60000);
    }
    return false;
}

// --lesson's value: a lesson file, or a built-in lesson by its file's name without .md
// ("1-forward-pass": the installed lessons, else the source tree's; builtinLessonPaths()).
QString lessonFile(const QString& lesson) {
    if (QFileInfo::exists(lesson))
        return lesson;
    for (const std::string& path : builtinLessonPaths())
        if (QFileInfo(QString::fromStdString(path)).completeBaseName() == lesson)
            return QString::fromStdString(path);
    return lesson; // opening it says that there is no such file
}

// --lesson: the lesson opened in the Lessons dock and gone through to step `steps`; the
// questions before it skipped, its own answered with `answer` or left open.
bool goThroughLesson(MainWindow& window, const ScreenshotRequest& r) {
    LessonPanel* panel = window.lessonPanel();
    if (!panel->openLesson(lessonFile(r.lesson))) {
        std::fprintf(stderr, "backprop-studio: %s\n", qPrintable(panel->errorText()));
        return false;
    }
    window.lessonsDock()->show();
    window.lessonsDock()->raise();
    for (int step = 1; step <= r.lessonSteps; ++step) {
        if (step > 1)
            panel->runner()->next();
        for (int i = 0; i < 3000; ++i) {
            const bool asking = panel->predictBox()->isAsking();
            if (asking && step == r.lessonSteps && r.answer.isEmpty())
                return true; // the question stays on screen
            if (asking && step == r.lessonSteps) {
                panel->predictBox()->field()->setText(r.answer);
                panel->predictBox()->checkButton()->click();
            } else if (asking) {
                panel->predictBox()->skipButton()->click();
            }
            if (!panel->runner()->busy() && !panel->predictBox()->isAsking())
                break;
            settle(10);
        }
        if (panel->runner()->busy())
            return false;
    }
    return true;
}

} // namespace

int takeScreenshot(MainWindow& window, const ScreenshotRequest& r) {
    window.resize(r.width, r.height);
    window.show();
    if (r.restoreAutosave) {
        if (!restoreAutosave(window))
            return 1;
    } else if (!window.loadPreset(r.dataset)) {
        std::fprintf(stderr, "backprop-studio: cannot load '%s'\n", qPrintable(r.dataset));
        return 1;
    }
    if (!r.file.isEmpty()) {
        window.datasetPanel()->setFile(r.file);
        if (!window.loadData(window.datasetPanel()->choice())) {
            std::fprintf(stderr, "backprop-studio: %s\n",
                         qPrintable(window.datasetPanel()->errorText()));
            return 1;
        }
    }
    if (!r.openModel.isEmpty() && !window.openModel(r.openModel)) {
        std::fprintf(stderr, "backprop-studio: cannot open the model %s\n",
                     qPrintable(r.openModel));
        return 1;
    }
    window.raiseDocks(r.show);
    // One command at a time, each waited for, as a user pressing F10 / F11 would.
    for (int n = 0; n < r.steps + r.phases; ++n) {
        if (n == r.markAfter)
            window.diffPanel()->markHere();
        const quint64 ticket = n < r.steps ? window.stepRecord() : window.stepPhase();
        if (!window.waitForTicket(ticket)) {
            std::fprintf(stderr, "backprop-studio: the session did not answer in time\n");
            return 1;
        }
    }
    if (r.forkLr > 0 && !forkAndRun(window, r.forkLr, r.forkEpochs)) {
        std::fprintf(stderr, "backprop-studio: the fork did not start or finish in time\n");
        return 1;
    }
    const QStringList node = r.select.split(',', Qt::SkipEmptyParts);
    if (node.size() == 2)
        window.selectNode(node[0].toInt(), node[1].toInt());
    const QStringList edge = r.edge.split(',', Qt::SkipEmptyParts);
    if (edge.size() == 3) {
        window.selectEdge(edge[0].toInt(), edge[1].toInt(), edge[2].toInt());
        if (!r.whatIf.isEmpty())
            window.whatIfPanel()->setValue(r.whatIf.toDouble());
    }
    if (!r.lesson.isEmpty() && !goThroughLesson(window, r)) {
        std::fprintf(stderr, "backprop-studio: the lesson did not run to step %d\n", r.lessonSteps);
        return 1;
    }
    if (!r.saveModel.isEmpty() && !window.saveModel(r.saveModel)) {
        std::fprintf(stderr, "backprop-studio: cannot save the model to %s\n",
                     qPrintable(r.saveModel));
        return 1;
    }
    settle(400); // let background work (decision boundary, charts) finish and paint
    const QPixmap shot = window.grab();
    QString error;
    if (!writeImageFile(shot.toImage(), r.path, "png", &error)) {
        std::fprintf(stderr, "backprop-studio: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("wrote %s (%dx%d): %s\n", qPrintable(r.path), shot.width(), shot.height(),
                qPrintable(window.statusText()));
    return 0;
}

} // namespace bp
