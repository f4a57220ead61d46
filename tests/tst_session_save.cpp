// The session's part of the autosave: requestSave() hands out the run at the start of
// the current record (taken between two records while running, from the history when
// paused mid-record), and restore() puts a fresh session there; both then go on bit for
// bit as training from the start would have.
#include "math/error.h"
#include "tst_session_support.h"

using namespace bp;
using namespace bp::testing;

namespace {

// Waits for the next runSaved of `s` after `ticket` was posted.
std::shared_ptr<const SavedRun> waitForSave(TrainingSession& s, Probe& p, quint64 ticket) {
    std::shared_ptr<const SavedRun> saved;
    const QMetaObject::Connection c = QObject::connect(
        &s, &TrainingSession::runSaved, [&saved](std::shared_ptr<const SavedRun> r) { saved = r; });
    p.waitUntil([&] { return saved != nullptr; });
    QObject::disconnect(c);
    (void)ticket;
    return saved;
}

template <typename T>
Network networkAfter(const Network& net, std::shared_ptr<const Dataset> data, const Hyper& h,
                     long records) {
    TrainingRunT<T> run(castNetwork<T>(net), data, h, Schedule());
    for (long r = 0; r < records; ++r)
        run.stepRecord();
    return castNetwork<double>(run.network());
}

} // namespace

class SessionSave : public QObject {
    Q_OBJECT
private slots:
    void savedWhileRunningRestoresAndContinues_data() {
        QTest::addColumn<int>("precision");
        QTest::newRow("double") << int(Precision::Double);
        QTest::newRow("float") << int(Precision::Float);
    }
    // Full speed for a moment, a save while it runs, then a second session restores it:
    // its weights are those of training that many records from the start, and after 130
    // more records (across an epoch end) still are.
    void savedWhileRunningRestoresAndContinues() {
        QFETCH(int, precision);
        const Precision prec = Precision(precision);
        const Network net = net3452(31);
        auto data = randomData(3, 2, 97, 32);
        Hyper h;
        h.batchSize = 5;
        h.momentum = 0.6;
        h.learningRate = 0.2;
        TrainingSession a;
        Probe pa(a);
        QVERIFY(pa.waitFor(a.setup(net, data, nullptr, h, Schedule(), prec)));
        a.run();
        QVERIFY(pa.waitUntil([&] { return pa.last->recordsTrained > 3000; }));
        const std::shared_ptr<const SavedRun> saved = waitForSave(a, pa, a.requestSave());
        QVERIFY(saved);
        a.pause();
        QCOMPARE(saved->phasesIntoRecord, 0);
        QVERIFY(saved->precision == prec);
        const long at = saved->state.recordsTrained;
        QVERIFY(at > 3000);
        const Network expected = prec == Precision::Float ? networkAfter<float>(net, data, h, at)
                                                          : networkAfter<double>(net, data, h, at);
        QVERIFY(sameWeights(saved->state.network, expected));

        TrainingSession b;
        Probe pb(b);
        QVERIFY(pb.waitFor(b.setup(net, data, nullptr, h, Schedule(), prec)));
        QVERIFY(pb.waitFor(b.restore(saved)));
        QVERIFY(pb.refusals.isEmpty());
        QCOMPARE(pb.last->recordsTrained, at);
        QCOMPARE(pb.last->epoch, saved->state.epoch);
        QVERIFY(sameWeights(pb.last->network, expected));
        for (int r = 0; r < 130; ++r)
            QVERIFY(pb.waitFor(b.stepRecord()));
        const Network later = prec == Precision::Float
                                  ? networkAfter<float>(net, data, h, at + 130)
                                  : networkAfter<double>(net, data, h, at + 130);
        QVERIFY2(sameWeights(pb.last->network, later), "the restored run drifted");
    }

    // Paused three phases into a record: the save is the record's start and the three
    // phases, and the restored session shows the same values.
    void savedMidRecordReplaysItsPhases() {
        const Network net = net3452(41);
        auto data = randomData(3, 2, 20, 42);
        TrainingSession a;
        Probe pa(a);
        QVERIFY(pa.waitFor(a.setup(net, data, nullptr, Hyper(), Schedule())));
        for (int r = 0; r < 7; ++r)
            QVERIFY(pa.waitFor(a.stepRecord()));
        for (int i = 0; i < 3; ++i)
            QVERIFY(pa.waitFor(a.stepPhase()));
        const std::shared_ptr<const SavedRun> saved = waitForSave(a, pa, a.requestSave());
        QVERIFY(saved);
        QCOMPARE(saved->phasesIntoRecord, 3);
        QCOMPARE(saved->time, pa.last->time - 3);
        QCOMPARE(saved->state.recordsTrained, 7L);

        TrainingSession b;
        Probe pb(b);
        QVERIFY(pb.waitFor(b.setup(net, data, nullptr, Hyper(), Schedule())));
        QVERIFY(pb.waitFor(b.restore(saved)));
        QVERIFY(pb.waitUntil([&] { return pb.last->time == 3; }));
        QVERIFY(sameWeights(pb.last->network, pa.last->network));
        // This record's values so far: x(0), y and each layer's z and x (the δ and
        // ∂J/∂z still held in A are the previous record's, which a save does not keep).
        const RecordValues& va = pa.last->values;
        const RecordValues& vb = pb.last->values;
        QVERIFY(va.input == vb.input && va.target == vb.target);
        for (std::size_t k = 0; k < va.layers.size(); ++k)
            QVERIFY(va.layers[k].z == vb.layers[k].z && va.layers[k].x == vb.layers[k].x);
        QCOMPARE(pb.last->position, pa.last->position);
        COMPARE_PHASE(pb.last->nextPhase, pa.last->nextPhase);
    }

    void restoreRefusesAnotherShapeOrPrecision() {
        const Network net = net3452(51);
        auto data = randomData(3, 2, 20, 52);
        TrainingSession a;
        Probe pa(a);
        QVERIFY(pa.waitFor(a.setup(net, data, nullptr, Hyper(), Schedule())));
        const std::shared_ptr<const SavedRun> saved = waitForSave(a, pa, a.requestSave());
        QVERIFY(saved);

        TrainingSession b;
        Probe pb(b);
        QVERIFY(pb.waitFor(b.setup(net, data, nullptr, Hyper(), Schedule(), Precision::Float)));
        b.restore(saved);
        QVERIFY(pb.waitUntil([&] { return !pb.refusals.isEmpty(); }));
        QVERIFY2(pb.refusals.back().contains("in double"), qPrintable(pb.refusals.back()));

        Network wider = net3452(51);
        wider.layers.pop_back(); // another shape: refused, the run stays as it was
        wider.layers.back().w = Matrix::Zero(2, wider.layers.back().w.cols());
        TrainingSession c;
        Probe pc(c);
        QVERIFY(pc.waitFor(c.setup(wider, data, nullptr, Hyper(), Schedule())));
        c.restore(saved);
        QVERIFY(pc.waitUntil([&] { return !pc.refusals.isEmpty(); }));
        QVERIFY2(pc.refusals.back().contains("not this run's"), qPrintable(pc.refusals.back()));
        QVERIFY(sameWeights(pc.last->network, wider));
    }
};

QTEST_MAIN(SessionSave)
#include "tst_session_save.moc"
