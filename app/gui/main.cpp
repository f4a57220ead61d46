// backprop-studio: the desktop app. With --screenshot it renders the window
// after some steps to a PNG without showing it (for docs and CI).
#include "math/precision.h"
#include "panels/dataset_panel.h"
#include "screenshot.h"
#include "window/main_window.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <QApplication>
#include <QCommandLineParser>

namespace {
bool hasArgument(int argc, char** argv, std::initializer_list<const char*> names) {
    for (int i = 1; i < argc; ++i)
        for (const char* n : names)
            if (std::strcmp(argv[i], n) == 0)
                return true;
    return false;
}
} // namespace

int main(int argc, char** argv) {
    // A screenshot, --help and --version need no display: use the offscreen platform
    // unless one is chosen (--help and --version print and exit in parser.process).
    const bool screenshot = hasArgument(argc, argv, {"--screenshot"});
    const bool printOnly =
        hasArgument(argc, argv, {"--help", "-h", "-?", "--help-all", "--version", "-v"});
    if ((screenshot || printOnly) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setOrganizationName("BackpropStudio");
    QApplication::setApplicationName("Backprop Studio");
    QApplication::setApplicationVersion("0.1.0");

    QCommandLineParser parser;
    parser.setApplicationDescription("Backprop Studio: see backpropagation happen.");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption shotOpt("screenshot", "Render the window to FILE.png and exit.",
                                     "FILE");
    const QCommandLineOption datasetOpt("dataset", "Built-in dataset or preset to open.", "NAME");
    const QCommandLineOption dataOpt("data", "A data file to open (CSV, IDX, FANN).", "FILE");
    const QCommandLineOption stepsOpt("steps", "Records to step first (screenshot).", "N", "0");
    const QCommandLineOption phasesOpt("phases", "Phases to step after them (screenshot).", "N",
                                       "0");
    const QCommandLineOption selectOpt("select", "Node to inspect, as k,i (e.g. 1,1).", "NODE");
    const QCommandLineOption edgeOpt("edge", "Edge to inspect, as k,i,j (e.g. 2,1,1).", "EDGE");
    const QCommandLineOption sizeOpt("size", "Window size for the screenshot.", "WxH", "1600x1000");
    const QCommandLineOption presentationOpt("presentation", "Large fonts for a projector.");
    const QCommandLineOption darkOpt("dark", "Dark palette.");
    const QCommandLineOption precisionOpt(
        "precision",
        "Number type of training: double (numbers match a hand computation) or float "
        "(faster, ~7 digits). Remembered, like the Architecture panel's choice.",
        "double|float");
    parser.addOptions({shotOpt, datasetOpt, dataOpt, stepsOpt, phasesOpt, selectOpt, edgeOpt,
                       sizeOpt, presentationOpt, darkOpt, precisionOpt});
    parser.process(app);
    std::optional<bp::Precision> precision;
    if (parser.isSet(precisionOpt)) {
        precision = bp::precisionFromString(parser.value(precisionOpt).toStdString());
        if (!precision) {
            std::fprintf(stderr, "backprop-studio: --precision expects float or double; got '%s'\n",
                         qPrintable(parser.value(precisionOpt)));
            return 2;
        }
    }

    if (parser.isSet(shotOpt))
        QApplication::setApplicationName("Backprop Studio (screenshot)"); // own settings
    bp::MainWindow window;
    if (parser.isSet(presentationOpt))
        window.setPresentationMode(true);
    if (parser.isSet(darkOpt))
        window.setDarkPalette(true);
    if (precision)
        window.setPrecision(*precision);
    if (parser.isSet(shotOpt)) {
        bp::ScreenshotRequest r;
        r.path = parser.value(shotOpt);
        r.dataset = parser.isSet(datasetOpt) ? parser.value(datasetOpt) : "xor";
        r.file = parser.value(dataOpt);
        r.steps = parser.value(stepsOpt).toInt();
        r.phases = parser.value(phasesOpt).toInt();
        r.select = parser.value(selectOpt);
        r.edge = parser.value(edgeOpt);
        const QStringList size = parser.value(sizeOpt).split('x');
        if (size.size() == 2) {
            r.width = size[0].toInt();
            r.height = size[1].toInt();
        }
        return bp::takeScreenshot(window, r);
    }
    if (parser.isSet(datasetOpt))
        window.loadPreset(parser.value(datasetOpt));
    window.show();
    if (parser.isSet(dataOpt)) { // read on a worker thread, the window already up
        window.datasetPanel()->setFile(parser.value(dataOpt));
        window.openData(window.datasetPanel()->choice());
    }
    return app.exec();
}
