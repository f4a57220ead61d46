// The health breakpoints (Breakpoints::health): each fires on a network built for it,
// at the end of the right window, with the layer, the instrument and the value in the
// pause text, and not on a healthy network. The reference is a TrainingRun stepped in
// the test with a HealthWindow fed by a HealthSampler, as docs/instruments.md says.
#include "math/layer_health.h"
#include "tst_session_support.h"

#include <functional>

using namespace bp;
using namespace bp::testing;

namespace {

using Rule = std::function<bool(const LayerHealth&)>;

Network reluNet(std::uint64_t seed, double bias1) {
    Architecture a;
    a.sizes = {3, 6, 2};
    a.hidden = Activation::Relu;
    a.output = Activation::Sigmoid;
    Network net = makeNetwork(a, seed);
    if (bias1 != 0)
        net.layer(1).w.col(0).setConstant(bias1); // z(1) ≤ 0 for every input: dead
    return net;
}

struct Expected {
    long t = -1; // the record trained last when the first window out of bounds closed
    long recordIndex = -1;
    int layer = 0;
    Network net;
};

// The first window whose figures break `rule` in `layer` (0: any), within `epochs`.
Expected reference(const Network& net, std::shared_ptr<Dataset> data, const Hyper& h,
                   const HealthBreakpoints& b, const Rule& rule, int epochs) {
    TrainingRun core(net, data, h, Schedule());
    HealthWindow w(net);
    const HealthSampler sampler{b.interval, b.window};
    while (core.epoch() < epochs) {
        core.stepRecord();
        const long t = core.recordsTrained();
        if (sampler.adds(t))
            w.add(core.values());
        if (!sampler.closes(t))
            continue;
        const std::vector<LayerHealth> figures = w.figures(core.network(), h.learningRate);
        w.clear();
        for (const LayerHealth& f : figures)
            if ((b.layer == 0 || f.layer == b.layer) && rule(f))
                return {t, long(core.lastRecordIndex()), f.layer, core.network()};
    }
    return {};
}

} // namespace

class SessionHealthBreakpoints : public QObject {
    Q_OBJECT
private slots:
    void firesOnTheCaseBuiltForIt_data() {
        QTest::addColumn<QString>("instrument");
        QTest::addColumn<bool>("sick");
        QTest::addColumn<bool>("stepRecords"); // else run at full speed
        QTest::addColumn<QString>("text");
        QTest::newRow("dead, bias -1000") << "dead" << true << false << "dead fraction 1 > 0.5";
        QTest::newRow("dead, stepped") << "dead" << true << true << "dead fraction 1 > 0.5";
        QTest::newRow("dead, healthy") << "dead" << false << false << "";
        QTest::newRow("ratio, a = 30") << "ratio" << true << false << "update ratio ";
        QTest::newRow("ratio, healthy") << "ratio" << false << false << "";
        QTest::newRow("gradient above") << "above" << true << false << "gradient norm ";
        QTest::newRow("gradient above, healthy") << "above" << false << false << "";
        QTest::newRow("gradient below, dead") << "below" << true << false << "gradient norm 0 < ";
        QTest::newRow("gradient below, stepped") << "below" << true << true << "gradient norm 0 < ";
        QTest::newRow("gradient below, healthy") << "below" << false << false << "";
    }
    void firesOnTheCaseBuiltForIt() {
        QFETCH(QString, instrument);
        QFETCH(bool, sick);
        QFETCH(bool, stepRecords);
        QFETCH(QString, text);
        Hyper h;
        h.learningRate = 0.05;
        HealthBreakpoints b;
        b.interval = 10;
        b.window = 4;
        Rule rule;
        const bool deadNet = sick && (instrument == "dead" || instrument == "below");
        if (instrument == "dead") {
            b.deadAbove = 0.5;
            rule = [](const LayerHealth& f) { return f.deadFraction > 0.5; };
        } else if (instrument == "ratio") {
            if (sick)
                h.learningRate = 30;
            b.ratioBelow = 1e-6;
            b.ratioAbove = 0.1;
            rule = [](const LayerHealth& f) {
                return !(f.updateRatio >= 1e-6 && f.updateRatio <= 0.1);
            };
        } else if (instrument == "above") {
            const double limit = sick ? 1e-4 : 1e3;
            b.gradientAbove = limit;
            b.layer = 2;
            rule = [limit](const LayerHealth& f) { return f.gradientNorm > limit; };
        } else {
            b.gradientBelow = 1e-12;
            b.layer = 1;
            rule = [](const LayerHealth& f) { return f.gradientNorm < 1e-12; };
        }
        const Network net = reluNet(11, deadNet ? -1000 : 0);
        auto data = randomData(3, 2, 40, 12);
        const Expected want = reference(net, data, h, b, rule, 2);
        QCOMPARE(want.t >= 0, sick); // the case is what it was built to be

        TrainingSession s;
        Probe p(s);
        Breakpoints bp;
        bp.health = b;
        s.setBreakpoints(bp);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule())));
        if (stepRecords) {
            for (int i = 0; i < 200 && p.last->pauseReason != PauseReason::LayerHealth; ++i)
                QVERIFY(p.waitFor(s.stepRecord()));
        } else {
            QVERIFY(p.waitFor(s.run(2)));
            QVERIFY(p.waitPaused());
        }
        const Snapshot& snap = *p.last;
        if (!sick) {
            QCOMPARE(snap.pauseReason, PauseReason::EpochsDone);
            return;
        }
        QCOMPARE(snap.pauseReason, PauseReason::LayerHealth);
        QVERIFY(sameWeights(snap.network, want.net)); // paused after record t, not later
        QCOMPARE(snap.pauseSite.record, want.recordIndex);
        const QString over = QStringLiteral("(over records %1–%2 trained, epoch %3).")
                                 .arg(want.t - b.window + 1)
                                 .arg(want.t)
                                 .arg((want.t - 1) / 40 + 1);
        QVERIFY2(
            snap.pauseDetail.startsWith(QStringLiteral("layer %1: %2").arg(want.layer).arg(text)),
            qPrintable(snap.pauseDetail));
        QVERIFY2(snap.pauseDetail.endsWith(over), qPrintable(snap.pauseDetail));
        qInfo("%s", qPrintable(snap.pauseDetail));
    }

    // The first window closes at record S; the dead network pauses exactly there, and
    // Run goes on to the next window (and pauses there again).
    void pausesAtEveryWindowEnd() {
        HealthBreakpoints b;
        b.interval = 7;
        b.window = 2;
        b.deadAbove = 0.5;
        Breakpoints bp;
        bp.health = b;
        TrainingSession s;
        Probe p(s);
        s.setBreakpoints(bp);
        const Network net = reluNet(13, -1000);
        auto data = randomData(3, 2, 30, 14);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, Hyper(), Schedule())));
        for (long t = 7; t <= 21; t += 7) {
            QVERIFY(p.waitFor(s.run()));
            QVERIFY(p.waitPaused());
            QCOMPARE(p.last->pauseReason, PauseReason::LayerHealth);
            QVERIFY2(p.last->pauseDetail.startsWith(
                         QStringLiteral("layer 1: dead fraction 1 > 0.5 (over records %1–%2 ")
                             .arg(t - 1)
                             .arg(t)),
                     qPrintable(p.last->pauseDetail));
        }
    }
};

QTEST_GUILESS_MAIN(SessionHealthBreakpoints)
#include "tst_session_health_breakpoints.moc"
