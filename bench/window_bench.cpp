// backprop-window-bench: the real MainWindow (offscreen, at 1400x900, every dock it
// opens with) trained with Run against headless training of the same network on the
// same data, in the same run, rounds alternating. Prints per case the ratio of the
// rates, and from the window side the memory growth, the GUI event loop's lateness
// (p99 of a 10 ms timer) and the graph's paints per second. See docs/session.md.
#include "graph/network_view.h"
#include "math/training.h"
#include "panels/dataset_panel.h"
#include "session/training_session.h"
#include "window/main_window.h"
#include "window/window_probe.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <thread>

using namespace bp;

namespace {

struct WindowRound {
    double rate = 0; // records per second
    double growthMiB = 0;
    double lateP99 = 0;
    double paintsPerSecond = 0;
};

// The event loop as the application runs it: idle until an event or the timer (a
// processEvents() loop would spin the GUI thread, which the real window never does).
void waitMs(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

WindowRound windowRound(MainWindow& w, double seconds) {
    LatenessProbe lateness;
    PaintCounter paints(w.graph());
    QTest::keyClick(&w, Qt::Key_F5);
    waitMs(1000); // the run settles: first epochs, first chart buckets
    const double base = residentMiB();
    const long records0 = w.session()->latestSnapshot()->recordsTrained;
    const long paints0 = paints.paints;
    lateness.start();
    QElapsedTimer t;
    t.start();
    WindowRound r;
    while (t.elapsed() < seconds * 1000) {
        waitMs(100);
        r.growthMiB = std::max(r.growthMiB, residentMiB() - base);
    }
    const double elapsed = t.nsecsElapsed() * 1e-9;
    const long records = w.session()->latestSnapshot()->recordsTrained - records0;
    lateness.stop();
    QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
    while (w.snapshot()->running) // on screen: Run is enabled again for the next round
        waitMs(5);
    r.rate = records / elapsed;
    r.lateP99 = lateness.percentile(0.99);
    r.paintsPerSecond = (paints.paints - paints0) / elapsed;
    return r;
}

template <typename T> double headlessRate(const MainWindow& w, double seconds) {
    const PreparedExperiment& p = w.prepared();
    TrainingRunT<T> run(castNetwork<T>(p.network), p.train, p.experiment.hyper, p.schedule);
    TrainOptions options;
    options.epochs = 1 << 30;
    options.test = p.test.get(); // the window evaluates the test set after every epoch too
    std::atomic<bool> stop{false};
    std::thread timer([&] {
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        stop = true;
    });
    QElapsedTimer t;
    t.start();
    train(run, options, {}, &stop);
    const double elapsed = t.nsecsElapsed() * 1e-9;
    timer.join();
    return run.recordsTrained() / elapsed;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double headlessRateIn(Precision precision, const MainWindow& w, double seconds) {
    return precision == Precision::Float ? headlessRate<float>(w, seconds)
                                         : headlessRate<double>(w, seconds);
}

struct Options {
    double seconds = 3;
    int rounds = 3;
    std::string only;
};

// The options of argv, or the exit code if the program is to stop (--help: 0, a bad
// option: 2, after saying what was wrong).
std::optional<int> parseOptions(int argc, char** argv, Options& o) {
    CLI::App cli("backprop-window-bench: the real MainWindow under Run against headless train(), "
                 "same net and data, printing the ratio",
                 "backprop-window-bench");
    cli.add_option("--seconds", o.seconds, "seconds per side and round (default 3)")
        ->check(CLI::Range(0.05, 600.0));
    cli.add_option("--rounds", o.rounds, "rounds (default 3)")->check(CLI::Range(1, 1000));
    cli.add_option("--only", o.only, "one case")->check(CLI::IsMember({"784", "2-8-8-1"}));
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 2;
    }
    return std::nullopt;
}

struct Case {
    const char* name;
    QString preset;
    QString file;
};

// Fashion-MNIST's training images (if they are there) and the circle preset.
std::vector<Case> casesOf(const Options& o) {
    const std::string fashion = BP_FASHION_MNIST_DIR "/train-images-idx3-ubyte.gz";
    std::vector<Case> cases;
    if ((o.only.empty() || o.only == "784") && std::filesystem::exists(fashion))
        cases.push_back({"784-128-10", QString(), QString::fromStdString(fashion)});
    if (o.only.empty() || o.only == "2-8-8-1")
        cases.push_back({"2-8-8-1", "circle", QString()});
    return cases;
}

// The window on (offscreen) screen with the case's data, paused; false if it could not
// be shown or opened.
bool openCase(MainWindow& w, const Case& c, Precision precision) {
    w.resize(1400, 900);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return false;
    w.setPrecision(precision);
    const bool ok = c.file.isEmpty() ? w.loadPreset(c.preset) : [&] {
        w.datasetPanel()->setFile(c.file);
        return w.loadData(w.datasetPanel()->choice());
    }();
    if (!ok) {
        std::fprintf(stderr, "could not open %s\n", c.name);
        return false;
    }
    w.waitForTicket(w.session()->pause());
    return true;
}

// Each round's figures of one case and precision.
struct CaseRounds {
    std::vector<double> ratios, growth, late, fps, wr, hr;
};

void runRound(MainWindow& w, const Case& c, Precision precision, int r, const Options& o,
              CaseRounds& rounds) {
    double h = 0;
    WindowRound win;
    if (r % 2 == 0) { // alternating: each ratio under the same load
        h = headlessRateIn(precision, w, o.seconds);
        win = windowRound(w, o.seconds);
    } else {
        win = windowRound(w, o.seconds);
        h = headlessRateIn(precision, w, o.seconds);
    }
    rounds.ratios.push_back(win.rate / h);
    rounds.growth.push_back(win.growthMiB);
    rounds.late.push_back(win.lateP99);
    rounds.fps.push_back(win.paintsPerSecond);
    rounds.wr.push_back(win.rate);
    rounds.hr.push_back(h);
    std::printf("  %s %s round %d: window %.0f rec/s, headless %.0f rec/s, ratio "
                "%.3f, rss growth %.1f MiB, lateness p99 %.1f ms, graph %.1f "
                "paints/s\n",
                c.name, toString(precision).c_str(), r + 1, win.rate, h, rounds.ratios.back(),
                win.growthMiB, win.lateP99, win.paintsPerSecond);
    std::fflush(stdout);
}

// Every round of one case at one precision, then its ratio line; false if the window
// could not open the case.
bool runCase(const Case& c, Precision precision, const Options& o) {
    MainWindow w;
    if (!openCase(w, c, precision))
        return false;
    CaseRounds rounds;
    for (int r = 0; r < o.rounds; ++r)
        runRound(w, c, precision, r, o, rounds);
    std::printf("ratio window/headless %s %s: %.3f (window %.0f rec/s, headless %.0f "
                "rec/s); rss growth %.1f MiB; lateness p99 %.1f ms; graph %.1f "
                "paints/s\n",
                c.name, toString(precision).c_str(), median(rounds.ratios), median(rounds.wr),
                median(rounds.hr), *std::max_element(rounds.growth.begin(), rounds.growth.end()),
                *std::max_element(rounds.late.begin(), rounds.late.end()), median(rounds.fps));
    std::fflush(stdout);
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // settings of its own, none remembered
    QSettings().clear();
    Options o;
    if (const std::optional<int> exitCode = parseOptions(argc, argv, o))
        return *exitCode;
    std::printf("window benchmark: %d rounds of %.1f s per side, MainWindow offscreen at "
                "1400x900\n",
                o.rounds, o.seconds);
    for (const Case& c : casesOf(o))
        for (Precision precision : {Precision::Double, Precision::Float})
            if (!runCase(c, precision, o))
                return 1;
    return 0;
}
