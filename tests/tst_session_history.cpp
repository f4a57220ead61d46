// Rewind: stepping back by phase and by record shows the network exactly as it
// was, and stepping forward again reproduces the same values bit for bit, across
// checkpoints, setHyper changes and jumps; the history keeps its limits; diffs.
#include "math/error.h"
#include "session/history.h"
#include "tst_session_support.h"

#include <limits>

using namespace bp;
using namespace bp::testing;

namespace {

struct Seen {
    qint64 time = 0;
    Network net;
    RecordValues values;
    Hyper hyper;
    long records = 0;
    std::vector<Matrix> lastUpdate;
};

Seen seen(const Snapshot& s) {
    return {s.time, s.network, s.values, s.hyper, s.recordsTrained, s.lastUpdate};
}

bool sameAs(const Snapshot& s, const Seen& x) {
    return s.time == x.time && sameWeights(s.network, x.net) && sameValues(s.values, x.values) &&
           s.hyper.learningRate == x.hyper.learningRate && s.recordsTrained == x.records &&
           s.lastUpdate.size() == x.lastUpdate.size() &&
           std::equal(s.lastUpdate.begin(), s.lastUpdate.end(), x.lastUpdate.begin());
}

HistoryLimits every(long records) {
    HistoryLimits l;
    l.checkpointInterval = records;
    return l;
}

} // namespace

class SessionHistory : public QObject {
    Q_OBJECT
private slots:
    // Forward 12 records (a setHyper after the 5th, a jump after the 8th), back 10
    // records one at a time, forward again: every state equals the first pass. With a
    // checkpoint every 3 records the steps back cross checkpoints and replays.
    void rewindByRecordThenForwardIsBitIdentical_data() {
        QTest::addColumn<long>("interval");
        QTest::newRow("checkpoint every record") << 1L;
        QTest::newRow("checkpoint every 3 records") << 3L;
        QTest::newRow("checkpoint every 50 records") << 50L;
    }
    void rewindByRecordThenForwardIsBitIdentical() {
        QFETCH(long, interval);
        const Network net = net3452(21);
        auto data = randomData(3, 2, 9, 22);
        Hyper h;
        h.momentum = 0.3;
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(
            s.setup(net, data, nullptr, h, Schedule(), Precision::Double, every(interval))));
        std::vector<Seen> pass{seen(*p.last)};
        for (int r = 1; r <= 12; ++r) {
            QVERIFY(p.waitFor(s.stepRecord()));
            if (r == 5) {
                Hyper faster = h;
                faster.learningRate = 0.7;
                QVERIFY(p.waitFor(s.setHyper(faster))); // at a record start: now
                QCOMPARE(p.last->hyper.learningRate, 0.7);
            }
            if (r == 8)
                QVERIFY(p.waitFor(s.jumpToRecord(2)));
            pass.push_back(seen(*p.last));
        }
        QCOMPARE(p.last->historyDepth, 12);
        for (int r = 11; r >= 2; --r) {
            QVERIFY(p.waitFor(s.stepBack(StepUnit::Record)));
            QVERIFY2(sameAs(*p.last, pass[std::size_t(r)]), qPrintable(QString::number(r)));
            QCOMPARE(p.last->historyDepth, r);
        }
        QVERIFY(p.refusals.isEmpty());
        // The chart was told to drop the records that are no longer on the timeline.
        QCOMPARE(p.rewinds.back().first, pass[2].records);
        for (int r = 3; r <= 12; ++r) {
            QVERIFY(p.waitFor(s.stepRecord()));
            QVERIFY2(sameAs(*p.last, pass[std::size_t(r)]), qPrintable(QString::number(r)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(p.points.size(), 12, 2000);
        for (int i = 0; i < 12; ++i)
            QCOMPARE(p.points[i].record, long(i));
    }

    // Back one phase at a time through two records and forward again.
    void rewindByPhase() {
        const Network net = net3452(31);
        auto data = randomData(3, 2, 5, 32);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(
            s.setup(net, data, nullptr, Hyper(), Schedule(), Precision::Double, every(1))));
        std::vector<Seen> pass{seen(*p.last)};
        std::vector<Phase> phases{Phase()};
        for (int i = 1; i <= 16; ++i) {
            QVERIFY(p.waitFor(s.stepPhase()));
            pass.push_back(seen(*p.last));
            phases.push_back(p.last->lastPhase);
            QCOMPARE(p.last->time, qint64(i));
        }
        for (int i = 15; i >= 0; --i) {
            QVERIFY(p.waitFor(s.stepBack(StepUnit::Phase)));
            QVERIFY2(sameAs(*p.last, pass[std::size_t(i)]), qPrintable(QString::number(i)));
            QCOMPARE(p.last->hasPhase, i > 0);
            if (i > 0)
                COMPARE_PHASE(p.last->lastPhase, phases[std::size_t(i)]);
        }
        QVERIFY(p.waitFor(s.stepBack(StepUnit::Phase))); // nothing before time 0
        QCOMPARE(p.refusals.size(), 1);
        QVERIFY2(p.refusals[0].contains("Nothing to step back"), qPrintable(p.refusals[0]));
        for (int i = 1; i <= 16; ++i) {
            QVERIFY(p.waitFor(s.stepPhase()));
            QVERIFY2(sameAs(*p.last, pass[std::size_t(i)]), qPrintable(QString::number(i)));
        }
        // Half-way through a record, a step back by record goes to its start.
        QVERIFY(p.waitFor(s.stepPhase()));
        QVERIFY(p.waitFor(s.stepBack(StepUnit::Record)));
        QCOMPARE(p.last->time, qint64(16));
    }

    // A setHyper while the record is half done waits for the next record; rewinding
    // before it and stepping forward applies it at the same place again.
    void pendingHyperReplays() {
        const Network net = net3452(41);
        auto data = randomData(3, 2, 7, 42);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(
            s.setup(net, data, nullptr, Hyper(), Schedule(), Precision::Double, every(2))));
        QVERIFY(p.waitFor(s.stepRecord()));
        QVERIFY(p.waitFor(s.stepPhase()));
        Hyper h;
        h.learningRate = 0.05;
        h.batchSize = 2;
        QVERIFY(p.waitFor(s.setHyper(h)));
        QVERIFY(p.last->hyperPending);
        QCOMPARE(p.last->hyper.learningRate, 0.1);
        QVERIFY(p.waitFor(s.stepRecord()));
        QVERIFY(!p.last->hyperPending);
        QCOMPARE(p.last->hyper.batchSize, 2);
        for (int i = 0; i < 4; ++i)
            QVERIFY(p.waitFor(s.stepRecord()));
        const Seen end = seen(*p.last);
        for (int i = 0; i < 5; ++i)
            QVERIFY(p.waitFor(s.stepBack(StepUnit::Record)));
        QCOMPARE(p.last->hyper.learningRate, 0.1);
        for (int i = 0; i < 5; ++i)
            QVERIFY(p.waitFor(s.stepRecord()));
        QVERIFY(sameAs(*p.last, end));

        // The same in the core: the change at the third record's start.
        TrainingRun core(net, data, Hyper(), Schedule());
        core.stepRecord();
        core.stepRecord();
        core.setHyper(h);
        for (int i = 0; i < 4; ++i)
            core.stepRecord();
        QVERIFY(sameWeights(core.network(), end.net));
    }

    // A new input after a rewind forks the timeline: the old future is gone.
    void newInputAfterRewindForks() {
        const Network net = net3452(51);
        auto data = randomData(3, 2, 8, 52);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        Hyper slow;
        slow.learningRate = 0.01;
        for (int i = 0; i < 3; ++i)
            QVERIFY(p.waitFor(s.stepRecord()));
        QVERIFY(p.waitFor(s.setHyper(slow)));
        for (int i = 0; i < 3; ++i)
            QVERIFY(p.waitFor(s.stepRecord()));
        for (int i = 0; i < 4; ++i)
            QVERIFY(p.waitFor(s.stepBack()));
        Hyper fast;
        fast.learningRate = 0.9;
        QVERIFY(p.waitFor(s.setHyper(fast)));
        for (int i = 0; i < 4; ++i)
            QVERIFY(p.waitFor(s.stepRecord()));
        TrainingRun core(net, data, Hyper(), Schedule());
        core.stepRecord();
        core.stepRecord();
        core.setHyper(fast);
        for (int i = 0; i < 4; ++i)
            core.stepRecord();
        QVERIFY(sameWeights(p.last->network, core.network()));
        QCOMPARE(p.last->hyper.learningRate, 0.9);
    }

    // A weight set by hand (the What-if dock's edit kept in the run): set mid-record, it
    // takes effect at that record's start; training goes on from it as the core does with
    // the same weight set; a step back to before it undoes it, a replay applies it again.
    void weightSetByHand() {
        const Network net = net3452(71);
        auto data = randomData(3, 2, 9, 72);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(
            s.setup(net, data, nullptr, Hyper(), Schedule(), Precision::Double, every(2))));
        for (int i = 0; i < 3; ++i)
            QVERIFY(p.waitFor(s.stepRecord()));
        const Seen before = seen(*p.last); // at the start of the 4th record
        QVERIFY(p.waitFor(s.stepPhase()));
        QVERIFY(p.waitFor(s.stepPhase())); // forward 2 of the 4th record ran
        const WhatIfTarget w{2, 1, 3};     // w_{1,3}(2): row 0, column 3
        QVERIFY(p.waitFor(s.setWeight(w, 1.25)));
        QCOMPARE(p.last->time, before.time); // back to the record's start
        QCOMPARE(p.last->recordsTrained, 3L);
        QCOMPARE(p.last->network.layer(2).w(0, 3), 1.25);
        Network edited = before.net;
        edited.layer(2).w(0, 3) = 1.25;
        QVERIFY(sameWeights(p.last->network, edited)); // nothing else changed
        for (int i = 0; i < 4; ++i)
            QVERIFY(p.waitFor(s.stepRecord()));
        const Seen end = seen(*p.last);

        // The core with the same weight set at the same record start.
        TrainingRun core(net, data, Hyper(), Schedule());
        for (int i = 0; i < 3; ++i)
            core.stepRecord();
        core.setWeight(2, 0, 3, 1.25);
        for (int i = 0; i < 4; ++i)
            core.stepRecord();
        QVERIFY(sameWeights(core.network(), end.net));
        TrainingRun mid(net, data, Hyper(), Schedule());
        mid.stepPhase();
        QVERIFY_THROWS_EXCEPTION(InputError, mid.setWeight(2, 0, 3, 1.25)); // mid-record
        QVERIFY_THROWS_EXCEPTION(
            InputError,
            TrainingRun(net, data, Hyper(), Schedule()).setWeight(2, 5, 0, 1.0)); // no row 6
        QVERIFY(!sameWeights(core.network(), [&] {
            TrainingRun plain(net, data, Hyper(), Schedule());
            for (int i = 0; i < 7; ++i)
                plain.stepRecord();
            return plain.network();
        }())); // the edit did change the training

        // Back over the four records: the edit is there at its own time, ...
        for (int i = 0; i < 4; ++i)
            QVERIFY(p.waitFor(s.stepBack(StepUnit::Record)));
        QCOMPARE(p.last->time, before.time);
        QVERIFY(sameWeights(p.last->network, edited));
        // ... one phase before it, it is undone: the 3rd record before its update (the
        // edit shares its time with the record start, so "just before it" is there) ...
        QVERIFY(p.waitFor(s.stepBack(StepUnit::Phase)));
        QCOMPARE(p.last->time, before.time - 1);
        TrainingRun beforeUpdate(net, data, Hyper(), Schedule());
        beforeUpdate.stepRecord();
        beforeUpdate.stepRecord();
        for (int i = 0; i < 2 * beforeUpdate.network().depth() + 1; ++i)
            beforeUpdate.stepPhase(); // forward 1–3, loss, backward 3–1
        QVERIFY(sameWeights(p.last->network, beforeUpdate.network()));
        // ... and forward again, the logged edit applies once more: the same run.
        QVERIFY(p.waitFor(s.stepPhase()));
        QVERIFY(sameWeights(p.last->network, edited));
        for (int i = 0; i < 4; ++i)
            QVERIFY(p.waitFor(s.stepRecord()));
        QVERIFY(sameAs(*p.last, end));

        // Refused: an input, a weight the network does not have, a value that is not finite.
        s.setWeight(WhatIfTarget{0, 1, 0}, 2.0);
        s.setWeight(WhatIfTarget{3, 3, 0}, 2.0); // layer 3 has 2 nodes
        s.setWeight(w, std::numeric_limits<double>::quiet_NaN());
        QTRY_COMPARE_WITH_TIMEOUT(p.refusals.size(), 3, 5000);
        QVERIFY(p.refusals[0].contains("x_1(0)"));
        QVERIFY(p.refusals[1].contains("w_{3,0}(3)"));
        QVERIFY(sameAs(*p.last, end));
    }

    // In a float run the weight is rounded to float, as every weight of it is.
    void weightSetByHandInFloat() {
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net3452(73), randomData(3, 2, 5, 74), nullptr, Hyper(),
                                  Schedule(), Precision::Float)));
        QVERIFY(p.waitFor(s.setWeight(WhatIfTarget{1, 4, 0}, 0.1))); // the bias w_{4,0}(1)
        QCOMPARE(p.last->network.layer(1).w(3, 0), static_cast<double>(0.1f));
    }

    // The last maxRecords records, no more.
    void recordLimit() {
        TrainingSession s;
        Probe p(s);
        HistoryLimits l;
        l.maxRecords = 20;
        QVERIFY(p.waitFor(s.setup(net3452(61), randomData(3, 2, 30, 62), nullptr, Hyper(),
                                  Schedule(), Precision::Double, l)));
        for (int i = 0; i < 2; ++i)
            QVERIFY(p.waitFor(s.stepEpoch()));
        QCOMPARE(p.last->recordsTrained, 60L);
        QCOMPARE(p.last->historyDepth, 20);
        for (int i = 0; i < 20; ++i)
            QVERIFY(p.waitFor(s.stepBack()));
        QCOMPARE(p.last->recordsTrained, 40L);
        QCOMPARE(p.last->historyDepth, 0);
        QVERIFY(p.refusals.isEmpty());
        QVERIFY(p.waitFor(s.stepBack()));
        QCOMPARE(p.refusals.size(), 1);
        QCOMPARE(p.last->recordsTrained, 40L);
    }

    // A memory budget of a few copies: the history is shorter than maxRecords.
    void memoryLimit() {
        auto data = randomData(3, 2, 30, 72);
        TrainingRun probe(net3452(71), data, Hyper(), Schedule());
        TrainingSession s;
        Probe p(s);
        HistoryLimits l;
        l.maxRecords = 1000;
        l.maxBytes = 4 * approxBytes(probe); // four checkpoints
        l.checkpointInterval = 5;
        QVERIFY(p.waitFor(
            s.setup(net3452(71), data, nullptr, Hyper(), Schedule(), Precision::Double, l)));
        QVERIFY(p.waitFor(s.stepEpoch()));
        QVERIFY(p.waitFor(s.stepEpoch()));
        // Checkpoints at 45, 50, 55 and 60 records: 15 records back.
        QCOMPARE(p.last->historyDepth, 15);
    }

    void diffBetweenHistoryPoints() {
        const Network net = net3452(81);
        auto data = randomData(3, 2, 10, 82);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(
            s.setup(net, data, nullptr, Hyper(), Schedule(), Precision::Double, every(4))));
        std::vector<Seen> pass{seen(*p.last)};
        for (int i = 0; i < 9; ++i) {
            QVERIFY(p.waitFor(s.stepRecord()));
            pass.push_back(seen(*p.last));
        }
        const qint64 now = p.last->time;
        s.requestDiff(pass[2].time, pass[7].time);
        s.requestDiff(pass[0].time, now);
        s.requestDiff(pass[5].time, pass[5].time);
        QTRY_COMPARE_WITH_TIMEOUT(p.diffs.size(), std::size_t(3), 5000);
        const WeightDiff want = diffWeights(pass[2].net, pass[7].net);
        const WeightDiff& got = *p.diffs[0];
        QCOMPARE(got.fromTime, pass[2].time);
        QCOMPARE(got.toTime, pass[7].time);
        QCOMPARE(got.delta.size(), std::size_t(3));
        for (std::size_t k = 0; k < 3; ++k)
            QVERIFY(got.delta[k] == want.delta[k]);
        QCOMPARE(got.changed, want.changed);
        QCOMPARE(got.total, long(net.weightCount()));
        QVERIFY(got.changed > 0);
        QCOMPARE(got.largest, want.largest);
        QVERIFY(p.diffs[1]->delta[0] == pass[9].net.layer(1).w - net.layer(1).w);
        QCOMPARE(p.diffs[2]->changed, 0L);
        QCOMPARE(p.diffs[2]->largestLayer, 0);
        // The session did not move.
        QCOMPARE(p.last->time, now);
        QVERIFY(sameWeights(p.last->network, pass[9].net));
        // Outside the history: refused.
        s.requestDiff(0, now + 1);
        QTRY_COMPARE_WITH_TIMEOUT(p.refusals.size(), 1, 5000);
    }

    // The What-if heatmap's path: two weights at every record start the history holds,
    // replayed from its checkpoints, equal bit for bit to what each step's snapshot showed;
    // fewer points asked for, an even spread that keeps the oldest and now. The session
    // does not move, and a weight the network lacks is refused.
    void weightPathFromTheHistory() {
        const Network net = net3452(91);
        auto data = randomData(3, 2, 10, 92);
        Hyper h;
        h.learningRate = 0.5;
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule(), Precision::Double, every(4))));
        const WhatIfTarget a{1, 2, 3}, b{3, 1, 0}; // w_{2,3}(1) and the bias w_{1,0}(3)
        std::vector<Seen> pass{seen(*p.last)};
        for (int i = 0; i < 13; ++i) { // over an epoch's end (10 records)
            QVERIFY(p.waitFor(s.stepRecord()));
            pass.push_back(seen(*p.last));
        }
        s.requestWeightPath(a, b);
        s.requestWeightPath(a, b, 5);
        QTRY_COMPARE_WITH_TIMEOUT(p.paths.size(), std::size_t(2), 5000);
        const WeightPath& all = *p.paths[0];
        QCOMPARE(all.times.size(), pass.size());
        for (std::size_t n = 0; n < pass.size(); ++n) {
            QCOMPARE(all.times[n], pass[n].time);
            QCOMPARE(all.records[n], pass[n].records);
            QCOMPARE(all.a[n], pass[n].net.layer(1).w(1, 3));
            QCOMPARE(all.b[n], pass[n].net.layer(3).w(0, 0));
        }
        QVERIFY(all.a.front() != all.a.back()); // the weights did move
        const WeightPath& five = *p.paths[1];
        QCOMPARE(five.times.size(), std::size_t(5));
        // Four of the 13 record starts before now, evenly: 0, 4, 8, 12; then now (13).
        const std::size_t picked[] = {0, 4, 8, 12, 13};
        for (std::size_t n = 0; n < 5; ++n) {
            QCOMPARE(five.times[n], pass[picked[n]].time);
            QCOMPARE(five.a[n], pass[picked[n]].net.layer(1).w(1, 3));
        }
        QCOMPARE(p.last->time, pass.back().time);
        QVERIFY(sameWeights(p.last->network, pass.back().net));
        s.requestWeightPath(a, WhatIfTarget{3, 3, 0}); // layer 3 has 2 nodes
        QTRY_COMPARE_WITH_TIMEOUT(p.refusals.size(), 1, 5000);
        QCOMPARE(p.paths.size(), std::size_t(2));
    }

    // The Weight diff dock asks "from the mark to now" while running and after a pause:
    // toTime −1 is the worker's now, and the snapshot published after the command shows
    // exactly what the paused one showed (the last update's Δw and the weights before it
    // included): a diff never changes the screen.
    void diffToNowAfterAPauseChangesNothingOnScreen() {
        Architecture a;
        a.sizes = {20, 16, 4};
        const Network net = makeNetwork(a, 83);
        auto data = randomData(20, 4, 500, 84);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        s.run();
        QVERIFY(p.waitUntil([&] { return p.last->running && p.last->recordsTrained > 2000; }));
        // While running, the history's start moves on before the worker gets the command:
        // asking for a time the snapshot showed as the earliest is refused, asking for "the
        // earliest" (−1) is not.
        const qint64 earliest = p.last->historyEarliest;
        QVERIFY(earliest > 0);
        s.requestDiff(); // from the history's start to the worker's now
        QTRY_COMPARE_WITH_TIMEOUT(p.diffs.size() + std::size_t(p.refusals.size()), std::size_t(1),
                                  5000);
        QVERIFY2(p.refusals.isEmpty(), qPrintable(p.refusals.join('\n')));
        QVERIFY(p.diffs[0]->fromTime >= earliest);
        QVERIFY(p.diffs[0]->toTime > p.diffs[0]->fromTime);
        QVERIFY(p.waitFor(s.pause()));
        QVERIFY(p.waitPaused());
        const std::shared_ptr<const Snapshot> paused = p.last;
        QVERIFY(!paused->lastUpdate.empty());
        s.requestDiff(paused->historyEarliest);
        QTRY_COMPARE_WITH_TIMEOUT(p.diffs.size(), std::size_t(2), 5000);
        QCOMPARE(p.diffs[1]->fromTime, paused->historyEarliest);
        QCOMPARE(p.diffs[1]->toTime, paused->time);
        QVERIFY(p.diffs[1]->to[0] == paused->network.layer(1).w);
        QVERIFY(p.waitUntil([&] { return p.last->serial > paused->serial; }));
        const Snapshot& after = *p.last;
        QCOMPARE(after.time, paused->time);
        QVERIFY(sameWeights(after.network, paused->network));
        QVERIFY(sameValues(after.values, paused->values));
        QCOMPARE(after.lastUpdate.size(), paused->lastUpdate.size());
        for (std::size_t k = 0; k < after.lastUpdate.size(); ++k)
            QVERIFY(after.lastUpdate[k] == paused->lastUpdate[k]);
        QCOMPARE(after.lastUpdateRecords, paused->lastUpdateRecords);
        QCOMPARE(after.weightsBefore.size(), paused->weightsBefore.size());
        for (std::size_t k = 0; k < after.weightsBefore.size(); ++k)
            QVERIFY(after.weightsBefore[k] == paused->weightsBefore[k]);
        QCOMPARE(after.progress.highlightsUpdate, paused->progress.highlightsUpdate);
        QCOMPARE(after.progress.forwardDone, paused->progress.forwardDone);
        QCOMPARE(after.progress.gradientFrom, paused->progress.gradientFrom);
        QCOMPARE(after.pauseReason, paused->pauseReason);
    }

    void diffWeightsCountsAndLocates() {
        Network a = net3452(91);
        Network b = a;
        b.layer(2).w(3, 0) += 0.5;  // node 4, bias
        b.layer(1).w(0, 2) -= 0.25; // node 1, input 2
        const WeightDiff d = diffWeights(a, b);
        QCOMPARE(d.changed, 2L);
        QCOMPARE(d.largest, 0.5);
        QCOMPARE(d.largestLayer, 2);
        QCOMPARE(d.largestNode, 4);
        QCOMPARE(d.largestColumn, 0);
        QCOMPARE(d.delta[1](3, 0), 0.5);
        QCOMPARE(d.norm, std::sqrt(0.5 * 0.5 + 0.25 * 0.25));
        // Per layer, and the largest changes with both ends: w_{4,0}(2) first.
        QCOMPARE(d.changedIn, (std::vector<long>{1, 1, 0}));
        QCOMPARE(d.largestIn.size(), std::size_t(3));
        QCOMPARE(d.largestIn[0], 0.25); // (to the last bits: w − 0.25 − w)
        QCOMPARE(d.largestIn[1], 0.5);
        QCOMPARE(d.largestIn[2], 0.0);
        QCOMPARE(d.largestChanges.size(), std::size_t(2));
        const WeightChange& first = d.largestChanges[0];
        QCOMPARE(first.layer, 2);
        QCOMPARE(first.node, 4);
        QCOMPARE(first.column, 0);
        QCOMPARE(first.from, a.layer(2).w(3, 0));
        QCOMPARE(first.to, a.layer(2).w(3, 0) + 0.5);
        QCOMPARE(first.delta, b.layer(2).w(3, 0) - a.layer(2).w(3, 0));
        QCOMPARE(d.largestChanges[1].layer, 1);
        QCOMPARE(d.largestChanges[1].node, 1);
        QCOMPARE(d.largestChanges[1].column, 2);
        QCOMPARE(d.largestChanges[1].delta, b.layer(1).w(0, 2) - a.layer(1).w(0, 2));
        // A NaN that appears is where the two differ most; equal |Δ| keep the order k, i, j;
        // at most kLargestKept of the 42 changes are listed.
        Network z = a;
        z.layer(1).w.setZero();
        z.layer(2).w.setZero();
        Network n = z;
        n.layer(1).w.setConstant(0.125); // Δ = 1/8 exactly, 16 + 25 times
        n.layer(2).w.setConstant(-0.125);
        n.layer(3).w(1, 1) = std::numeric_limits<double>::quiet_NaN();
        const WeightDiff nd = diffWeights(z, n);
        QCOMPARE(nd.changed, 42L);
        QCOMPARE(nd.largestChanges.size(), std::size_t(WeightDiff::kLargestKept));
        QCOMPARE(nd.largestChanges[0].layer, 3);
        QCOMPARE(nd.largestChanges[0].node, 2);
        QCOMPARE(nd.largestChanges[0].column, 1);
        QVERIFY(std::isnan(nd.largestChanges[0].delta));
        QCOMPARE(nd.largestChanges[1].layer, 1);
        QCOMPARE(nd.largestChanges[1].node, 1);
        QCOMPARE(nd.largestChanges[1].column, 0);
        QCOMPARE(nd.largestChanges[2].column, 1);
        QCOMPARE(nd.largestChanges[16].layer, 1); // the 16th of layer 1: w_{4,3}(1)
        QCOMPARE(nd.largestChanges[16].node, 4);
        QCOMPARE(nd.largestChanges[16].column, 3);
        QCOMPARE(nd.largestChanges[17].layer, 2);
        QCOMPARE(nd.largestChanges[17].delta, -0.125);
        QCOMPARE(nd.changedIn, (std::vector<long>{16, 25, 1}));
        QCOMPARE(nd.largestIn, (std::vector<double>{0.125, 0.125, 0.0}));
        // NaN at both ends did not change.
        const WeightDiff same = diffWeights(n, n);
        QCOMPARE(same.changed, 0L);
        QVERIFY(same.largestChanges.empty());
        Network c = net3452(91);
        c.layers.pop_back();
        QVERIFY_THROWS_EXCEPTION(InputError, diffWeights(a, c));
    }

    // Checkpoints chosen by the session (no fixed interval) on a larger net, at full
    // speed: pause anywhere, step back, forward again, equal to the core.
    void automaticCheckpointsAtFullSpeed() {
        Architecture a;
        a.sizes = {40, 30, 10};
        const Network net = makeNetwork(a, 101);
        auto data = randomData(40, 10, 300, 102);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        s.run();
        QVERIFY(p.waitUntil([&] { return p.last->recordsTrained > 700; }));
        QVERIFY(p.waitFor(s.pause()));
        const Seen end = seen(*p.last);
        TrainingRun core(net, data, Hyper(), Schedule());
        for (qint64 t = 0; t < end.time; ++t)
            core.stepPhase();
        QVERIFY(sameWeights(core.network(), end.net));
        QVERIFY(sameValues(core.values(), end.values));
        QVERIFY(p.last->historyDepth >= 20);
        for (int i = 0; i < 20; ++i)
            QVERIFY(p.waitFor(s.stepBack()));
        // Forward phase by phase (the pause may have been mid-record).
        while (p.last->time < end.time)
            QVERIFY(p.waitFor(s.stepPhase()));
        QVERIFY(sameAs(*p.last, end));
    }
};

QTEST_GUILESS_MAIN(SessionHistory)
#include "tst_session_history.moc"
