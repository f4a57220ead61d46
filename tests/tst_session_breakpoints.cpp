// Breakpoints: each one fires on a case built to trigger it, at the right place,
// and the snapshot says why. The reference is always a TrainingRun stepped in the
// test with the same numbers.
#include "session/breakpoint_checks.h"
#include "tst_session_support.h"

#include <cmath>

using namespace bp;
using namespace bp::testing;

namespace {

// Linear layers and a huge learning rate: the weights blow up to Inf, then NaN.
Network linearNet(std::uint64_t seed) {
    Architecture a;
    a.sizes = {3, 4, 2};
    a.hidden = Activation::Linear;
    a.output = Activation::Linear;
    a.loss = Loss::Mse;
    return makeNetwork(a, seed);
}

// Steps `core` until a phase produces a non-finite value; returns the time after it.
qint64 firstNonFinite(TrainingRun& core, PauseSite& site) {
    for (qint64 t = 1; t < 100000; ++t) {
        const int epoch = core.epoch() + 1;
        const StepResult r = core.stepPhase();
        if (std::optional<PauseSite> s = findNonFinite(core.network(), core.values(), r.phase)) {
            site = *s;
            site.record = long(core.lastRecordIndex());
            site.epoch = epoch;
            return t;
        }
    }
    return -1;
}

} // namespace

class SessionBreakpoints : public QObject {
    Q_OBJECT
private slots:
    // lr = 1e300 diverges: the session pauses right after the phase that produced the
    // first NaN/Inf and says where, whether it was running, stepping records or epochs.
    void nonFiniteFromADivergingLearningRate_data() {
        QTest::addColumn<int>("how");
        QTest::newRow("run") << 0;
        QTest::newRow("step epoch") << 1;
        QTest::newRow("step record") << 2;
        QTest::newRow("step phase") << 3;
    }
    void nonFiniteFromADivergingLearningRate() {
        QFETCH(int, how);
        const Network net = linearNet(1);
        auto data = randomData(3, 2, 20, 2);
        Hyper h;
        h.learningRate = 1e300;
        TrainingRun core(net, data, h, Schedule());
        PauseSite want;
        const qint64 wantTime = firstNonFinite(core, want);
        QVERIFY(wantTime > 0);

        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule())));
        for (int i = 0; i < 100000 && p.last->pauseReason != PauseReason::NonFinite; ++i) {
            const quint64 t = how == 0   ? s.run()
                              : how == 1 ? s.stepEpoch()
                              : how == 2 ? s.stepRecord()
                                         : s.stepPhase();
            QVERIFY(p.waitFor(t));
            QVERIFY(p.waitPaused());
        }
        const Snapshot& snap = *p.last;
        QCOMPARE(snap.pauseReason, PauseReason::NonFinite);
        QCOMPARE(snap.time, wantTime);
        QVERIFY(snap.pauseSite.valid);
        QCOMPARE(snap.pauseSite.quantity, want.quantity);
        QCOMPARE(snap.pauseSite.layer, want.layer);
        QCOMPARE(snap.pauseSite.node, want.node);
        QCOMPARE(snap.pauseSite.column, want.column);
        QCOMPARE(snap.pauseSite.record, want.record);
        COMPARE_PHASE(snap.pauseSite.phase, want.phase);
        COMPARE_PHASE(snap.lastPhase, want.phase);
        QVERIFY(sameWeights(snap.network, core.network()));
        QVERIFY2(snap.pauseDetail.contains(QStringLiteral("record %1").arg(want.record)),
                 qPrintable(snap.pauseDetail));
        QVERIFY2(snap.pauseDetail.contains(QString::fromStdString(toString(want.phase))),
                 qPrintable(snap.pauseDetail));
        qInfo("%s", qPrintable(snap.pauseDetail));
        // Never trains on garbage: running again stops at once, where it was or earlier.
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::NonFinite);
        QVERIFY(p.last->time <= wantTime + 1);
    }

    // Weights that are NaN from the start: the first step pauses and names the weight.
    void nonFiniteWeightsFromTheStart() {
        Network net = linearNet(3);
        net.layer(2).w(1, 3) = std::numeric_limits<double>::quiet_NaN();
        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, randomData(3, 2, 10, 4), nullptr, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::NonFinite);
        QCOMPARE(p.last->pauseSite.quantity, QStringLiteral("w"));
        QCOMPARE(p.last->pauseSite.layer, 2);
        QCOMPARE(p.last->pauseSite.node, 2);
        QCOMPARE(p.last->pauseSite.column, 3);
        QVERIFY2(p.last->pauseDetail.startsWith(QStringLiteral("NaN in w_{2,3}(2)")),
                 qPrintable(p.last->pauseDetail));
    }

    // Off: training goes on (the user asked for it).
    void nonFiniteOff() {
        Hyper h;
        h.learningRate = 1e300;
        TrainingSession s;
        Probe p(s);
        Breakpoints b;
        b.nonFinite = false;
        s.setBreakpoints(b);
        QVERIFY(p.waitFor(s.setup(linearNet(5), randomData(3, 2, 10, 6), nullptr, h, Schedule())));
        QVERIFY(p.waitFor(s.run(3)));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::EpochsDone);
        QVERIFY(!p.last->network.layer(1).w.allFinite());
    }

    // The record whose loss is the largest of the first epoch trips a threshold just
    // below it: the session pauses after that record's loss phase.
    void lossAbove() {
        const Network net = net3452(7);
        auto data = randomData(3, 2, 30, 8);
        TrainingRun core(net, data, Hyper(), Schedule());
        double worst = -1;
        long worstRecord = -1;
        qint64 worstTime = 0;
        for (qint64 t = 1; core.epoch() == 0; ++t) {
            const StepResult r = core.stepPhase();
            if (r.phase.kind == Phase::Kind::Loss && core.values().loss > worst) {
                worst = core.values().loss;
                worstRecord = long(core.lastRecordIndex());
                worstTime = t;
            }
        }
        TrainingSession s;
        Probe p(s);
        Breakpoints b;
        b.lossAbove = worst * (1 - 1e-9);
        s.setBreakpoints(b);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::LossAbove);
        QCOMPARE(p.last->time, worstTime);
        QCOMPARE(p.last->recordIndex, worstRecord);
        QCOMPARE(p.last->lastPhase.kind, Phase::Kind::Loss);
        QCOMPARE(p.last->values.loss, worst);
        QVERIFY2(p.last->pauseDetail.startsWith(QStringLiteral("J = ")),
                 qPrintable(p.last->pauseDetail));
        // Continue: the backward pass of that record goes on.
        QVERIFY(p.waitFor(s.stepPhase()));
        QCOMPARE(p.last->lastPhase.kind, Phase::Kind::Backward);
    }

    // Too large a learning rate on a linear regression: the epoch loss grows; two rises
    // in a row pause at the end of the second rising epoch.
    void lossRising() {
        Architecture a;
        a.sizes = {2, 1};
        a.output = Activation::Linear;
        const Network net = makeNetwork(a, 9);
        auto data = randomData(2, 1, 10, 10);
        Hyper h;
        h.learningRate = 3;
        TrainingRun core(net, data, h, Schedule());
        std::vector<double> losses;
        int wantEpoch = 0;
        for (int e = 1; e <= 50 && !wantEpoch; ++e) {
            core.stepEpoch();
            losses.push_back(core.lastEpoch().trainLoss);
            if (e >= 3 && losses[std::size_t(e - 1)] > losses[std::size_t(e - 2)] &&
                losses[std::size_t(e - 2)] > losses[std::size_t(e - 3)])
                wantEpoch = e;
        }
        QVERIFY(wantEpoch > 0);
        TrainingSession s;
        Probe p(s);
        Breakpoints b;
        b.lossRisingEpochs = 2;
        s.setBreakpoints(b);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule())));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::LossRising);
        QCOMPARE(p.last->epoch, wantEpoch);
        QCOMPARE(p.last->position, 0L);
        QVERIFY(sameWeights(p.last->network, core.network()));
        QVERIFY2(p.last->pauseDetail.contains(QStringLiteral("2 epochs in a row")),
                 qPrintable(p.last->pauseDetail));
    }

    void gradientNorm() {
        const Network net = net3452(11);
        auto data = randomData(3, 2, 30, 12);
        Matrix inputs = data->inputs.toMatrix();
        for (Eigen::Index r = 4; r < 30; r += 7) // a few records with large inputs
            inputs.col(r) *= 1 + double(r) / 4;
        data->inputs = FeatureMatrix(inputs);
        // The norm by the rank-one identity equals the direct Frobenius norm of ∂J/∂w.
        TrainingRun core(net, data, Hyper(), Schedule());
        std::vector<std::pair<double, qint64>> norms;
        for (qint64 t = 1; core.epoch() == 0; ++t) {
            const StepResult r = core.stepPhase();
            if (r.phase.kind == Phase::Kind::Backward && r.phase.layer == 1) {
                double direct = 0;
                for (const LayerValues& l : core.values().layers)
                    direct += l.dJdw.squaredNorm();
                const double fast = recordGradientNorm(core.network(), core.values());
                QVERIFY(std::abs(fast - std::sqrt(direct)) <= 1e-12 * std::sqrt(direct));
                norms.push_back({fast, t});
            }
        }
        // A threshold that a record after the first few is the first to exceed.
        double threshold = -1;
        qint64 wantTime = -1;
        for (std::size_t i = 3; i < norms.size() && wantTime < 0; ++i) {
            double before = 0;
            for (std::size_t j = 0; j < i; ++j)
                before = std::max(before, norms[j].first);
            if (norms[i].first > before) {
                threshold = (before + norms[i].first) / 2;
                wantTime = norms[i].second;
            }
        }
        QVERIFY(wantTime > 0);
        TrainingSession s;
        Probe p(s);
        Breakpoints b;
        b.gradientNormAbove = threshold;
        s.setBreakpoints(b);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.stepEpoch()));
        QCOMPARE(p.last->pauseReason, PauseReason::GradientNorm);
        QCOMPARE(p.last->time, wantTime);
        COMPARE_PHASE(p.last->lastPhase, (Phase{Phase::Kind::Backward, 1}));
        QVERIFY2(p.last->pauseDetail.contains(QStringLiteral("‖∂J/∂w‖")),
                 qPrintable(p.last->pauseDetail));
    }

    // Pause before the chosen record; continuing goes past it, and the next epoch
    // stops at it again.
    void recordReached() {
        const Network net = net3452(13);
        auto data = randomData(3, 2, 12, 14);
        TrainingSession s;
        Probe p(s);
        Breakpoints b;
        b.record = 5;
        s.setBreakpoints(b);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::RecordReached);
        QCOMPARE(p.last->nextRecordIndex, 5L);
        COMPARE_PHASE(p.last->nextPhase, (Phase{Phase::Kind::Forward, 1}));
        QCOMPARE(p.last->epoch, 0);
        const long records = p.last->recordsTrained;
        TrainingRun core = TrainingRun(net, data, Hyper(), Schedule());
        while (core.recordIndex() != 5)
            core.stepRecord();
        QCOMPARE(records, core.recordsTrained());
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::RecordReached);
        QCOMPARE(p.last->epoch, 1);
        QCOMPARE(p.last->nextRecordIndex, 5L);
        QVERIFY(p.last->recordsTrained > records);
    }

    void misclassified() {
        Architecture a;
        a.sizes = {3, 5, 3};
        a.output = Activation::Softmax;
        a.loss = Loss::CrossEntropy;
        const Network net = makeNetwork(a, 15);
        auto data = randomData(3, 3, 40, 16, true);
        TrainingRun core(net, data, Hyper(), Schedule());
        qint64 wantTime = -1;
        for (qint64 t = 1; wantTime < 0 && t < 100000; ++t) {
            const StepResult r = core.stepPhase();
            if (r.phase.kind == Phase::Kind::Loss &&
                classOf(core.values().output()) != classOf(core.values().target))
                wantTime = t;
        }
        TrainingSession s;
        Probe p(s);
        Breakpoints b;
        b.misclassified = true;
        s.setBreakpoints(b);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::Misclassified);
        QCOMPARE(p.last->time, wantTime);
        QCOMPARE(p.last->recordIndex, long(core.lastRecordIndex()));
        QVERIFY2(p.last->pauseDetail.contains(QStringLiteral("classified as")),
                 qPrintable(p.last->pauseDetail));
        QVERIFY(!toText(PauseReason::Misclassified).isEmpty());
    }
};

QTEST_GUILESS_MAIN(SessionBreakpoints)
#include "tst_session_breakpoints.moc"
