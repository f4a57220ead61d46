// The float path beside the double default: the same training run in both agrees
// to within 1e-4 relative in the weights after one epoch of the W1 workload
// (784-128-10 sigmoid, ½-squared error, online, 10,000 Fashion-MNIST records).
#include "io/data_loader.h"
#include "math/training.h"

#include <QtTest>

using namespace bp;

class Precision : public QObject {
    Q_OBJECT
private slots:
    void floatFollowsDouble() {
        const char* images = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
        if (!QFile::exists(images))
            QFAIL("Fashion-MNIST is missing: scripts/test installs dataset-fashion-mnist");
        const auto data = std::make_shared<const Dataset>(loadDataset(images));
        QCOMPARE(data->records(), Eigen::Index(10000));
        Architecture a;
        a.sizes = {784, 128, 10};
        a.hidden = a.output = Activation::Sigmoid;
        a.loss = Loss::Mse;
        a.init = Init::Uniform;
        a.uniformRange = 1.0 / std::sqrt(784.0);
        const Network start = makeNetwork(a, 1);
        Hyper h;
        h.learningRate = 0.1;
        TrainingRunT<double> d(start, data, h, Schedule{false, 1, 0});
        TrainingRunT<float> f(castNetwork<float>(start), data, h, Schedule{false, 1, 0});
        TrainOptions o;
        o.epochs = 1;
        train(d, o);
        train(f, o);
        const Network back = castNetwork<double>(f.network());
        double worst = 0;
        double changed = 0;
        for (int k = 1; k <= 2; ++k) {
            const Matrix& wd = d.network().layer(k).w;
            const Matrix& wf = back.layer(k).w;
            const Matrix& w0 = start.layer(k).w;
            // relative to the weight's size (floored at the init range, so near-zero
            // weights are not divided by ~0)
            const Matrix scale = wd.cwiseAbs().cwiseMax(a.uniformRange);
            worst = std::max(worst, ((wf - wd).cwiseAbs().cwiseQuotient(scale)).maxCoeff());
            changed = std::max(changed, (wd - w0).cwiseAbs().maxCoeff());
        }
        QVERIFY2(worst < 1e-4, qPrintable(QString("worst relative difference %1").arg(worst)));
        QVERIFY(changed > 0.01);      // training moved the weights: the comparison means something
        QVERIFY(back != d.network()); // and float really is another precision
    }
};

QTEST_APPLESS_MAIN(Precision)
#include "tst_core_precision.moc"
