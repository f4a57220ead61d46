// The CSV writer (core/io/csv_writer.h): its text read back by the project's own CSV
// reader gives the same values, names and classes; a decimal-comma locale changes nothing.
#include "io/csv_reader.h"
#include "io/csv_writer.h"
#include "math/error.h"

#include <clocale>
#include <locale>
#include <QtTest>

using bp::Dataset;

namespace {

// Three records of two inputs and a class, with values that need all 17 digits.
Dataset classified() {
    Dataset d;
    d.name = "painted";
    bp::Matrix x(2, 3);
    x << 0.1, -2.5e-7, 1.0 / 3.0, //
        12345.678, 0.30000000000000004, -1e300;
    d.inputs = bp::FeatureMatrix(x);
    d.inputNames = {"petal length", "width, cm"};
    d.classNames = {"blue \"b\"", "red"};
    d.labels = {1, 0, 1};
    d.targets = bp::Matrix(2, 3); // one-hot, as the reader encodes classes
    d.targets << 0, 1, 0, //
        1, 0, 1;
    return d;
}

} // namespace

class TestCsvWriter : public QObject {
    Q_OBJECT
private slots:
    void textIsWhatWasWorkedOut();
    void roundTripClasses();
    void roundTripRegression();
    void decimalCommaLocaleChangesNothing();
    void writesWholeFile();
};

void TestCsvWriter::textIsWhatWasWorkedOut() {
    // Worked out by hand: the quoted names, the shortest digits, the class names.
    const std::string expected = "petal length,\"width, cm\",class\n"
                                 "0.1,12345.678,red\n"
                                 "-2.5e-07,0.30000000000000004,\"blue \"\"b\"\"\"\n"
                                 "0.3333333333333333,-1e+300,red\n";
    QCOMPARE(QString::fromStdString(bp::csvText(classified())), QString::fromStdString(expected));
}

void TestCsvWriter::roundTripClasses() {
    const Dataset d = classified();
    const Dataset back = bp::parseCsv(bp::csvText(d), "painted.csv");
    QCOMPARE(back.records(), d.records());
    QCOMPARE(back.inputSize(), Eigen::Index(2));
    for (Eigen::Index r = 0; r < d.records(); ++r)
        for (Eigen::Index i = 0; i < 2; ++i)
            QCOMPARE(back.inputs(i, r), d.inputs(i, r)); // bit for bit
    QCOMPARE(back.inputNames, d.inputNames);
    QCOMPARE(back.classNames, d.classNames);
    QCOMPARE(back.labels, d.labels);
    QCOMPARE(back.targets, d.targets);
}

void TestCsvWriter::roundTripRegression() {
    Dataset d;
    bp::Matrix x(2, 2);
    x << 1.5, -0.0625, 2, 7;
    d.inputs = bp::FeatureMatrix(x);
    d.targets = bp::Matrix(1, 2);
    d.targets << 0.1, -3;
    QCOMPARE(QString::fromStdString(bp::csvText(d)),
             QStringLiteral("x1,x2,y1\n1.5,2,0.1\n-0.0625,7,-3\n"));
    const Dataset back = bp::parseCsv(bp::csvText(d), "r.csv");
    QCOMPARE(back.inputs.toMatrix(), x);
    QCOMPARE(back.targets, d.targets);
    QVERIFY(!back.isClassification());
}

void TestCsvWriter::decimalCommaLocaleChangesNothing() {
    const std::string before = bp::csvText(classified());
    // The C library's and the C++ library's global locales with a decimal comma.
    const std::string old = std::setlocale(LC_ALL, nullptr);
    const bool cLocale = std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr ||
                         std::setlocale(LC_ALL, "de_DE.utf8") != nullptr;
    struct Comma : std::numpunct<char> {
        char do_decimal_point() const override { return ','; }
    };
    const std::locale oldCpp = std::locale::global(std::locale(std::locale(), new Comma));
    const std::string during = bp::csvText(classified());
    std::locale::global(oldCpp);
    std::setlocale(LC_ALL, old.c_str());
    if (!cLocale)
        qWarning("de_DE.UTF-8 is not installed: only the C++ global locale had a decimal comma");
    QCOMPARE(QString::fromStdString(during), QString::fromStdString(before));
}

void TestCsvWriter::writesWholeFile() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/points.csv").toStdString();
    bp::writeCsv(classified(), path);
    const Dataset back = bp::readCsv(path);
    QCOMPARE(back.records(), Eigen::Index(3));
    QCOMPARE(back.labels, classified().labels);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"points.csv"}); // no temp left
    // A directory that does not exist: an InputError naming the file, nothing written.
    const std::string bad = (dir.path() + "/no/such/dir/p.csv").toStdString();
    QVERIFY_THROWS_EXCEPTION(bp::InputError, bp::writeCsv(classified(), bad));
}

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_data_csv_writer.moc"
