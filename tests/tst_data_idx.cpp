// The IDX reader: tiny fixture files (plain and gzip) and the real
// Fashion-MNIST test set when it is installed.
#include "io/data_loader.h"
#include "io/idx_reader.h"
#include "math/error.h"

#include <QtTest>

namespace {

std::string dataPath(const std::string& name) {
    return std::string(BP_TEST_DATA_DIR "/") + name;
}

QString joined(const std::vector<std::string>& names) {
    QStringList l;
    for (const std::string& n : names)
        l << QString::fromStdString(n);
    return l.join('|');
}

const char* const kFashionDir = "/usr/share/datasets/fashion-mnist/";

} // namespace

class TestDataIdx : public QObject {
    Q_OBJECT
private slots:
    void tinyFiles_data() {
        QTest::addColumn<QString>("images");
        QTest::newRow("plain") << "tiny-images-idx3-ubyte";
        QTest::newRow("gzip") << "tinygz-images-idx3-ubyte.gz";
    }
    void tinyFiles() {
        // Three 2×3 images labelled 7, 2, 7; image 0 is 0 255 51 / 102 153 204.
        QFETCH(QString, images);
        const bp::Dataset d = bp::loadDataset(dataPath(images.toStdString()));
        QCOMPARE(QString::fromStdString(d.name), images);
        QCOMPARE(d.records(), Eigen::Index(3));
        QCOMPARE(d.inputSize(), Eigen::Index(6));
        QCOMPARE(joined(d.classNames), QString("2|7"));
        QCOMPARE(joined(d.targetNames), QString("2|7"));
        QVERIFY(d.labels == (std::vector<int>{1, 0, 1}));
        bp::Matrix targets(2, 3);
        targets << 0, 1, 0, 1, 0, 1;
        QVERIFY(d.targets == targets);
        QCOMPARE(d.inputs(0, 0), 0.0);
        QCOMPARE(d.inputs(1, 0), 1.0);
        QCOMPARE(d.inputs(2, 0), 0.2);
        QCOMPARE(d.inputs(5, 0), 0.8);
        QCOMPARE(d.inputs(5, 2), 128.0 / 255.0);
        QCOMPARE(QString::fromStdString(d.inputNames[4]), QString("pixel_1_1"));
    }

    void explicitLabelsAndSubset() {
        bp::LoadOptions opt;
        opt.labelsPath = dataPath("tinygz-labels-idx1-ubyte.gz");
        opt.classes = {"7"};
        const bp::Dataset d = bp::readIdx(dataPath("tiny-images-idx3-ubyte"), opt);
        QCOMPARE(d.records(), Eigen::Index(2));
        QCOMPARE(joined(d.classNames), QString("7"));
        QCOMPARE(d.outputSize(), Eigen::Index(1));
        QCOMPARE(d.inputs(0, 1), 1.0); // image 2 starts with 255
        QCOMPARE(d.inputs(3, 0), 0.4); // image 0, pixel (1, 0) = 102
    }

    void defaultLabelsPath_data() {
        QTest::addColumn<QString>("images");
        QTest::addColumn<QString>("labels");
        QTest::newRow("MNIST name") << "/d/train-images-idx3-ubyte.gz"
                                    << "/d/train-labels-idx1-ubyte.gz";
        QTest::newRow("dotted name") << "t10k-images.idx3-ubyte"
                                     << "t10k-labels.idx1-ubyte";
        QTest::newRow("other gz state exists")
            << QString(BP_TEST_DATA_DIR "/tinygz-images-idx3-ubyte")
            << QString(BP_TEST_DATA_DIR "/tinygz-labels-idx1-ubyte.gz");
        QTest::newRow("no images in the name") << "digits.idx"
                                               << "";
    }
    void defaultLabelsPath() {
        QFETCH(QString, images);
        QFETCH(QString, labels);
        QCOMPARE(QString::fromStdString(bp::defaultLabelsPath(images.toStdString())), labels);
    }

    void fashionMnistTestSet() {
        const std::string images = std::string(kFashionDir) + "t10k-images-idx3-ubyte.gz";
        if (!QFileInfo::exists(QString::fromStdString(images)))
            QSKIP("Fashion-MNIST is not installed (package dataset-fashion-mnist)");
        const bp::Dataset d = bp::loadDataset(images);
        QCOMPARE(d.records(), Eigen::Index(10000));
        QCOMPARE(d.inputSize(), Eigen::Index(784));
        QCOMPARE(d.outputSize(), Eigen::Index(10));
        QCOMPARE(joined(d.classNames), QString("0|1|2|3|4|5|6|7|8|9"));
        // Looked up with Python's gzip module: record 0 is class 9 with pixel
        // (14, 14) = 110 and pixel 215 = 3; record 1 is class 2, pixel (14, 14) =
        // 234; record 9999 is class 5, pixel 176 = 1.
        QCOMPARE(d.labels[0], 9);
        QCOMPARE(d.targets(9, 0), 1.0);
        QCOMPARE(d.targets.col(0).sum(), 1.0);
        QCOMPARE(d.inputs(14 * 28 + 14, 0), 110.0 / 255.0);
        QCOMPARE(d.inputs(215, 0), 3.0 / 255.0);
        QCOMPARE(d.inputs(214, 0), 0.0);
        QCOMPARE(d.labels[1], 2);
        QCOMPARE(d.inputs(14 * 28 + 14, 1), 234.0 / 255.0);
        QCOMPARE(d.labels[9999], 5);
        QCOMPARE(d.inputs(176, 9999), 1.0 / 255.0);
        const bp::Matrix x = d.inputs.toMatrix();
        QVERIFY(x.minCoeff() >= 0.0 && x.maxCoeff() <= 1.0);
        std::vector<int> perClass(10, 0);
        for (const int label : d.labels)
            ++perClass[static_cast<std::size_t>(label)];
        QVERIFY(perClass == std::vector<int>(10, 1000));
    }

    void fashionMnistSubset() {
        const std::string images = std::string(kFashionDir) + "t10k-images-idx3-ubyte.gz";
        if (!QFileInfo::exists(QString::fromStdString(images)))
            QSKIP("Fashion-MNIST is not installed (package dataset-fashion-mnist)");
        bp::LoadOptions opt;
        opt.classes = {"9", "0"};
        const bp::Dataset d = bp::loadDataset(images, opt);
        QCOMPARE(d.records(), Eigen::Index(2000));
        QCOMPARE(joined(d.classNames), QString("0|9"));
        QCOMPARE(d.outputSize(), Eigen::Index(2));
        QCOMPARE(d.labels[0], 1); // record 0 (class 9) is kept first
        QCOMPARE(d.inputs(14 * 28 + 14, 0), 110.0 / 255.0);
    }
};

QTEST_APPLESS_MAIN(TestDataIdx)
#include "tst_data_idx.moc"
