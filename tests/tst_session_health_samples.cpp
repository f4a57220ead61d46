// The health samples (TrainingSession::setHealthSampling): under Run at full speed, when
// stepping records and phases, each sample's figures equal those of a HealthWindow fed by
// an independent TrainingRun of the same setup at the same records (exactly: the same
// numbers in the same order); a rewind drops the samples after it and the windows after
// it come again; the health breakpoints share the window; the outbox thins what the GUI
// does not take.
#include "math/layer_health.h"
#include "session/session_outbox.h"
#include "tst_session_support.h"

using namespace bp;
using namespace bp::testing;

namespace {

// 3-6-2, ReLU then sigmoid; bias −1000 on unit 1 of layer 1: dead on every record.
Network sampledNet(std::uint64_t seed) {
    Architecture a;
    a.sizes = {3, 6, 2};
    a.hidden = Activation::Relu;
    a.output = Activation::Sigmoid;
    Network net = makeNetwork(a, seed);
    net.layer(1).w(0, 0) = -1000;
    return net;
}

// The samples of `records` records trained by a TrainingRun of its own: the last
// `window` of every `interval` records, as docs/instruments.md defines the sampler.
std::vector<HealthSample> reference(const Network& net, std::shared_ptr<Dataset> data,
                                    const Hyper& h, const HealthSampler& sampler, long records) {
    TrainingRun core(net, data, h, Schedule());
    HealthWindow w(net);
    std::vector<HealthSample> all;
    while (core.recordsTrained() < records) {
        const int epoch = core.epoch() + 1;
        core.stepRecord();
        const long t = core.recordsTrained();
        if (sampler.adds(t))
            w.add(core.values());
        if (!sampler.closes(t))
            continue;
        HealthSample s;
        s.first = t - w.records() + 1;
        s.last = t;
        s.epoch = epoch;
        s.layers = w.figures(core.network(), h.learningRate);
        w.clear();
        all.push_back(std::move(s));
    }
    return all;
}

bool sameHistogram(const Histogram& a, const Histogram& b) {
    return a.counts() == b.counts() && a.nan() == b.nan();
}

// Every figure, bit for bit.
QString differences(const HealthSample& got, const HealthSample& want) {
    if (got.first != want.first || got.last != want.last || got.epoch != want.epoch)
        return QStringLiteral("records %1–%2 epoch %3, want %4–%5 epoch %6")
            .arg(got.first)
            .arg(got.last)
            .arg(got.epoch)
            .arg(want.first)
            .arg(want.last)
            .arg(want.epoch);
    if (got.layers.size() != want.layers.size())
        return QStringLiteral("layers");
    for (std::size_t k = 0; k < got.layers.size(); ++k) {
        const LayerHealth& a = got.layers[k];
        const LayerHealth& b = want.layers[k];
        const bool same =
            a.layer == b.layer && a.units == b.units && a.records == b.records &&
            a.gradientNorm == b.gradientNorm && a.weightNorm == b.weightNorm &&
            a.updateRatio == b.updateRatio && a.deadFraction == b.deadFraction &&
            a.saturatedFraction == b.saturatedFraction && a.activationMean == b.activationMean &&
            a.activationStd == b.activationStd && sameHistogram(a.x, b.x) &&
            sameHistogram(a.dJdz, b.dJdz) && a.unitHealth.size() == b.unitHealth.size();
        if (!same)
            return QStringLiteral("layer %1 of the window ending at %2").arg(k + 1).arg(got.last);
        for (std::size_t i = 0; i < a.unitHealth.size(); ++i) {
            const UnitHealth& u = a.unitHealth[i];
            const UnitHealth& v = b.unitHealth[i];
            if (u.dead != v.dead || u.saturated != v.saturated ||
                u.activeRecords != v.activeRecords || u.meanX != v.meanX ||
                u.meanDxdz != v.meanDxdz)
                return QStringLiteral("unit %1 of layer %2").arg(i + 1).arg(k + 1);
        }
    }
    return {};
}

// What a view does: keeps the samples in order, drops those a rewind took off the
// timeline (last > lossesKept).
struct SampleProbe {
    explicit SampleProbe(TrainingSession& s) {
        QObject::connect(&s, &TrainingSession::healthSampled, &context,
                         [this](std::shared_ptr<const HealthSamples> batch) {
                             ++batches;
                             for (const HealthSample& each : batch->samples)
                                 samples.push_back(each);
                         });
        QObject::connect(&s, &TrainingSession::rewound, &context, [this](long kept, int) {
            while (!samples.empty() && samples.back().last > kept)
                samples.pop_back();
        });
    }
    QObject context;
    std::vector<HealthSample> samples;
    int batches = 0;
};

void compareAll(const std::vector<HealthSample>& got, const std::vector<HealthSample>& want) {
    QCOMPARE(got.size(), want.size());
    for (std::size_t n = 0; n < got.size(); ++n) {
        const QString d = differences(got[n], want[n]);
        QVERIFY2(d.isEmpty(), qPrintable(d));
    }
}

} // namespace

class SessionHealthSamples : public QObject {
    Q_OBJECT
private slots:
    // Run at full speed (the whole-record path): 3 epochs of 40 records, a window of the
    // last 4 of every 10. With a health breakpoint on the same sampler (one that never
    // fires) every window is taken: 12 samples, each equal to the reference's. Without,
    // windows closing less than 2 ms apart are left out at the source: those that come
    // are the reference's at the same records, the first among them.
    void underRun_data() {
        QTest::addColumn<bool>("everyWindow");
        QTest::newRow("a breakpoint shares the window") << true;
        QTest::newRow("thinned at the source") << false;
    }
    void underRun() {
        QFETCH(bool, everyWindow);
        const Network net = sampledNet(21);
        auto data = randomData(3, 2, 40, 22);
        Hyper h;
        h.learningRate = 0.05;
        TrainingSession s;
        Probe p(s);
        SampleProbe samples(s);
        if (everyWindow) {
            Breakpoints b;
            b.health.gradientAbove = 1e300;
            b.health.interval = 10;
            b.health.window = 4;
            s.setBreakpoints(b);
        }
        s.setHealthSampling(true, 10, 4);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule())));
        QVERIFY(p.waitFor(s.run(3)));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::EpochsDone);
        QTest::qWait(50); // the last delivery
        const std::vector<HealthSample> want = reference(net, data, h, HealthSampler{10, 4}, 120);
        QCOMPARE(want.size(), std::size_t(12));
        if (everyWindow) {
            compareAll(samples.samples, want);
            QCOMPARE(samples.samples[4].epoch, 2); // records 47–50: the second epoch
        } else {
            QVERIFY(!samples.samples.empty());
            QCOMPARE(samples.samples[0].last, 10L); // the first window is always taken
            for (std::size_t n = 0; n < samples.samples.size(); ++n) {
                const HealthSample& got = samples.samples[n];
                QVERIFY(n == 0 || got.last > samples.samples[n - 1].last);
                QCOMPARE(got.last % 10, 0L);
                const QString d = differences(got, want[std::size_t(got.last / 10 - 1)]);
                QVERIFY2(d.isEmpty(), qPrintable(d));
            }
        }
        // Layer 1's unit 1 is dead in every window: z_1(1) ≈ −1000 + … ≤ 0.
        for (const HealthSample& each : samples.samples) {
            QVERIFY(each.layers[0].unitHealth[0].dead);
            QCOMPARE(each.layers[0].unitHealth[0].activeRecords, 0L);
            // 6 phases a record (forward 1, 2, loss, backward 2, 1, update): the history
            // time after record t is 6t.
            QCOMPARE(each.time, qint64(6 * each.last));
        }
    }

    // Stepping: 12 records phase by phase (6 phases each), then 13 by record: samples at
    // 10 and 20, equal to the reference's; switched off, no more.
    void whenStepping() {
        const Network net = sampledNet(23);
        auto data = randomData(3, 2, 40, 24);
        const Hyper h;
        TrainingSession s;
        Probe p(s);
        SampleProbe samples(s);
        s.setHealthSampling(true, 10, 3);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule())));
        for (int i = 0; i < 12 * 6; ++i)
            QVERIFY(p.waitFor(s.stepPhase()));
        QCOMPARE(p.last->recordsTrained, 12L);
        for (int i = 0; i < 13; ++i)
            QVERIFY(p.waitFor(s.stepRecord()));
        QCOMPARE(p.last->recordsTrained, 25L);
        compareAll(samples.samples, reference(net, data, h, HealthSampler{10, 3}, 25));
        s.setHealthSampling(false);
        for (int i = 0; i < 10; ++i)
            QVERIFY(p.waitFor(s.stepRecord()));
        QCOMPARE(samples.samples.size(), std::size_t(2)); // none at 30: off
    }

    // A rewind from 35 back to 25 records drops the sample at 30 (its last record 30 >
    // 25 kept); training on brings 30 and 40 again, the same as the reference's.
    void rewindDropsTheLaterOnes() {
        const Network net = sampledNet(25);
        auto data = randomData(3, 2, 50, 26);
        const Hyper h;
        TrainingSession s;
        Probe p(s);
        SampleProbe samples(s);
        s.setHealthSampling(true, 10, 4);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule())));
        for (int i = 0; i < 35; ++i)
            QVERIFY(p.waitFor(s.stepRecord()));
        QCOMPARE(samples.samples.size(), std::size_t(3));
        for (int i = 0; i < 10; ++i)
            QVERIFY(p.waitFor(s.stepBack(StepUnit::Record)));
        QCOMPARE(p.last->recordsTrained, 25L);
        QCOMPARE(p.rewinds.back().first, 25L);
        QCOMPARE(samples.samples.size(), std::size_t(2)); // 10 and 20
        QCOMPARE(samples.samples.back().last, 20L);
        for (int i = 0; i < 15; ++i)
            QVERIFY(p.waitFor(s.stepRecord()));
        compareAll(samples.samples, reference(net, data, h, HealthSampler{10, 4}, 40));
        // A setup: everything is off the timeline (rewound to 0).
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule())));
        QCOMPARE(p.rewinds.back().first, 0L);
        QVERIFY(samples.samples.empty());
    }

    // The health breakpoints with the samples' sampler check the samples' window (the
    // dead-fraction breakpoint pauses at 10, with the sample of records 7–10 out); with a
    // sampler of their own (every 7) they pause at 7, and the samples go on unchanged.
    void breakpointsShareTheWindow_data() {
        QTest::addColumn<long>("interval");
        QTest::addColumn<long>("pauseAt");
        QTest::newRow("same sampler") << 10L << 10L;
        QTest::newRow("their own") << 7L << 7L;
    }
    void breakpointsShareTheWindow() {
        QFETCH(long, interval);
        QFETCH(long, pauseAt);
        Network net = sampledNet(27);
        net.layer(1).w.col(0).setConstant(-1000); // every unit of layer 1 dead
        auto data = randomData(3, 2, 40, 28);
        const Hyper h;
        TrainingSession s;
        Probe p(s);
        SampleProbe samples(s);
        Breakpoints b;
        b.health.deadAbove = 0.5;
        b.health.interval = interval;
        b.health.window = 4;
        s.setBreakpoints(b);
        s.setHealthSampling(true, 10, 4);
        QVERIFY(p.waitFor(s.setup(net, data, nullptr, h, Schedule())));
        QVERIFY(p.waitFor(s.run()));
        QVERIFY(p.waitPaused());
        QCOMPARE(p.last->pauseReason, PauseReason::LayerHealth);
        QCOMPARE(p.last->recordsTrained, pauseAt);
        QVERIFY2(p.last->pauseDetail.startsWith(
                     QStringLiteral("layer 1: dead fraction 1 > 0.5 (over records %1–%2")
                         .arg(pauseAt - 3)
                         .arg(pauseAt)),
                 qPrintable(p.last->pauseDetail));
        // Run on to 30 (past further pauses): the samples are the reference's.
        while (p.last->recordsTrained < 30) {
            QVERIFY(p.waitFor(s.stepRecord()));
        }
        compareAll(samples.samples, reference(net, data, h, HealthSampler{10, 4}, 30));
        QCOMPARE(samples.samples[0].layers[0].deadFraction, 1.0);
    }

    // The outbox keeps at most 256 pending: 300 in, the oldest half thinned to every
    // other one (75 of the first 150 out), in order, the newest kept; a rewind to 250
    // takes the 50 after it.
    void outboxThins() {
        SessionOutbox box;
        std::vector<HealthSample> in(300);
        for (long t = 1; t <= 300; ++t)
            in[static_cast<std::size_t>(t - 1)].last = t;
        box.addHealthSamples(in);
        QVERIFY(in.empty());
        SessionMessage rewind;
        rewind.kind = SessionMessage::Kind::Rewound;
        rewind.records = 250;
        box.add(rewind);
        std::vector<SessionMessage> messages;
        std::shared_ptr<const Snapshot> snapshot;
        std::shared_ptr<const HealthSamples> taken;
        box.take(messages, snapshot, taken);
        QVERIFY(taken);
        QCOMPARE(taken->thinned, 75L);
        QCOMPARE(taken->samples.size(), std::size_t(300 - 75 - 50));
        QCOMPARE(taken->samples[0].last, 1L);
        QCOMPARE(taken->samples[1].last, 3L);    // 2 thinned
        QCOMPARE(taken->samples[75].last, 151L); // the newer half whole
        QCOMPARE(taken->samples.back().last, 250L);
        box.take(messages, snapshot, taken);
        QVERIFY(!taken); // nothing pending
        // 1000 at once: halved five times (1000 → 750 → 563 → 423 → 318 → 239, by hand:
        // each pass drops ⌊half/2⌋ of the older half), in order, the newest kept.
        std::vector<HealthSample> many(1000);
        for (long t = 1; t <= 1000; ++t)
            many[static_cast<std::size_t>(t - 1)].last = t;
        box.addHealthSamples(many);
        box.take(messages, snapshot, taken);
        QCOMPARE(taken->samples.size(), std::size_t(239));
        QCOMPARE(taken->thinned, 761L);
        QCOMPARE(taken->samples.back().last, 1000L);
        for (std::size_t i = 1; i < taken->samples.size(); ++i)
            QVERIFY(taken->samples[i].last > taken->samples[i - 1].last);
    }
};

QTEST_GUILESS_MAIN(SessionHealthSamples)
#include "tst_session_health_samples.moc"
