// The generated toy datasets: shapes, classes, balance, geometry without
// noise, and the same records for the same seed.
#include "io/generators.h"
#include "math/error.h"
#include "math/random.h"

#include <QtTest>

#include <cmath>
#include <functional>
#include <limits>

using bp::Dataset;
using Generator = std::function<Dataset(std::uint64_t, double, long)>;
Q_DECLARE_METATYPE(Generator)

namespace {

QString joined(const std::vector<std::string>& names) {
    QStringList l;
    for (const std::string& n : names)
        l << QString::fromStdString(n);
    return l.join('|');
}

double radius(const Dataset& d, Eigen::Index r) {
    return std::hypot(d.inputs(0, r), d.inputs(1, r));
}

} // namespace

class TestDataGenerators : public QObject {
    Q_OBJECT
private slots:
    void shapes_data() {
        QTest::addColumn<Generator>("generate");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("records");
        QTest::addColumn<int>("inputs");
        QTest::addColumn<int>("outputs");
        QTest::addColumn<QString>("classNames");
        QTest::newRow("xor") << Generator(
                                    [](auto s, auto n, auto r) { return bp::generateXor(s, n, r); })
                             << "xor" << 200 << 2 << 1 << "0|1";
        QTest::newRow("circle") << Generator([](auto s, auto n, auto r) {
            return bp::generateCircle(s, n, r);
        }) << "circle" << 300 << 2
                                << 1 << "0|1";
        QTest::newRow("spirals") << Generator([](auto s, auto n, auto r) {
            return bp::generateSpirals(s, n, r);
        }) << "spirals" << 400 << 2
                                 << 1 << "0|1";
        QTest::newRow("blobs") << Generator([](auto s, auto n, auto r) {
            return bp::generateBlobs(s, n, r);
        }) << "blobs" << 300 << 2
                               << 3 << "0|1|2";
        QTest::newRow("sine") << Generator([](auto s, auto n, auto r) {
            return bp::generateSine(s, n, r);
        }) << "sine" << 200 << 1
                              << 1 << "";
    }
    void shapes() {
        QFETCH(Generator, generate);
        QFETCH(QString, name);
        QFETCH(int, records);
        QFETCH(int, inputs);
        QFETCH(int, outputs);
        QFETCH(QString, classNames);
        // The default sizes, through the default argument of each generator.
        const Dataset d = name == "xor"       ? bp::generateXor(1, 0.1)
                          : name == "circle"  ? bp::generateCircle(1, 0.1)
                          : name == "spirals" ? bp::generateSpirals(1, 0.1)
                          : name == "blobs"   ? bp::generateBlobs(1, 0.1)
                                              : bp::generateSine(1, 0.1);
        QCOMPARE(QString::fromStdString(d.name), name);
        QCOMPARE(d.records(), Eigen::Index(records));
        QCOMPARE(d.targets.cols(), Eigen::Index(records));
        QCOMPARE(d.inputSize(), Eigen::Index(inputs));
        QCOMPARE(d.outputSize(), Eigen::Index(outputs));
        QCOMPARE(joined(d.classNames), classNames);
        QCOMPARE(d.inputNames.size(), std::size_t(inputs));
        QCOMPARE(d.targetNames.size(), std::size_t(outputs));
        QVERIFY(d.inputs.toMatrix().allFinite());
        QVERIFY(d.targets.allFinite());

        // Same seed, same records; another seed, other records.
        const Dataset again = generate(1, 0.1, records);
        QVERIFY(again.inputs == d.inputs);
        QVERIFY(again.targets == d.targets);
        QVERIFY(generate(2, 0.1, records).inputs != d.inputs);
        QCOMPARE(generate(1, 0.1, 7).records(), Eigen::Index(7));

        if (!d.isClassification())
            return;
        // Classes are interleaved: balanced, and each target matches its label.
        QCOMPARE(d.labels.size(), std::size_t(records));
        const int classes = static_cast<int>(d.classNames.size());
        for (Eigen::Index r = 0; r < d.records(); ++r) {
            const int label = d.labels[static_cast<std::size_t>(r)];
            QCOMPARE(label, int(r % classes) ^ (name == "xor" ? int((r / 2) % 2) : 0));
            if (outputs == 1)
                QCOMPARE(d.targets(0, r), double(label));
            else
                QCOMPARE(d.targets(label, r), 1.0);
            QCOMPARE(d.targets.col(r).sum(), outputs == 1 ? double(label) : 1.0);
        }
    }

    void xorWithoutNoiseIsTheTruthTable() {
        const Dataset d = bp::generateXor(9, 0.0, 8);
        bp::Matrix inputs(2, 8);
        inputs << 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1;
        bp::Matrix targets(1, 8);
        targets << 0, 1, 1, 0, 0, 1, 1, 0;
        QVERIFY(d.inputs == bp::FeatureMatrix(inputs)); // stored as double
        QVERIFY(d.targets == targets);
    }

    void circleGeometry() {
        const Dataset d = bp::generateCircle(3, 0.0, 1000);
        for (Eigen::Index r = 0; r < d.records(); ++r) {
            if (d.labels[static_cast<std::size_t>(r)] == 1)
                QVERIFY(radius(d, r) <= 0.5);
            else
                QVERIFY(radius(d, r) >= 0.7 - 1e-12 && radius(d, r) <= 1.0);
        }
    }

    void spiralGeometry() {
        const Dataset d = bp::generateSpirals(3, 0.0, 400);
        for (Eigen::Index r = 0; r < d.records(); ++r)
            QCOMPARE(radius(d, r) + 1.0, double(r / 2) / 200.0 + 1.0);
        // The two spirals are point reflections of each other.
        QCOMPARE(d.inputs(0, 101), -d.inputs(0, 100));
        QCOMPARE(d.inputs(1, 101), -d.inputs(1, 100));
    }

    void blobsAroundTheirCentres() {
        const Dataset d = bp::generateBlobs(4, 0.0, 3000, 3);
        for (int c = 0; c < 3; ++c) {
            double x = 0, y = 0;
            for (Eigen::Index r = c; r < d.records(); r += 3) {
                x += d.inputs(0, r);
                y += d.inputs(1, r);
            }
            // 1000 points of spread 0.2: the mean is within 0.03 of the centre.
            QVERIFY(std::abs(x / 1000 - std::cos(2 * M_PI * c / 3)) < 0.03);
            QVERIFY(std::abs(y / 1000 - std::sin(2 * M_PI * c / 3)) < 0.03);
        }
        QCOMPARE(bp::generateBlobs(4, 0.1, 10, 5).outputSize(), Eigen::Index(5));
    }

    void sine() {
        const Dataset clean = bp::generateSine(5, 0.0, 500);
        bp::Random random(5);
        QCOMPARE(clean.inputs(0, 0), random.uniform(-M_PI, M_PI)); // x comes first from the seed
        for (Eigen::Index r = 0; r < clean.records(); ++r) {
            QVERIFY(clean.inputs(0, r) >= -M_PI && clean.inputs(0, r) < M_PI);
            QCOMPARE(clean.targets(0, r), std::sin(clean.inputs(0, r)));
        }
        // With noise 0.1 the residuals have a standard deviation near 0.1.
        const Dataset noisy = bp::generateSine(5, 0.1, 4000);
        double sum = 0, squares = 0;
        for (Eigen::Index r = 0; r < noisy.records(); ++r) {
            const double e = noisy.targets(0, r) - std::sin(noisy.inputs(0, r));
            sum += e;
            squares += e * e;
        }
        const double mean = sum / 4000, sd = std::sqrt(squares / 4000 - mean * mean);
        QVERIFY2(std::abs(mean) < 0.01, qPrintable(QString::number(mean)));
        QVERIFY2(sd > 0.09 && sd < 0.11, qPrintable(QString::number(sd)));
    }

    void badArguments_data() {
        QTest::addColumn<double>("noise");
        QTest::addColumn<long>("records");
        QTest::newRow("negative noise") << -0.1 << 10L;
        QTest::newRow("NaN noise") << std::numeric_limits<double>::quiet_NaN() << 10L;
        QTest::newRow("infinite noise") << std::numeric_limits<double>::infinity() << 10L;
        QTest::newRow("no records") << 0.1 << 0L;
        QTest::newRow("negative records") << 0.1 << -3L;
        QTest::newRow("absurd records") << 0.1 << 2'000'000'000L;
    }
    void badArguments() {
        QFETCH(double, noise);
        QFETCH(long, records);
        QVERIFY_THROWS_EXCEPTION(bp::InputError, bp::generateXor(1, noise, records));
        QVERIFY_THROWS_EXCEPTION(bp::InputError, bp::generateSine(1, noise, records));
        QVERIFY_THROWS_EXCEPTION(bp::InputError, bp::generateBlobs(1, noise, records));
        QVERIFY_THROWS_EXCEPTION(bp::InputError, bp::generateBlobs(1, 0.1, 10, 1));
    }
};

QTEST_APPLESS_MAIN(TestDataGenerators)
#include "tst_data_generators.moc"
