// The loss slice (core/math/loss_slice.h): J over the whole training set as a weight
// varies. At the current weight it is the training set's loss; every point is an
// independent evaluation of a network with that weight; a 2-D grid's corners likewise.
#include "hand_network.h"
#include "math/backprop.h"
#include "math/loss_slice.h"
#include "math/metrics.h"
#include "random_data.h"

#include <atomic>
#include <cmath>
#include <QtTest>

using namespace bp;

namespace {
double g(double z) {
    return 1.0 / (1.0 + std::exp(-z));
}

// The mean J over `data`, record by record with forward and the loss phase.
double meanLoss(const Network& net, const Dataset& data) {
    RecordValues v;
    prepare(net, v);
    double sum = 0;
    for (Eigen::Index r = 0; r < data.records(); ++r) {
        data.inputs.copyColumn(r, v.input);
        v.target = data.targets.col(r);
        forward(net, v);
        computeLoss(net, v);
        sum += v.loss;
    }
    return sum / static_cast<double>(data.records());
}

Network randomNet() {
    Architecture a;
    a.sizes = {2, 6, 3};
    a.hidden = Activation::Sigmoid;
    a.output = Activation::Softmax;
    a.loss = Loss::CrossEntropy;
    return makeNetwork(a, 3);
}
} // namespace

class LossSliceTest : public QObject {
    Q_OBJECT
private slots:
    void values() {
        const std::vector<double> v = sliceValues(0.37, 1.0, 5);
        QCOMPARE(v.size(), std::size_t(5));
        QCOMPARE(v[2], 0.37); // the middle is the weight itself
        QVERIFY(std::abs(v[0] - (0.37 - 1.0)) < 1e-15);
        QVERIFY(std::abs(v[4] - (0.37 + 1.0)) < 1e-15);
        QVERIFY(std::abs(v[1] - (0.37 - 0.5)) < 1e-15);
        QCOMPARE(defaultSliceRadius(0.2), 1.0);
        QCOMPARE(defaultSliceRadius(-3.0), 6.0);
    }

    // At the current weight the slice is the training set's loss (metrics' evaluate,
    // the mean the Loss chart's training-set J uses).
    void atCurrentWeight() {
        const Network net = randomNet();
        const auto data = testing::randomData(2, 3, 60, 9, true);
        const WhatIfTarget t{1, 4, 2};
        const double w = net.layer(1).w(3, 2);
        const LossSlice s = lossSlice(net, *data, t, sliceValues(w, defaultSliceRadius(w), 41));
        QVERIFY(!s.cancelled);
        QCOMPARE(s.loss.size(), std::size_t(41));
        QCOMPARE(s.values[20], w);
        QCOMPARE(s.loss[20], evaluate(net, *data).loss);
        QVERIFY(std::abs(s.loss[20] - meanLoss(net, *data)) < 1e-12);
    }

    // Every point equals an independent evaluation of a copy with that weight.
    void everyPoint() {
        const Network net = randomNet();
        const auto data = testing::randomData(2, 3, 30, 4, true);
        const WhatIfTarget t{2, 2, 0}; // a bias
        const LossSlice s = lossSlice(net, *data, t, sliceValues(0.5, 3.0, 7));
        for (std::size_t p = 0; p < s.values.size(); ++p) {
            Network copy = net;
            copy.layer(2).w(1, 0) = s.values[p];
            QVERIFY(std::abs(s.loss[p] - meanLoss(copy, *data)) < 1e-12);
        }
        // Not flat: the bias of an output matters.
        QVERIFY(s.loss.front() != s.loss.back());
    }

    // The hand example, one record: J(w_{1,1}(2)) worked by hand at w = −1.
    void handPoint() {
        const Network net = test::handNetwork();
        const LossSlice s = lossSlice(net, *test::handData(), {2, 1, 1}, {-1.0, 0.40});
        const double x11 = g(0.35 + 0.15 * 0.05 + 0.20 * 0.10);
        const double x21 = g(0.35 + 0.25 * 0.05 + 0.30 * 0.10);
        const double f1 = g(0.60 - 1.0 * x11 + 0.45 * x21);
        const double f2 = g(0.60 + 0.50 * x11 + 0.55 * x21);
        const double J = 0.5 * ((0.01 - f1) * (0.01 - f1) + (0.99 - f2) * (0.99 - f2));
        QVERIFY(std::abs(s.loss[0] - J) < 1e-14);
        QVERIFY(std::abs(s.loss[1] - 0.2984) < 5e-5); // the seed's J at the trained value
    }

    // A 2-D grid: the corners and the centre, each an independent evaluation.
    void grid() {
        const Network net = randomNet();
        const auto data = testing::randomData(2, 3, 25, 2, true);
        const WhatIfTarget a{1, 1, 1}, b{2, 3, 4};
        const double wa = net.layer(1).w(0, 1), wb = net.layer(2).w(2, 4);
        const LossGrid grid =
            lossGrid(net, *data, a, sliceValues(wa, 1.0, 5), b, sliceValues(wb, 2.0, 3));
        QVERIFY(!grid.cancelled);
        QCOMPARE(grid.loss.size(), std::size_t(15));
        QCOMPARE(grid.at(2, 1), evaluate(net, *data).loss); // the current point
        for (std::size_t p : {std::size_t(0), std::size_t(4)})
            for (std::size_t q : {std::size_t(0), std::size_t(2)}) {
                Network copy = net;
                copy.layer(1).w(0, 1) = grid.values[p];
                copy.layer(2).w(2, 4) = grid.values2[q];
                QVERIFY(std::abs(grid.at(p, q) - meanLoss(copy, *data)) < 1e-12);
            }
    }

    // A set cancel flag stops before the next point; float slices hold float values.
    void cancelAndFloat() {
        const Network net = randomNet();
        const auto data = testing::randomData(2, 3, 20, 1, true);
        std::atomic<bool> cancel{false};
        int calls = 0;
        SliceControl c;
        c.cancel = &cancel;
        c.progress = [&](double) {
            if (++calls == 3)
                cancel = true;
        };
        const LossSlice s = lossSlice(net, *data, {1, 2, 1}, sliceValues(0, 1, 11), c);
        QVERIFY(s.cancelled);
        QCOMPARE(s.loss.size(), std::size_t(3));

        const NetworkT<float> f = castNetwork<float>(net);
        const LossSlice sf = lossSlice(f, *data, {1, 2, 1}, {0.1});
        QCOMPARE(sf.values[0], static_cast<double>(0.1f));
        NetworkT<float> copy = f;
        copy.layer(1).w(1, 1) = 0.1f;
        QCOMPARE(sf.loss[0], evaluate(copy, *data).loss);
    }
};

QTEST_APPLESS_MAIN(LossSliceTest)
#include "tst_core_loss_slice.moc"
