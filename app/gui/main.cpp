// backprop-studio: the desktop app. With --screenshot it renders the window
// after some steps to a PNG without showing it (for docs and CI).
#include "math/precision.h"
#include "panels/dataset_panel.h"
#include "screenshot.h"
#include "session/training_session.h"
#include "window/app_identity.h"
#include "window/autosave.h"
#include "window/main_window.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

namespace {
bool hasArgument(int argc, char** argv, std::initializer_list<const char*> names) {
    for (int i = 1; i < argc; ++i)
        for (const char* n : names)
            if (std::strcmp(argv[i], n) == 0)
                return true;
    return false;
}

// A screenshot, --help and --version need no display: use the offscreen platform
// unless one is chosen (--help and --version print and exit in parser.process).
void offscreenWithoutDisplay(int argc, char** argv) {
    const bool screenshot = hasArgument(argc, argv, {"--screenshot"});
    const bool printOnly =
        hasArgument(argc, argv, {"--help", "-h", "-?", "--help-all", "--version", "-v"});
    if ((screenshot || printOnly) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

// The command line's options, declared once and parsed by process().
struct CommandLine {
    QCommandLineParser parser;
    const QCommandLineOption shotOpt{"screenshot", "Render the window to FILE.png and exit.",
                                     "FILE"};
    const QCommandLineOption datasetOpt{"dataset", "Built-in dataset or preset to open.", "NAME"};
    const QCommandLineOption dataOpt{"data", "A data file to open (CSV, IDX, FANN).", "FILE"};
    const QCommandLineOption stepsOpt{"steps", "Records to step first (screenshot).", "N", "0"};
    const QCommandLineOption phasesOpt{"phases", "Phases to step after them (screenshot).", "N",
                                       "0"};
    const QCommandLineOption selectOpt{"select", "Node to inspect, as k,i (e.g. 1,1).", "NODE"};
    const QCommandLineOption edgeOpt{"edge", "Edge to inspect, as k,i,j (e.g. 2,1,1).", "EDGE"};
    const QCommandLineOption whatIfOpt{"what-if", "A value for the --edge in the What-if dock.",
                                       "VALUE"};
    const QCommandLineOption sizeOpt{"size", "Window size for the screenshot.", "WxH", "1600x1000"};
    const QCommandLineOption presentationOpt{"presentation", "Large fonts for a projector."};
    const QCommandLineOption darkOpt{"dark", "Dark palette."};
    const QCommandLineOption runOpt{"run", "Start training at once (as F5)."};
    const QCommandLineOption restoreOpt{
        "restore-autosave",
        "Restore the autosaved session without asking (with --screenshot: before the steps)."};
    const QCommandLineOption saveModelOpt{
        "save-model", "With --screenshot: save the model after the steps.", "FILE"};
    const QCommandLineOption openModelOpt{
        "model", "Open this model file (.json or .onnx) on the data, after --dataset or --data.",
        "FILE"};
    const QCommandLineOption showOpt{
        "show", "Show and raise the dock of this title (e.g. \"Weight diff\"); repeatable.",
        "DOCK"};
    const QCommandLineOption markAfterOpt{
        "mark-after", "With --screenshot: set the Weight diff dock's mark after N of the steps.",
        "N"};
    const QCommandLineOption forkLrOpt{
        "fork-lr",
        "Fork the run once the data are loaded (Train → Fork here…), the fork with learning "
        "rate A; with --run both runs train (Run both); with --screenshot after the steps.",
        "A"};
    const QCommandLineOption forkEpochsOpt{
        "fork-epochs", "With --screenshot and --fork-lr: epochs both runs train after the fork.",
        "N", "0"};
    const QCommandLineOption lessonOpt{
        "lesson",
        "With --screenshot: open this lesson file (Lessons dock) after the steps; or a built-in "
        "lesson by its file's name without .md (e.g. 1-forward-pass).",
        "FILE"};
    const QCommandLineOption lessonStepsOpt{
        "lesson-steps", "With --lesson: go through N of its steps (Next).", "N", "1"};
    const QCommandLineOption answerOpt{
        "answer",
        "With --lesson: answer the last step's question with VALUE (else it stays "
        "open; earlier questions are skipped).",
        "VALUE"};
    const QCommandLineOption precisionOpt{
        "precision",
        "Number type of training: double (numbers match a hand computation) or float "
        "(faster, ~7 digits). Remembered, like the Architecture panel's choice.",
        "double|float"};

    void process(const QApplication& app) {
        parser.setApplicationDescription("Backprop Studio: see backpropagation happen.");
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({shotOpt, datasetOpt, dataOpt, stepsOpt, phasesOpt, selectOpt, edgeOpt,
                           sizeOpt, presentationOpt, darkOpt, precisionOpt, runOpt, restoreOpt,
                           saveModelOpt, showOpt, markAfterOpt, openModelOpt});
        parser.addOptions({forkLrOpt, forkEpochsOpt, lessonOpt, lessonStepsOpt, answerOpt});
        parser.addOption(whatIfOpt);
        parser.process(app);
    }

    bool isSet(const QCommandLineOption& o) const { return parser.isSet(o); }
    QString value(const QCommandLineOption& o) const { return parser.value(o); }
    QStringList values(const QCommandLineOption& o) const { return parser.values(o); }
};

// --precision, if given; false (after saying why) if it is neither float nor double.
bool readPrecision(const CommandLine& cl, std::optional<bp::Precision>& precision) {
    if (!cl.isSet(cl.precisionOpt))
        return true;
    precision = bp::precisionFromString(cl.value(cl.precisionOpt).toStdString());
    if (precision)
        return true;
    std::fprintf(stderr, "backprop-studio: --precision expects float or double; got '%s'\n",
                 qPrintable(cl.value(cl.precisionOpt)));
    return false;
}

bp::ScreenshotRequest screenshotRequest(const CommandLine& cl) {
    bp::ScreenshotRequest r;
    r.path = cl.value(cl.shotOpt);
    r.dataset = cl.isSet(cl.datasetOpt) ? cl.value(cl.datasetOpt) : "xor";
    r.file = cl.value(cl.dataOpt);
    r.steps = cl.value(cl.stepsOpt).toInt();
    r.phases = cl.value(cl.phasesOpt).toInt();
    r.select = cl.value(cl.selectOpt);
    r.edge = cl.value(cl.edgeOpt);
    r.whatIf = cl.value(cl.whatIfOpt);
    r.restoreAutosave = cl.isSet(cl.restoreOpt);
    r.saveModel = cl.value(cl.saveModelOpt);
    r.openModel = cl.value(cl.openModelOpt);
    r.show = cl.values(cl.showOpt);
    if (cl.isSet(cl.markAfterOpt))
        r.markAfter = cl.value(cl.markAfterOpt).toInt();
    if (cl.isSet(cl.forkLrOpt))
        r.forkLr = cl.value(cl.forkLrOpt).toDouble();
    r.forkEpochs = cl.value(cl.forkEpochsOpt).toInt();
    r.lesson = cl.value(cl.lessonOpt);
    r.lessonSteps = cl.value(cl.lessonStepsOpt).toInt();
    r.answer = cl.value(cl.answerOpt);
    const QStringList size = cl.value(cl.sizeOpt).split('x');
    if (size.size() == 2) {
        r.width = size[0].toInt();
        r.height = size[1].toInt();
    }
    return r;
}

// --run, and --fork-lr: the fork, then both runs (Run both).
void startRuns(bp::MainWindow& window, const CommandLine& cl, bool run) {
    if (!cl.isSet(cl.forkLrOpt)) {
        if (run)
            window.session()->run();
        return;
    }
    bp::Hyper h = window.prepared().experiment.hyper;
    h.learningRate = cl.value(cl.forkLrOpt).toDouble();
    if (run)
        QObject::connect(
            &window, &bp::MainWindow::forkStarted, &window,
            [&window](bool ok) {
                if (ok)
                    window.runBoth();
            },
            Qt::SingleShotConnection);
    window.forkWith(h);
}

// --model on the data in use, then --run and --fork-lr; a model that does not open (its
// error shown) leaves the window on the data, not running.
void openModelThenRun(bp::MainWindow& window, const CommandLine& cl, bool run) {
    if (cl.isSet(cl.openModelOpt) && !window.openModel(cl.value(cl.openModelOpt)))
        return;
    if (run || cl.isSet(cl.forkLrOpt))
        startRuns(window, cl, run);
}

// The window on screen with the preset and then the data file asked for.
int showWindow(QApplication& app, bp::MainWindow& window, const CommandLine& cl) {
    if (cl.isSet(cl.datasetOpt))
        window.loadPreset(cl.value(cl.datasetOpt));
    window.show();
    window.raiseDocks(cl.values(cl.showOpt));
    const bool restore = cl.isSet(cl.restoreOpt) && QFileInfo::exists(bp::Autosave::filePath());
    window.startAutosave(!restore); // offers a restore if the app did not quit last time
    const bool run = cl.isSet(cl.runOpt);
    if (restore) { // the restored run, not --model
        if (run)
            QObject::connect(
                &window, &bp::MainWindow::sessionRestored, &window,
                [&window] { window.session()->run(); }, Qt::SingleShotConnection);
        window.restoreSession(bp::Autosave::filePath());
    } else if (cl.isSet(cl.dataOpt)) { // read on a worker thread, the window already up
        QObject::connect( // the data of the command line only, not a later File → Open
            &window, &bp::MainWindow::dataOpened, &window,
            [&window, &cl, run](bool ok) {
                if (ok)
                    openModelThenRun(window, cl, run);
            },
            Qt::SingleShotConnection);
        window.datasetPanel()->setFile(cl.value(cl.dataOpt));
        window.openData(window.datasetPanel()->choice());
    } else {
        openModelThenRun(window, cl, run);
    }
    return app.exec();
}
} // namespace

int main(int argc, char** argv) {
    offscreenWithoutDisplay(argc, argv);
    QApplication app(argc, argv);
    QApplication::setOrganizationName("BackpropStudio");
    QApplication::setApplicationName("Backprop Studio");
    QApplication::setApplicationVersion("0.1.0");
    bp::setAppIdentity(); // the window icon and the .desktop file it belongs to

    CommandLine cl;
    cl.process(app);
    std::optional<bp::Precision> precision;
    if (!readPrecision(cl, precision))
        return 2;

    if (cl.isSet(cl.shotOpt))
        QApplication::setApplicationName("Backprop Studio (screenshot)"); // own settings
    bp::MainWindow window;
    if (cl.isSet(cl.presentationOpt))
        window.setPresentationMode(true);
    if (cl.isSet(cl.darkOpt))
        window.setDarkPalette(true);
    if (precision)
        window.setPrecision(*precision);
    if (cl.isSet(cl.shotOpt))
        return bp::takeScreenshot(window, screenshotRequest(cl));
    return showWindow(app, window, cl);
}
