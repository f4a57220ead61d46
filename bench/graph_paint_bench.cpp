// backprop-graph-bench: how long the network graph takes to paint a frame of a
// 784-128-10 network (28×28 input image, 128 hidden cells, thinned edges) into a
// 1600×900 QImage, with a new snapshot every frame (the phases of real training
// steps, so values, δ, ∂J/∂w, the phase highlight and the update flash all change).
// Prints the median and 99th percentile frame times; the budget is 16 ms (60 Hz).
//
//   backprop-graph-bench [frames]      (default 400; runs offscreen)
#include "graph/network_view.h"
#include "math/random.h"
#include "math/training.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <string>
#include <vector>

using namespace bp;

namespace {

// Records that look like strokes on a 28×28 canvas: a few bright random walks.
std::shared_ptr<Dataset> strokes(int records) {
    Random rng(11);
    auto d = std::make_shared<Dataset>();
    d->name = "strokes";
    Matrix pixels = Matrix::Zero(784, records);
    d->targets = Matrix::Zero(10, records);
    for (int r = 0; r < records; ++r) {
        const auto label = static_cast<Eigen::Index>(rng.below(10));
        d->targets(label, r) = 1;
        double y = rng.uniform(6, 22);
        double x = rng.uniform(6, 22);
        for (int step = 0; step < 60; ++step) {
            y = std::clamp(y + rng.uniform(-1.2, 1.2), 1.0, 26.0);
            x = std::clamp(x + rng.uniform(-1.2, 1.2), 1.0, 26.0);
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    double& p =
                        pixels((static_cast<int>(y) + dy) * 28 + static_cast<int>(x) + dx, r);
                    p = std::min(1.0, p + (dy == 0 && dx == 0 ? 0.6 : 0.2));
                }
        }
    }
    d->inputs = FeatureMatrix(std::move(pixels));
    return d;
}

// Snapshots of consecutive phases of a training run, as the session would send them.
std::vector<std::shared_ptr<const Snapshot>> snapshots(int count) {
    Architecture a;
    a.sizes = {784, 128, 10};
    a.hidden = Activation::Relu;
    a.output = Activation::Sigmoid;
    a.loss = Loss::CrossEntropy;
    a.init = Init::He;
    Hyper h;
    h.learningRate = 0.05;
    TrainingRun run(makeNetwork(a, 5), strokes(64), h, Schedule());
    std::vector<std::shared_ptr<const Snapshot>> out;
    std::vector<Matrix> lastUpdate;
    for (int i = 0; i < count; ++i) {
        const Network before = run.network();
        const StepResult r = run.stepPhase();
        if (r.updated) {
            lastUpdate.clear();
            for (int k = 1; k <= before.depth(); ++k)
                lastUpdate.push_back(run.network().layer(k).w - before.layer(k).w);
        }
        auto s = std::make_shared<Snapshot>();
        s->serial = static_cast<quint64>(i + 1);
        s->network = run.network();
        s->values = run.values();
        s->hasPhase = true;
        s->lastPhase = r.phase;
        s->nextPhase = run.nextPhase();
        s->epoch = run.epoch();
        s->recordIndex = static_cast<long>(run.lastRecordIndex());
        s->lastUpdate = lastUpdate;
        out.push_back(std::move(s));
    }
    return out;
}

// CPU time of the whole process (the painter's helper threads included), in ms.
double cpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Stats {
    double median = 0;
    double p99 = 0;
    double max = 0;
    double mean = 0;
};

Stats statsOf(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    Stats s;
    const auto at = [&](double q) {
        return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * (ms.size() - 1) + 0.5))];
    };
    s.median = at(0.5);
    s.p99 = at(0.99);
    s.max = ms.back();
    for (double v : ms)
        s.mean += v / static_cast<double>(ms.size());
    return s;
}

std::string loadAverage() {
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return "unknown";
    return f.readLine().split(' ').mid(0, 3).join(' ').toStdString();
}

void print(const char* what, const Stats& s) {
    std::printf("  %-44s median %6.2f ms   p99 %6.2f ms   mean %6.2f ms   max %6.2f ms   %s\n",
                what, s.median, s.p99, s.mean, s.max,
                s.p99 < 16.0 ? "(< 16 ms: ok)" : "(OVER 16 ms)");
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int frames = argc > 1 ? std::max(10, std::atoi(argv[1])) : 400;
    const QSize size(1600, 900);
    const std::vector<std::shared_ptr<const Snapshot>> snaps = snapshots(96);

    NetworkView view;
    view.resize(size);
    view.setSelectedNode(1, 12); // the weights image is drawn too
    QImage image(size, QImage::Format_ARGB32_Premultiplied);

    // The widget's path: setSnapshot, then a paint event (layout cached, edge plan per snapshot).
    std::vector<double> widgetMs;
    std::vector<double> widgetCpuMs;
    for (int f = 0; f < frames + 10; ++f) {
        view.setSnapshot(snaps[static_cast<std::size_t>(f) % snaps.size()]);
        QElapsedTimer t;
        t.start();
        const double cpu = cpuMs();
        view.QWidget::render(&image);
        const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
        if (f >= 10) { // warm-up frames left out
            widgetMs.push_back(ms);
            widgetCpuMs.push_back(cpuMs() - cpu);
        }
    }

    // The export path: render() lays the graph out afresh for its target every time.
    std::vector<double> exportMs;
    for (int f = 0; f < frames / 4 + 5; ++f) {
        view.setSnapshot(snaps[static_cast<std::size_t>(f) % snaps.size()]);
        QElapsedTimer t;
        t.start();
        {
            QPainter p(&image);
            view.render(p, QRectF(QPointF(0, 0), QSizeF(size)));
        }
        const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
        if (f >= 5)
            exportMs.push_back(ms);
    }

    std::printf("backprop-graph-bench: 784-128-10, %dx%d QImage, %d frames, a new snapshot "
                "every frame\n",
                size.width(), size.height(), frames);
    print("frame, wall clock (setSnapshot + paintEvent)", statsOf(widgetMs));
    print("frame, CPU time of the process", statsOf(widgetCpuMs));
    print("export render(), wall clock (+ layout)", statsOf(exportMs));
    std::printf("  (wall clock above CPU time = waiting for the raster engine's helper threads or\n"
                "   for other processes on a busy machine; load average now: %s)\n",
                loadAverage().c_str());
    return 0;
}
