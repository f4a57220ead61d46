// Backprop against finite differences for every activation × loss pair.
#include "math/activation.h"
#include "math/backprop.h"
#include "math/gradient_check.h"
#include "math/network.h"
#include "math/random.h"

#include <QtTest>

using namespace bp;

class Gradients : public QObject {
    Q_OBJECT
private slots:
    void everyPair_data() {
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("output");
        QTest::addColumn<int>("loss");
        const Activation hiddens[] = {Activation::Linear, Activation::Sigmoid, Activation::Tanh,
                                      Activation::Relu, Activation::LeakyRelu};
        const Activation outputs[] = {Activation::Linear,    Activation::Sigmoid,
                                      Activation::Tanh,      Activation::Relu,
                                      Activation::LeakyRelu, Activation::Softmax};
        for (Activation hid : hiddens)
            for (Activation out : outputs)
                for (Loss loss : {Loss::Mse, Loss::CrossEntropy}) {
                    if (!lossFitsOutput(loss, out))
                        continue;
                    const std::string name =
                        toString(hid) + " → " + toString(out) + ", " + toString(loss);
                    QTest::newRow(name.c_str()) << int(hid) << int(out) << int(loss);
                }
    }

    void everyPair() {
        QFETCH(int, hidden);
        QFETCH(int, output);
        QFETCH(int, loss);
        Architecture a;
        a.sizes = {3, 5, 4, 3};
        a.hidden = Activation(hidden);
        a.output = Activation(output);
        a.loss = Loss(loss);
        a.init = Init::Uniform;
        a.uniformRange = 0.8;
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            const Network net = makeNetwork(a, seed);
            Random rng(seed * 101);
            Vector x(3), y(3);
            for (int i = 0; i < 3; ++i)
                x[i] = rng.uniform(-1, 1);
            if (a.output == Activation::Softmax) {
                y.setZero();
                y[Eigen::Index(rng.below(3))] = 1; // one-hot
            } else if (a.loss == Loss::CrossEntropy) {
                y << 0.0, 1.0, 0.3; // sigmoid outputs: any target in [0, 1]
            } else {
                for (int i = 0; i < 3; ++i)
                    y[i] = rng.uniform(-1, 1);
            }
            const GradientCheck c = gradientCheck(net, x, y);
            QCOMPARE(c.weightsChecked, net.weightCount());
            QCOMPARE(c.weightsAtKink, Eigen::Index(0));
            if (!(c.worstRelativeError < 1e-6))
                QFAIL(qPrintable(QString("seed %1: w_{%2,%3}(%4): backprop %5, numeric %6, "
                                         "relative error %7")
                                     .arg(seed)
                                     .arg(c.i + 1)
                                     .arg(c.j)
                                     .arg(c.layer)
                                     .arg(c.backprop, 0, 'g', 12)
                                     .arg(c.numeric, 0, 'g', 12)
                                     .arg(c.worstRelativeError)));
        }
    }

    void checkStopsWhenAsked() {
        // 3-5-4-3: 20 + 24 + 15 = 59 weights. Stopped before the 11th, the check reports
        // 10 checked of 59, and its worst error is the worst of those 10 (the first
        // layer's first rows, in the order the check walks them).
        Architecture a;
        a.sizes = {3, 5, 4, 3};
        a.hidden = Activation::Tanh;
        a.output = Activation::Sigmoid;
        const Network net = makeNetwork(a, 2);
        Vector x(3), y(3);
        x << 0.3, -0.7, 0.2;
        y << 0, 1, 0;
        std::vector<Eigen::Index> seen;
        const GradientCheck c =
            gradientCheck(net, x, y, 1e-3, [&](Eigen::Index done, Eigen::Index total) {
                seen.push_back(done);
                return total == 59 && done < 10;
            });
        QCOMPARE(c.weightsTotal, Eigen::Index(59));
        QCOMPARE(c.weightsChecked, Eigen::Index(10));
        QVERIFY(c.stopped());
        QCOMPARE(seen.size(), std::size_t(11)); // asked before each of the 10, and the 11th
        QCOMPARE(c.layer, 1);
        QVERIFY(c.i <= 2); // 4 columns (bias + 3 inputs) a row: rows 0 and 1, 2 weights of row 2
        QVERIFY(c.worstRelativeError < 1e-6);
        const GradientCheck all = gradientCheck(net, x, y);
        QVERIFY(!all.stopped());
        QCOMPARE(all.weightsChecked, Eigen::Index(59));
    }

    void checkFindsAWrongGradient() {
        // The check must be able to fail: a network whose loss is evaluated with
        // a different target than the gradient sees a large error.
        Architecture a;
        a.sizes = {2, 3, 2};
        const Network net = makeNetwork(a, 7);
        Vector x(2), y(2);
        x << 0.5, -0.25;
        y << 1, 0;
        RecordValues v;
        prepare(net, v);
        v.input = x;
        v.target = y;
        forward(net, v);
        backward(net, v);
        const GradientCheck good = gradientCheck(net, x, y);
        QVERIFY(good.worstRelativeError < 1e-6);
        // Softmax on a hidden-free net, where the diagonal-only derivative would be
        // wrong: the full Jacobian is what the check agrees with.
        Network soft = net;
        soft.layers.back().activation = Activation::Softmax;
        Vector dJdz;
        RecordValues sv;
        prepare(soft, sv);
        sv.input = x;
        sv.target = y;
        forward(soft, sv);
        computeLoss(soft, sv);
        Vector diag;
        derivative(Activation::Softmax, sv.layer(2).z, sv.layer(2).x, diag);
        chainThroughActivation(Activation::Softmax, sv.layer(2).z, sv.layer(2).x, sv.layer(2).delta,
                               dJdz);
        const Vector diagOnly = diag.cwiseProduct(sv.layer(2).delta);
        QVERIFY((diagOnly - dJdz).norm() > 1e-3); // the shortcut differs from the truth
    }

    // tanh and sigmoid of a whole layer (29 nodes: segments of 16, 8, 4 and 1 values, see
    // core/math/segments.h) against the C library's, value by value: the vectorised versions
    // are approximations (double tanh: core/math/activation.cpp) and must stay within a few
    // ulp of it, signs, saturation, 0, ±∞ and NaN included.
    void activationsMatchTheLibrary() {
        Random rng(21);
        std::vector<double> zs = {0.0, 0.625, -0.625, 0.6249999, 1e-300, -1e-8, 30, -30, 800};
        for (int i = 0; i < 400; ++i)
            zs.push_back(i % 2 ? rng.uniform(-1, 1) : rng.uniform(-22, 22));
        const auto within = [](double got, double want, double ulps, double eps) {
            return got == want || std::abs(got - want) <= ulps * eps * std::abs(want);
        };
        for (std::size_t from = 0; from + 29 <= zs.size(); from += 29) {
            Vector z = Eigen::Map<const Vector>(zs.data() + from, 29);
            Vector x;
            activate(Activation::Tanh, z, x);
            for (Eigen::Index i = 0; i < 29; ++i)
                QVERIFY2(within(x[i], std::tanh(z[i]), 4, 0x1p-52),
                         qPrintable(QString("tanh(%1) = %2, libm %3")
                                        .arg(z[i], 0, 'g', 17)
                                        .arg(x[i], 0, 'g', 17)
                                        .arg(std::tanh(z[i]), 0, 'g', 17)));
            activate(Activation::Sigmoid, z, x);
            for (Eigen::Index i = 0; i < 29; ++i)
                QVERIFY(within(x[i], 1 / (1 + std::exp(-z[i])), 4, 0x1p-52));
            const VectorT<float> zf = z.cast<float>();
            VectorT<float> xf;
            activate(Activation::Tanh, zf, xf);
            for (Eigen::Index i = 0; i < 29; ++i)
                QVERIFY(within(xf[i], std::tanh(zf[i]), 4, 0x1p-23));
        }
        Vector special(4);
        special << std::numeric_limits<double>::infinity(),
            -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(),
            -0.0;
        Vector x;
        activate(Activation::Tanh, special, x);
        QCOMPARE(x[0], 1.0);
        QCOMPARE(x[1], -1.0);
        QVERIFY(std::isnan(x[2]));
        QCOMPARE(x[3], 0.0);
    }

    void stableAtExtremes() {
        // Saturated outputs: the loss stays finite and ∂J/∂z = f − y exactly.
        Network net;
        net.inputSize = 1;
        net.loss = Loss::CrossEntropy;
        Layer out;
        out.activation = Activation::Sigmoid;
        out.w.resize(1, 2);
        out.w << 0, 1000;
        net.layers = {out};
        RecordValues v;
        prepare(net, v);
        v.input << 1;
        v.target << 0;
        forward(net, v);
        backward(net, v);
        QCOMPARE(v.output()[0], 1.0);
        QCOMPARE(v.loss, 1000.0); // −ln(1 − σ(1000)) = 1000 up to e^−1000
        QCOMPARE(v.layer(1).dJdz[0], 1.0);
        QVERIFY(std::isfinite(v.layer(1).delta[0]));

        net.layers[0].activation = Activation::Softmax;
        net.layers[0].w.resize(2, 2);
        net.layers[0].w << 0, 1000, 0, -1000;
        RecordValues s;
        prepare(net, s);
        s.input << 1;
        s.target << 0, 1;
        forward(net, s);
        computeLoss(net, s);
        QCOMPARE(s.loss, 2000.0); // −ln softmax = logsumexp(z) − z_2 = 1000 − (−1000)
    }
};

QTEST_APPLESS_MAIN(Gradients)
#include "tst_core_gradients.moc"
