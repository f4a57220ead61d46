// The per-layer health (core/math/layer_health.h): each instrument against a hand
// computation on a 2-2-1 network, the gradient norm against finite differences of the
// window's mean J and against ∂J/∂w summed with Eigen, dead and saturated units on
// networks built to have them, the histograms' bins, the sampler, a float run.
#include "math/backprop.h"
#include "math/layer_health.h"
#include "math/random.h"
#include "math/training.h"

#include <cmath>
#include <limits>
#include <QtTest>

using namespace bp;

namespace {
// 2-2-1: a ReLU hidden layer, a linear output, ½-squared error.
//   w(1) = [0 1 0; −1 0 1]: z_1(1) = x_1(0), z_2(1) = −1 + x_2(0)
//   w(2) = [0 1 1]:         z_1(2) = x_1(1) + x_2(1)
Network handRelu() {
    Network net;
    net.inputSize = 2;
    net.loss = Loss::Mse;
    Layer hidden{Activation::Relu, Matrix(2, 3)};
    hidden.w << 0, 1, 0, //
        -1, 0, 1;
    Layer out{Activation::Linear, Matrix(1, 3)};
    out.w << 0, 1, 1;
    net.layers = {hidden, out};
    return net;
}

// One record through forward, loss and backward (∂J/∂w written out too).
RecordValues run(const Network& net, const Vector& input, const Vector& target) {
    RecordValues v;
    prepare(net, v);
    v.input = input;
    v.target = target;
    forward(net, v);
    backward(net, v);
    return v;
}

Vector vec(std::initializer_list<double> values) {
    Vector v(static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (double x : values)
        v[i++] = x;
    return v;
}

// The count of the bin whose text is `bin`.
long countIn(const Histogram& h, const std::string& bin) {
    for (std::size_t i = 0; i < h.counts().size(); ++i)
        if (h.binText(i) == bin)
            return h.counts()[i];
    qFatal("no bin %s", bin.c_str());
    return -1;
}

struct Records {
    std::vector<Vector> inputs, targets;
};

Records randomRecords(Eigen::Index in, Eigen::Index out, int n, std::uint64_t seed) {
    Random rng(seed);
    Records r;
    for (int i = 0; i < n; ++i) {
        Vector x(in), y(out);
        for (Eigen::Index j = 0; j < in; ++j)
            x[j] = rng.uniform(-1, 1);
        for (Eigen::Index j = 0; j < out; ++j)
            y[j] = rng.uniform(0, 1);
        r.inputs.push_back(x);
        r.targets.push_back(y);
    }
    return r;
}

std::vector<LayerHealth> healthOf(const Network& net, const Records& r) {
    HealthWindow window(net);
    for (std::size_t i = 0; i < r.inputs.size(); ++i)
        window.add(run(net, r.inputs[i], r.targets[i]));
    return window.figures(net, 0.1);
}

// (1/N) Σ_r J_r(w): the mean loss of the window's records.
double meanLoss(const Network& net, const Records& r) {
    double sum = 0;
    for (std::size_t i = 0; i < r.inputs.size(); ++i) {
        RecordValues v;
        prepare(net, v);
        v.input = r.inputs[i];
        v.target = r.targets[i];
        forward(net, v);
        computeLoss(net, v);
        sum += v.loss;
    }
    return sum / static_cast<double>(r.inputs.size());
}
} // namespace

class CoreHealth : public QObject {
    Q_OBJECT

private slots:
    void handComputation() {
        // Record 1: x(0) = (1, 2), y = 1. z(1) = (1, 1), x(1) = (1, 1), f = z(2) = 2,
        //   ∂J/∂z(2) = f − y = 1, δ(1) = 1·(1, 1), ∂J/∂z(1) = δ·g′ = (1, 1).
        // Record 2: x(0) = (2, 0), y = 3. z(1) = (2, −1), x(1) = (2, 0), f = 2,
        //   ∂J/∂z(2) = −1, δ(1) = (−1, −1), g′ = (1, 0), ∂J/∂z(1) = (−1, 0).
        const Network net = handRelu();
        HealthWindow window(net);
        window.add(run(net, vec({1, 2}), vec({1})));
        window.add(run(net, vec({2, 0}), vec({3})));
        QCOMPARE(window.records(), 2L);
        const std::vector<LayerHealth> h = window.figures(net, 0.1);
        QCOMPARE(h.size(), std::size_t(2));
        QCOMPARE(h[0].layer, 1);
        QCOMPARE(h[1].layer, 2);
        QCOMPARE(h[0].records, 2L);
        // ∂J/∂w(1): record 1 (1, 1)ᵀ[1, 1, 2], record 2 (−1, 0)ᵀ[1, 2, 0]; the mean
        // [0 −½ 1; ½ ½ 1], ‖·‖² = ¼ + 1 + ¼ + ¼ + 1 = 2.75.
        QCOMPARE(h[0].gradientNorm, std::sqrt(2.75));
        // ∂J/∂w(2): 1·[1, 1, 1] and −1·[1, 2, 0]; the mean [0, −½, ½], ‖·‖² = ½.
        QCOMPARE(h[1].gradientNorm, std::sqrt(0.5));
        QCOMPARE(h[0].weightNorm, std::sqrt(3.0)); // 1 + 1 + 1
        QCOMPARE(h[1].weightNorm, std::sqrt(2.0)); // 1 + 1
        QCOMPARE(h[0].updateRatio, 0.1 * std::sqrt(2.75) / std::sqrt(3.0));
        QCOMPARE(h[1].updateRatio, 0.05); // 0.1·√½/√2
        // Unit 1 has z = 1, 2; unit 2 z = 1, −1: neither is ≤ 0 on every record.
        QCOMPARE(h[0].deadFraction, 0.0);
        QCOMPARE(h[0].saturatedFraction, 0.0); // ReLU does not saturate
        QCOMPARE(h[1].deadFraction, 0.0);      // linear: neither
        QCOMPARE(h[1].saturatedFraction, 0.0);
        // x(1) over the window: 1, 1, 2, 0: mean 1, variance (0 + 0 + 1 + 1)/4 = ½.
        QCOMPARE(h[0].activationMean, 1.0);
        QCOMPARE(h[0].activationStd, std::sqrt(0.5));
        QCOMPARE(h[1].activationMean, 2.0); // f = 2, 2
        QCOMPARE(h[1].activationStd, 0.0);
        // Histograms: x(1) = 1, 1, 2, 0; ∂J/∂z(1) = 1, 1, −1, 0; ∂J/∂z(2) = 1, −1.
        QCOMPARE(countIn(h[0].x, "[0, 0.1)"), 1L);
        QCOMPARE(countIn(h[0].x, "[1, 1.1)"), 2L);
        QCOMPARE(countIn(h[0].x, "[2, 2.1)"), 1L);
        QCOMPARE(h[0].x.total(), 4L);
        QCOMPARE(countIn(h[0].dJdz, "[1, 10)"), 2L);
        QCOMPARE(countIn(h[0].dJdz, "(-10, -1]"), 1L);
        QCOMPARE(countIn(h[0].dJdz, "|v| < 1e-08"), 1L);
        QCOMPARE(h[0].dJdz.total(), 4L);
        QCOMPARE(countIn(h[1].dJdz, "[1, 10)"), 1L);
        QCOMPARE(countIn(h[1].dJdz, "(-10, -1]"), 1L);
        QCOMPARE(countIn(h[1].x, "[2, 2.1)"), 2L);

        // The window of record 2 alone: unit 2 of layer 1 has z = −1 ≤ 0 on all of it.
        // ∂J/∂w(1) = [−1 −2 0; 0 0 0], ‖·‖ = √5; ∂J/∂w(2) = [−1, −2, 0], ‖·‖ = √5.
        window.clear();
        QCOMPARE(window.records(), 0L);
        window.add(run(net, vec({2, 0}), vec({3})));
        const std::vector<LayerHealth> second = window.figures(net, 0.1);
        QCOMPARE(second[0].deadFraction, 0.5);
        QCOMPARE(second[0].gradientNorm, std::sqrt(5.0));
        QCOMPARE(second[1].gradientNorm, std::sqrt(5.0));
        QCOMPARE(second[0].activationMean, 1.0); // x(1) = 2, 0
        QCOMPARE(second[0].activationStd, 1.0);
        QCOMPARE(second[0].x.total(), 2L);
    }

    void emptyWindow() {
        const Network net = handRelu();
        HealthWindow window(net);
        const std::vector<LayerHealth> h = window.figures(net, 0.1);
        QCOMPARE(h[0].records, 0L);
        QCOMPARE(h[0].gradientNorm, 0.0);
        QCOMPARE(h[0].deadFraction, 0.0);
        QCOMPARE(h[0].weightNorm, std::sqrt(3.0));
        QCOMPARE(h[0].x.total(), 0L);
    }

    void gradientNormAgainstFiniteDifferences_data() {
        QTest::addColumn<int>("records");
        QTest::newRow("one record") << 1;
        QTest::newRow("5 records (Gram matrices)") << 5;
        QTest::newRow("32 records (one full block)") << 32;
        QTest::newRow("75 records (folded twice, 11 kept)") << 75;
    }

    // ‖(1/N) Σ_r ∂J_r/∂w(k)‖ = ‖∂J̄/∂w(k)‖ with J̄ = (1/N) Σ_r J_r: each ∂J̄/∂w_{i,j}(k) by
    // the central difference (J̄(w + h) − J̄(w − h)) / 2h.
    void gradientNormAgainstFiniteDifferences() {
        QFETCH(int, records);
        Architecture a;
        a.sizes = {3, 4, 2};
        a.hidden = Activation::Tanh;
        a.output = Activation::Sigmoid;
        a.init = Init::Uniform;
        a.uniformRange = 1.0;
        const Network net = makeNetwork(a, 7);
        const Records r = randomRecords(3, 2, records, 11);
        const std::vector<LayerHealth> h = healthOf(net, r);
        const double step = 1e-6;
        for (int k = 1; k <= net.depth(); ++k) {
            Matrix numeric(net.layer(k).w.rows(), net.layer(k).w.cols());
            for (Eigen::Index i = 0; i < numeric.rows(); ++i)
                for (Eigen::Index j = 0; j < numeric.cols(); ++j) {
                    Network plus = net, minus = net;
                    plus.layer(k).w(i, j) += step;
                    minus.layer(k).w(i, j) -= step;
                    numeric(i, j) = (meanLoss(plus, r) - meanLoss(minus, r)) / (2 * step);
                }
            const double want = numeric.norm();
            const double got = h[static_cast<std::size_t>(k - 1)].gradientNorm;
            QVERIFY2(std::abs(got - want) <= 1e-7 * want, qPrintable(QString("layer %1: %2 vs %3")
                                                                         .arg(k)
                                                                         .arg(got, 0, 'g', 17)
                                                                         .arg(want, 0, 'g', 17)));
        }
    }

    void gradientNormEqualsTheSumOfWeightGradients_data() {
        QTest::addColumn<int>("records");
        for (int n : {1, 2, 31, 32, 33, 64, 100})
            QTest::newRow(qPrintable(QString::number(n))) << n;
    }

    // The same norm from the ∂J/∂w(k) matrices backward() writes out, summed with Eigen.
    void gradientNormEqualsTheSumOfWeightGradients() {
        QFETCH(int, records);
        Architecture a;
        a.sizes = {5, 6, 3};
        a.hidden = Activation::Relu;
        a.output = Activation::Sigmoid;
        a.init = Init::Uniform;
        const Network net = makeNetwork(a, 3);
        const Records r = randomRecords(5, 3, records, 5);
        std::vector<Matrix> sum{Matrix::Zero(6, 6), Matrix::Zero(3, 7)};
        for (int i = 0; i < records; ++i) {
            const RecordValues v = run(net, r.inputs[std::size_t(i)], r.targets[std::size_t(i)]);
            for (int k = 1; k <= 2; ++k)
                sum[std::size_t(k - 1)] += v.layer(k).dJdw;
        }
        const std::vector<LayerHealth> h = healthOf(net, r);
        for (int k = 1; k <= 2; ++k) {
            const double want = (sum[std::size_t(k - 1)] / double(records)).norm();
            QVERIFY(std::abs(h[std::size_t(k - 1)].gradientNorm - want) <= 1e-13 * want);
        }
    }

    // 2-4-1 ReLU: unit 2 has bias −100 (z < 0 for inputs in [−1, 1]), unit 4 all-zero
    // weights (z = 0, which is not > 0); unit 1 bias +100; unit 3 z = x_1(0), positive on
    // some records. Dead: units 2 and 4.
    void deadUnits() {
        Network net;
        net.inputSize = 2;
        net.loss = Loss::Mse;
        Layer hidden{Activation::Relu, Matrix(4, 3)};
        hidden.w << 100, 0.5, 0.5, //
            -100, 1, 1,            //
            0, 1, 0,               //
            0, 0, 0;
        Layer out{Activation::Sigmoid, Matrix(1, 5)};
        out.w << 0, 0.01, 0.3, 0.3, 0.3;
        net.layers = {hidden, out};
        const Records r = randomRecords(2, 1, 20, 2);
        const std::vector<LayerHealth> h = healthOf(net, r);
        QCOMPARE(h[0].deadFraction, 0.5);
        QCOMPARE(h[1].deadFraction, 0.0); // sigmoid: dead is for ReLU only
        // Their ∂J/∂z is exactly 0 on every record: 2 units × 20 records in the middle bin,
        // and unit 3's on the records where x_1(0) ≤ 0.
        long nonPositive = 0;
        for (const Vector& x : r.inputs)
            nonPositive += x[0] <= 0;
        QCOMPARE(countIn(h[0].dJdz, "|v| < 1e-08"), 40 + nonPositive);

        // Trained (through train()'s per-record hook), dead units stay dead: no gradient
        // reaches them.
        auto data = std::make_shared<Dataset>();
        data->inputs = FeatureMatrix(Storage::Double, 2, 20);
        data->targets.resize(1, 20);
        for (Eigen::Index i = 0; i < 20; ++i) {
            data->inputs.set(0, i, r.inputs[std::size_t(i)][0]);
            data->inputs.set(1, i, r.inputs[std::size_t(i)][1]);
            data->targets(0, i) = r.targets[std::size_t(i)][0];
        }
        TrainingRun training(net, data, Hyper{}, Schedule{});
        HealthWindow window(net);
        TrainCallbacks callbacks;
        long calls = 0;
        callbacks.onRecord = [&](const StepResult&) {
            ++calls;
            window.add(training.values());
        };
        TrainOptions options;
        options.epochs = 3;
        train(training, options, callbacks);
        QCOMPARE(calls, 60L);
        QCOMPARE(window.records(), 60L);
        const std::vector<LayerHealth> trained = window.figures(training.network(), 0.1);
        QCOMPARE(trained[0].deadFraction, 0.5);
        QVERIFY(training.network().layer(1).w.row(1) == net.layer(1).w.row(1));
        QVERIFY(training.network().layer(1).w.row(3) == net.layer(1).w.row(3));
    }

    // 1-6-5-1: a sigmoid layer whose units have z = their bias (0, 5, 7, −7, 20) and one
    // with z = 10·x_1(0), then a tanh layer with z = bias (0, 2, 2.9, 3, −3).
    // Sigmoid g′ = x(1 − x) below 0.0025: g′(0) = ¼ and g′(5) = 0.00665 no; g′(±7) =
    // 0.000910 and g′(20) = 2.1e-9 yes; z = 10·x_1 is −10 (saturated) on record 1 but 0 on
    // record 2: no. 3 of 6. Tanh 1 − x² below 0.01: 1 − tanh²(2) = 0.0707 and
    // 1 − tanh²(2.9) = 0.0120 no; 1 − tanh²(±3) = 0.00987 yes: 2 of 5.
    void saturatedUnits() {
        Network net;
        net.inputSize = 1;
        net.loss = Loss::Mse;
        Layer sigmoid{Activation::Sigmoid, Matrix(6, 2)};
        sigmoid.w << 0, 0, 5, 0, 7, 0, -7, 0, 20, 0, 0, 10;
        Layer tanh{Activation::Tanh, Matrix::Zero(5, 7)};
        tanh.w.col(0) << 0, 2, 2.9, 3, -3;
        Layer out{Activation::Linear, Matrix::Ones(1, 6)};
        net.layers = {sigmoid, tanh, out};
        HealthWindow window(net);
        window.add(run(net, vec({-1}), vec({0})));
        window.add(run(net, vec({0}), vec({0})));
        const std::vector<LayerHealth> h = window.figures(net, 0.1);
        QCOMPARE(h[0].saturatedFraction, 0.5);
        QCOMPARE(h[1].saturatedFraction, 0.4);
        QCOMPARE(h[2].saturatedFraction, 0.0); // linear
        QCOMPARE(h[0].deadFraction, 0.0);
        QCOMPARE(saturationThreshold(Activation::Sigmoid), 0.0025);
        QCOMPARE(saturationThreshold(Activation::Tanh), 0.01);
        QCOMPARE(saturationThreshold(Activation::Relu), 0.0);
    }

    void histogramBins_data() {
        QTest::addColumn<bool>("gradients");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("bin");
        QTest::newRow("x below -4") << false << -5.0 << "< -4";
        QTest::newRow("x at -4") << false << -4.0 << "[-4, -3.9)";
        QTest::newRow("x just below 0") << false << -0.05 << "[-0.1, 0)";
        QTest::newRow("x 0") << false << 0.0 << "[0, 0.1)";
        QTest::newRow("x 0.55") << false << 0.55 << "[0.5, 0.6)";
        QTest::newRow("x 3.95") << false << 3.95 << "[3.9, 4)";
        QTest::newRow("x at 4") << false << 4.0 << ">= 4";
        QTest::newRow("dz 0") << true << 0.0 << "|v| < 1e-08";
        QTest::newRow("dz -5e-9") << true << -5e-9 << "|v| < 1e-08";
        QTest::newRow("dz 1e-8") << true << 1e-8 << "[1e-08, 1e-07)";
        QTest::newRow("dz -1e-8") << true << -1e-8 << "(-1e-07, -1e-08]";
        QTest::newRow("dz 0.5") << true << 0.5 << "[0.1, 1)";
        QTest::newRow("dz -0.5") << true << -0.5 << "(-1, -0.1]";
        QTest::newRow("dz 99") << true << 99.0 << "[10, 100)";
        QTest::newRow("dz 100") << true << 100.0 << ">= 100";
        QTest::newRow("dz -1e3") << true << -1e3 << "<= -100";
    }

    void histogramBins() {
        QFETCH(bool, gradients);
        QFETCH(double, value);
        QFETCH(QString, bin);
        Histogram h = gradients ? Histogram::ofGradients() : Histogram::ofActivations();
        QCOMPARE(h.counts().size(), gradients ? std::size_t(23) : std::size_t(82));
        h.add(value);
        QCOMPARE(countIn(h, bin.toStdString()), 1L);
        QCOMPARE(h.total(), 1L);
        h.add(std::numeric_limits<double>::quiet_NaN());
        QCOMPARE(h.nan(), 1L);
        QCOMPARE(h.total(), 2L);
        h.clear();
        QCOMPARE(h.total(), 0L);
    }

    void sampler() {
        const HealthSampler s{100, 10};
        QVERIFY(!s.adds(1));
        QVERIFY(!s.adds(90));
        QVERIFY(s.adds(91));
        QVERIFY(s.adds(100));
        QVERIFY(!s.adds(101));
        QVERIFY(s.adds(191));
        QVERIFY(s.closes(100));
        QVERIFY(!s.closes(99));
        const HealthSampler all{5, 8}; // a window longer than the interval: every record
        for (long t = 1; t <= 10; ++t)
            QVERIFY(all.adds(t));
    }

    // A float run's values give the same figures to float's precision.
    void floatRun() {
        Architecture a;
        a.sizes = {4, 5, 2};
        a.hidden = Activation::Sigmoid;
        const Network net = makeNetwork(a, 9);
        const NetworkT<float> narrow = castNetwork<float>(net);
        const Records r = randomRecords(4, 2, 40, 4);
        const std::vector<LayerHealth> wide = healthOf(castNetwork<double>(narrow), r);
        HealthWindow window(narrow);
        RecordValuesT<float> v;
        prepare(narrow, v);
        for (std::size_t i = 0; i < r.inputs.size(); ++i) {
            v.input = r.inputs[i].cast<float>();
            v.target = r.targets[i].cast<float>();
            forward(narrow, v);
            backward(narrow, v);
            window.add(v);
        }
        const std::vector<LayerHealth> h = window.figures(narrow, 0.1);
        for (std::size_t k = 0; k < 2; ++k) {
            QVERIFY(std::abs(h[k].gradientNorm - wide[k].gradientNorm) <=
                    1e-5 * wide[k].gradientNorm);
            QVERIFY(std::abs(h[k].activationStd - wide[k].activationStd) <=
                    1e-5 * wide[k].activationStd);
            QVERIFY(std::abs(h[k].weightNorm - wide[k].weightNorm) <= 1e-6 * wide[k].weightNorm);
        }
    }
};

QTEST_APPLESS_MAIN(CoreHealth)
#include "tst_core_health.moc"
