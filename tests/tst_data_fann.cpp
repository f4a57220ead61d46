// The FANN .data reader: header "records inputs outputs", then the numbers of
// each record, spread over lines in any way.
#include "io/data_loader.h"
#include "io/fann_reader.h"
#include "math/error.h"

#include <QtTest>

namespace {

std::string dataPath(const char* name) {
    return std::string(BP_TEST_DATA_DIR "/") + name;
}

} // namespace

class TestDataFann : public QObject {
    Q_OBJECT
private slots:
    void xorFile() {
        const bp::Dataset d = bp::loadDataset(dataPath("xor.data"));
        QCOMPARE(QString::fromStdString(d.name), QString("xor.data"));
        QCOMPARE(d.records(), Eigen::Index(4));
        QCOMPARE(d.inputSize(), Eigen::Index(2));
        QCOMPARE(d.outputSize(), Eigen::Index(1));
        bp::Matrix inputs(2, 4);
        inputs << 0, 0, 1, 1, 0, 1, 0, 1;
        bp::Matrix targets(1, 4);
        targets << 0, 1, 1, 0;
        QVERIFY(d.inputs == bp::FeatureMatrix(inputs)); // stored as double
        QVERIFY(d.targets == targets);
        QVERIFY(d.inputNames == (std::vector<std::string>{"x1", "x2"}));
        QVERIFY(d.targetNames == (std::vector<std::string>{"y1"}));
        QVERIFY(!d.isClassification());
    }

    void numbersSpreadOverLines() {
        // "2 3 2" then 0.5 -1 0.2 | 1 0 | 7 8 9 | 1 1, broken over lines at random.
        const bp::Dataset d = bp::readFann(dataPath("spread.data"));
        bp::Matrix inputs(3, 2);
        inputs << 0.5, 7, -1, 8, 0.2, 9;
        bp::Matrix targets(2, 2);
        targets << 1, 1, 0, 1;
        QVERIFY(d.inputs == bp::FeatureMatrix(inputs)); // stored as double
        QVERIFY(d.targets == targets);
    }

    void lineEndings_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("LF") << QByteArray("1 2 1\n0.25 -3\n1e1\n");
        QTest::newRow("CRLF") << QByteArray("1 2 1\r\n0.25 -3\r\n1e1\r\n");
        QTest::newRow("BOM, one line, trailing blanks") << QByteArray("\xEF\xBB\xBF"
                                                                      "1 2 1\n0.25\t-3 +10\n\n\n");
    }
    void lineEndings() {
        QFETCH(QByteArray, text);
        const bp::Dataset d = bp::parseFann(text.toStdString(), "t.data");
        QCOMPARE(d.inputs(0, 0), 0.25);
        QCOMPARE(d.inputs(1, 0), -3.0);
        QCOMPARE(d.targets(0, 0), 10.0);
    }

    void optionsThatDoNotApply() {
        bp::LoadOptions opt;
        opt.targets = {"1"};
        QVERIFY_THROWS_EXCEPTION(bp::InputError, bp::loadDataset(dataPath("xor.data"), opt));
        opt = {};
        opt.labelsPath = "labels";
        QVERIFY_THROWS_EXCEPTION(bp::InputError, bp::loadDataset(dataPath("xor.data"), opt));
    }
};

QTEST_APPLESS_MAIN(TestDataFann)
#include "tst_data_fann.moc"
