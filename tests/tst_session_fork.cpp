// Forked runs at the session level (session/fork.h): a second session put where a first
// one stands. Unchanged, the two stay bit-identical — weights and loss points — also
// when forked mid-record or with a mini-batch open and momentum's velocity non-zero, and
// across epoch ends (the random state of the shuffles). With another learning rate they
// part, and the fork's first update is the one a core TrainingRun with the new rate
// computes from the saved state.
#include "io/session_file.h"
#include "session/fork.h"
#include "tst_session_support.h"

using namespace bp;
using namespace bp::testing;

namespace {

std::shared_ptr<const SavedRun> take(TrainingSession& s, Probe& p) {
    ForkSource source(s);
    std::shared_ptr<const SavedRun> saved;
    bool failed = false;
    QObject::connect(&source, &ForkSource::taken,
                     [&saved](std::shared_ptr<const SavedRun> r) { saved = std::move(r); });
    QObject::connect(&source, &ForkSource::failed, [&failed](const QString&) { failed = true; });
    p.waitUntil([&] { return saved != nullptr || failed; });
    return saved;
}

// The points of the records from `from` on.
QVector<LossPoint> pointsFrom(const QVector<LossPoint>& all, long from) {
    QVector<LossPoint> out;
    for (const LossPoint& p : all)
        if (p.record >= from)
            out.append(p);
    return out;
}

bool samePoints(const QVector<LossPoint>& a, const QVector<LossPoint>& b) {
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a[i].record != b[i].record || a[i].epoch != b[i].epoch || a[i].loss != b[i].loss)
            return false;
    return true;
}

// `epochs` whole epochs of a core run from the start: the witness neither session is.
template <typename T>
Network afterEpochs(const Network& net, std::shared_ptr<const Dataset> data, const Hyper& h,
                    int epochs) {
    TrainingRunT<T> run(castNetwork<T>(net), data, h, Schedule());
    for (int e = 0; e < epochs; ++e)
        run.stepEpoch();
    return castNetwork<double>(run.network());
}

} // namespace

class SessionFork : public QObject {
    Q_OBJECT
private slots:
    void unchangedForkStaysBitIdentical_data() {
        QTest::addColumn<int>("precision");
        QTest::addColumn<int>("batch");
        QTest::addColumn<double>("momentum");
        QTest::addColumn<int>("records"); // stepped before the fork
        QTest::addColumn<int>("phases");  // ... and phases into the next record
        QTest::newRow("online, record start") << int(Precision::Double) << 1 << 0.0 << 9 << 0;
        QTest::newRow("online, 3 phases in") << int(Precision::Double) << 1 << 0.0 << 9 << 3;
        // 7 records with batches of 5: two in the open batch, velocity from one update.
        QTest::newRow("batch 5 + momentum, batch open")
            << int(Precision::Double) << 5 << 0.6 << 7 << 0;
        QTest::newRow("batch 5 + momentum, 4 phases in")
            << int(Precision::Double) << 5 << 0.6 << 13 << 4;
        QTest::newRow("float, batch 5 + momentum, 2 phases in")
            << int(Precision::Float) << 5 << 0.6 << 13 << 2;
    }
    void unchangedForkStaysBitIdentical() {
        QFETCH(int, precision);
        QFETCH(int, batch);
        QFETCH(double, momentum);
        QFETCH(int, records);
        QFETCH(int, phases);
        const Precision prec = Precision(precision);
        const Network net = net3452(61);
        auto data = randomData(3, 2, 37, 62);
        Hyper h;
        h.batchSize = batch;
        h.momentum = momentum;
        h.learningRate = 0.3;
        const RunSetup setup{net, data, nullptr, h, Schedule(), prec, {}};

        TrainingSession a;
        Probe pa(a);
        QVERIFY(pa.waitFor(a.setup(net, data, nullptr, h, Schedule(), prec)));
        for (int r = 0; r < records; ++r)
            QVERIFY(pa.waitFor(a.stepRecord()));
        for (int i = 0; i < phases; ++i)
            QVERIFY(pa.waitFor(a.stepPhase()));
        const std::shared_ptr<const SavedRun> saved = take(a, pa);
        QVERIFY(saved);
        QCOMPARE(saved->phasesIntoRecord, phases);
        QCOMPARE(saved->state.recordsTrained, long(records));
        QCOMPARE(saved->state.optimizer.count, records % batch);
        QCOMPARE(saved->state.optimizer.velocity.empty(), momentum == 0.0 || records < batch);

        TrainingSession b;
        Probe pb(b);
        const quint64 forked = startFork(b, setup, saved, h);
        QVERIFY(pb.waitFor(forked));
        QVERIFY(pb.refusals.isEmpty());
        // Only the restore's last snapshot answers it: none of the phases it replays
        // (under TSan the window saw "forward 2" here when the fork stood at backward 3).
        for (const auto& s : pb.snapshots)
            if (s->command >= forked)
                COMPARE_PHASE(s->nextPhase, pa.last->nextPhase);
        QVERIFY(sameWeights(pb.last->network, pa.last->network));
        QCOMPARE(pb.last->recordsTrained, pa.last->recordsTrained);
        QCOMPARE(pb.last->position, pa.last->position);
        COMPARE_PHASE(pb.last->nextPhase, pa.last->nextPhase);

        // The same steps in both: every loss point and every weight the same.
        for (int r = 0; r < 30; ++r) {
            QVERIFY(pa.waitFor(a.stepRecord()));
            QVERIFY(pb.waitFor(b.stepRecord()));
            QVERIFY2(sameWeights(pa.last->network, pb.last->network),
                     qPrintable(QString("apart after record %1").arg(r)));
        }
        QVERIFY(pb.points.size() >= 30);
        QVERIFY(samePoints(pointsFrom(pa.points, records), pb.points));
        QVERIFY(sameValues(pa.last->values, pb.last->values));

        // Then both at full speed, each on its own thread, to the end of epoch 5: across
        // four epoch ends (new shuffles from the copied random state).
        const int epochsDone = pa.last->epoch;
        a.run(5 - epochsDone);
        b.run(5 - epochsDone);
        QVERIFY(pa.waitUntil([&] {
            return !pa.last->running && pa.last->pauseReason == PauseReason::EpochsDone &&
                   !pb.last->running && pb.last->pauseReason == PauseReason::EpochsDone;
        }));
        QCOMPARE(pa.last->epoch, 5);
        QCOMPARE(pb.last->epoch, 5);
        QCOMPARE(pb.last->recordsTrained, 5L * 37);
        QVERIFY2(sameWeights(pa.last->network, pb.last->network), "the fork drifted");
        // And both are what training from the start gives (a core run, not a session).
        const Network witness = prec == Precision::Float ? afterEpochs<float>(net, data, h, 5)
                                                         : afterEpochs<double>(net, data, h, 5);
        QVERIFY(sameWeights(pb.last->network, witness));
        QVERIFY(!pa.epochs.empty() && !pb.epochs.empty());
        QCOMPARE(pb.epochs.back().epoch, 5);
        QCOMPARE(pb.epochs.back().trainLoss, pa.epochs.back().trainLoss);
    }

    // Another learning rate from the fork on (at a record start, a batch open, velocity
    // set): the fork's first update is a core run's with that rate from the saved state;
    // the source's is the old rate's; the two part.
    void changedRateParts() {
        const Network net = net3452(71);
        auto data = randomData(3, 2, 29, 72);
        Hyper h;
        h.batchSize = 4;
        h.momentum = 0.5;
        h.learningRate = 0.2;
        TrainingSession a;
        Probe pa(a);
        QVERIFY(pa.waitFor(a.setup(net, data, nullptr, h, Schedule())));
        for (int r = 0; r < 10; ++r) // two updates, two records in the open batch
            QVERIFY(pa.waitFor(a.stepRecord()));
        const std::shared_ptr<const SavedRun> saved = take(a, pa);
        QVERIFY(saved);
        QCOMPARE(saved->state.optimizer.count, 2);
        QVERIFY(!saved->state.optimizer.velocity.empty());

        Hyper changed = h;
        changed.learningRate = 0.05;
        TrainingSession b;
        Probe pb(b);
        QVERIFY(pb.waitFor(startFork(b, {net, data, nullptr, h, Schedule(), Precision::Double, {}},
                                     saved, changed)));
        QCOMPARE(pb.last->hyper.learningRate, 0.05);
        QVERIFY(sameWeights(pb.last->network, pa.last->network)); // nothing trained yet

        QVERIFY(pa.waitFor(a.stepBatch()));
        QVERIFY(pb.waitFor(b.stepBatch()));
        TrainingRun newRate(net, data, h, Schedule());
        newRate.restore(saved->state);
        newRate.setHyper(changed);
        newRate.stepBatch();
        TrainingRun oldRate(net, data, h, Schedule());
        oldRate.restore(saved->state);
        oldRate.stepBatch();
        QCOMPARE(pb.last->recordsTrained, 12L);
        QVERIFY2(sameWeights(pb.last->network, newRate.network()),
                 "the fork's first update is not the new rate's");
        QVERIFY(sameWeights(pa.last->network, oldRate.network()));
        QVERIFY(!sameWeights(pa.last->network, pb.last->network));
        // The update is w ← w − a·v: with the same v, the fork moved each weight a quarter
        // as far (0.05 / 0.2), to rounding.
        const Matrix before = saved->state.network.layers[0].w;
        const Matrix stepA = pa.last->network.layers[0].w - before;
        const Matrix stepB = pb.last->network.layers[0].w - before;
        QVERIFY(stepA.norm() > 0);
        QVERIFY((stepB - 0.25 * stepA).norm() <= 1e-12 * stepA.norm());
        // And from there on they stay apart.
        for (int r = 0; r < 20; ++r) {
            QVERIFY(pa.waitFor(a.stepRecord()));
            QVERIFY(pb.waitFor(b.stepRecord()));
        }
        QVERIFY(!sameWeights(pa.last->network, pb.last->network));
        QVERIFY(!samePoints(pointsFrom(pa.points, 12), pointsFrom(pb.points, 12)));
    }

    // The answer taken is the one to the fork's own request, not an earlier save's that
    // arrives after it was posted (the autosave asks too).
    void takesItsOwnAnswer() {
        const Network net = net3452(81);
        auto data = randomData(3, 2, 20, 82);
        TrainingSession a;
        Probe pa(a);
        QVERIFY(pa.waitFor(a.setup(net, data, nullptr, Hyper(), Schedule())));
        a.requestSave(); // answered at record 0
        for (int r = 0; r < 5; ++r)
            a.stepRecord();
        const std::shared_ptr<const SavedRun> saved = take(a, pa);
        QVERIFY(saved);
        QCOMPARE(saved->state.recordsTrained, 5L);
    }
};

QTEST_GUILESS_MAIN(SessionFork)
#include "tst_session_fork.moc"
