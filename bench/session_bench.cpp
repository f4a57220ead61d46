// Training throughput headless (bp::train on a TrainingRun) versus through the
// TrainingSession with a consumer on the main thread taking snapshots at 60 Hz and
// copying out what a view needs, for backprop-bench's W1 (784-128-10 online on
// Fashion-MNIST) and a 2-8-8-1 net. Each
// round measures both back to back (alternating which goes first); the ratio line
// is the median of the rounds' ratios. Both sides compute in the same precision
// (double unless --precision float).
//
// Both sides train on the same processor: headless on it, the session's worker thread
// on it while the consumer runs on another. The processors of a shared virtual machine
// can run at different speeds for minutes at a time (one here was 30% slower than the
// other), and a thread the scheduler happens to put on the slow one would otherwise
// decide the ratio. --no-pin leaves the placement to the scheduler.
//
// The consumer is the window's network graph (NetworkView, 1600×900, painted into a
// QImage offscreen, as backprop-graph-bench does) given the newest snapshot every
// 16 ms; --consumer copy only copies the weights and node values out as a view would.
// Usage:
//   backprop-session-bench [--quick] [--seconds S] [--rounds N] [--only NAME]
//                          [--precision double|float] [--no-pin] [--consumer graph|copy]
//                          [--side headless|session]   (one side only, e.g. for perf stat)
//                          [--health-ab]   (the session with health samples off and on:
//                                           the last 10 of every 100 records, as the
//                                           Layer health dock asks; the ratio is on/off)
#include "graph/network_view.h"
#include "session/training_session.h"
#include "session_cases.h"

#include <algorithm>
#include <atomic>
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <optional>
#include <pthread.h>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QTimer>
#include <sched.h>
#include <sys/resource.h>
#include <thread>
#include <time.h>

using namespace bp;
using bench::Case;

namespace {

// Where a round trains and where it draws (-1: wherever the scheduler puts it).
struct Placement {
    int train = -1;
    int draw = -1;
};

// The processors this process may run on.
std::vector<int> allowedCpus() {
    cpu_set_t set;
    CPU_ZERO(&set);
    std::vector<int> cpus;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        for (int c = 0; c < CPU_SETSIZE; ++c)
            if (CPU_ISSET(c, &set))
                cpus.push_back(c);
    return cpus;
}

// Keeps the calling thread on `cpus` (threads it starts inherit this).
void pinThisThread(const std::vector<int>& cpus) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int c : cpus)
        CPU_SET(c, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

void pinThisThread(int cpu, const std::vector<int>& otherwise) {
    pinThisThread(cpu >= 0 ? std::vector<int>{cpu} : otherwise);
}

double cpuSeconds() { // all threads of this process
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

// Records per wall-clock second and per CPU second (all threads).
struct Rate {
    double wall = 0;
    double cpu = 0;
};

// bp::train for `seconds`, in T.
template <typename T> Rate headless(const Case& c, double seconds, const Placement& where) {
    const std::vector<int> all = allowedCpus();
    pinThisThread(where.train, all);
    TrainingRunT<T> run(castNetwork<T>(c.net), c.data, c.hyper, c.schedule);
    std::atomic<bool> stop{false};
    TrainOptions options;
    options.epochs = 1 << 30;
    std::thread timer([&] {
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        stop = true;
    });
    QElapsedTimer t;
    t.start();
    const double cpu0 = cpuSeconds();
    train(run, options, {}, &stop);
    const double elapsed = double(t.nsecsElapsed()) * 1e-9;
    const double cpu = cpuSeconds() - cpu0;
    timer.join();
    const double records = double(run.recordsTrained());
    pinThisThread(all);
    return {records / elapsed, records / cpu};
}

// The consumer on the main thread: each frame with a new snapshot, the network graph
// painted into an image (graph), or the weights and node values copied out (copy).
struct View {
    NetworkView* graph = nullptr;
    QImage image;
    std::vector<float> weights;
    std::vector<float> nodes;
    double smoothedLoss = 0; // what a loss chart keeps per record: an EMA
    long points = 0;
    long frames = 0;
    quint64 lastSerial = 0;

    void draw(const std::shared_ptr<const Snapshot>& s) {
        if (s->serial == lastSerial)
            return; // nothing new to draw
        lastSerial = s->serial;
        ++frames;
        if (graph) {
            graph->setSnapshot(s);
            graph->QWidget::render(&image);
            return;
        }
        weights.clear();
        nodes.clear();
        for (const Layer& l : s->network.layers)
            for (Eigen::Index i = 0; i < l.w.size(); ++i)
                weights.push_back(static_cast<float>(l.w.data()[i]));
        for (const LayerValues& v : s->values.layers)
            for (Eigen::Index i = 0; i < v.x.size(); ++i) {
                nodes.push_back(static_cast<float>(v.x[i]));
                nodes.push_back(static_cast<float>(v.delta[i]));
            }
    }
};

// Through the session, with the consumer at 60 Hz on this thread. Time and CPU are
// taken up to the pause command; the records are those of the paused snapshot (the
// worker stops within a phase of the command).
Rate session(const Case& c, Precision precision, double seconds, const Placement& where,
             NetworkView* graph, long* frames, bool healthSamples = false) {
    const std::vector<int> all = allowedCpus();
    pinThisThread(where.train, all); // the worker thread starts here and keeps this
    TrainingSession s;
    pinThisThread(where.draw, all);
    View view;
    view.graph = graph;
    if (graph)
        view.image = QImage(graph->size(), QImage::Format_ARGB32_Premultiplied);
    std::shared_ptr<const Snapshot> newest;
    QObject::connect(&s, &TrainingSession::snapshotReady,
                     [&](std::shared_ptr<const Snapshot> snap) { newest = std::move(snap); });
    QObject::connect(&s, &TrainingSession::lossPoints, [&](const LossBuckets& p) {
        for (const LossBucket& b : p.buckets()) {
            view.smoothedLoss += 0.02 * (b.loss.mean() - view.smoothedLoss);
            view.points += b.count;
        }
    });
    long samples = 0; // what the Layer health dock would add to its charts
    QObject::connect(&s, &TrainingSession::healthSampled,
                     [&](std::shared_ptr<const HealthSamples> h) {
                         samples += static_cast<long>(h->samples.size());
                     });
    if (healthSamples)
        s.setHealthSampling(true, 100, 10);
    QTimer frame;
    frame.setInterval(16);
    QObject::connect(&frame, &QTimer::timeout, [&] {
        if (newest)
            view.draw(newest);
    });
    const auto waitFor = [&](quint64 ticket) {
        while (!(newest && newest->command >= ticket))
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    };
    waitFor(s.setup(c.net, c.data, nullptr, c.hyper, c.schedule, precision));
    frame.start();
    QElapsedTimer t;
    t.start();
    const double cpu0 = cpuSeconds();
    s.run();
    QEventLoop loop;
    QTimer::singleShot(static_cast<int>(seconds * 1000), &loop, &QEventLoop::quit);
    loop.exec();
    const quint64 pause = s.pause();
    const double elapsed = double(t.nsecsElapsed()) * 1e-9;
    const double cpu = cpuSeconds() - cpu0;
    waitFor(pause);
    if (qEnvironmentVariableIsSet("BP_BENCH_DEBUG")) {
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        std::printf("    paused %.1f ms after the command; %ld minor page faults so far\n",
                    double(t.nsecsElapsed()) * 1e-6 - elapsed * 1e3, u.ru_minflt);
    }
    frame.stop();
    pinThisThread(all);
    *frames = view.frames;
    const double records = double(newest->recordsTrained);
    return {records / elapsed, records / cpu};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Options {
    double seconds = 2;
    int rounds = 7;
    std::string only;
    std::string side; // "headless" or "session": run one side only (for perf stat)
    bool pin = true;
    bool drawGraph = true;
    bool healthAb = false; // session with health samples off ("headless") and on
    Precision precision = Precision::Double;
};

// The options of argv, or the exit code if the program is to stop (--help: 0, a bad
// option: 2, after saying what was wrong).
std::optional<int> parseOptions(int argc, char** argv, Options& o) {
    std::string precisionName = "double";
    bool quick = false;
    CLI::App cli("backprop-session-bench: the session under Run against headless train(), "
                 "same net and data, printing the ratio",
                 "backprop-session-bench");
    cli.add_flag("--quick", quick, "0.5 s per measurement, 3 rounds (for CI)");
    CLI::Option* secondsOption =
        cli.add_option("--seconds", o.seconds, "seconds per measurement (default 2)")
            ->check(CLI::Range(0.05, 600.0));
    CLI::Option* roundsOption =
        cli.add_option("--rounds", o.rounds, "rounds (default 7)")->check(CLI::Range(1, 1000));
    cli.add_option("--only", o.only, "one case")->check(CLI::IsMember({"784-128-10", "2-8-8-1"}));
    cli.add_option("--precision", precisionName, "the session's number type (default double)")
        ->check(CLI::IsMember({"double", "float"}));
    CLI::Option* noPin = cli.add_flag("--no-pin", "let the scheduler place the threads");
    std::string consumer = "graph";
    cli.add_option("--consumer", consumer,
                   "graph: the window's NetworkView painted every 16 ms (default); copy: the "
                   "weights and node values copied out as a view would")
        ->check(CLI::IsMember({"graph", "copy"}));
    cli.add_option("--side", o.side, "one side only, e.g. for perf stat")
        ->check(CLI::IsMember({"headless", "session"}));
    cli.add_flag("--health-ab", o.healthAb,
                 "compare the session with health samples off and on (the last 10 of every 100 "
                 "records): the ratio is on/off");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 2;
    }
    if (quick) {
        if (secondsOption->count() == 0)
            o.seconds = 0.5;
        if (roundsOption->count() == 0)
            o.rounds = 3;
    }
    o.pin = noPin->count() == 0;
    o.drawGraph = consumer == "graph";
    o.precision = *precisionFromString(precisionName);
    return std::nullopt;
}

// Training on the first allowed processor and drawing on the second, if there are two
// and --no-pin was not given; prints which.
Placement placementOf(const Options& o) {
    const std::vector<int> cpus = allowedCpus();
    const bool pin = o.pin && cpus.size() >= 2;
    std::printf(pin ? "both sides train on processor %d; the consumer runs on processor %d\n"
                    : "threads placed by the scheduler\n",
                cpus.empty() ? 0 : cpus[0], cpus.size() > 1 ? cpus[1] : 0);
    Placement where;
    if (pin) {
        where.train = cpus[0];
        where.draw = cpus[1];
    }
    return where;
}

// The consumer: the network graph at 1600x900, or null (a copy of the values).
std::unique_ptr<NetworkView> makeConsumer(const Options& o) {
    std::unique_ptr<NetworkView> graph;
    if (o.drawGraph) {
        graph = std::make_unique<NetworkView>();
        graph->resize(1600, 900);
    }
    std::printf("consumer: %s every 16 ms\n",
                o.drawGraph ? "the network graph painted at 1600x900" : "a copy of the values");
    return graph;
}

Rate headlessRate(const Case& c, const Options& o, const Placement& where) {
    return o.precision == Precision::Float ? headless<float>(c, o.seconds, where)
                                           : headless<double>(c, o.seconds, where);
}

// Each round's rates of one case, and their ratios session/headless.
struct CaseRounds {
    std::vector<double> hw, sw, hc, sc, rw, rc;
};

// Round r: back to back, alternating the order: each round's ratio compares two
// measurements under the same machine load.
void runRound(const Case& c, int r, const Options& o, const Placement& where, NetworkView* graph,
              CaseRounds& rounds) {
    long frames = 0;
    Rate h, s;
    if (o.healthAb) {
        const bool onFirst = r % 2 == 1;
        if (onFirst)
            s = session(c, o.precision, o.seconds, where, graph, &frames, true);
        h = session(c, o.precision, o.seconds, where, graph, &frames, false);
        if (!onFirst)
            s = session(c, o.precision, o.seconds, where, graph, &frames, true);
    } else if (o.side == "headless") {
        h = s = headlessRate(c, o, where);
    } else if (o.side == "session") {
        h = s = session(c, o.precision, o.seconds, where, graph, &frames);
    } else if (r % 2 == 0) {
        h = headlessRate(c, o, where);
        s = session(c, o.precision, o.seconds, where, graph, &frames);
    } else {
        s = session(c, o.precision, o.seconds, where, graph, &frames);
        h = headlessRate(c, o, where);
    }
    rounds.hw.push_back(h.wall);
    rounds.sw.push_back(s.wall);
    rounds.hc.push_back(h.cpu);
    rounds.sc.push_back(s.cpu);
    rounds.rw.push_back(s.wall / h.wall);
    rounds.rc.push_back(s.cpu / h.cpu);
    std::printf("  %-10s round %d: headless %9.0f rec/s (%9.0f per CPU s), session "
                "%9.0f rec/s (%9.0f per CPU s), ratio %.3f (CPU %.3f), %ld snapshots drawn\n",
                c.name, r + 1, h.wall, h.cpu, s.wall, s.cpu, rounds.rw.back(), rounds.rc.back(),
                frames);
    std::fflush(stdout);
}

// Every round of one case; prints the medians and returns the ratios' medians (wall, CPU).
std::pair<double, double> runCase(const Case& c, const Options& o, const Placement& where,
                                  NetworkView* graph) {
    CaseRounds rounds;
    for (int r = 0; r < o.rounds; ++r)
        runRound(c, r, o, where, graph, rounds);
    std::printf("%-10s median: headless %9.0f rec/s (%9.0f per CPU s), session %9.0f rec/s "
                "(%9.0f per CPU s)\n",
                c.name, median(rounds.hw), median(rounds.hc), median(rounds.sw), median(rounds.sc));
    return {median(rounds.rw), median(rounds.rc)};
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Options o;
    if (const std::optional<int> exitCode = parseOptions(argc, argv, o))
        return *exitCode;
    std::printf("session benchmark: %d rounds of %.1f s per measurement, %s, %u hardware "
                "threads\n",
                o.rounds, o.seconds, toString(o.precision).c_str(),
                std::thread::hardware_concurrency());
    const Placement where = placementOf(o);
    if (o.healthAb)
        std::printf("--health-ab: \"headless\" below is the session with health samples off, "
                    "\"session\" with them on (the last 10 of every 100 records)\n");
    const std::unique_ptr<NetworkView> graph = makeConsumer(o);
    std::vector<Case> cases;
    if (o.only.empty() || o.only == "784-128-10")
        cases.push_back(bench::w1Case());
    if (o.only.empty() || o.only == "2-8-8-1")
        cases.push_back(bench::smallCase());
    std::vector<std::pair<double, double>> ratios;
    for (const Case& c : cases)
        ratios.push_back(runCase(c, o, where, graph.get()));
    // The median of the rounds' ratios: steadier than a ratio of medians when other
    // processes load the machine unevenly.
    for (std::size_t i = 0; i < cases.size(); ++i)
        std::printf("ratio session/headless %s: %.3f (per CPU second, all threads: %.3f)\n",
                    cases[i].name, ratios[i].first, ratios[i].second);
    return 0;
}
