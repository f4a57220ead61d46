// The CSV reader: dialects (header or not, ',' ';' tab, quoting, CRLF, BOM),
// target columns, class labels and class subsets.
#include "io/csv_reader.h"
#include "io/data_loader.h"
#include "math/error.h"

#include <QtTest>

using bp::Dataset;
using bp::LoadOptions;

namespace {

std::string dataPath(const QString& name) {
    return (QStringLiteral(BP_TEST_DATA_DIR "/") + name).toStdString();
}

QString joined(const std::vector<std::string>& names) {
    QStringList l;
    for (const std::string& n : names)
        l << QString::fromStdString(n);
    return l.join('|');
}

QStringList split(const QString& s) {
    return s.isEmpty() ? QStringList() : s.split(',');
}

std::vector<std::string> strings(const QStringList& l) {
    std::vector<std::string> v;
    for (const QString& s : l)
        v.push_back(s.toStdString());
    return v;
}

QString errorOf(const std::string& text, const LoadOptions& opt = {}) {
    try {
        bp::parseCsv(text, "t.csv", opt);
    } catch (const bp::InputError& e) {
        return QString::fromUtf8(e.what());
    }
    return "no error";
}

} // namespace

class TestDataCsv : public QObject {
    Q_OBJECT
private slots:
    void dialects_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("records");
        QTest::addColumn<QString>("inputNames");
        QTest::addColumn<QString>("targetNames");
        QTest::addColumn<QString>("classNames");
        QTest::addColumn<double>("firstInput");
        QTest::addColumn<double>("lastInput");
        QTest::newRow("header, comma, text labels")
            << "flowers.csv" << 6 << "petal_length|petal_width"
            << "setosa|versicolor|virginica"
            << "setosa|versicolor|virginica" << 1.4 << 1.9;
        QTest::newRow("semicolon, decimal comma, UTF-8 header")
            << "semicolon_decimal_comma.csv" << 2 << "Länge|Breite"
            << "Klasse"
            << "" << 1.5 << 100.0;
        QTest::newRow("BOM, CRLF, quotes, trailing blank lines")
            << "quoted_crlf_bom.csv" << 2 << "x, first|x \"second\""
            << "a;b|c"
            << "a;b|c" << 1.5 << 4.0;
        QTest::newRow("tab, no header") << "no_header.tsv" << 3 << "x1|x2"
                                        << "y1"
                                        << "" << 0.5 << 3.0;
    }
    void dialects() {
        QFETCH(QString, file);
        QFETCH(int, records);
        QFETCH(QString, inputNames);
        QFETCH(QString, targetNames);
        QFETCH(QString, classNames);
        QFETCH(double, firstInput);
        QFETCH(double, lastInput);
        const Dataset d = bp::loadDataset(dataPath(file));
        QCOMPARE(QString::fromStdString(d.name), file);
        QCOMPARE(d.records(), Eigen::Index(records));
        QCOMPARE(d.targets.cols(), Eigen::Index(records));
        QCOMPARE(joined(d.inputNames), inputNames);
        QCOMPARE(joined(d.targetNames), targetNames);
        QCOMPARE(joined(d.classNames), classNames);
        QCOMPARE(d.inputSize(), Eigen::Index(d.inputNames.size()));
        QCOMPARE(d.outputSize(), Eigen::Index(d.targetNames.size()));
        QCOMPARE(d.inputs(0, 0), firstInput);
        QCOMPARE(d.inputs(d.inputSize() - 1, d.records() - 1), lastInput);
        QCOMPARE(d.labels.size(), d.isClassification() ? std::size_t(records) : std::size_t(0));
    }

    void flowersOneHot() {
        const Dataset d = bp::loadDataset(dataPath("flowers.csv"));
        QCOMPARE(d.labels, (std::vector<int>{0, 1, 2, 0, 1, 2}));
        bp::Matrix expected = bp::Matrix::Zero(3, 6);
        for (int r = 0; r < 6; ++r)
            expected(r % 3, r) = 1.0;
        QVERIFY(d.targets == expected);
        QCOMPARE(d.inputs(1, 2), 2.5);
    }

    void semicolonValues() {
        const Dataset d = bp::loadDataset(dataPath("semicolon_decimal_comma.csv"));
        QCOMPARE(d.inputs(0, 1), -0.25);
        QCOMPARE(d.inputs(1, 0), 2.0);
        QCOMPARE(d.targets(0, 0), 3.0);
        QCOMPARE(d.targets(0, 1), 1.0);
    }

    void targets_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("targets");
        QTest::addColumn<QString>("inputNames");
        QTest::addColumn<QString>("targetNames");
        QTest::addColumn<double>("lastTarget");
        QTest::newRow("default: last column") << "regression.csv"
                                              << ""
                                              << "x1|x2|y1"
                                              << "y2" << 7.0;
        QTest::newRow("two by name") << "regression.csv"
                                     << "y1,y2"
                                     << "x1|x2"
                                     << "y1|y2" << 7.0;
        QTest::newRow("order as given") << "regression.csv"
                                        << "y2,y1"
                                        << "x1|x2"
                                        << "y2|y1" << 6.0;
        QTest::newRow("by 1-based index") << "regression.csv"
                                          << "3"
                                          << "x1|x2|y2"
                                          << "y1" << 6.0;
        QTest::newRow("name, any case") << "regression.csv"
                                        << "Y2"
                                        << "x1|x2|y1"
                                        << "y2" << 7.0;
        QTest::newRow("first column, no header") << "no_header.tsv"
                                                 << "1"
                                                 << "x1|x2"
                                                 << "y1" << 2.5;
    }
    void targets() {
        QFETCH(QString, file);
        QFETCH(QString, targets);
        QFETCH(QString, inputNames);
        QFETCH(QString, targetNames);
        QFETCH(double, lastTarget);
        LoadOptions opt;
        opt.targets = strings(split(targets));
        const Dataset d = bp::loadDataset(dataPath(file), opt);
        QCOMPARE(joined(d.inputNames), inputNames);
        QCOMPARE(joined(d.targetNames), targetNames);
        QVERIFY(!d.isClassification());
        QCOMPARE(d.targets(d.outputSize() - 1, d.records() - 1), lastTarget);
    }

    void classes_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("classify");
        QTest::addColumn<QString>("subset");
        QTest::addColumn<QString>("classNames");
        QTest::addColumn<QList<int>>("labels");
        QTest::addColumn<QList<double>>("firstInputs");
        QTest::newRow("integers with classify: numeric order")
            << "digits_int.csv" << true << ""
            << "3|7|10" << QList<int>{1, 0, 2, 0} << QList<double>{0, 1, 1, 0};
        QTest::newRow("subset of two: one-hot with two rows")
            << "flowers.csv" << false << "virginica,setosa"
            << "setosa|virginica" << QList<int>{0, 1, 0, 1} << QList<double>{1.4, 6.0, 1.3, 5.1};
        QTest::newRow("a subset implies classify")
            << "digits_int.csv" << false << "10,7"
            << "7|10" << QList<int>{0, 1} << QList<double>{0, 1};
        QTest::newRow("subset of one")
            << "flowers.csv" << false << "versicolor"
            << "versicolor" << QList<int>{0, 0} << QList<double>{4.7, 4.5};
    }
    void classes() {
        QFETCH(QString, file);
        QFETCH(bool, classify);
        QFETCH(QString, subset);
        QFETCH(QString, classNames);
        QFETCH(QList<int>, labels);
        QFETCH(QList<double>, firstInputs);
        LoadOptions opt;
        opt.classify = classify;
        opt.classes = strings(split(subset));
        const Dataset d = bp::loadDataset(dataPath(file), opt);
        QCOMPARE(joined(d.classNames), classNames);
        QCOMPARE(joined(d.targetNames), classNames);
        QCOMPARE(QList<int>(d.labels.begin(), d.labels.end()), labels);
        QCOMPARE(d.records(), Eigen::Index(labels.size()));
        QCOMPARE(d.outputSize(), Eigen::Index(d.classNames.size()));
        for (Eigen::Index r = 0; r < d.records(); ++r) {
            QCOMPARE(d.inputs(0, r), firstInputs[r]);
            QCOMPARE(d.targets.col(r).sum(), 1.0);
            QCOMPARE(d.targets(labels[r], r), 1.0);
        }
    }

    void integersWithoutClassifyAreNumbers() {
        const Dataset d = bp::loadDataset(dataPath("digits_int.csv"));
        QVERIFY(!d.isClassification());
        QCOMPARE(d.outputSize(), Eigen::Index(1));
        QCOMPARE(d.targets(0, 2), 10.0);
    }

    void headerDetection_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("records");
        QTest::addColumn<QString>("inputNames");
        QTest::newRow("numbers only") << "1,2\n3,4\n" << 2 << "x1";
        QTest::newRow("header") << "a,b\n1,2\n" << 1 << "a";
        QTest::newRow("numeric-looking header is data") << "1,2\n3,4\n5,6\n" << 3 << "x1";
        QTest::newRow("text labels, no header") << "1,x\n2,y\n" << 2 << "x1";
        QTest::newRow("nan in the first row is data (an error), not a header") << "nan,1\n2,3\n"
                                                                               << -1 << "";
        QTest::newRow("blank lines, spaces, lone CR") << "\n a , b \r\n\n 1 , 2 \r3,4\n\n"
                                                      << 2 << "a";
    }
    void headerDetection() {
        QFETCH(QString, text);
        QFETCH(int, records);
        QFETCH(QString, inputNames);
        if (records < 0) {
            QVERIFY_THROWS_EXCEPTION(bp::InputError, bp::parseCsv(text.toStdString(), "t.csv"));
            return;
        }
        const Dataset d = bp::parseCsv(text.toStdString(), "t.csv");
        QCOMPARE(d.records(), Eigen::Index(records));
        QCOMPARE(joined(d.inputNames), inputNames);
    }

    void quotedLineBreaksKeepLineNumbers() {
        // The label on line 2 spans two lines; the bad number is on line 5.
        QCOMPARE(errorOf("a,label\n1,\"two\nlines\"\n2,b\nz,c\n"),
                 QString("t.csv:5:1: expected a number in column \"a\", got \"z\""));
        const Dataset d = bp::parseCsv("a,label\n1,\"two\nlines\"\n2,b\n", "t.csv");
        QCOMPARE(joined(d.classNames), QString("b|two\nlines"));
    }

    void manyQuotedFields() {
        // More fields than the reader first makes room for, all quoted.
        std::string text;
        QStringList names;
        for (int k = 0; k < 40; ++k) {
            names << QString("c%1").arg(k);
            text += (k ? ",\"c" : "\"c") + std::to_string(k) + "\"";
        }
        text += "\n";
        for (int k = 0; k < 40; ++k)
            text += (k ? ",\"" : "\"") + std::to_string(k) + "\"";
        const Dataset d = bp::parseCsv(text + "\n", "t.csv");
        names.removeLast();
        QCOMPARE(joined(d.inputNames), names.join('|'));
        QCOMPARE(d.inputs(38, 0), 38.0);
        QCOMPARE(d.targets(0, 0), 39.0);
    }

    void columnsCountCharactersNotBytes() {
        LoadOptions opt;
        opt.targets = {"label"};
        QCOMPARE(errorOf("label,a\nü,1\nä,2\nöö,x\n", opt),
                 QString("t.csv:4:4: expected a number in column \"a\", got \"x\""));
    }

    void decimalCommaOnlyWithSemicolons() {
        QCOMPARE(bp::parseCsv("a;b\n1,5;2\n", "t.csv").inputs(0, 0), 1.5);
        QCOMPARE(errorOf("a\tb\n1,5\t2\n"),
                 QString("t.csv:2:1: expected a number in column \"a\", got \"1,5\""));
    }

    void formatByExtension_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("format");
        QTest::newRow(".csv") << "flowers.csv" << int(bp::DataFormat::Csv);
        QTest::newRow(".tsv") << "no_header.tsv" << int(bp::DataFormat::Csv);
        QTest::newRow(".data") << "xor.data" << int(bp::DataFormat::Fann);
        QTest::newRow("-ubyte") << "tiny-images-idx3-ubyte" << int(bp::DataFormat::Idx);
        QTest::newRow(".gz") << "tinygz-images-idx3-ubyte.gz" << int(bp::DataFormat::Idx);
    }
    void formatByExtension() {
        QFETCH(QString, name);
        QFETCH(int, format);
        QCOMPARE(int(bp::detectDataFormat(dataPath(name))), format);
    }

    void formatByContent() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto write = [&](const QString& name, const QByteArray& bytes) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        write("one", "1 1 1\n0.5\n1\n");
        write("two", "a,b\n1,2\n");
        write("three", QByteArray("\x00\x00\x08\x03", 4));
        QCOMPARE(int(bp::detectDataFormat(dir.filePath("one").toStdString())),
                 int(bp::DataFormat::Fann));
        QCOMPARE(int(bp::detectDataFormat(dir.filePath("two").toStdString())),
                 int(bp::DataFormat::Csv));
        QCOMPARE(int(bp::detectDataFormat(dir.filePath("three").toStdString())),
                 int(bp::DataFormat::Idx));
        QCOMPARE(bp::loadDataset(dir.filePath("one").toStdString()).targets(0, 0), 1.0);
    }
};

QTEST_APPLESS_MAIN(TestDataCsv)
#include "tst_data_csv.moc"
