#include "screenshot.h"

#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "panels/dataset_panel.h"
#include "style/image_file.h"
#include "window/main_window.h"

#include <cstdio>
#include <QApplication>
#include <QEventLoop>
#include <QPixmap>
#include <QTimer>

namespace bp {

namespace {
void settle(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}
} // namespace

int takeScreenshot(MainWindow& window, const ScreenshotRequest& r) {
    window.resize(r.width, r.height);
    window.show();
    if (!window.loadPreset(r.dataset)) {
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
    // One command at a time, each waited for, as a user pressing F10 / F11 would.
    for (int n = 0; n < r.steps + r.phases; ++n) {
        const quint64 ticket = n < r.steps ? window.stepRecord() : window.stepPhase();
        if (!window.waitForTicket(ticket)) {
            std::fprintf(stderr, "backprop-studio: the session did not answer in time\n");
            return 1;
        }
    }
    const QStringList node = r.select.split(',', Qt::SkipEmptyParts);
    if (node.size() == 2)
        window.selectNode(node[0].toInt(), node[1].toInt());
    const QStringList edge = r.edge.split(',', Qt::SkipEmptyParts);
    if (edge.size() == 3) {
        window.graph()->setSelectedEdge(edge[0].toInt(), edge[1].toInt(), edge[2].toInt());
        window.inspector()->showEdge(edge[0].toInt(), edge[1].toInt(), edge[2].toInt());
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
