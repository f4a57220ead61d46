#pragma once
#include <QString>
#include <QStringList>

namespace bp {
class MainWindow;

struct ScreenshotRequest {
    QString path;            // PNG to write
    QString dataset = "xor"; // a preset name
    QString file;            // then this data file (CSV, IDX, FANN) with the preset's network
    int steps = 0;           // records to step (F10)
    int phases = 0;          // then phases (F11)
    QString select;          // "k,i" node to select, e.g. "1,1"
    QString edge;            // "k,i,j" edge to select
    QString whatIf;          // then this value for it in the What-if dock (empty: none)
    int width = 1600, height = 1000;
    bool restoreAutosave = false; // first restore the autosaved session (instead of `dataset`)
    QString saveModel;            // after the steps, save the model here
    QString openModel;            // before the steps, open this model (File → Open model)
    QStringList show;             // docks to raise by title, e.g. "Weight diff"
    int markAfter = -1;           // ≥ 0: the Weight diff dock's mark after that many steps
    double forkLr = 0;            // > 0: after the steps, fork with this learning rate ...
    int forkEpochs = 0;           // ... and run both this many epochs
    QString lesson;               // a lesson file or built-in name, opened after the steps ...
    int lessonSteps = 1;          // ... gone through to this step ...
    QString answer;               // ... whose question gets this answer (else stays open)
};

// Renders the window after the steps, without showing it on a screen. Returns the
// exit code (0 on success) and prints what went wrong otherwise.
int takeScreenshot(MainWindow& window, const ScreenshotRequest& r);
} // namespace bp
