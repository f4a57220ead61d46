// The session in float (issue 5's float path): every value a float session shows is
// the value of a headless TrainingRunT<float> stepped the same way, widened to double
// bit for bit — after steps of every size, a run and a pause, rewinds and replays,
// jumps and setHyper, breakpoints; and it follows a double session on the same setup
// to float rounding. A setup in the other precision switches the session's trainer.
#include "session/breakpoint_checks.h"
#include "tst_session_support.h"

#include <cmath>

using namespace bp;
using namespace bp::testing;

namespace {

// The reference: the engine in float, stepped phase by phase to a session time. Keeps
// the weights before its last update, for the Δw the snapshot must show.
struct FloatCore {
    FloatCore(const Network& net, std::shared_ptr<const Dataset> data, const Hyper& h,
              Schedule schedule = Schedule())
        : run(castNetwork<float>(net), std::move(data), h, schedule) {}

    void stepTo(qint64 to) {
        for (; time < to; ++time) {
            if (run.nextPhase().kind == Phase::Kind::Update)
                before = castNetwork<double>(run.network());
            run.stepPhase();
        }
    }
    // Δw(k) of the last update as the screen shows it: the widened weights after − before.
    std::vector<Matrix> lastUpdate() const {
        std::vector<Matrix> d;
        for (int k = 1; k <= run.network().depth(); ++k)
            d.push_back(run.network().layer(k).w.cast<double>() - before.layer(k).w);
        return d;
    }

    TrainingRunT<float> run;
    qint64 time = 0;
    Network before; // empty until an update ran
};

// `a` holds the float matrix `b`, widened: same shape, every value equal.
template <typename A, typename B> bool widenedEqual(const A& a, const B& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() && a == b.template cast<double>();
}

// The snapshot's values are the float run's, widened (exactly: every float is a double).
bool widenedEqual(const RecordValues& a, const RecordValuesT<float>& b) {
    if (a.layers.size() != b.layers.size() || !widenedEqual(a.input, b.input) ||
        !widenedEqual(a.target, b.target) || a.loss != double(b.loss))
        return false;
    for (std::size_t k = 0; k < a.layers.size(); ++k) {
        const LayerValues& x = a.layers[k];
        const LayerValuesT<float>& y = b.layers[k];
        if (!widenedEqual(x.z, y.z) || !widenedEqual(x.x, y.x) || !widenedEqual(x.delta, y.delta) ||
            !widenedEqual(x.dJdz, y.dJdz) || !widenedEqual(x.dJdw, y.dJdw))
            return false;
    }
    return true;
}

bool showsCore(const Snapshot& s, const FloatCore& core) {
    return s.precision == Precision::Float && s.time == core.time &&
           sameWeights(s.network, castNetwork<double>(core.run.network())) &&
           widenedEqual(s.values, core.run.values()) &&
           s.recordsTrained == core.run.recordsTrained();
}

// ‖a − b‖ / ‖b‖ over all weights.
double relativeDifference(const Network& a, const Network& b) {
    double diff = 0, size = 0;
    for (int k = 1; k <= b.depth(); ++k) {
        diff += (a.layer(k).w - b.layer(k).w).squaredNorm();
        size += b.layer(k).w.squaredNorm();
    }
    return std::sqrt(diff / size);
}

// Linear layers and a huge learning rate: the weights overflow (float's range ends
// at ~3.4e38, much sooner than double's).
Network linearNet(std::uint64_t seed) {
    Architecture a;
    a.sizes = {3, 4, 2};
    a.hidden = Activation::Linear;
    a.output = Activation::Linear;
    a.loss = Loss::Mse;
    return makeNetwork(a, seed);
}

} // namespace

class SessionPrecision : public QObject {
    Q_OBJECT
private slots:
    // 40 records (4 epochs of 10, momentum) in float and in double from the same start:
    // the weights agree to float rounding, ‖w_float − w_double‖/‖w_double‖ < 1e-5, and
    // every single weight within 1e-5 of its size (floored at 0.01), but they are not the
    // same numbers: the float session really computes in float.
    void floatFollowsDouble() {
        const Network net = net3452(41);
        auto data = randomData(3, 2, 10, 42);
        Hyper h;
        h.learningRate = 0.3;
        h.momentum = 0.5;
        TrainingSession d, f;
        Probe pd(d), pf(f);
        QVERIFY(pd.waitFor(d.setup(net, data, nullptr, h, Schedule())));
        QVERIFY(pf.waitFor(f.setup(net, data, nullptr, h, Schedule(), Precision::Float)));
        QVERIFY(pd.last->precision == Precision::Double);
        QVERIFY(pf.last->precision == Precision::Float);
        for (int e = 0; e < 4; ++e) {
            QVERIFY(pd.waitFor(d.stepEpoch()));
            QVERIFY(pf.waitFor(f.stepEpoch()));
        }
        QCOMPARE(pf.last->recordsTrained, 40L);
        QCOMPARE(pf.last->time, pd.last->time);
        const Network& wd = pd.last->network;
        const Network& wf = pf.last->network;
        const double relative = relativeDifference(wf, wd);
        double worst = 0;
        for (int k = 1; k <= wd.depth(); ++k) {
            const Matrix scale = wd.layer(k).w.cwiseAbs().cwiseMax(0.01);
            worst = std::max(
                worst,
                ((wf.layer(k).w - wd.layer(k).w).cwiseAbs().cwiseQuotient(scale)).maxCoeff());
        }
        qInfo("float vs double after 40 records: relative %.3g, worst weight %.3g", relative,
              worst);
        QVERIFY2(relative < 1e-5, qPrintable(QString::number(relative)));
        QVERIFY2(worst < 1e-5, qPrintable(QString::number(worst)));
        QVERIFY(relative > 0);                       // float is another precision
        QVERIFY(relativeDifference(wd, net) > 0.05); // and training moved the weights
        QVERIFY(std::abs(pf.last->lastEpoch.trainLoss - pd.last->lastEpoch.trainLoss) <
                1e-5 * pd.last->lastEpoch.trainLoss);
    }

    // Phases, records, batches and epochs in float: after every step the snapshot holds
    // the float engine's weights and values and the Δw of its last update, widened.
    void stepsMatchTheFloatEngine_data() {
        QTest::addColumn<int>("batch");
        QTest::newRow("online, momentum") << 1;
        QTest::newRow("batch 3, momentum, L2") << 3;
    }
    void stepsMatchTheFloatEngine() {
        QFETCH(int, batch);
        const Network net = net3452(43);
        auto data = randomData(3, 2, 11, 44);
        Hyper h;
        h.batchSize = batch;
        h.momentum = 0.4;
        h.l2 = batch > 1 ? 0.01 : 0;
        FloatCore core(net, data, h);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule(), Precision::Float)));
        QVERIFY(showsCore(*p.last, core));
        // The start is the setup's network rounded to float.
        QVERIFY(sameWeights(p.last->network, castNetwork<double>(castNetwork<float>(net))));
        QVERIFY(!sameWeights(p.last->network, net));

        const std::vector<std::pair<const char*, std::function<quint64()>>> steps{
            {"phase", [&] { return s.stepPhase(); }},   {"phase", [&] { return s.stepPhase(); }},
            {"record", [&] { return s.stepRecord(); }}, {"record", [&] { return s.stepRecord(); }},
            {"batch", [&] { return s.stepBatch(); }},   {"phase", [&] { return s.stepPhase(); }},
            {"batch", [&] { return s.stepBatch(); }},   {"epoch", [&] { return s.stepEpoch(); }},
            {"record", [&] { return s.stepRecord(); }}, {"epoch", [&] { return s.stepEpoch(); }},
        };
        for (const auto& [what, step] : steps) {
            QVERIFY(p.waitFor(step()));
            core.stepTo(p.last->time);
            QVERIFY2(showsCore(*p.last, core), what);
            if (core.before.depth() > 0) {
                QCOMPARE(p.last->lastUpdate.size(), std::size_t(net.depth()));
                const std::vector<Matrix> want = core.lastUpdate();
                for (std::size_t k = 0; k < want.size(); ++k)
                    QVERIFY2(p.last->lastUpdate[k] == want[k], what);
            }
        }
        QCOMPARE(p.last->epoch, 2);
        QCOMPARE(p.last->lastEpoch.trainLoss, core.run.lastEpoch().trainLoss);
        QVERIFY(p.refusals.isEmpty());
    }

    // Running at full speed in float and pausing: the float engine at the same time.
    // Snapshots stay at ~40 a second or fewer.
    void runAndPause() {
        const Network net = net3452(45);
        auto data = randomData(3, 2, 50, 46);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule(), Precision::Float)));
        const std::size_t before = p.snapshots.size();
        QElapsedTimer t;
        t.start();
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitUntil([&] { return p.last->recordsTrained > 5000 && t.elapsed() > 300; }));
        QVERIFY(p.waitFor(s.pause()));
        const double seconds = double(t.elapsed()) / 1000;
        const double count = double(p.snapshots.size() - before);
        qInfo("%g snapshots in %.2f s, %ld records", count, seconds, p.last->recordsTrained);
        QVERIFY(count <= 60 * seconds + 5);
        QCOMPARE(p.last->pauseReason, PauseReason::User);
        FloatCore core(net, data, Hyper());
        core.stepTo(p.last->time);
        QVERIFY(showsCore(*p.last, core));
        const std::vector<Matrix> want = core.lastUpdate(); // exact Δw after a pause
        QCOMPARE(p.last->lastUpdate.size(), want.size());
        for (std::size_t k = 0; k < want.size(); ++k)
            QVERIFY(p.last->lastUpdate[k] == want[k]);
        // Continue: still the float engine.
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(
            p.waitUntil([&] { return p.last->recordsTrained > core.run.recordsTrained() + 2000; }));
        QVERIFY(p.waitFor(s.pause()));
        core.stepTo(p.last->time);
        QVERIFY(showsCore(*p.last, core));
    }

    // Rewind in float: forward 12 records (a setHyper after the 4th, a jump after the
    // 7th), back one record at a time across checkpoints, back phases, forward again:
    // every state equals the first pass and the float engine with the same inputs.
    void rewindAndReplay() {
        const Network net = net3452(47);
        auto data = randomData(3, 2, 9, 48);
        Hyper h;
        h.momentum = 0.3;
        Hyper faster = h;
        faster.learningRate = 0.6;
        FloatCore core(net, data, h);
        TrainingSession s;
        Probe p(s);
        HistoryLimits limits;
        limits.checkpointInterval = 3;
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule(), Precision::Float, limits)));
        std::vector<std::shared_ptr<const Snapshot>> pass{p.last};
        for (int r = 1; r <= 12; ++r) {
            QVERIFY(p.waitFor(s.stepRecord()));
            core.stepTo(p.last->time);
            if (r == 4) {
                QVERIFY(p.waitFor(s.setHyper(faster)));
                core.run.setHyper(faster);
            }
            if (r == 7) {
                QVERIFY(p.waitFor(s.jumpToRecord(2)));
                core.run.seek(2);
            }
            QVERIFY2(showsCore(*p.last, core), qPrintable(QString::number(r)));
            pass.push_back(p.last);
        }
        const auto same = [](const Snapshot& a, const Snapshot& b) {
            return a.time == b.time && a.precision == Precision::Float &&
                   sameWeights(a.network, b.network) && sameValues(a.values, b.values) &&
                   a.hyper.learningRate == b.hyper.learningRate && a.lastUpdate == b.lastUpdate;
        };
        for (int r = 11; r >= 1; --r) {
            QVERIFY(p.waitFor(s.stepBack(StepUnit::Record)));
            QVERIFY2(same(*p.last, *pass[std::size_t(r)]), qPrintable(QString::number(r)));
        }
        for (int i = 0; i < 3; ++i) { // into the first record, phase by phase
            QVERIFY(p.waitFor(s.stepBack(StepUnit::Phase)));
            QCOMPARE(p.last->time, pass[1]->time - 1 - i);
        }
        QVERIFY(p.waitFor(s.stepRecord())); // the rest of record 1
        QVERIFY(same(*p.last, *pass[1]));
        for (int r = 2; r <= 12; ++r) {
            QVERIFY(p.waitFor(s.stepRecord()));
            QVERIFY2(same(*p.last, *pass[std::size_t(r)]), qPrintable(QString::number(r)));
        }
        QVERIFY(showsCore(*p.last, core));
        QVERIFY(p.refusals.isEmpty());
    }

    // A diff in float is the diff of the widened weights.
    void diff() {
        const Network net = net3452(49);
        auto data = randomData(3, 2, 8, 50);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule(), Precision::Float)));
        QVERIFY(p.waitFor(s.stepRecord()));
        const Network afterOne = p.last->network;
        const qint64 t1 = p.last->time;
        QVERIFY(p.waitFor(s.stepRecord()));
        QVERIFY(p.waitFor(s.stepRecord()));
        QVERIFY(p.waitFor(s.requestDiff(t1, p.last->time)));
        QTRY_COMPARE_WITH_TIMEOUT(p.diffs.size(), std::size_t(1), 2000);
        const WeightDiff want = diffWeights(afterOne, p.last->network);
        QCOMPARE(p.diffs[0]->delta, want.delta);
        QCOMPARE(p.diffs[0]->changed, want.changed);
        QVERIFY(want.changed > 0);
        QCOMPARE(p.last->time, p.diffs[0]->toTime); // the session did not move
    }

    // A diverging learning rate in float: the session pauses right after the phase that
    // produced the first NaN/Inf of the float engine, and says where.
    void nonFiniteInFloat() {
        const Network net = linearNet(51);
        auto data = randomData(3, 2, 20, 52);
        Hyper h;
        h.learningRate = 1e17; // finite in float; w overflows float's range within a few records
        FloatCore core(net, data, h);
        PauseSite want;
        qint64 wantTime = -1;
        for (qint64 t = 1; t < 100000 && wantTime < 0; ++t) {
            const int epoch = core.run.epoch() + 1;
            const StepResult r = core.run.stepPhase();
            if (std::optional<PauseSite> site =
                    findNonFinite(core.run.network(), core.run.values(), r.phase)) {
                want = *site;
                want.record = long(core.run.lastRecordIndex());
                want.epoch = epoch;
                wantTime = t;
            }
        }
        QVERIFY(wantTime > 0);
        // In double the same run is still finite there: the pause is float's own.
        TrainingRun inDouble(net, data, h, Schedule());
        for (qint64 t = 0; t < wantTime; ++t)
            inDouble.stepPhase();
        QVERIFY(!findNonFiniteWeight(inDouble.network()));
        QVERIFY(recordLooksFinite(inDouble.values()));

        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule(), Precision::Float)));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitPaused());
        const Snapshot& snap = *p.last;
        QCOMPARE(snap.pauseReason, PauseReason::NonFinite);
        QCOMPARE(snap.time, wantTime);
        QCOMPARE(snap.pauseSite.quantity, want.quantity);
        QCOMPARE(snap.pauseSite.layer, want.layer);
        QCOMPARE(snap.pauseSite.node, want.node);
        QCOMPARE(snap.pauseSite.column, want.column);
        QCOMPARE(snap.pauseSite.record, want.record);
        COMPARE_PHASE(snap.pauseSite.phase, want.phase);
        QVERIFY(sameWeights(snap.network, castNetwork<double>(core.run.network())));
        qInfo("%s", qPrintable(snap.pauseDetail));
    }

    // A record breakpoint and a gradient-norm breakpoint in float.
    void breakpointsInFloat() {
        const Network net = net3452(53);
        auto data = randomData(3, 2, 10, 54);
        TrainingSession s;
        Probe p(s);
        Breakpoints b;
        b.record = 6;
        s.setBreakpoints(b);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule(), Precision::Float)));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::RecordReached);
        QCOMPARE(p.last->nextRecordIndex, 6L);
        FloatCore core(net, data, Hyper());
        core.stepTo(p.last->time);
        QCOMPARE(long(core.run.recordIndex()), 6L);
        QVERIFY(showsCore(*p.last, core));

        // The norm of the first record's ∂J/∂w (in double from the float values), just below.
        FloatCore first(net, data, Hyper());
        first.run.stepRecord();
        const double norm = recordGradientNorm(first.run.network(), first.run.values());
        Breakpoints g;
        g.gradientNormAbove = norm * (1 - 1e-6);
        s.setBreakpoints(g);
        QVERIFY(p.waitFor(s.reset()));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::GradientNorm);
        QCOMPARE(p.last->time, qint64(7)); // after backward 1 of the first record
        COMPARE_PHASE(p.last->lastPhase, (Phase{Phase::Kind::Backward, 1}));
    }

    // The precision follows each setup: double → float → (a refused float setup keeps
    // the float run as it was) → double; reset keeps the precision.
    void setupSwitchesPrecision() {
        const Network net = net3452(55);
        auto data = randomData(3, 2, 10, 56);
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        QVERIFY(p.last->precision == Precision::Double);
        QVERIFY(p.waitFor(s.stepRecord()));

        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule(), Precision::Float)));
        QVERIFY(p.last->precision == Precision::Float);
        QCOMPARE(p.last->time, qint64(0));
        QCOMPARE(p.rewinds.back(), (std::pair<long, int>(0, 0)));
        QVERIFY(sameWeights(p.last->network, castNetwork<double>(castNetwork<float>(net))));
        QVERIFY(p.waitFor(s.stepRecord()));
        QVERIFY(p.waitFor(s.stepRecord()));
        const std::shared_ptr<const Snapshot> floatRun = p.last;

        // Mismatched test data: refused whole, the float run stays where it was.
        auto badTest = randomData(4, 2, 5, 57);
        QVERIFY(p.waitFor(s.setup(net, data, badTest, Hyper(), Schedule())));
        QCOMPARE(p.refusals.size(), 1);
        QVERIFY(p.last->precision == Precision::Float);
        QCOMPARE(p.last->time, floatRun->time);
        QVERIFY(sameWeights(p.last->network, floatRun->network));

        QVERIFY(p.waitFor(s.reset()));
        QVERIFY(p.last->precision == Precision::Float);
        QVERIFY(sameWeights(p.last->network, castNetwork<double>(castNetwork<float>(net))));

        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        QVERIFY(p.last->precision == Precision::Double);
        QVERIFY(sameWeights(p.last->network, net));
        TrainingRun core(net, data, Hyper(), Schedule());
        core.stepRecord();
        QVERIFY(p.waitFor(s.stepRecord()));
        QVERIFY(sameWeights(p.last->network, core.network()));
        QVERIFY(sameValues(p.last->values, core.values()));
    }

    // The names the GUI and the command line use.
    void precisionText() {
        QCOMPARE(toString(Precision::Double), std::string("double"));
        QCOMPARE(toString(Precision::Float), std::string("float"));
        QVERIFY(precisionFromString(" Float ") == std::optional<Precision>(Precision::Float));
        QVERIFY(precisionFromString("double") == std::optional<Precision>(Precision::Double));
        QVERIFY(!precisionFromString("half"));
        QVERIFY(!precisionFromString(""));
    }
};

QTEST_GUILESS_MAIN(SessionPrecision)
#include "tst_session_precision.moc"
