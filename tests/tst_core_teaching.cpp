// The engine side of teaching mode: reading what a student types and grading it
// (core/math/prediction.h), the quantities a lesson names (record_quantity.h), and the
// two update orders of lesson 4 (update_order.h). The numbers were worked out in plain
// Python floats, independently of the engine (the 2-2-2 example of hand_network.h).
#include "hand_network.h"
#include "math/prediction.h"
#include "math/record_quantity.h"
#include "math/update_order.h"

#include <QtTest>

using namespace bp;

namespace {
Vector handInput() {
    return (Vector(2) << 0.05, 0.10).finished();
}
Vector handTarget() {
    return (Vector(2) << 0.01, 0.99).finished();
}
} // namespace

class TeachingCore : public QObject {
    Q_OBJECT
private slots:
    void readsNumbersAsStudentsTypeThem() {
        int d = -1;
        QCOMPARE(readTypedNumber("0.3775", &d).value(), 0.3775);
        QCOMPARE(d, 4);
        QCOMPARE(readTypedNumber(" -0,038 ", &d).value(), -0.038); // a decimal comma
        QCOMPARE(d, 3);
        QCOMPARE(readTypedNumber("\xE2\x88\x92"
                                 "0.2",
                                 &d)
                     .value(),
                 -0.2); // U+2212
        QCOMPARE(readTypedNumber("1.5e-3", &d).value(), 0.0015);
        QCOMPARE(d, 4); // 1.5e-3 = 0.0015: four decimals
        QCOMPARE(readTypedNumber("12", &d).value(), 12.0);
        QCOMPARE(d, 0);
        QCOMPARE(readTypedNumber(".5", &d).value(), 0.5);
        for (const char* bad : {"", "abc", "0.3.4", "1e", "--1", "1e9999", "0x10", ".", "1 2x"})
            QVERIFY2(!readTypedNumber(bad), bad);
    }

    void gradesExactCloseAndWrong() {
        // z_1(1) = 0.3775 exactly; x_1(1) = 0.593269992107187.
        QCOMPARE(gradePrediction("0.3775", 0.3775)->kind, PredictionGrade::Kind::Exact);
        QCOMPARE(gradePrediction("0.38", 0.3775)->kind, PredictionGrade::Kind::Exact); // to 2
        QCOMPARE(gradePrediction("0.5933", 0.593269992107187)->kind, PredictionGrade::Kind::Exact);
        // 0.5932 is 0.0000700 off: more than half a unit of the 4th decimal, 0.0118% off.
        auto close = gradePrediction("0.5932", 0.593269992107187);
        QCOMPARE(close->kind, PredictionGrade::Kind::Close);
        QVERIFY(std::abs(close->relativeError - 0.0000699921 / 0.593269992) < 1e-9);
        QCOMPARE(QString::fromStdString(gradeText(*close)), QString("close: 0.012% off"));
        // 0.6 vs 0.5933: 1.13% off, beyond the 1% of kCloseWithin; exact would need 0.6.
        auto wrong = gradePrediction("0.60", 0.593269992107187);
        QCOMPARE(wrong->kind, PredictionGrade::Kind::Wrong);
        QCOMPARE(QString::fromStdString(gradeText(*wrong)), QString("wrong: 1.1% off"));
        QCOMPARE(gradePrediction("0.6", 0.593269992107187)->kind, PredictionGrade::Kind::Exact);
        // A sign error is wrong however many digits are right.
        QCOMPARE(gradePrediction("0.0381", -0.0380982365)->kind, PredictionGrade::Kind::Wrong);
        QCOMPARE(QString::fromStdString(gradeText(*gradePrediction("-0.0381", -0.0380982365))),
                 QString("exact (to 4 decimals)"));
        // −(y − f) = 0.7414 typed for ∂J/∂z_1(2) = 0.1385: (0.7414 − 0.13849856)/0.13849856.
        QCOMPARE(QString::fromStdString(gradeText(*gradePrediction("0.7414", 0.13849856162855698))),
                 QString("wrong: 435% off"));
        QVERIFY(!gradePrediction("x", 1.0));
    }

    void namesAndReadsTheQuantities() {
        const Network net = test::handNetwork();
        RecordValues v;
        prepare(net, v);
        v.input = handInput();
        v.target = handTarget();
        forward(net, v);
        backward(net, v);
        RecordQuantity z{RecordQuantity::Kind::Z, 1, 1, 0};
        QCOMPARE(quantityValue(net, v, z), 0.3775);
        QCOMPARE(QString::fromStdString(quantityLabel(z)), QString("z_1(1)"));
        RecordQuantity dw{RecordQuantity::Kind::DJdw, 2, 1, 1};
        QVERIFY(std::abs(quantityValue(net, v, dw) - 0.08216704056423078) < 1e-15);
        QCOMPARE(QString::fromStdString(quantityLabel(dw)), QString("∂J/∂w_{1,1}(2)"));
        QVERIFY(dw.phase(2) == (Phase{Phase::Kind::Backward, 2}));
        QVERIFY((RecordQuantity{RecordQuantity::Kind::Delta, 2, 1, 0}.phase(2) ==
                 Phase{Phase::Kind::Loss, 0}));
        QCOMPARE(QString::fromStdString(checkQuantity(net, {RecordQuantity::Kind::Z, 3, 1, 0})),
                 QString("layer 3 does not exist: the network has layers 1..2"));
        QCOMPARE(QString::fromStdString(checkQuantity(net, {RecordQuantity::Kind::W, 1, 1, 3})),
                 QString("column 3 does not exist: layer 1 has columns 0 (the bias)..2"));
        QVERIFY(quantityKind("dJdz") && !quantityKind("dz"));
    }

    void theTwoUpdateOrders() {
        const Network net = test::handNetwork();
        const Vector x = handInput(), y = handTarget();
        const Network right = stepInOrder(net, x, y, 0.5, UpdateOrder::AfterAllGradients);
        const Network wrong = stepInOrder(net, x, y, 0.5, UpdateOrder::LayerByLayer);
        // Layer 2 is updated the same way in both (its gradients need no later layer) …
        QVERIFY(std::abs(right.layer(2).w(0, 1) - 0.35891647971788465) < 1e-15);
        QCOMPARE(wrong.layer(2).w, right.layer(2).w);
        // … layer 1 is not: the mistake reads the new w(2).
        QVERIFY(std::abs(right.layer(1).w(0, 1) - 0.1497807161327628) < 1e-15);
        QVERIFY(std::abs(wrong.layer(1).w(0, 1) - 0.14981763856120295) < 1e-15);
        QVERIFY(std::abs(wrong.layer(1).w(1, 0) - 0.3457637039553237) < 1e-15);
        // 10,000 steps on the record (Python: 2.4475622359322466e-06, 2.4373324124650675e-06).
        const OrderRun r = trainInOrder(net, x, y, 0.5, 10000, UpdateOrder::AfterAllGradients);
        const OrderRun w = trainInOrder(net, x, y, 0.5, 10000, UpdateOrder::LayerByLayer);
        QVERIFY(std::abs(r.lossBefore - 0.2983711087600027) < 1e-15);
        QVERIFY(std::abs(r.lossAfter / 2.4475622359322466e-06 - 1) < 1e-9);
        QVERIFY(std::abs(w.lossAfter / 2.4373324124650675e-06 - 1) < 1e-9);
    }
};

QTEST_APPLESS_MAIN(TeachingCore)
#include "tst_core_teaching.moc"
