// A 2-2-2 sigmoid network with squared error, worked by hand from the seed's
// equations (the classic example with inputs 0.05, 0.10 and targets 0.01, 0.99).
// Every z, x, δ, ∂J/∂z, ∂J/∂w and updated weight is checked against numbers
// computed here with plain arithmetic, one equation at a time.
#include "hand_network.h"
#include "math/backprop.h"
#include "math/equation_text.h"
#include "math/explain.h"
#include "math/optimizer.h"
#include "math/training.h"

#include <cmath>
#include <QtTest>

using namespace bp;

namespace {
double g(double z) {
    return 1.0 / (1.0 + std::exp(-z));
}

using test::handNetwork;
} // namespace

class HandExample : public QObject {
    Q_OBJECT

    // Hand computation, written out as in the seed.
    double x0[3] = {1, 0.05, 0.10};
    double y[2] = {0.01, 0.99};
    double w1[2][3] = {{0.35, 0.15, 0.20}, {0.35, 0.25, 0.30}};
    double w2[2][3] = {{0.60, 0.40, 0.45}, {0.60, 0.50, 0.55}};
    double z1[2], x1[3], z2[2], x2[2], J = 0;
    double delta2[2], dz2[2], dw2[2][3], delta1[2], dz1[2], dw1[2][3];

    void handCompute() {
        x1[0] = 1;
        for (int i = 0; i < 2; ++i) {
            z1[i] = w1[i][0] + w1[i][1] * x0[1] + w1[i][2] * x0[2];
            x1[i + 1] = g(z1[i]);
        }
        J = 0;
        for (int i = 0; i < 2; ++i) {
            z2[i] = w2[i][0] + w2[i][1] * x1[1] + w2[i][2] * x1[2];
            x2[i] = g(z2[i]);
            J += 0.5 * (y[i] - x2[i]) * (y[i] - x2[i]);
        }
        for (int i = 0; i < 2; ++i) {
            delta2[i] = -(y[i] - x2[i]);              // δ_i(2) = −(y − f)
            dz2[i] = delta2[i] * x2[i] * (1 - x2[i]); // sigmoid + mse: no simplification
            for (int j = 0; j < 3; ++j)
                dw2[i][j] = dz2[i] * x1[j];
        }
        for (int i = 0; i < 2; ++i) {
            delta1[i] = dz2[0] * w2[0][i + 1] + dz2[1] * w2[1][i + 1]; // Σ_l ∂J/∂z_l(2) w_{l,i}(2)
            dz1[i] = delta1[i] * x1[i + 1] * (1 - x1[i + 1]);
            for (int j = 0; j < 3; ++j)
                dw1[i][j] = dz1[i] * x0[j];
        }
    }

private slots:
    void initTestCase() { handCompute(); }

    void publishedNumbers() {
        // The values this example is known for (4 decimals shown in every write-up of it).
        QVERIFY(std::abs(z1[0] - 0.3775) < 1e-12);
        QVERIFY(std::abs(x1[1] - 0.593269992) < 1e-9);
        QVERIFY(std::abs(x2[0] - 0.75136507) < 1e-8);
        QVERIFY(std::abs(x2[1] - 0.772928465) < 1e-9);
        QVERIFY(std::abs(J - 0.298371109) < 1e-9);
    }

    void phasesMatchHandComputation() {
        const Network net = handNetwork();
        RecordValues v;
        prepare(net, v);
        v.input << 0.05, 0.10;
        v.target << 0.01, 0.99;
        forwardLayer(net, 1, v);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(v.layer(1).z[i], z1[i]);
            QCOMPARE(v.layer(1).x[i], x1[i + 1]);
        }
        forwardLayer(net, 2, v);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(v.layer(2).z[i], z2[i]);
            QCOMPARE(v.layer(2).x[i], x2[i]);
        }
        computeLoss(net, v);
        QCOMPARE(v.loss, J);
        backwardLayer(net, 2, v);
        backwardLayer(net, 1, v);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(std::abs(v.layer(2).delta[i] - delta2[i]) < 1e-15);
            QVERIFY(std::abs(v.layer(2).dJdz[i] - dz2[i]) < 1e-15);
            QVERIFY(std::abs(v.layer(1).delta[i] - delta1[i]) < 1e-15);
            QVERIFY(std::abs(v.layer(1).dJdz[i] - dz1[i]) < 1e-15);
            for (int j = 0; j < 3; ++j) {
                QVERIFY(std::abs(v.layer(2).dJdw(i, j) - dw2[i][j]) < 1e-15);
                QVERIFY(std::abs(v.layer(1).dJdw(i, j) - dw1[i][j]) < 1e-15);
            }
        }
        // Published gradient of w5 = w_{1,1}(2): 0.082167041.
        QVERIFY(std::abs(v.layer(2).dJdw(0, 1) - 0.082167041) < 1e-9);
    }

    void updateMatchesHandComputation_data() {
        QTest::addColumn<bool>("freezeBias");
        QTest::newRow("biases learn") << false;
        QTest::newRow("biases frozen (as in the published example)") << true;
    }

    void updateMatchesHandComputation() {
        QFETCH(bool, freezeBias);
        auto data = std::make_shared<Dataset>();
        data->inputs = FeatureMatrix((Matrix(2, 1) << 0.05, 0.10).finished());
        data->targets.resize(2, 1);
        data->targets << 0.01, 0.99;
        Hyper h;
        h.learningRate = 0.5;
        h.freezeBias = freezeBias;
        TrainingRun run(handNetwork(), data, h, Schedule{false, 1, 0});
        run.stepRecord();
        const Network& net = run.network();
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 3; ++j) {
                const bool frozen = freezeBias && j == 0;
                const double want2 = frozen ? w2[i][j] : w2[i][j] - 0.5 * dw2[i][j];
                const double want1 = frozen ? w1[i][j] : w1[i][j] - 0.5 * dw1[i][j];
                QVERIFY(std::abs(net.layer(2).w(i, j) - want2) < 1e-15);
                QVERIFY(std::abs(net.layer(1).w(i, j) - want1) < 1e-15);
            }
        if (freezeBias) { // the published updated weights (biases are not updated there)
            QVERIFY(std::abs(net.layer(2).w(0, 1) - 0.35891648) < 1e-8);  // w5
            QVERIFY(std::abs(net.layer(2).w(1, 2) - 0.561370121) < 1e-9); // w8
            QVERIFY(std::abs(net.layer(1).w(0, 1) - 0.149780716) < 1e-9); // w1
            QVERIFY(std::abs(net.layer(1).w(1, 2) - 0.29950229) < 1e-8);  // w4
        }
    }

    // The explanation is terms, not text: z_1(1)'s sum holds the weights and inputs as
    // numbers, in the order of the equation, and its result is the engine's z. The text
    // renderer writes the seed's line from those terms.
    void explanationIsTyped() {
        const Network net = handNetwork();
        RecordValues v;
        prepare(net, v);
        v.input << 0.05, 0.10;
        v.target << 0.01, 0.99;
        forward(net, v);
        backward(net, v);
        const Equation z = explainZ(net, v, 1, 1);
        QCOMPARE(z.sides.size(), std::size_t(4));
        const Term& lhs = z.sides[0];
        QCOMPARE(lhs.kind, Term::Kind::Symbol);
        QCOMPARE(lhs.name, std::string("z"));
        QCOMPARE(lhs.indices, std::vector<std::string>{"1"});
        QCOMPARE(lhs.layer, 1);
        const Term& numbers = z.sides[2]; // w_{1,0} + w_{1,1}·x_1 + w_{1,2}·x_2
        QCOMPARE(numbers.kind, Term::Kind::Sum);
        QCOMPARE(numbers.operands.size(), std::size_t(3));
        QCOMPARE(numbers.operands[0].value, w1[0][0]);
        for (int j = 1; j <= 2; ++j) {
            const Term& wx = numbers.operands[std::size_t(j)];
            QCOMPARE(wx.kind, Term::Kind::Product);
            QCOMPARE(wx.operands[0].value, w1[0][j]);
            QCOMPARE(wx.operands[1].value, x0[j]);
        }
        QCOMPARE(z.sides.back().value, z1[0]);
        QCOMPARE(equationText(z), std::string("z_1(1) = w_{1,0}(1) + Σ_j w_{1,j}(1)·x_j(0) = "
                                              "0.35 + 0.15·0.05 + 0.2·0.1 = 0.3775"));

        // δ_1(1) = Σ_l ∂J/∂z_l(2)·w_{l,1}(2): the terms are the engine's ∂J/∂z(2) and w(2).
        const Equation d = explainDelta(net, v, 1, 1);
        const Term& terms = d.sides[2];
        QCOMPARE(terms.operands.size(), std::size_t(2));
        for (int l = 0; l < 2; ++l) {
            QCOMPARE(terms.operands[std::size_t(l)].operands[0].value, dz2[l]);
            QCOMPARE(terms.operands[std::size_t(l)].operands[1].value, w2[l][1]);
        }
        QVERIFY(std::abs(d.sides.back().value - delta1[0]) < 1e-15);

        // The update's first relation is ←, and a sum cut short says how long it is.
        const Equation u = explainUpdate(2, 1, 1, 0.4, 0.5, dw2[0][1], 0.4 - 0.5 * dw2[0][1]);
        QCOMPARE(u.firstRelation, std::string("←"));
        ExplainStyle one;
        one.maxTerms = 1;
        QCOMPARE(equationText(explainZ(net, v, 1, 1, one)),
                 std::string("z_1(1) = w_{1,0}(1) + Σ_j w_{1,j}(1)·x_j(0) = 0.35 + 0.15·0.05 + "
                             "… (2 terms) = 0.3775"));
        // g' comes from the activation's definition, next to its note.
        const Equation dz = explainDJdz(net, v, 2, 1);
        QCOMPARE(dz.notes.front(), std::string("g' = x(1 − x)"));
        QCOMPARE(dz.sides[2].operands[1].value, x2[0] * (1 - x2[0]));
    }

    void phaseOrder() {
        auto data = std::make_shared<Dataset>();
        data->inputs = FeatureMatrix(Storage::Double, 2, 3);
        data->targets = Matrix::Zero(2, 3);
        Hyper h;
        h.batchSize = 2;
        TrainingRun run(handNetwork(), data, h, Schedule{false, 1, 0});
        QStringList seen;
        for (int n = 0; n < 5 + 6 + 6; ++n)
            seen << QString::fromStdString(toString(run.stepPhase().phase));
        // record 1: no update (batch of 2 still open); record 2 closes the batch;
        // record 3 is the last of the epoch and closes it too.
        const QStringList want = {
            "forward 1", "forward 2", "loss",       "backward 2", "backward 1", "forward 1",
            "forward 2", "loss",      "backward 2", "backward 1", "update",     "forward 1",
            "forward 2", "loss",      "backward 2", "backward 1", "update"};
        QCOMPARE(seen, want);
        QCOMPARE(run.epoch(), 1);
    }
};

QTEST_APPLESS_MAIN(HandExample)
#include "tst_core_hand_example.moc"
