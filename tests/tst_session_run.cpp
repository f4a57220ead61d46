// Running on the worker thread: run → pause → resume, the learning rate changed
// while running, speed, epoch limits, loss points and epoch stats, a slow
// consumer, destruction mid-epoch and a flood of commands.
#include "tst_session_support.h"

#include <QThread>

using namespace bp;
using namespace bp::testing;

namespace {

// The core stepped `phases` phases from the start: what the session must show at that time.
TrainingRun coreAt(const Network& net, std::shared_ptr<const Dataset> data, const Hyper& h,
                   qint64 phases) {
    TrainingRun run(net, std::move(data), h, Schedule());
    for (qint64 t = 0; t < phases; ++t)
        run.stepPhase();
    return run;
}

Network net784(std::uint64_t seed) {
    Architecture a;
    a.sizes = {784, 128, 10};
    a.hidden = Activation::Relu;
    a.output = Activation::Softmax;
    a.loss = Loss::CrossEntropy;
    return makeNetwork(a, seed);
}

} // namespace

class SessionRun : public QObject {
    Q_OBJECT
private slots:
    void runPauseResume() {
        const Network net = net3452(1);
        auto data = randomData(3, 2, 50, 2);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        const quint64 go = s.run();
        QVERIFY(p.waitFor(go));
        QVERIFY(p.last->running);
        QCOMPARE(p.last->pauseReason, PauseReason::None);
        QVERIFY(p.waitUntil([&] { return p.last->recordsTrained > 2000; }));
        QVERIFY(p.waitFor(s.pause()));
        QVERIFY(!p.last->running);
        QCOMPARE(p.last->pauseReason, PauseReason::User);
        const std::shared_ptr<const Snapshot> first = p.last;
        TrainingRun core = coreAt(net, data, Hyper(), first->time);
        QVERIFY(sameWeights(first->network, core.network()));
        QVERIFY(sameValues(first->values, core.values()));
        QCOMPARE(first->recordsTrained, core.recordsTrained());
        QTest::qWait(50);
        QCOMPARE(s.latestSnapshot()->time, first->time); // paused means paused

        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitUntil([&] { return p.last->recordsTrained > first->recordsTrained + 2000; }));
        QVERIFY(p.waitFor(s.pause()));
        for (qint64 t = first->time; t < p.last->time; ++t)
            core.stepPhase();
        QVERIFY(sameWeights(p.last->network, core.network()));
        QVERIFY(sameValues(p.last->values, core.values()));
        // Every record's loss arrived once, in order, in buckets of consecutive records
        // (a record paused after its loss phase has its point too), in few batches.
        const bool pastLoss = p.last->nextPhase.kind == Phase::Kind::Backward ||
                              p.last->nextPhase.kind == Phase::Kind::Update;
        const long expected = p.last->recordsTrained + pastLoss;
        QTRY_VERIFY_WITH_TIMEOUT(!p.buckets.empty() && p.buckets.back().end() == expected, 2000);
        long next = 0;
        long finite = 0;
        for (const LossBucket& b : p.buckets) {
            QCOMPARE(b.first, next);
            QVERIFY(b.count >= 1);
            next = b.end();
            finite += b.loss.n;
        }
        QCOMPARE(finite, expected); // every loss finite, each counted once
        QVERIFY(p.pointBatches < expected / 10);
        QVERIFY(p.refusals.isEmpty());
    }

    // At most ~40 snapshots a second while running, however fast the records go.
    void snapshotsAreThrottled() {
        TrainingSession s;
        Probe p(s);
        QVERIFY(
            p.waitFor(s.setup(net3452(3), randomData(3, 2, 40, 4), nullptr, Hyper(), Schedule())));
        const std::size_t before = p.snapshots.size();
        QElapsedTimer t;
        t.start();
        QVERIFY(p.waitFor(s.run()));
        QTest::qWait(500);
        QVERIFY(p.waitFor(s.pause()));
        const double seconds = double(t.elapsed()) / 1000;
        const double count = double(p.snapshots.size() - before);
        qInfo("%g snapshots in %.2f s while training %ld records", count, seconds,
              p.last->recordsTrained);
        QVERIFY(count <= 40 * seconds + 5);
        QVERIFY(count >= 5); // and they do come
        QVERIFY(p.last->recordsTrained > 1000);
    }

    // A learning rate changed while running takes effect at a record start; the result
    // is the core with setHyper at that record.
    void learningRateWhileRunning() {
        const Network net = net3452(5);
        auto data = randomData(3, 2, 30, 6);
        TrainingSession s;
        Probe p(s);
        s.setSpeed(400); // slow enough to search for the record in the core below
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitUntil([&] { return p.last->recordsTrained >= 10; }));
        Hyper h;
        h.learningRate = 0.6;
        h.momentum = 0.2;
        QVERIFY(p.waitFor(s.setHyper(h)));
        QVERIFY(p.last->running);
        QVERIFY(p.waitUntil([&] { return p.last->hyper.learningRate == 0.6; }));
        QVERIFY(p.waitUntil([&] { return p.last->recordsTrained >= 30; }));
        QVERIFY(p.waitFor(s.pause()));
        const std::shared_ptr<const Snapshot> end = p.last;
        QCOMPARE(end->hyper.momentum, 0.2);
        // Which record start? Exactly one k gives the session's numbers.
        int matches = 0;
        for (long k = 1; k <= end->recordsTrained; ++k) {
            TrainingRun core(net, data, Hyper(), Schedule());
            qint64 t = 0;
            for (; core.recordsTrained() < k; ++t)
                core.stepPhase();
            core.setHyper(h);
            for (; t < end->time; ++t)
                core.stepPhase();
            if (sameWeights(core.network(), end->network) && sameValues(core.values(), end->values))
                ++matches;
        }
        QCOMPARE(matches, 1);
        QVERIFY(p.refusals.isEmpty());
    }

    // A slow run waits on the condition variable, not in a sleep: pause is immediate.
    void slowSpeedPausesAtOnce() {
        TrainingSession s;
        Probe p(s);
        s.setSpeed(1); // one record a second
        QVERIFY(
            p.waitFor(s.setup(net3452(7), randomData(3, 2, 10, 8), nullptr, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitUntil([&] { return p.last->recordsTrained >= 1; }));
        QElapsedTimer t;
        t.start();
        QVERIFY(p.waitFor(s.pause(), 5000));
        qInfo("paused %lld ms after the command at 1 record/s", t.elapsed());
        QVERIFY(t.elapsed() < 500);
        QVERIFY(p.last->recordsTrained <= 2);
        // Back to full speed while running.
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitFor(s.setSpeed(0)));
        QVERIFY(p.waitUntil([&] { return p.last->recordsTrained > 1000; }, 5000));
        QVERIFY(p.waitFor(s.pause()));
    }

    void runForEpochs() {
        const Network net = net3452(9);
        auto data = randomData(3, 2, 25, 10);
        auto test = randomData(3, 2, 12, 11);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, test, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.run(3)));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::EpochsDone);
        QCOMPARE(p.last->epoch, 3);
        TrainingRun core(net, data, Hyper(), Schedule());
        std::vector<double> testLoss;
        for (int e = 0; e < 3; ++e) {
            core.stepEpoch();
            testLoss.push_back(evaluate(core.network(), *test).loss);
        }
        QVERIFY(sameWeights(p.last->network, core.network()));
        QTRY_COMPARE_WITH_TIMEOUT(p.epochs.size(), std::size_t(3), 2000);
        for (int e = 0; e < 3; ++e) {
            QCOMPARE(p.epochs[std::size_t(e)].epoch, e + 1);
            QCOMPARE(p.epochs[std::size_t(e)].testLoss, testLoss[std::size_t(e)]);
        }
        QCOMPARE(p.points.size(), 75);
        // Δw at the pause is exact even though the run armed it only now and then.
        TrainingRun before(net, data, Hyper(), Schedule());
        for (qint64 t = 0; t + 1 < p.last->time; ++t)
            before.stepPhase();
        QCOMPARE(p.last->lastUpdate.size(), std::size_t(3));
        for (int k = 1; k <= 3; ++k)
            QVERIFY(p.last->lastUpdate[std::size_t(k - 1)] ==
                    core.network().layer(k).w - before.network().layer(k).w);
    }

    // A step command while running pauses first, then steps.
    void stepWhileRunning() {
        const Network net = net3452(12);
        auto data = randomData(3, 2, 20, 13);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitUntil([&] { return p.last->recordsTrained > 100; }));
        QVERIFY(p.waitFor(s.stepRecord()));
        QVERIFY(!p.last->running);
        COMPARE_PHASE(p.last->nextPhase, (Phase{Phase::Kind::Forward, 1}));
        TrainingRun core = coreAt(net, data, Hyper(), p.last->time);
        QVERIFY(sameWeights(p.last->network, core.network()));
        QVERIFY(sameValues(p.last->values, core.values()));
    }

    // setup while running pauses first and applies whole.
    void setupWhileRunning() {
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(
            s.setup(net3452(14), randomData(3, 2, 20, 15), nullptr, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitUntil([&] { return p.last->recordsTrained > 100; }));
        Architecture a;
        a.sizes = {2, 3, 1};
        const Network other = makeNetwork(a, 16);
        QVERIFY(p.waitFor(s.setup(other, randomData(2, 1, 7, 17), nullptr, Hyper(), Schedule())));
        QVERIFY(!p.last->running);
        QVERIFY(sameWeights(p.last->network, other));
        QCOMPARE(p.last->recordsTrained, 0L);
        QCOMPARE(p.last->recordsPerEpoch, 7L);
        QCOMPARE(p.rewinds.back(), (std::pair<long, int>(0, 0)));
        QTest::qWait(30);
        QCOMPARE(s.latestSnapshot()->recordsTrained, 0L);
    }

    // The GUI thread stuck for 300 ms: the worker keeps going and keeps one snapshot.
    void slowConsumerDoesNotSlowTheWorker() {
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(
            s.setup(net3452(18), randomData(3, 2, 40, 19), nullptr, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitUntil([&] { return p.last->recordsTrained > 100; }));
        QCoreApplication::processEvents();
        const std::size_t before = p.snapshots.size();
        const long recordsBefore = s.latestSnapshot()->recordsTrained;
        QThread::msleep(300); // no events processed
        const long recordsAfter = s.latestSnapshot()->recordsTrained;
        QVERIFY(recordsAfter > recordsBefore + 1000);
        QCoreApplication::processEvents();         // one queued delivery: one snapshot, the newest
        QVERIFY(p.snapshots.size() <= before + 2); // not a backlog of stale ones
        QVERIFY(p.last->recordsTrained >= recordsAfter);
        QVERIFY(p.waitFor(s.pause()));
    }

    // Destroying the session mid-epoch of a 784-128-10 net stops the worker at once.
    void destroyWhileRunning_data() {
        QTest::addColumn<bool>("withTest");
        QTest::newRow("training") << false;
        QTest::newRow("evaluating the test set") << true;
    }
    void destroyWhileRunning() {
        QFETCH(bool, withTest);
        auto data = randomData(784, 10, withTest ? 2 : 3000, 20, true);
        auto test = withTest ? randomData(784, 10, 20000, 21, true) : nullptr;
        auto s = std::make_unique<TrainingSession>();
        Probe p(*s);
        QVERIFY(p.waitFor(s->setup(net784(22), data, test, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s->run()));
        if (withTest) // the 2-record epoch is over at once; evaluating 20,000 records is not
            QTest::qWait(100);
        else
            QVERIFY(p.waitUntil([&] { return p.last->recordsTrained > 10; }));
        QElapsedTimer t;
        t.start();
        s.reset();
        const qint64 ms = t.elapsed();
        qInfo("destroyed in %lld ms", ms);
        QVERIFY(ms < 300); // the requirement is 100 ms; slack for a loaded machine
    }

    // 10,000 commands as fast as the GUI thread can send them, no event processing in
    // between: no deadlock, no crash, every one handled.
    void tenThousandCommands() {
        const Network net = net3452(23);
        auto data = randomData(3, 2, 15, 24);
        TrainingSession s;
        Probe p(s);
        Random rng(25);
        quint64 last = s.setup(net, data, nullptr, Hyper(), Schedule());
        for (int i = 0; i < 10000; ++i) {
            switch (rng.below(16)) {
            case 0:
                last = s.stepPhase();
                break;
            case 1:
                last = s.stepRecord();
                break;
            case 2:
                last = s.stepBatch();
                break;
            case 3:
                last = s.stepEpoch();
                break;
            case 4:
                last = s.run(rng.below(3) == 0 ? 1 : 0);
                break;
            case 5:
                last = s.pause();
                break;
            case 6:
                last = s.reset();
                break;
            case 7:
                last = s.jumpToRecord(long(rng.below(20)));
                break;
            case 8:
                last = s.stepBack(StepUnit::Phase);
                break;
            case 9:
                last = s.stepBack(StepUnit::Record);
                break;
            case 10: {
                Hyper h;
                h.learningRate = rng.uniform(0.01, 1);
                h.batchSize = int(rng.below(4)); // 0 is refused
                last = s.setHyper(h);
                break;
            }
            case 11:
                last = s.setSpeed(rng.below(2) ? 0 : 5000);
                break;
            case 12: {
                Breakpoints b;
                b.record = long(rng.below(15));
                b.lossAbove = rng.below(2) ? std::optional<double>(0.3) : std::nullopt;
                last = s.setBreakpoints(b);
                break;
            }
            case 13:
                last = s.stepBack(StepUnit::Phase);
                break;
            case 14:
                last = s.requestDiff(0, qint64(rng.below(10)));
                break;
            case 15:
                if (rng.below(50) == 0)
                    last = s.setup(net, data, nullptr, Hyper(), Schedule());
                else
                    last = s.pause();
                break;
            }
        }
        last = s.pause();
        QVERIFY(p.waitFor(last, 20000));
        QVERIFY(!p.last->running);
        // Still working: a step gives the core's numbers for the time it is at.
        const quint64 t = s.stepRecord();
        QVERIFY(p.waitFor(t));
        QVERIFY(p.refusals.size() > 0);
        QVERIFY(p.refusals.size() < 10000);
    }
};

QTEST_GUILESS_MAIN(SessionRun)
#include "tst_session_run.moc"
