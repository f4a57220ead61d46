// How a dataset's inputs are stored (bp::FeatureMatrix, docs/data-formats.md):
// IDX pixels as bytes read back as p/255, small text files in double exactly as
// strtod reads them, anything above 2^22 values in float; subset, split, class
// subsets and normalisation keep to the rule; and training on bytes gives the same
// weights bit for bit as training on the same values stored in double.
#include "io/class_subset.h"
#include "io/data_loader.h"
#include "io/generators.h"
#include "math/metrics.h"
#include "math/random.h"
#include "math/training.h"

#include <QtTest>

#include <cstdlib>
#include <fstream>

using namespace bp;

Q_DECLARE_METATYPE(bp::Normalizer::Kind)

namespace {

std::string dataPath(const std::string& name) {
    return std::string(BP_TEST_DATA_DIR "/") + name;
}

QString storageOf(const FeatureMatrix& f) {
    return QString::fromStdString(toString(f.storage()));
}

const char* const kFashionImages = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";

// A CSV of `rows` records "0.1,0.2,0.3,0.4,a" (class a or b, alternating): 4 inputs
// a record, so 1,048,577 records hold 4,194,308 input values, just above 2^22.
std::string writeBigCsv(const QTemporaryDir& dir, long rows) {
    const std::string path = dir.filePath("big.csv").toStdString();
    std::ofstream out(path, std::ios::binary);
    out << "x1,x2,x3,x4,class\n";
    for (long r = 0; r < rows; ++r)
        out << (r % 2 ? "0.5,0.25,0.125,1.1,b\n" : "0.1,0.2,0.3,0.4,a\n");
    return path;
}

// `records` records of `inputs` random bytes, 3 classes, one-hot targets.
Dataset randomBytes(Eigen::Index inputs, Eigen::Index records, std::uint64_t seed) {
    Random rng(seed);
    Dataset d;
    d.name = "bytes";
    d.inputs = FeatureMatrix::bytes(inputs, records, 255.0);
    d.targets = Matrix::Zero(3, records);
    d.classNames = {"0", "1", "2"};
    d.targetNames = d.classNames;
    for (Eigen::Index r = 0; r < records; ++r) {
        std::uint8_t* p = d.inputs.byteColumn(r);
        for (Eigen::Index i = 0; i < inputs; ++i)
            p[i] = static_cast<std::uint8_t>(rng.below(256));
        const int c = static_cast<int>(rng.below(3));
        d.targets(c, r) = 1;
        d.labels.push_back(c);
    }
    return d;
}

// The same dataset with its inputs as double values.
Dataset asDoubles(const Dataset& d) {
    Dataset out = d;
    out.inputs = FeatureMatrix(d.inputs.toMatrix());
    return out;
}

Network initial(Eigen::Index inputs) {
    Architecture a;
    a.sizes = {inputs, 16, 3};
    a.hidden = Activation::Sigmoid;
    a.output = Activation::Sigmoid;
    return makeNetwork(a, 5);
}

template <typename T>
NetworkT<T> trained(const std::shared_ptr<const Dataset>& data, const Hyper& h, int epochs) {
    TrainingRunT<T> run(castNetwork<T>(initial(data->inputSize())), data, h, Schedule{true, 9, 0});
    TrainOptions o;
    o.epochs = epochs;
    train(run, o);
    return run.network();
}

} // namespace

class TestDataStorage : public QObject {
    Q_OBJECT
private slots:
    void sizeRule() {
        QCOMPARE(kDoubleStorageLimit, Eigen::Index(4194304)); // 2^22 values, 32 MiB in double
        QVERIFY(storageForValues(0) == Storage::Double);
        QVERIFY(storageForValues(4194304) == Storage::Double);
        QVERIFY(storageForValues(4194305) == Storage::Float);
        QVERIFY(storageForValues(60000L * 784) == Storage::Float); // Fashion-MNIST as a CSV
    }

    void everyByteReadsBackAsPOver255() {
        FeatureMatrix f = FeatureMatrix::bytes(256, 1, 255.0);
        for (int p = 0; p < 256; ++p)
            f.byteColumn(0)[p] = static_cast<std::uint8_t>(p);
        VectorT<float> xf;
        VectorT<double> xd;
        f.copyColumn(0, xf);
        f.copyColumn(0, xd);
        for (int p = 0; p < 256; ++p) {
            const double want = p / 255.0; // in double, as the IDX reader always computed it
            QVERIFY(f(p, 0) == want);
            QVERIFY(xd(p) == want);
            QVERIFY(xf(p) == static_cast<float>(want));
        }
        QVERIFY(f.column(0) == xd);
        QCOMPARE(f.memoryBytes(), std::size_t(256));
    }

    void idxIsStoredAsBytes_data() {
        QTest::addColumn<QString>("images");
        QTest::newRow("plain") << "tiny-images-idx3-ubyte";
        QTest::newRow("gzip") << "tinygz-images-idx3-ubyte.gz";
    }
    void idxIsStoredAsBytes() {
        // The pixels after the 16-byte header of the plain file: 3 images of 2 × 3.
        std::ifstream in(dataPath("tiny-images-idx3-ubyte"), std::ios::binary);
        const std::string file((std::istreambuf_iterator<char>(in)), {});
        QCOMPARE(file.size(), std::size_t(16 + 18));
        QFETCH(QString, images);
        const Dataset d = loadDataset(dataPath(images.toStdString()));
        QCOMPARE(storageOf(d.inputs), QString("bytes"));
        QCOMPARE(d.inputs.memoryBytes(), std::size_t(18));
        QCOMPARE(d.inputs.divisor(), 255.0);
        for (Eigen::Index r = 0; r < 3; ++r) {
            QCOMPARE(int(d.inputs.byteColumn(r)[0]),
                     int(static_cast<unsigned char>(file[std::size_t(16 + 6 * r)])));
            for (Eigen::Index i = 0; i < 6; ++i) {
                const auto p = static_cast<unsigned char>(file[std::size_t(16 + 6 * r + i)]);
                QVERIFY(d.inputs(i, r) == p / 255.0);
            }
        }
        QVERIFY(d.inputs(2, 0) == 51 / 255.0); // image 0 is 0 255 51 / 102 153 204
        QCOMPARE(d.inputs(1, 0), 1.0);
    }

    void fashionMnistIsStoredAsBytes() {
        if (!QFileInfo::exists(kFashionImages))
            QSKIP("Fashion-MNIST is not installed (package dataset-fashion-mnist)");
        const Dataset d = loadDataset(kFashionImages);
        QCOMPARE(storageOf(d.inputs), QString("bytes"));
        QCOMPARE(d.inputs.memoryBytes(), std::size_t(10000) * 784);
        QCOMPARE(QString::fromStdString(describeStorage(d.inputs)),
                 QString("stored as bytes (7.8 MB)"));
        QVERIFY(d.inputs(14 * 28 + 14, 0) == 110 / 255.0); // record 0, pixel (14, 14) = 110
        QVERIFY(d.inputs(176, 9999) == 1 / 255.0);
    }

    void describeStorageLine() {
        QCOMPARE(QString::fromStdString(describeStorage(FeatureMatrix::bytes(784, 60000, 255))),
                 QString("stored as bytes (47.0 MB)"));
        QCOMPARE(QString::fromStdString(describeStorage(FeatureMatrix(Storage::Float, 784, 60000))),
                 QString("stored as float (188.2 MB)"));
        QCOMPARE(QString::fromStdString(describeStorage(FeatureMatrix(Storage::Double, 4, 150))),
                 QString("stored as double (0.0 MB)"));
    }

    void smallCsvIsDoubleAsStrtodReadsIt() {
        const Dataset d = loadDataset(dataPath("decimals.csv"));
        QCOMPARE(storageOf(d.inputs), QString("double"));
        const char* const text[3][3] = {
            {"0.1", "0.7", "3.141592653589793"},
            {"1e-7", "123456.789012345678", "-2.5e300"},
            {"0.30000000000000004", "1.0000000000000002", "6.02214076e23"},
        };
        for (Eigen::Index r = 0; r < 3; ++r)
            for (Eigen::Index i = 0; i < 3; ++i)
                QVERIFY2(d.inputs(i, r) == std::strtod(text[r][i], nullptr), text[r][i]);
        // What float storage would have lost: 0.1 and 1.0000000000000002 change, and
        // −2.5e300 does not fit at all.
        QVERIFY(double(float(0.1)) != 0.1);
        QVERIFY(double(float(1.0000000000000002)) == 1.0);
        QVERIFY(std::isinf(float(-2.5e300)));
    }

    void csvAboveTheRuleIsFloat() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = writeBigCsv(dir, 1048577);
        const Dataset all = loadDataset(path);
        QCOMPARE(all.inputs.size(), Eigen::Index(4194308));
        QCOMPARE(storageOf(all.inputs), QString("float"));
        QCOMPARE(all.inputs.memoryBytes(), std::size_t(4194308) * 4);
        QVERIFY(all.inputs(0, 0) == double(0.1f));
        QVERIFY(all.inputs(3, 1048575) == double(1.1f));
        // A class subset is counted as kept: 524,289 records of class a are 2,097,156
        // values, within the rule, so they are stored in double, exactly.
        LoadOptions a;
        a.classes = {"a"};
        const Dataset kept = loadDataset(path, a);
        QCOMPARE(kept.records(), Eigen::Index(524289));
        QCOMPARE(storageOf(kept.inputs), QString("double"));
        QVERIFY(kept.inputs(0, 0) == 0.1);
        QVERIFY(kept.inputs(3, 524288) == 0.4);
        QCOMPARE(kept.outputSize(), Eigen::Index(1));
    }

    void generatorAboveTheRuleIsFloat() {
        // sine has one input: 2^22 records are still double, one more is float.
        const Dataset atLimit = generateSine(3, 0.0, 4194304);
        QCOMPARE(storageOf(atLimit.inputs), QString("double"));
        const Dataset above = generateSine(3, 0.0, 4194305);
        QCOMPARE(storageOf(above.inputs), QString("float"));
        // The same draws: the float set holds the double set's x rounded to float, and
        // its target is sin of the x it holds.
        for (const Eigen::Index r : {Eigen::Index(0), Eigen::Index(12345), Eigen::Index(4194303)}) {
            QVERIFY(above.inputs(0, r) == double(float(atLimit.inputs(0, r))));
            QVERIFY(above.targets(0, r) == std::sin(above.inputs(0, r)));
        }
    }

    void subsetAndSplitKeepStorage_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("bytes") << int(Storage::Bytes);
        QTest::newRow("float") << int(Storage::Float);
        QTest::newRow("double") << int(Storage::Double);
    }
    void subsetAndSplitKeepStorage() {
        QFETCH(int, kind);
        Dataset d = randomBytes(5, 40, 2);
        if (Storage(kind) == Storage::Float)
            d.inputs = FeatureMatrix::ofFloats(d.inputs.toMatrix().cast<float>() * 3.7f);
        else if (Storage(kind) == Storage::Double)
            d.inputs = FeatureMatrix(Matrix(d.inputs.toMatrix() * 3.7));
        QVERIFY(d.inputs.storage() == Storage(kind));
        const Dataset s = subset(d, {7, 0, 39, 7});
        QVERIFY(s.inputs.storage() == Storage(kind));
        const Eigen::Index from[] = {7, 0, 39, 7};
        for (Eigen::Index c = 0; c < 4; ++c)
            QVERIFY(s.inputs.column(c) == d.inputs.column(from[c]));
        const auto [train, test] = split(d, 0.75, 4);
        QVERIFY(train.inputs.storage() == Storage(kind));
        QVERIFY(test.inputs.storage() == Storage(kind));
        QCOMPARE(train.records() + test.records(), Eigen::Index(40));
        // Each split record is one of the originals, found by its label and values.
        for (Eigen::Index c = 0; c < test.records(); ++c) {
            bool found = false;
            for (Eigen::Index r = 0; r < d.records() && !found; ++r)
                found = d.inputs.column(r) == test.inputs.column(c) &&
                        d.labels[std::size_t(r)] == test.labels[std::size_t(c)];
            QVERIFY(found);
        }
        const Dataset some = keepClasses(d, {"0", "2"});
        QVERIFY(some.inputs.storage() == Storage(kind));
        QCOMPARE(some.outputSize(), Eigen::Index(2));
    }

    void normalizerOnBytes_data() {
        QTest::addColumn<Normalizer::Kind>("kind");
        QTest::newRow("minmax") << Normalizer::Kind::MinMax;
        QTest::newRow("zscore") << Normalizer::Kind::ZScore;
    }
    void normalizerOnBytes() {
        QFETCH(Normalizer::Kind, kind);
        const Dataset d = loadDataset(dataPath("tiny-images-idx3-ubyte"));
        const Normalizer n = Normalizer::fit(kind, d.inputs);
        // Fitted on the bytes or on the same values in double: the same numbers.
        const Normalizer same = Normalizer::fit(kind, asDoubles(d).inputs);
        QVERIFY(n.offset == same.offset);
        QVERIFY(n.scale == same.scale);
        if (kind == Normalizer::Kind::MinMax) {
            // Pixel 0 is 0, 1, 255 in the three images: min 0, max 1.
            QCOMPARE(n.offset(0), 0.0);
            QCOMPARE(n.scale(0), 1.0);
            // Pixel 5 is 204, 6, 128: offset 6/255, scale 198/255.
            QVERIFY(n.offset(5) == 6 / 255.0);
            QVERIFY(n.scale(5) == 204 / 255.0 - 6 / 255.0);
        } else {
            // Pixel 1 is 255, 2, 0: mean 257/765, as summed in record order.
            QVERIFY(n.offset(1) == (255 / 255.0 + 2 / 255.0 + 0 / 255.0) / 3);
        }
        const FeatureMatrix x = n.applied(d.inputs);
        QCOMPARE(storageOf(x), QString("double")); // bytes cannot hold x'; 18 values
        QVERIFY(x.toMatrix() == n.applied(asDoubles(d).inputs).toMatrix());
        for (Eigen::Index r = 0; r < 3; ++r)
            for (Eigen::Index i = 0; i < 6; ++i)
                QVERIFY(x(i, r) == (d.inputs(i, r) - n.offset(i)) / n.scale(i));
    }

    void normalizerAboveTheRuleIsFloat() {
        const Dataset d = randomBytes(1024, 4097, 6); // 4,195,328 values
        const Normalizer n = Normalizer::fit(Normalizer::Kind::MinMax, d.inputs);
        FeatureMatrix x = d.inputs;
        n.apply(x);
        QCOMPARE(storageOf(x), QString("float"));
        QCOMPARE(x.memoryBytes(), std::size_t(4195328) * 4);
        for (const Eigen::Index r : {Eigen::Index(0), Eigen::Index(4096)})
            for (const Eigen::Index i : {Eigen::Index(0), Eigen::Index(1023)})
                QVERIFY(x(i, r) ==
                        double(static_cast<float>((d.inputs(i, r) - n.offset(i)) / n.scale(i))));
    }

    void trainingOnBytesEqualsDouble_data() {
        QTest::addColumn<bool>("useFloat");
        QTest::addColumn<int>("batch");
        QTest::addColumn<double>("momentum");
        QTest::newRow("double, online") << false << 1 << 0.0;
        QTest::newRow("float, online") << true << 1 << 0.0;
        QTest::newRow("double, batch 8, momentum 0.9") << false << 8 << 0.9;
        QTest::newRow("float, batch 8, momentum 0.9") << true << 8 << 0.9;
    }
    void trainingOnBytesEqualsDouble() {
        QFETCH(bool, useFloat);
        QFETCH(int, batch);
        QFETCH(double, momentum);
        const auto bytes = std::make_shared<const Dataset>(randomBytes(64, 150, 8));
        const auto doubles = std::make_shared<const Dataset>(asDoubles(*bytes));
        QCOMPARE(storageOf(doubles->inputs), QString("double"));
        Hyper h;
        h.learningRate = 0.5;
        h.batchSize = batch;
        h.momentum = momentum;
        // p/255.0 computed in double and then cast to T is the same number either way.
        if (useFloat) {
            const NetworkT<float> a = trained<float>(bytes, h, 3);
            const NetworkT<float> b = trained<float>(doubles, h, 3);
            for (int k = 1; k <= a.depth(); ++k)
                QVERIFY(a.layer(k).w == b.layer(k).w);
            QCOMPARE(evaluate(a, *bytes).loss, evaluate(b, *doubles).loss);
        } else {
            const Network a = trained<double>(bytes, h, 3);
            const Network b = trained<double>(doubles, h, 3);
            for (int k = 1; k <= a.depth(); ++k)
                QVERIFY(a.layer(k).w == b.layer(k).w);
            QCOMPARE(evaluate(a, *bytes).loss, evaluate(b, *doubles).loss);
            QVERIFY(a.layer(1).w != initial(64).layer(1).w); // it trained
        }
    }
};

QTEST_APPLESS_MAIN(TestDataStorage)
#include "tst_data_storage.moc"
