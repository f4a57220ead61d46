// Every data error names the file, the line and column where they apply, and
// what was expected. Each kind of error has its own test of the exact message.
#include "io/data_loader.h"
#include "math/error.h"

#include <QtTest>

using bp::LoadOptions;

namespace {

QString path(const QString& name) {
    return QStringLiteral(BP_TEST_DATA_DIR "/") + name;
}

// The message of the InputError that loading `name` throws, with the fixture
// directory shortened to "D/".
QString errorOf(const QString& name, const LoadOptions& opt = {}) {
    try {
        bp::loadDataset(path(name).toStdString(), opt);
    } catch (const bp::InputError& e) {
        return QString::fromUtf8(e.what()).replace(QStringLiteral(BP_TEST_DATA_DIR "/"), "D/");
    }
    return "no error";
}

LoadOptions targets(const std::vector<std::string>& t) {
    LoadOptions o;
    o.targets = t;
    return o;
}

LoadOptions classes(const std::vector<std::string>& c) {
    LoadOptions o;
    o.classes = c;
    return o;
}

} // namespace

class TestDataErrors : public QObject {
    Q_OBJECT
private slots:
    void errorCarriesItsParts() {
        try {
            bp::loadDataset(path("errors/non_numeric.csv").toStdString());
            QFAIL("no error");
        } catch (const bp::InputError& e) {
            QCOMPARE(QString::fromStdString(e.file()), path("errors/non_numeric.csv"));
            QCOMPARE(e.line(), 3L);
            QCOMPARE(e.column(), 3L);
            QCOMPARE(QString::fromStdString(e.message()),
                     QString("expected a number in column \"b\", got \"four\""));
        }
    }

    void emptyFile_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("0 bytes") << "errors/empty.csv"
                                 << "D/errors/empty.csv: the file is empty; expected records of "
                                    "comma-separated numbers, optionally below a header row";
        QTest::newRow("blank lines") << "errors/blank.csv"
                                     << "D/errors/blank.csv: the file is empty; expected records "
                                        "of comma-separated numbers, optionally below a header "
                                        "row";
        QTest::newRow("header only")
            << "errors/header_only.csv"
            << "D/errors/header_only.csv:1: a header row but no data records below it";
    }
    void emptyFile() {
        QFETCH(QString, file);
        QFETCH(QString, message);
        QCOMPARE(errorOf(file), message);
    }

    void missingFile() {
        QCOMPARE(errorOf("errors/no such file.csv"),
                 QString("D/errors/no such file.csv: cannot open the file: No such file or "
                         "directory"));
        QCOMPARE(errorOf("errors/no-images-idx3-ubyte.gz"),
                 QString("D/errors/no-images-idx3-ubyte.gz: cannot open the file: No such file "
                         "or directory"));
        QCOMPARE(errorOf("errors.csv"),
                 QString("D/errors.csv: cannot open the file: No such file or directory"));
        LoadOptions o;
        o.labelsPath = path("errors/none-labels-idx1-ubyte").toStdString();
        QCOMPARE(errorOf("tiny-images-idx3-ubyte", o),
                 QString("D/errors/none-labels-idx1-ubyte: cannot open the file: No such file "
                         "or directory"));
    }

    void imagesWithoutLabels() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QFile::copy(path("tiny-images-idx3-ubyte"), dir.filePath("a-images-idx3-ubyte")));
        try {
            bp::loadDataset(dir.filePath("a-images-idx3-ubyte").toStdString());
            QFAIL("no error");
        } catch (const bp::InputError& e) {
            QCOMPARE(QString::fromStdString(e.message()),
                     QString("no labels file beside the images: looked for "
                             "a-labels-idx1-ubyte; give the labels path"));
        }
    }

    void directoryAsFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkdir("d.csv"));
        try {
            bp::loadDataset(dir.filePath("d.csv").toStdString());
            QFAIL("no error");
        } catch (const bp::InputError& e) {
            QCOMPARE(QString::fromStdString(e.message()),
                     QString("cannot read the file: it is a directory"));
        }
    }

    void raggedRows_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("too few") << "errors/ragged.csv"
                                 << "D/errors/ragged.csv:3: expected 3 fields (separated by ',') "
                                    "as in line 1, got 2";
        QTest::newRow("too many") << "errors/ragged_long.csv"
                                  << "D/errors/ragged_long.csv:3:7: expected 3 fields (separated "
                                     "by ',') as in line 1, got 4";
    }
    void raggedRows() {
        QFETCH(QString, file);
        QFETCH(QString, message);
        QCOMPARE(errorOf(file), message);
    }

    void nonNumericFeature() {
        QCOMPARE(errorOf("errors/non_numeric.csv"),
                 QString("D/errors/non_numeric.csv:3:3: expected a number in column \"b\", got "
                         "\"four\""));
    }

    void notFinite_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("NaN input") << "errors/nan.csv"
                                   << "D/errors/nan.csv:3:3: \"NaN\" in column \"b\" is not a "
                                      "finite number; NaN and Inf are not allowed in data";
        QTest::newRow("-inf target") << "errors/inf.csv"
                                     << "D/errors/inf.csv:3:5: \"-inf\" in column \"y\" is not a "
                                        "finite number; NaN and Inf are not allowed in data";
    }
    void notFinite() {
        QFETCH(QString, file);
        QFETCH(QString, message);
        QCOMPARE(errorOf(file), message);
    }

    void unknownTargetColumn_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("message");
        QTest::newRow("by name") << "flowers.csv"
                                 << "colour"
                                 << "D/flowers.csv: unknown target column \"colour\"; the "
                                    "columns are: petal_length, petal_width, species";
        QTest::newRow("no header") << "no_header.tsv"
                                   << "label"
                                   << "D/no_header.tsv: unknown target column \"label\": the file "
                                      "has no header row, so give a column number from 1 to 3";
        QTest::newRow("index out of range")
            << "flowers.csv"
            << "9"
            << "D/flowers.csv: target column 9 is out of range: the file has 3 columns";
    }
    void unknownTargetColumn() {
        QFETCH(QString, file);
        QFETCH(QString, target);
        QFETCH(QString, message);
        QCOMPARE(errorOf(file, targets({target.toStdString()})), message);
    }

    void targetChoices() {
        QCOMPARE(errorOf("flowers.csv", targets({"species", "3"})),
                 QString("D/flowers.csv: column \"species\" is given twice as a target"));
        QCOMPARE(errorOf("regression.csv", targets({"x1", "x2", "y1", "y2"})),
                 QString("D/regression.csv: every column is a target; at least one input "
                         "column is needed (the file has 4 columns)"));
        LoadOptions o = targets({"y1", "y2"});
        o.classify = true;
        QCOMPARE(errorOf("regression.csv", o),
                 QString("D/regression.csv: class labels (classify or a class subset) need a "
                         "single target column, got 2"));
    }

    void classSubsetMatchesNothing_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("subset");
        QTest::addColumn<QString>("message");
        QTest::newRow("CSV") << "flowers.csv" << QStringList{"rose", "tulip"}
                             << "D/flowers.csv: the class subset {rose, tulip} matches no class "
                                "in column \"species\"; classes found: setosa, versicolor, "
                                "virginica";
        QTest::newRow("CSV, one of two unknown")
            << "flowers.csv" << QStringList{"setosa", "rose"}
            << "D/flowers.csv: class \"rose\" is not in column \"species\"; classes found: "
               "setosa, versicolor, virginica";
        QTest::newRow("IDX") << "tiny-images-idx3-ubyte" << QStringList{"3"}
                             << "D/tiny-labels-idx1-ubyte: the class subset {3} matches no class "
                                "in the labels file; classes found: 2, 7";
    }
    void classSubsetMatchesNothing() {
        QFETCH(QString, file);
        QFETCH(QStringList, subset);
        QFETCH(QString, message);
        std::vector<std::string> c;
        for (const QString& s : subset)
            c.push_back(s.toStdString());
        QCOMPARE(errorOf(file, classes(c)), message);
    }

    void classLabels() {
        QCOMPARE(errorOf("errors/mixed_target.csv"),
                 QString("D/errors/mixed_target.csv:4:3: column \"y\" holds both numbers and "
                         "text (\"x3\" here): a numeric target needs numbers only, and class "
                         "labels that are numbers need classify"));
        LoadOptions o;
        o.classify = true;
        QCOMPARE(errorOf("semicolon_decimal_comma.csv", o),
                 QString("no error")); // 3 and 1 are integers
        QCOMPARE(errorOf("errors/inf.csv", o),
                 QString("D/errors/inf.csv:2:5: expected an integer class label in column "
                         "\"y\", got \"0.5\""));
    }

    void quoting() {
        QCOMPARE(errorOf("errors/unterminated.csv"),
                 QString("D/errors/unterminated.csv:2:3: unterminated quoted field: no closing "
                         "'\"' before the end of the file"));
    }

    void truncatedIdx_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("plain") << "errors/trunc-images-idx3-ubyte"
                               << "D/errors/trunc-images-idx3-ubyte: truncated IDX file: the "
                                  "header announces 3 × 2 × 3 bytes of data after its 16-byte "
                                  "header, the file holds only 13";
        QTest::newRow("gzip stream cut short")
            << "errors/truncgz-images-idx3-ubyte.gz"
            << "D/errors/truncgz-images-idx3-ubyte.gz: truncated or corrupt gzip data "
               "(unexpected end of file)";
    }
    void truncatedIdx() {
        QFETCH(QString, file);
        QFETCH(QString, message);
        QCOMPARE(errorOf(file), message);
    }

    void wrongMagicIdx_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown magic")
            << "errors/magic-images-idx3-ubyte"
            << "D/errors/magic-images-idx3-ubyte: not an IDX images file: the magic number is "
               "0x00000804, expected 0x00000803 (unsigned bytes, 3 dimensions)";
        QTest::newRow("labels opened as images")
            << "tiny-labels-idx1-ubyte"
            << "D/tiny-labels-idx1-ubyte: this is an IDX labels file (magic 0x00000801), "
               "expected an images file (magic 0x00000803); open the images file, the labels "
               "file beside it is found by its name";
    }
    void wrongMagicIdx() {
        QFETCH(QString, file);
        QFETCH(QString, message);
        QCOMPARE(errorOf(file), message);
    }

    void labelsImagesCountMismatch() {
        QCOMPARE(errorOf("errors/count-images-idx3-ubyte"),
                 QString("D/errors/count-labels-idx1-ubyte: the labels file holds 2 labels but "
                         "the images file count-images-idx3-ubyte holds 3 images"));
    }

    void fannHeaderDisagrees_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("fewer numbers")
            << "errors/short.data"
            << "D/errors/short.data:4: the header on line 1 announces 3 records of 2 inputs "
               "and 1 output (9 numbers), but the file holds 8 numbers after it";
        QTest::newRow("more numbers")
            << "errors/long.data"
            << "D/errors/long.data:4:1: the header on line 1 announces 2 records of 2 inputs "
               "and 1 output (6 numbers), but the file holds 9 numbers after it; the first "
               "extra one is \"1\"";
        QTest::newRow("bad header")
            << "errors/bad_header.data"
            << "D/errors/bad_header.data:1:3: expected a positive integer (the number of "
               "inputs) in the header line \"records inputs outputs\", got \"two\"";
        QTest::newRow("bad number") << "errors/bad_number.data"
                                    << "D/errors/bad_number.data:3:3: expected a number (record "
                                       "2, input 2), got \"x\"";
    }
    void fannHeaderDisagrees() {
        QFETCH(QString, file);
        QFETCH(QString, message);
        QCOMPARE(errorOf(file), message);
    }
};

QTEST_APPLESS_MAIN(TestDataErrors)
#include "tst_data_errors.moc"
