// Learning on real data with fixed seeds: iris 4-8-3 with an 80/20 split reaches
// at least 93% test accuracy.
#include "io/builtin_datasets.h"
#include "math/training.h"

#include <QtTest>

using namespace bp;

class Learning : public QObject {
    Q_OBJECT
private slots:
    void iris_data() {
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("output");
        QTest::addColumn<int>("loss");
        QTest::addColumn<double>("lr");
        QTest::newRow("relu → softmax, cross-entropy")
            << int(Activation::Relu) << int(Activation::Softmax) << int(Loss::CrossEntropy) << 0.02;
        QTest::newRow("sigmoid → sigmoid, mse (the seed's pairing)")
            << int(Activation::Sigmoid) << int(Activation::Sigmoid) << int(Loss::Mse) << 0.3;
    }
    void iris() {
        QFETCH(int, hidden);
        QFETCH(int, output);
        QFETCH(int, loss);
        QFETCH(double, lr);
        const Dataset all = builtinDataset("iris");
        QCOMPARE(all.records(), Eigen::Index(150));
        auto [trainSet, test] = split(all, 0.8, 1);
        QCOMPARE(test.records(), Eigen::Index(30));
        const Normalizer n = Normalizer::fit(Normalizer::Kind::ZScore, trainSet.inputs);
        n.apply(trainSet.inputs);
        n.apply(test.inputs);
        Architecture a;
        a.sizes = {4, 8, 3};
        a.hidden = Activation(hidden);
        a.output = Activation(output);
        a.loss = Loss(loss);
        Hyper h;
        h.learningRate = lr;
        TrainingRun run(makeNetwork(a, 1), std::make_shared<const Dataset>(trainSet), h,
                        Schedule{true, 1, 0});
        TrainOptions o;
        o.epochs = 100;
        train(run, o);
        const Metrics m = evaluate(run.network(), test);
        QVERIFY2(m.accuracy >= 0.93, qPrintable(QString("test accuracy %1").arg(m.accuracy)));
        long total = 0;
        for (const auto& row : m.confusion)
            for (long c : row)
                total += c;
        QCOMPARE(total, 30L);
    }
};

QTEST_APPLESS_MAIN(Learning)
#include "tst_core_learning.moc"
