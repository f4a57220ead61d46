// The per-unit figures of the layer health (core/math/layer_health.h, UnitHealth): on a
// hand-built 2-3-3-1 network with a dead ReLU unit, a sigmoid unit saturated on every
// record and one saturated on some, and on a tanh layer; each value worked out by hand
// below, and the per-layer fractions consistent with the units' flags.
#include "math/backprop.h"
#include "math/layer_health.h"

#include <cmath>
#include <QtTest>

using namespace bp;

namespace {
double sigmoid(double z) {
    return 1 / (1 + std::exp(-z));
}

// 2-3-3-1, ½-squared error.
//   layer 1 (ReLU)    w(1) = [0 1 0; −1000 1 1; 0 0 1]:
//                     z_1(1) = x_1(0), z_2(1) = −1000 + x_1(0) + x_2(0), z_3(1) = x_2(0)
//   layer 2 (sigmoid) w(2) = [0 0 0 0; −10 10 0 0; 20 0 0 0]:
//                     z_1(2) = 0, z_2(2) = −10 + 10·x_1(1), z_3(2) = 20
//   layer 3 (linear)  w(3) = [0 1 1 1]
Network handNetwork() {
    Network net;
    net.inputSize = 2;
    net.loss = Loss::Mse;
    Layer relu{Activation::Relu, Matrix(3, 3)};
    relu.w << 0, 1, 0, //
        -1000, 1, 1,   //
        0, 0, 1;
    Layer sig{Activation::Sigmoid, Matrix(3, 4)};
    sig.w << 0, 0, 0, 0, //
        -10, 10, 0, 0,   //
        20, 0, 0, 0;
    Layer out{Activation::Linear, Matrix(1, 4)};
    out.w << 0, 1, 1, 1;
    net.layers = {relu, sig, out};
    return net;
}

RecordValues recordThrough(const Network& net, double x1, double x2) {
    RecordValues v;
    prepare(net, v);
    v.input = Vector(net.inputSize);
    v.input << x1, x2;
    v.target = Vector::Zero(1);
    forward(net, v);
    backward(net, v);
    return v;
}

// The three records (x_1(0), x_2(0)) = (1, −1), (2, 3), (−1, 0.5).
std::vector<LayerHealth> threeRecords(const Network& net) {
    HealthWindow window(net);
    window.add(recordThrough(net, 1, -1));
    window.add(recordThrough(net, 2, 3));
    window.add(recordThrough(net, -1, 0.5));
    return window.figures(net, 0.1);
}
} // namespace

class CoreHealthUnits : public QObject {
    Q_OBJECT

private slots:
    // Layer 1, by hand:
    //   unit 1: z = 1, 2, −1 → live on 2 of 3; x = 1, 2, 0 → mean 1; g′ = 1, 1, 0 → mean 2/3
    //   unit 2: z ≈ −1000 on all → dead; x = 0, mean 0; g′ mean 0
    //   unit 3: z = −1, 3, 0.5 → live on 2; x = 0, 3, 0.5 → mean 3.5/3; g′ mean 2/3
    void reluUnits() {
        const std::vector<LayerHealth> h = threeRecords(handNetwork());
        QCOMPARE(h.size(), std::size_t(3));
        const std::vector<UnitHealth>& u = h[0].unitHealth;
        QCOMPARE(u.size(), std::size_t(3));
        QCOMPARE(u[0].dead, false);
        QCOMPARE(u[0].activeRecords, 2L);
        QCOMPARE(u[0].meanX, 1.0);
        QCOMPARE(u[0].meanDxdz, 2.0 / 3);
        QCOMPARE(u[1].dead, true);
        QCOMPARE(u[1].activeRecords, 0L);
        QCOMPARE(u[1].meanX, 0.0);
        QCOMPARE(u[1].meanDxdz, 0.0);
        QCOMPARE(u[2].dead, false);
        QCOMPARE(u[2].activeRecords, 2L);
        QCOMPARE(u[2].meanX, 3.5 / 3);
        for (const UnitHealth& each : u)
            QCOMPARE(each.saturated, false); // ReLU does not saturate
        // The layer's fraction is the units' flags: 1 dead of 3.
        QCOMPARE(h[0].deadUnits(), 1L);
        QCOMPARE(h[0].deadFraction, 1.0 / 3);
        QCOMPARE(h[0].saturatedFraction, 0.0);
    }

    // Layer 2, by hand (x_1(1) = 1, 2, 0 from layer 1):
    //   unit 1: z = 0 → x = ½, g′ = ¼ ≥ 0.0025 on all 3 records
    //   unit 2: z = 0, 10, −10 → g′ = ¼, σ(10)σ(−10) ≈ 4.5e−5, the same: unsaturated on 1;
    //           mean x = (½ + σ(10) + σ(−10))/3 = (½ + 1)/3 = ½
    //   unit 3: z = 20 → g′ = σ(20)(1 − σ(20)) ≈ 2.1e−9 on all: saturated
    void sigmoidUnits() {
        const std::vector<LayerHealth> h = threeRecords(handNetwork());
        const std::vector<UnitHealth>& u = h[1].unitHealth;
        QCOMPARE(u.size(), std::size_t(3));
        QCOMPARE(u[0].saturated, false);
        QCOMPARE(u[0].activeRecords, 3L);
        QCOMPARE(u[0].meanX, 0.5);
        QCOMPARE(u[0].meanDxdz, 0.25);
        QCOMPARE(u[1].saturated, false);
        QCOMPARE(u[1].activeRecords, 1L);
        QCOMPARE(u[1].meanX, 0.5);
        QCOMPARE(u[1].meanDxdz, (0.25 + 2 * sigmoid(10) * sigmoid(-10)) / 3);
        QCOMPARE(u[2].saturated, true);
        QCOMPARE(u[2].activeRecords, 0L);
        QCOMPARE(u[2].meanX, sigmoid(20));
        QCOMPARE(u[2].meanDxdz, sigmoid(20) * (1 - sigmoid(20)));
        for (const UnitHealth& each : u)
            QCOMPARE(each.dead, false); // sigmoid does not die
        QCOMPARE(h[1].saturatedUnits(), 1L);
        QCOMPARE(h[1].saturatedFraction, 1.0 / 3);
        QCOMPARE(h[1].deadFraction, 0.0);
    }

    // The linear output neither dies nor saturates: active on all N records; mean x is
    // the mean of x_1(1) + x_2(1) + x_3(1) = ½ + x_2(2) + σ(20) over the records.
    void linearUnits() {
        const std::vector<LayerHealth> h = threeRecords(handNetwork());
        const std::vector<UnitHealth>& u = h[2].unitHealth;
        QCOMPARE(u.size(), std::size_t(1));
        QCOMPARE(u[0].dead, false);
        QCOMPARE(u[0].saturated, false);
        QCOMPARE(u[0].activeRecords, 3L);
        QCOMPARE(u[0].meanX, 0.5 + 0.5 + sigmoid(20));
        QCOMPARE(u[0].meanDxdz, 1.0);
    }

    // tanh, one input: w(1) = [0 1; 5 0]: z_1 = x_1(0) = 0.5, −0.2 (g′ = 1 − tanh² ≥ 0.01);
    // z_2 = 5 on both: g′ = 1 − tanh²(5) ≈ 1.8e−4 < 0.01, saturated.
    void tanhUnits() {
        Network net;
        net.inputSize = 1;
        net.loss = Loss::Mse;
        Layer t{Activation::Tanh, Matrix(2, 2)};
        t.w << 0, 1, //
            5, 0;
        Layer out{Activation::Linear, Matrix(1, 3)};
        out.w << 0, 1, 1;
        net.layers = {t, out};
        HealthWindow window(net);
        for (double x : {0.5, -0.2}) {
            RecordValues v;
            prepare(net, v);
            v.input = Vector::Constant(1, x);
            v.target = Vector::Zero(1);
            forward(net, v);
            backward(net, v);
            window.add(v);
        }
        const std::vector<LayerHealth> h = window.figures(net, 0.1);
        const std::vector<UnitHealth>& u = h[0].unitHealth;
        QCOMPARE(u[0].saturated, false);
        QCOMPARE(u[0].activeRecords, 2L);
        QCOMPARE(u[0].meanX, (std::tanh(0.5) + std::tanh(-0.2)) / 2);
        QCOMPARE(u[1].saturated, true);
        QCOMPARE(u[1].activeRecords, 0L);
        QCOMPARE(u[1].meanX, std::tanh(5.0));
        QCOMPARE(u[1].meanDxdz, 1 - std::tanh(5.0) * std::tanh(5.0));
        QCOMPARE(h[0].saturatedFraction, 0.5);
    }

    // clear() starts the counts again: one record (2, 3) after it, unit 1 of layer 1 live
    // on 1 of 1 with x = 2; an empty window has no units' figures.
    void clearedWindow() {
        const Network net = handNetwork();
        HealthWindow window(net);
        window.add(recordThrough(net, 1, -1));
        window.add(recordThrough(net, -1, 0.5));
        window.clear();
        QVERIFY(window.figures(net, 0.1)[0].unitHealth.empty());
        window.add(recordThrough(net, 2, 3));
        const std::vector<LayerHealth> h = window.figures(net, 0.1);
        QCOMPARE(h[0].unitHealth[0].activeRecords, 1L);
        QCOMPARE(h[0].unitHealth[0].meanX, 2.0);
        QCOMPARE(h[0].unitHealth[2].activeRecords, 1L);
        QCOMPARE(h[0].unitHealth[2].meanX, 3.0);
        QCOMPARE(h[0].unitHealth[1].dead, true);
        QCOMPARE(h[1].unitHealth[1].activeRecords, 0L); // z_2(2) = 10: g′ ≈ 4.5e−5
    }
};

QTEST_APPLESS_MAIN(CoreHealthUnits)
#include "tst_core_health_units.moc"
