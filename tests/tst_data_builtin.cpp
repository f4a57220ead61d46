// The built-in datasets: the generated ones by name, the shipped iris, wine
// and digits files, and where those files are found (installed or in the source tree).
#include "io/builtin_datasets.h"
#include "io/data_loader.h"
#include "io/shipped_dir.h"
#include "math/error.h"

#include <QtTest>

#include <cstdlib>
#include <map>

namespace {

QString joined(const std::vector<std::string>& names) {
    QStringList l;
    for (const std::string& n : names)
        l << QString::fromStdString(n);
    return l.join('|');
}

} // namespace

class TestDataBuiltin : public QObject {
    Q_OBJECT
private slots:
    void init() { qunsetenv("BP_DATASETS_DIR"); }

    void names() {
        QCOMPARE(joined(bp::builtinDatasetNames()),
                 QString("xor|circle|spirals|blobs|sine|iris|wine|digits"));
    }

    void everyNameLoads_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("records");
        QTest::addColumn<int>("inputs");
        QTest::addColumn<int>("outputs");
        QTest::addColumn<QString>("classNames");
        QTest::addColumn<QList<int>>("perClass");
        QTest::newRow("xor") << "xor" << 200 << 2 << 1 << "0|1" << QList<int>{100, 100};
        QTest::newRow("circle") << "circle" << 300 << 2 << 1 << "0|1" << QList<int>{150, 150};
        QTest::newRow("spirals") << "spirals" << 400 << 2 << 1 << "0|1" << QList<int>{200, 200};
        QTest::newRow("blobs") << "blobs" << 300 << 2 << 3 << "0|1|2" << QList<int>{100, 100, 100};
        QTest::newRow("sine") << "sine" << 200 << 1 << 1 << "" << QList<int>{};
        QTest::newRow("iris") << "iris" << 150 << 4 << 3 << "setosa|versicolor|virginica"
                              << QList<int>{50, 50, 50};
        QTest::newRow("wine") << "wine" << 178 << 13 << 3 << "class_0|class_1|class_2"
                              << QList<int>{59, 71, 48};
        QTest::newRow("digits") << "digits" << 1797 << 64 << 10 << "0|1|2|3|4|5|6|7|8|9"
                                << QList<int>{178, 182, 177, 183, 181, 182, 181, 179, 174, 180};
    }
    void everyNameLoads() {
        QFETCH(QString, name);
        QFETCH(int, records);
        QFETCH(int, inputs);
        QFETCH(int, outputs);
        QFETCH(QString, classNames);
        QFETCH(QList<int>, perClass);
        const bp::Dataset d = bp::builtinDataset(name.toStdString());
        QCOMPARE(QString::fromStdString(d.name), name);
        QCOMPARE(d.records(), Eigen::Index(records));
        QCOMPARE(d.inputSize(), Eigen::Index(inputs));
        QCOMPARE(d.outputSize(), Eigen::Index(outputs));
        QCOMPARE(joined(d.classNames), classNames);
        QCOMPARE(d.inputNames.size(), std::size_t(inputs));
        QList<int> counts(perClass.size(), 0);
        for (const int label : d.labels)
            ++counts[label];
        QCOMPARE(counts, perClass);
    }

    void shippedValues() {
        // The first record of each file, as in the sklearn originals.
        const bp::Dataset iris = bp::builtinDataset("iris");
        QCOMPARE(joined(iris.inputNames),
                 QString("sepal_length|sepal_width|petal_length|petal_width"));
        QCOMPARE(iris.inputs(0, 0), 5.1);
        QCOMPARE(iris.inputs(3, 0), 0.2);
        QCOMPARE(iris.inputs(0, 149), 5.9);
        QCOMPARE(iris.labels[149], 2);
        const bp::Dataset wine = bp::builtinDataset("wine");
        QCOMPARE(wine.inputs(0, 0), 14.23);
        QCOMPARE(wine.inputs(12, 0), 1065.0);
        QCOMPARE(QString::fromStdString(wine.inputNames[12]), QString("proline"));
        const bp::Dataset digits = bp::builtinDataset("digits");
        QCOMPARE(digits.labels[0], 0);
        QCOMPARE(digits.labels[1], 1);
        QCOMPARE(digits.inputs(2, 0), 5.0); // pixel_0_2
        QCOMPARE(QString::fromStdString(digits.inputNames[63]), QString("pixel_7_7"));
        QCOMPARE(digits.inputs.toMatrix().maxCoeff(), 16.0);
    }

    void recordsAndSeed() {
        QCOMPARE(bp::builtinDataset("xor", 1, 0.1, 12).records(), Eigen::Index(12));
        QVERIFY(bp::builtinDataset("circle", 1).inputs != bp::builtinDataset("circle", 2).inputs);
        // Shipped files: a seeded sample, kept in file order.
        const bp::Dataset a = bp::builtinDataset("iris", 3, 0.0, 30);
        const bp::Dataset b = bp::builtinDataset("iris", 3, 0.0, 30);
        QCOMPARE(a.records(), Eigen::Index(30));
        QVERIFY(a.inputs == b.inputs);
        QVERIFY(std::is_sorted(a.labels.begin(), a.labels.end()));
        QVERIFY(bp::builtinDataset("iris", 4, 0.0, 30).inputs != a.inputs);
        QVERIFY_THROWS_EXCEPTION(bp::InputError, bp::builtinDataset("iris", 1, 0.1, 151));
        QVERIFY_THROWS_EXCEPTION(bp::InputError, bp::builtinDataset("xor", 1, 0.1, -1));
    }

    void unknownName() {
        try {
            bp::builtinDataset("mnist");
            QFAIL("no error");
        } catch (const bp::InputError& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QString("unknown built-in dataset \"mnist\"; the built-in datasets are: xor, "
                             "circle, spirals, blobs, sine, iris, wine, digits"));
        }
    }

    void datasetsDirectory() {
        QCOMPARE(QFileInfo(QString::fromStdString(bp::datasetsDir())).canonicalFilePath(),
                 QFileInfo(BP_RESOURCES_DIR "/datasets").canonicalFilePath());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile f(dir.filePath("iris.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a,b,species\n1,2,x\n3,4,y\n");
        f.close();
        qputenv("BP_DATASETS_DIR", dir.path().toUtf8());
        QCOMPARE(QString::fromStdString(bp::datasetsDir()), dir.path());
        const bp::Dataset d = bp::builtinDataset("iris");
        QCOMPARE(d.records(), Eigen::Index(2));
        QCOMPARE(joined(d.classNames), QString("x|y"));
        QVERIFY_THROWS_EXCEPTION(bp::InputError, bp::builtinDataset("wine"));
    }

    void shippedDirInstalledBesideTheExecutable() {
        // An installed tree: P/bin/backprop-cli and P/share/backprop-studio/lessons.
        QTemporaryDir prefix;
        QVERIFY(prefix.isValid());
        QVERIFY(QDir(prefix.path()).mkpath("bin"));
        QVERIFY(QDir(prefix.path()).mkpath("share/backprop-studio/lessons"));
        const std::string exe = prefix.filePath("bin/backprop-cli").toStdString();
        QCOMPARE(QString::fromStdString(bp::shippedDir("lessons", "/src/lessons", exe)),
                 prefix.filePath("share/backprop-studio/lessons"));
        // No installed datasets folder there: the source tree's.
        QCOMPARE(QString::fromStdString(bp::shippedDir("datasets", "/src/datasets", exe)),
                 QString("/src/datasets"));
        // This test runs from the build tree: nothing is installed beside it.
        QCOMPARE(QString::fromStdString(bp::shippedDir("lessons", "/src/lessons")),
                 QString("/src/lessons"));
    }

    void shippedFilesLoadDirectly() {
        // With no options, the last column (the label) is the target.
        const bp::Dataset iris = bp::loadDataset(BP_RESOURCES_DIR "/datasets/iris.csv");
        QCOMPARE(iris.outputSize(), Eigen::Index(3));
        bp::LoadOptions opt;
        opt.classify = true;
        opt.classes = {"3", "8"};
        const bp::Dataset digits = bp::loadDataset(BP_RESOURCES_DIR "/datasets/digits.csv", opt);
        QCOMPARE(digits.records(), Eigen::Index(183 + 174));
        QCOMPARE(joined(digits.classNames), QString("3|8"));
    }
};

QTEST_APPLESS_MAIN(TestDataBuiltin)
#include "tst_data_builtin.moc"
