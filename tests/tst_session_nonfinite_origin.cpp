// The NaN/Inf breakpoint names where a non-finite value first appeared, in the order
// the step computes: on networks built to overflow at a known layer and phase, the
// pause names that phase, layer, node and quantity — not a later value that merely
// inherited the Inf (x(2), z(3), J).
#include "tst_session_support.h"

#include <cmath>

using namespace bp;
using namespace bp::testing;

namespace {

// 3-4-4-2: sigmoid, linear, linear, MSE.
Network net3442(std::uint64_t seed) {
    Architecture a;
    a.sizes = {3, 4, 4, 2};
    a.perLayer = {Activation::Sigmoid, Activation::Linear, Activation::Linear};
    a.loss = Loss::Mse;
    return makeNetwork(a, seed);
}

// Row 3 of w(2) all 1e308: z_3(2) = 1e308·(1 + Σ_j x_j(1)) overflows in forward 2, with
// x(1) ∈ (0, 1) finite.
Network overflowsInForward2() {
    Network net = net3442(21);
    net.layer(2).w.row(2).setConstant(1e308);
    return net;
}

// x_2(2) = 0 (row 2 of w(2) zero), column 2 of w(3) 1e308 and w_{i,0}(3) = 100: the
// forward pass and J are finite (1e308·0), ∂J/∂z(3) ≈ 100, and in backward 2
// δ_2(2) = Σ_i w_{i,2}(3)·∂J/∂z_i(3) overflows.
Network overflowsInBackward2() {
    Network net = net3442(22);
    net.layer(2).w.row(1).setZero();
    net.layer(3).w.col(2).setConstant(1e308);
    net.layer(3).w.col(0).setConstant(100);
    return net;
}

} // namespace

class SessionNonFiniteOrigin : public QObject {
    Q_OBJECT
private slots:
    void namesTheFirstPlace_data() {
        QTest::addColumn<bool>("backward");
        QTest::addColumn<bool>("stepRecords");
        QTest::newRow("forward 2, run") << false << false;
        QTest::newRow("forward 2, step record") << false << true;
        QTest::newRow("backward 2, run") << true << false;
        QTest::newRow("backward 2, step record") << true << true;
    }
    void namesTheFirstPlace() {
        QFETCH(bool, backward);
        QFETCH(bool, stepRecords);
        const Network net = backward ? overflowsInBackward2() : overflowsInForward2();
        auto data = randomData(3, 2, 10, 23);
        TrainingRun core(net, data, Hyper(), Schedule());
        const long firstRecord = long(core.recordIndex());

        TrainingSession s;
        Probe p(s);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        QVERIFY(p.waitFor(stepRecords ? s.stepRecord() : s.run()));
        QVERIFY(p.waitPaused());
        const Snapshot& snap = *p.last;
        QCOMPARE(snap.pauseReason, PauseReason::NonFinite);
        const PauseSite& site = snap.pauseSite;
        QVERIFY(site.valid);
        QCOMPARE(site.quantity, backward ? QStringLiteral("delta") : QStringLiteral("z"));
        QCOMPARE(site.layer, 2);
        QCOMPARE(site.node, backward ? 2 : 3);
        QCOMPARE(site.column, -1);
        QCOMPARE(site.record, firstRecord);
        QCOMPARE(site.epoch, 1);
        const Phase want{backward ? Phase::Kind::Backward : Phase::Kind::Forward, 2};
        COMPARE_PHASE(site.phase, want);
        COMPARE_PHASE(snap.lastPhase, want);
        // Paused right after that phase: forward 1, 2 (or forward 1–3, loss, backward 3, 2).
        QCOMPARE(snap.time, qint64(backward ? 6 : 2));
        QVERIFY(std::isinf(site.value) && site.value > 0);
        // What came before is finite: layer 1 in forward, the loss and layer 3 in backward.
        QVERIFY(snap.values.layer(1).z.allFinite());
        if (backward) {
            QVERIFY(std::isfinite(snap.values.loss));
            QVERIFY(snap.values.layer(3).dJdz.allFinite());
            QVERIFY(std::isfinite(snap.values.layer(2).delta[0]));
        } else {
            QVERIFY(std::isfinite(snap.values.layer(2).z[0]));
        }
        const QString detail = backward ? QStringLiteral("Inf in δ_2(2), record %1")
                                        : QStringLiteral("Inf in z_3(2), record %1");
        QVERIFY2(snap.pauseDetail.startsWith(detail.arg(firstRecord)),
                 qPrintable(snap.pauseDetail));
        QVERIFY2(snap.pauseDetail.endsWith(QString::fromStdString(toString(want))),
                 qPrintable(snap.pauseDetail));
    }
};

QTEST_GUILESS_MAIN(SessionNonFiniteOrigin)
#include "tst_session_nonfinite_origin.moc"
