// The session's step commands against the core: every phase, record, batch and
// epoch it steps gives the same numbers, bit for bit, as a TrainingRun stepped
// beside it in the test. Real worker thread, real signals.
#include "io/builtin_datasets.h"
#include "tst_session_support.h"

using namespace bp;
using namespace bp::testing;

class SessionSteps : public QObject {
    Q_OBJECT
private slots:
    void commandsBeforeSetupAreRefused() {
        TrainingSession s;
        Probe p(s);
        s.stepRecord();
        s.run();
        s.stepBack();
        QTRY_COMPARE_WITH_TIMEOUT(p.refusals.size(), 3, 5000);
        QVERIFY(p.refusals[0].contains("set the session up"));
        QVERIFY(!p.last);
    }

    void setupRefusesMismatchedData() {
        TrainingSession s;
        Probe p(s);
        auto data = randomData(4, 2, 10, 1); // the network takes 3 inputs
        s.setup(net3452(1), data, nullptr, Hyper(), Schedule());
        auto test = randomData(3, 3, 10, 1); // 3 targets, the network has 2 outputs
        s.setup(net3452(1), randomData(3, 2, 10, 1), test, Hyper(), Schedule());
        QTRY_COMPARE_WITH_TIMEOUT(p.refusals.size(), 2, 5000);
        QVERIFY2(p.refusals[0].contains("4 inputs"), qPrintable(p.refusals[0]));
        QVERIFY2(p.refusals[1].contains("3 targets"), qPrintable(p.refusals[1]));
        QVERIFY(!p.last); // nothing was set up
    }

    void setupPublishesTheStart() {
        TrainingSession s;
        Probe p(s);
        const Network net = net3452(7);
        const quint64 t = s.setup(net, randomData(3, 2, 10, 2), nullptr, Hyper(), Schedule());
        QVERIFY(p.waitFor(t));
        QVERIFY(sameWeights(p.last->network, net));
        QVERIFY(!p.last->hasPhase);
        QCOMPARE(p.last->time, qint64(0));
        QCOMPARE(p.last->recordsTrained, 0L);
        QCOMPARE(p.last->recordsPerEpoch, 10L);
        COMPARE_PHASE(p.last->nextPhase, (Phase{Phase::Kind::Forward, 1}));
        QVERIFY(!p.last->running);
        QCOMPARE(p.rewinds.size(), std::size_t(1));
        QCOMPARE(p.rewinds[0], (std::pair<long, int>(0, 0)));
    }

    // Phase by phase, the session's snapshot equals a TrainingRun stepped in the test,
    // and the phases come in the seed's order: forward 1..L, loss, backward L..1, update.
    void stepPhaseMatchesTheCoreBitForBit() {
        const Network net = net3452(3);
        auto data = randomData(3, 2, 6, 4);
        Hyper h;
        h.learningRate = 0.3;
        h.momentum = 0.5;
        Schedule sch;
        sch.seed = 9;
        TrainingRun core(net, data, h, sch);

        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, sch)));
        const std::vector<Phase> expected = {{Phase::Kind::Forward, 1},  {Phase::Kind::Forward, 2},
                                             {Phase::Kind::Forward, 3},  {Phase::Kind::Loss, 0},
                                             {Phase::Kind::Backward, 3}, {Phase::Kind::Backward, 2},
                                             {Phase::Kind::Backward, 1}, {Phase::Kind::Update, 0}};
        for (int record = 0; record < 8; ++record) { // past the end of the 6-record epoch
            for (const Phase& want : expected) {
                const Network before = core.network();
                const StepResult r = core.stepPhase();
                COMPARE_PHASE(r.phase, want);
                QVERIFY(p.waitFor(s.stepPhase()));
                const Snapshot& snap = *p.last;
                COMPARE_PHASE(snap.lastPhase, want);
                QVERIFY(snap.hasPhase);
                COMPARE_PHASE(snap.nextPhase, core.nextPhase());
                QVERIFY(sameWeights(snap.network, core.network()));
                QVERIFY(sameValues(snap.values, core.values()));
                QCOMPARE(snap.recordsTrained, core.recordsTrained());
                QCOMPARE(snap.epoch, core.epoch());
                QCOMPARE(snap.position, long(core.position()));
                QCOMPARE(snap.recordIndex, long(core.lastRecordIndex()));
                QCOMPARE(snap.nextRecordIndex, long(core.recordIndex()));
                QCOMPARE(snap.pauseReason, PauseReason::User);
                if (r.updated) {
                    // Δw of this update, exactly w after − w before.
                    QCOMPARE(snap.lastUpdate.size(), std::size_t(3));
                    for (int k = 1; k <= 3; ++k) {
                        const Matrix delta = core.network().layer(k).w - before.layer(k).w;
                        QVERIFY(snap.lastUpdate[std::size_t(k - 1)] == delta);
                    }
                    QCOMPARE(snap.lastUpdateRecords, core.recordsTrained());
                }
            }
        }
        QVERIFY(p.refusals.isEmpty());
        // One loss point per record, in order, numbered by recordsTrained at the loss phase.
        QTRY_COMPARE_WITH_TIMEOUT(p.points.size(), 8, 2000);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(p.points[i].record, long(i));
        QCOMPARE(p.points[7].epoch, 2); // 1-based epoch of the record
        QCOMPARE(p.epochs.size(), std::size_t(1));
        QCOMPARE(p.epochs[0].epoch, 1);
        QCOMPARE(p.epochs[0].trainLoss, core.lastEpoch().trainLoss);
    }

    void stepRecordBatchEpoch_data() {
        QTest::addColumn<int>("batch");
        QTest::newRow("online") << 1;
        QTest::newRow("batch 4") << 4;
    }
    void stepRecordBatchEpoch() {
        QFETCH(int, batch);
        const Network net = net3452(5);
        auto data = randomData(3, 2, 10, 6);
        Hyper h;
        h.batchSize = batch;
        h.l2 = 0.01;
        TrainingRun core(net, data, h, Schedule());
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule())));

        const auto check = [&](const char* what) {
            QVERIFY2(sameWeights(p.last->network, core.network()), what);
            QVERIFY2(sameValues(p.last->values, core.values()), what);
            QCOMPARE(p.last->recordsTrained, core.recordsTrained());
            QCOMPARE(p.last->time, p.last->time); // (monotone, checked below)
        };
        core.stepRecord();
        QVERIFY(p.waitFor(s.stepRecord()));
        check("record");
        QCOMPARE(p.last->recordsTrained, 1L);
        core.stepBatch();
        QVERIFY(p.waitFor(s.stepBatch()));
        check("batch");
        QCOMPARE(p.last->lastPhase.kind, Phase::Kind::Update);
        core.stepEpoch();
        QVERIFY(p.waitFor(s.stepEpoch()));
        check("epoch");
        QCOMPARE(p.last->epoch, 1);
        QCOMPARE(p.last->position, 0L);
        core.stepEpoch();
        QVERIFY(p.waitFor(s.stepEpoch()));
        check("second epoch");
        QCOMPARE(p.last->lastEpoch.epoch, 2);
        QCOMPARE(p.last->lastEpoch.trainLoss, core.lastEpoch().trainLoss);
        // The time counts phases: 2L+1 per record plus one per update.
        const long updates = 2 * ((10 + batch - 1) / batch);
        QCOMPARE(p.last->time, qint64(20 * 7 + updates));
        QVERIFY(p.refusals.isEmpty());
    }

    // Steps sent faster than they run are carried out in order, each one whole.
    void quickStepsAccumulate() {
        const Network net = net3452(13);
        auto data = randomData(3, 2, 10, 14);
        TrainingRun core(net, data, Hyper(), Schedule());
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        s.stepRecord();
        s.stepPhase();
        s.stepPhase();
        s.stepRecord();
        const quint64 last = s.stepRecord();
        core.stepRecord();
        core.stepPhase();
        core.stepPhase();
        core.stepRecord(); // the rest of the record the two phases began
        core.stepRecord();
        QVERIFY(p.waitFor(last));
        QCOMPARE(p.last->recordsTrained, core.recordsTrained());
        QCOMPARE(p.last->recordsTrained, 3L);
        QVERIFY(sameWeights(p.last->network, core.network()));
        QVERIFY(sameValues(p.last->values, core.values()));
    }

    void jumpToRecord() {
        const Network net = net3452(8);
        auto data = randomData(3, 2, 12, 9);
        TrainingRun core(net, data, Hyper(), Schedule());
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        core.stepRecord();
        QVERIFY(p.waitFor(s.stepRecord()));
        core.seek(7);
        QVERIFY(p.waitFor(s.jumpToRecord(7)));
        QCOMPARE(p.last->position, 7L);
        QCOMPARE(p.last->nextRecordIndex, long(core.recordIndex()));
        core.stepRecord();
        QVERIFY(p.waitFor(s.stepRecord()));
        QCOMPARE(p.last->recordIndex, long(core.lastRecordIndex()));
        QVERIFY(sameWeights(p.last->network, core.network()));
        QVERIFY(sameValues(p.last->values, core.values()));
        // Mid-record jump: the half-done record is abandoned.
        core.stepPhase();
        core.seek(2);
        s.stepPhase();
        QVERIFY(p.waitFor(s.jumpToRecord(2)));
        COMPARE_PHASE(p.last->nextPhase, (Phase{Phase::Kind::Forward, 1}));
        core.stepRecord();
        QVERIFY(p.waitFor(s.stepRecord()));
        QVERIFY(sameWeights(p.last->network, core.network()));
        // By dataset index: to wherever that record sits in this epoch's order.
        QVERIFY(p.waitFor(s.jumpToDatasetRecord(9)));
        QCOMPARE(p.last->nextRecordIndex, 9L);
        QCOMPARE(p.last->position, long(std::find(core.order().begin(), core.order().end(), 9) -
                                        core.order().begin()));
        core.seek(p.last->position);
        core.stepRecord();
        QVERIFY(p.waitFor(s.stepRecord()));
        QCOMPARE(p.last->recordIndex, 9L);
        QVERIFY(sameWeights(p.last->network, core.network()));
        // Outside the epoch: refused, nothing changes.
        const qint64 before = p.last->time;
        QVERIFY(p.waitFor(s.jumpToRecord(12)));
        QCOMPARE(p.refusals.size(), 1);
        QVERIFY2(p.refusals[0].contains("outside"), qPrintable(p.refusals[0]));
        QCOMPARE(p.last->time, before);
    }

    // The snapshot says what the window used to work out: which values are current,
    // the weights the record was computed with (exactly: the weights before the update,
    // not w − Δw), and the record on screen.
    void snapshotCarriesTheRecordsWeights() {
        const Network net = net3452(12);
        auto data = randomData(3, 2, 6, 13);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        QCOMPARE(p.last->progress.forwardDone, -1);
        QCOMPARE(p.last->shownRecord, p.last->nextRecordIndex);
        QVERIFY(p.waitFor(s.stepPhase())); // forward 1
        QCOMPARE(p.last->progress.forwardDone, 1);
        QCOMPARE(p.last->progress.activeLayer, 1);
        QVERIFY(!p.last->progress.deltaCurrent(3));
        for (int i = 0; i < 6; ++i) // forward 2, 3, loss, backward 3, 2, 1
            QVERIFY(p.waitFor(s.stepPhase()));
        COMPARE_PHASE(p.last->lastPhase, (Phase{Phase::Kind::Backward, 1}));
        QVERIFY(p.last->progress.gradientCurrent(1));
        QVERIFY(!p.last->progress.highlightsUpdate);
        QVERIFY(p.last->weightsBefore.empty());
        const Network before = p.last->network;
        const long record = p.last->recordIndex;
        QVERIFY(p.waitFor(s.stepPhase())); // update
        QVERIFY(p.last->progress.highlightsUpdate);
        QVERIFY(!sameWeights(p.last->network, before));
        QVERIFY(sameWeights(networkOfRecord(*p.last), before)); // bit for bit
        QCOMPARE(p.last->shownRecord, record);
        QVERIFY(p.waitFor(s.stepPhase())); // the next record's forward 1
        QVERIFY(p.last->weightsBefore.empty());
        QVERIFY(!p.last->progress.highlightsUpdate);
        // A jump: the record jumped to is shown, with its x(0) only.
        QVERIFY(p.waitFor(s.jumpToDatasetRecord(4)));
        QCOMPARE(p.last->shownRecord, 4L);
        QCOMPARE(p.last->progress.forwardDone, 0);
    }

    void resetGivesTheFirstWeightsAgain() {
        const Network net = net3452(11);
        auto data = randomData(3, 2, 10, 12);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.stepEpoch()));
        QVERIFY(!sameWeights(p.last->network, net));
        const Network trained = p.last->network;
        QVERIFY(p.waitFor(s.reset()));
        QVERIFY(sameWeights(p.last->network, net));
        QCOMPARE(p.last->recordsTrained, 0L);
        QCOMPARE(p.last->time, qint64(0));
        QVERIFY(p.last->lastUpdate.empty());
        QCOMPARE(p.rewinds.back(), (std::pair<long, int>(0, 0)));
        QVERIFY(p.waitFor(s.stepEpoch()));
        QVERIFY(sameWeights(p.last->network, trained)); // deterministic
    }

    // A shipped dataset through the session: the seed's setup (one ReLU hidden layer,
    // sigmoid outputs, online) for an epoch equals the core's.
    void builtinDatasetEpoch() {
        auto data = std::make_shared<Dataset>(builtinDataset("iris"));
        Architecture a;
        a.sizes = {data->inputSize(), 6, data->outputSize()};
        a.hidden = Activation::Relu;
        a.output = Activation::Sigmoid;
        a.loss = Loss::CrossEntropy;
        const Network net = makeNetwork(a, 3);
        auto test = std::make_shared<Dataset>(*data);
        TrainingRun core(net, data, Hyper(), Schedule());
        core.stepEpoch();
        const Metrics m = evaluate(core.network(), *test);

        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, test, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.stepEpoch()));
        QVERIFY(sameWeights(p.last->network, core.network()));
        QTRY_COMPARE_WITH_TIMEOUT(p.epochs.size(), std::size_t(1), 2000);
        QCOMPARE(p.epochs[0].testLoss, m.loss); // same arithmetic as bp::evaluate
        QCOMPARE(p.epochs[0].testAccuracy, m.accuracy);
        QCOMPARE(p.last->lastEpoch.testLoss, m.loss);
        QCOMPARE(p.points.size(), int(data->records()));
    }
};

QTEST_GUILESS_MAIN(SessionSteps)
#include "tst_session_steps.moc"
