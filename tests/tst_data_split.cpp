// subset(), split() and Normalizer: the same seed gives the same split, the
// shares add up, and the normalizer is fitted on training data only.
#include "io/experiment.h"
#include "math/dataset.h"
#include "math/error.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>

using bp::Dataset;
using bp::Normalizer;

Q_DECLARE_METATYPE(Normalizer::Kind)

namespace {

// n records; input row 0 is the record number, input row 1 its square; the
// class is the record number mod 3.
Dataset numbered(int n) {
    Dataset d;
    d.name = "numbered";
    d.inputs = bp::FeatureMatrix(bp::Storage::Double, 2, n);
    d.targets = bp::Matrix::Zero(3, n);
    d.classNames = {"a", "b", "c"};
    d.inputNames = {"r", "r2"};
    d.targetNames = d.classNames;
    for (int r = 0; r < n; ++r) {
        d.inputs.set(0, r, r);
        d.inputs.set(1, r, r * r);
        d.targets(r % 3, r) = 1.0;
        d.labels.push_back(r % 3);
    }
    return d;
}

std::vector<int> recordNumbers(const Dataset& d) {
    std::vector<int> v;
    for (Eigen::Index c = 0; c < d.records(); ++c)
        v.push_back(static_cast<int>(d.inputs(0, c)));
    return v;
}

} // namespace

class TestDataSplit : public QObject {
    Q_OBJECT
private slots:
    void subsetPicksRecordsInOrder() {
        const Dataset d = numbered(6);
        const Dataset s = bp::subset(d, {4, 1, 4});
        QCOMPARE(s.records(), Eigen::Index(3));
        QCOMPARE(recordNumbers(s), (std::vector<int>{4, 1, 4}));
        QCOMPARE(s.inputs(1, 0), 16.0);
        QCOMPARE(s.labels, (std::vector<int>{1, 1, 1}));
        QCOMPARE(s.targets(1, 1), 1.0);
        QCOMPARE(s.classNames, d.classNames);
        QCOMPARE(s.inputNames, d.inputNames);
        QCOMPARE(s.name, d.name);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, bp::subset(d, {6}));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, bp::subset(d, {-1}));
    }

    void splitSizes_data() {
        QTest::addColumn<int>("records");
        QTest::addColumn<double>("share");
        QTest::addColumn<int>("train");
        QTest::newRow("70% of 10") << 10 << 0.7 << 7;
        QTest::newRow("all of 10") << 10 << 1.0 << 10;
        QTest::newRow("25% of 10 rounds 2.5 up") << 10 << 0.25 << 3;
        QTest::newRow("80% of 150") << 150 << 0.8 << 120;
        QTest::newRow("1% of 7 rounds to 0") << 7 << 0.01 << 0;
        QTest::newRow("empty data") << 0 << 0.5 << 0;
    }
    void splitSizes() {
        QFETCH(int, records);
        QFETCH(double, share);
        QFETCH(int, train);
        const auto [a, b] = bp::split(numbered(records), share, 7);
        QCOMPARE(a.records(), Eigen::Index(train));
        QCOMPARE(b.records(), Eigen::Index(records - train));
        // Every record lands in exactly one part.
        std::vector<int> all = recordNumbers(a);
        const std::vector<int> rest = recordNumbers(b);
        all.insert(all.end(), rest.begin(), rest.end());
        std::sort(all.begin(), all.end());
        std::vector<int> expected(static_cast<std::size_t>(records));
        for (int r = 0; r < records; ++r)
            expected[static_cast<std::size_t>(r)] = r;
        QCOMPARE(all, expected);
        // Labels travel with their records.
        for (Eigen::Index c = 0; c < a.records(); ++c)
            QCOMPARE(a.labels[static_cast<std::size_t>(c)], static_cast<int>(a.inputs(0, c)) % 3);
    }

    void splitIsReproducible() {
        const Dataset d = numbered(50);
        const auto first = bp::split(d, 0.8, 42);
        const auto second = bp::split(d, 0.8, 42);
        QCOMPARE(recordNumbers(first.first), recordNumbers(second.first));
        QCOMPARE(recordNumbers(first.second), recordNumbers(second.second));
        QVERIFY(first.first.inputs == second.first.inputs);
        QVERIFY(first.first.targets == second.first.targets);
        const auto other = bp::split(d, 0.8, 43);
        QVERIFY(recordNumbers(other.first) != recordNumbers(first.first));
        // The records are shuffled, not cut in file order.
        std::vector<int> firstForty(40);
        for (int r = 0; r < 40; ++r)
            firstForty[static_cast<std::size_t>(r)] = r;
        QVERIFY(recordNumbers(first.first) != firstForty);
    }

    void splitRejectsBadShares_data() {
        QTest::addColumn<double>("share");
        QTest::newRow("0") << 0.0;
        QTest::newRow("negative") << -0.5;
        QTest::newRow("above 1") << 1.5;
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN();
    }
    void splitRejectsBadShares() {
        QFETCH(double, share);
        QVERIFY_THROWS_EXCEPTION(bp::InputError, bp::split(numbered(4), share, 1));
    }

    void normalizerByHand_data() {
        QTest::addColumn<Normalizer::Kind>("kind");
        QTest::addColumn<double>("offset0");
        QTest::addColumn<double>("scale0");
        // Row 0 = 1 2 3 6: min 1, max 6; mean 3, population variance
        // (4 + 1 + 0 + 9) / 4 = 3.5. Row 1 is constant 5: scale 1.
        QTest::newRow("minmax") << Normalizer::Kind::MinMax << 1.0 << 5.0;
        QTest::newRow("zscore") << Normalizer::Kind::ZScore << 3.0 << std::sqrt(3.5);
    }
    void normalizerByHand() {
        QFETCH(Normalizer::Kind, kind);
        QFETCH(double, offset0);
        QFETCH(double, scale0);
        bp::Matrix m(2, 4);
        m << 1, 2, 3, 6, 5, 5, 5, 5;
        const Normalizer n = Normalizer::fit(kind, bp::FeatureMatrix(m));
        QCOMPARE(int(n.kind), int(kind));
        QCOMPARE(n.offset.size(), Eigen::Index(2));
        QCOMPARE(n.offset(0), offset0);
        QCOMPARE(n.scale(0), scale0);
        QCOMPARE(n.offset(1), 5.0);
        QCOMPARE(n.scale(1), 1.0);
        bp::FeatureMatrix stored(m);
        n.apply(stored);
        QVERIFY(stored.storage() == bp::Storage::Double); // 8 values: within the size rule
        const bp::Matrix applied = stored.toMatrix();
        for (Eigen::Index c = 0; c < 4; ++c) {
            QCOMPARE(applied(0, c), (m(0, c) - offset0) / scale0);
            QCOMPARE(applied(1, c), 0.0);
            const bp::Vector x = m.col(c);
            QVERIFY(n.applied(x) == applied.col(c));
        }
        if (kind == Normalizer::Kind::MinMax) {
            QCOMPARE(applied(0, 0), 0.0);
            QCOMPARE(applied(0, 1), 0.2);
            QCOMPARE(applied(0, 3), 1.0);
        }
    }

    void normalizerNoneChangesNothing() {
        bp::Matrix m(1, 3);
        m << 1, 2, 30;
        const Normalizer n = Normalizer::fit(Normalizer::Kind::None, bp::FeatureMatrix(m));
        QCOMPARE(n.offset.size(), Eigen::Index(0));
        bp::FeatureMatrix same(m);
        n.apply(same);
        QVERIFY(same == bp::FeatureMatrix(m));
        const bp::Vector x = m.col(2);
        QVERIFY(n.applied(x) == x);
    }

    // Data handed to the pipeline that nothing changes is shared, not copied (the
    // benchmarks hand Fashion-MNIST to three trainers); once something changes it (here
    // z-score), the pipeline works on its own copy and the data handed over stay as they were.
    void loadedDataSharedWhenNothingChangesIt() {
        auto loaded = std::make_shared<const Dataset>(numbered(12));
        bp::Experiment e;
        e.loaded = loaded;
        e.data.builtin.clear();
        e.data.trainShare = 1;
        e.data.shuffle = false;
        e.architecture.sizes = {2, 3, 3};
        bp::PreparedExperiment p = bp::prepareExperiment(e);
        QVERIFY(p.train.get() == loaded.get());
        QVERIFY(!p.test);
        QCOMPARE(p.network.inputSize, Eigen::Index(2));
        QCOMPARE(p.network.outputSize(), Eigen::Index(3));
        QVERIFY(!p.schedule.shuffle);

        e.data.normalization = Normalizer::Kind::ZScore;
        p = bp::prepareExperiment(e);
        QVERIFY(p.train.get() != loaded.get());
        QCOMPARE(p.train->inputs(0, 11), (11 - 5.5) / std::sqrt(143.0 / 12)); // z of 11
        QCOMPARE(loaded->inputs(0, 11), 11.0);
    }

    void normalizerFittedOnTrainOnly() {
        // Record 9 holds an outlier; take the first seed that puts it in the
        // test part: the fitted range must not include it.
        Dataset d = numbered(10);
        d.inputs.set(0, 9, 1000.0);
        std::uint64_t seed = 1;
        auto inTest = [](const Dataset& t) {
            const std::vector<int> v = recordNumbers(t);
            return std::find(v.begin(), v.end(), 1000) != v.end();
        };
        while (!inTest(bp::split(d, 0.7, seed).second))
            ++seed;
        const auto [train, test] = bp::split(d, 0.7, seed);
        QCOMPARE(train.records(), Eigen::Index(7));
        const Normalizer n = Normalizer::fit(Normalizer::Kind::MinMax, train.inputs);
        const std::vector<int> t = recordNumbers(train);
        const int lo = *std::min_element(t.begin(), t.end());
        const int hi = *std::max_element(t.begin(), t.end());
        QVERIFY(hi < 10);
        QCOMPARE(n.offset(0), double(lo));
        QCOMPARE(n.scale(0), double(hi - lo));
        bp::FeatureMatrix testInputs = test.inputs;
        n.apply(testInputs); // the test part uses the training fit: 1000 maps far above 1
        QVERIFY(testInputs.toMatrix().row(0).maxCoeff() > 100.0);
    }

    void normalizerSizeMismatch() {
        const Normalizer n = Normalizer::fit(Normalizer::Kind::ZScore,
                                             bp::FeatureMatrix(bp::Matrix(bp::Matrix::Ones(2, 3))));
        bp::FeatureMatrix wrong(bp::Matrix(bp::Matrix::Ones(3, 3)));
        QVERIFY_THROWS_EXCEPTION(bp::InputError, n.apply(wrong));
        QVERIFY_THROWS_EXCEPTION(bp::InputError, n.applied(bp::Vector::Ones(1)));
    }

    void kindNames_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind"); // -1: not a kind
        QTest::newRow("none") << "none" << int(Normalizer::Kind::None);
        QTest::newRow("minmax") << "minmax" << int(Normalizer::Kind::MinMax);
        QTest::newRow("zscore") << "zscore" << int(Normalizer::Kind::ZScore);
        QTest::newRow("Min-Max") << "Min-Max" << int(Normalizer::Kind::MinMax);
        QTest::newRow("z-score") << "z-score" << int(Normalizer::Kind::ZScore);
        QTest::newRow("unknown") << "standardize" << -1;
        QTest::newRow("empty") << "" << -1;
    }
    void kindNames() {
        QFETCH(QString, text);
        QFETCH(int, kind);
        const auto k = bp::normalizerKindFromString(text.toStdString());
        QCOMPARE(k.has_value(), kind >= 0);
        if (k) {
            QCOMPARE(int(*k), kind);
            QVERIFY(bp::normalizerKindFromString(bp::toString(*k)) == k);
        }
        QCOMPARE(bp::toString(Normalizer::Kind::MinMax), std::string("minmax"));
        QCOMPARE(bp::toString(Normalizer::Kind::ZScore), std::string("zscore"));
        QCOMPARE(bp::toString(Normalizer::Kind::None), std::string("none"));
    }
};

QTEST_APPLESS_MAIN(TestDataSplit)
#include "tst_data_split.moc"
