// What-if (core/math/what_if.h): a weight, bias or input edited by hand. The values
// after the edit are checked against the 2-2-2 example worked by hand with the edited
// number, and on a random network against a fresh forward pass of a copy with the
// weight set; the training set's J after against the mean of the records' J.
#include "hand_network.h"
#include "math/backprop.h"
#include "math/metrics.h"
#include "math/what_if.h"
#include "random_data.h"

#include <cmath>
#include <QtTest>

using namespace bp;

namespace {
double g(double z) {
    return 1.0 / (1.0 + std::exp(-z));
}

// The hand example's forward pass and J = ½ Σ (y − f)², with any weights and inputs.
struct Hand {
    double x0[2] = {0.05, 0.10};
    double y[2] = {0.01, 0.99};
    double w1[2][3] = {{0.35, 0.15, 0.20}, {0.35, 0.25, 0.30}};
    double w2[2][3] = {{0.60, 0.40, 0.45}, {0.60, 0.50, 0.55}};
    double z1[2], x1[2], z2[2], x2[2], J = 0;

    void compute() {
        for (int i = 0; i < 2; ++i) {
            z1[i] = w1[i][0] + w1[i][1] * x0[0] + w1[i][2] * x0[1];
            x1[i] = g(z1[i]);
        }
        J = 0;
        for (int i = 0; i < 2; ++i) {
            z2[i] = w2[i][0] + w2[i][1] * x1[0] + w2[i][2] * x1[1];
            x2[i] = g(z2[i]);
            J += 0.5 * (y[i] - x2[i]) * (y[i] - x2[i]);
        }
    }
};

Vector handInput() {
    return (Vector(2) << 0.05, 0.10).finished();
}
Vector handTarget() {
    return (Vector(2) << 0.01, 0.99).finished();
}

// The mean J over `data`, record by record with forward and the loss phase.
template <typename T> double meanLoss(const NetworkT<T>& net, const Dataset& data) {
    RecordValuesT<T> v;
    prepare(net, v);
    double sum = 0;
    for (Eigen::Index r = 0; r < data.records(); ++r) {
        data.inputs.copyColumn(r, v.input);
        v.target = data.targets.col(r).template cast<T>();
        forward(net, v);
        computeLoss(net, v);
        sum += static_cast<double>(v.loss);
    }
    return sum / static_cast<double>(data.records());
}

void compareValues(const RecordValues& a, const Hand& h) {
    for (int i = 0; i < 2; ++i) {
        QVERIFY(std::abs(a.layer(1).z(i) - h.z1[i]) < 1e-14);
        QVERIFY(std::abs(a.layer(1).x(i) - h.x1[i]) < 1e-14);
        QVERIFY(std::abs(a.layer(2).z(i) - h.z2[i]) < 1e-14);
        QVERIFY(std::abs(a.layer(2).x(i) - h.x2[i]) < 1e-14);
    }
    QVERIFY(std::abs(a.loss - h.J) < 1e-14);
}
} // namespace

class WhatIf : public QObject {
    Q_OBJECT
private slots:
    void symbols() {
        QCOMPARE(targetSymbol({2, 1, 0}), std::string("w_{1,0}(2)"));
        QCOMPARE(targetSymbol({0, 2, 5}), std::string("x_2(0)"));
        const Network net = test::handNetwork();
        QVERIFY(targetFits(net, {2, 2, 2}));
        QVERIFY(targetFits(net, {1, 1, 0}));
        QVERIFY(targetFits(net, {0, 2, 0}));
        QVERIFY(!targetFits(net, {3, 1, 0}));
        QVERIFY(!targetFits(net, {1, 3, 0}));
        QVERIFY(!targetFits(net, {1, 1, 3}));
        QVERIFY(!targetFits(net, {0, 3, 0}));
    }

    // w_{1,1}(2) 0.40 → 0.30: layer 1 is as before, layer 2 and J as worked by hand.
    void handWeight() {
        const Network net = test::handNetwork();
        const RecordWhatIf r = recordWhatIf(net, handInput(), handTarget(), {2, 1, 1}, 0.30);
        Hand before;
        before.compute();
        QVERIFY(std::abs(before.J - 0.2984) < 5e-5); // the seed's J
        Hand after;
        after.w2[0][1] = 0.30;
        after.compute();
        QCOMPARE(r.valueBefore, 0.40);
        QCOMPARE(r.valueAfter, 0.30);
        compareValues(r.before, before);
        compareValues(r.after, after);
        QCOMPARE(r.after.layer(1).z, r.before.layer(1).z); // layer 1 does not see w(2)
        // One record: the training set's J is the record's.
        const double trainAfter = trainingLossWith(net, *test::handData(), {2, 1, 1}, 0.30);
        QVERIFY(std::abs(trainAfter - after.J) < 1e-14);
    }

    // The bias w_{2,0}(1) 0.35 → −1 changes z_2(1) by −1.35 and everything after it.
    void handBias() {
        const Network net = test::handNetwork();
        const RecordWhatIf r = recordWhatIf(net, handInput(), handTarget(), {1, 2, 0}, -1.0);
        Hand after;
        after.w1[1][0] = -1.0;
        after.compute();
        compareValues(r.after, after);
        QVERIFY(std::abs(r.after.layer(1).z(1) - (r.before.layer(1).z(1) - 1.35)) < 1e-14);
    }

    // x_2(0) 0.10 → 0.20: the record changes; the training set's records do not.
    void handInputEdit() {
        const Network net = test::handNetwork();
        const RecordWhatIf r = recordWhatIf(net, handInput(), handTarget(), {0, 2, 0}, 0.20);
        Hand after;
        after.x0[1] = 0.20;
        after.compute();
        compareValues(r.after, after);
        QCOMPARE(r.after.input(1), 0.20);
        QCOMPARE(r.valueBefore, 0.10);
        const std::shared_ptr<Dataset> data = test::handData(); // kept: a reference to
        // *handData() would outlive the temporary (ASan found it)
        QCOMPARE(trainingLossWith(net, *data, {0, 2, 0}, 0.20), evaluate(net, *data).loss);
    }

    // A random 3-5-4-2 network: after equals a fresh forward pass of a copy with the
    // weight set, bit for bit, in double and in float; before equals the unedited pass.
    void randomNetwork() {
        Architecture a;
        a.sizes = {3, 5, 4, 2};
        a.hidden = Activation::Tanh;
        a.output = Activation::Sigmoid;
        a.loss = Loss::CrossEntropy;
        const Network net = makeNetwork(a, 11);
        const auto data = testing::randomData(3, 2, 40, 5);
        const Vector input = data->inputs.column(7);
        const Vector target = data->targets.col(7);
        for (const WhatIfTarget t :
             {WhatIfTarget{2, 3, 4}, WhatIfTarget{1, 5, 0}, WhatIfTarget{3, 2, 1}}) {
            const double value = 1.7;
            const RecordWhatIf r = recordWhatIf(net, input, target, t, value);
            Network copy = net;
            copy.layer(t.layer).w(t.node - 1, t.column) = value;
            RecordValues fresh;
            prepare(copy, fresh);
            fresh.input = input;
            fresh.target = target;
            forward(copy, fresh);
            computeLoss(copy, fresh);
            for (int k = 1; k <= 3; ++k) {
                QCOMPARE(r.after.layer(k).z, fresh.layer(k).z);
                QCOMPARE(r.after.layer(k).x, fresh.layer(k).x);
            }
            QCOMPARE(r.after.loss, fresh.loss);
            QVERIFY(r.after.loss != r.before.loss);
            // The training set's J after: metrics' evaluate of the edited network, and the
            // mean of the records' J (independently summed) to 1e-12.
            const double train = trainingLossWith(net, *data, t, value);
            QCOMPARE(train, evaluate(copy, *data).loss);
            QVERIFY(std::abs(train - meanLoss(copy, *data)) < 1e-12);

            const NetworkT<float> netF = castNetwork<float>(net);
            const RecordWhatIfT<float> rf = recordWhatIf<float>(
                netF, input.cast<float>(), target.cast<float>(), t, static_cast<float>(value));
            NetworkT<float> copyF = netF;
            copyF.layer(t.layer).w(t.node - 1, t.column) = static_cast<float>(value);
            QCOMPARE(trainingLossWith<float>(netF, *data, t, static_cast<float>(value)),
                     evaluate(copyF, *data).loss);
            RecordValuesT<float> freshF;
            prepare(copyF, freshF);
            freshF.input = input.cast<float>();
            freshF.target = target.cast<float>();
            forward(copyF, freshF);
            computeLoss(copyF, freshF);
            QCOMPARE(rf.after.loss, freshF.loss);
        }
    }
};

QTEST_APPLESS_MAIN(WhatIf)
#include "tst_core_what_if.moc"
