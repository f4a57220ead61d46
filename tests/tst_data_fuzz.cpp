// Robustness: random bytes and randomly damaged files give an InputError or a
// consistent Dataset, never a crash or another exception.
#include "io/csv_reader.h"
#include "io/fann_reader.h"
#include "io/idx_reader.h"
#include "math/error.h"
#include "math/random.h"

#include <QtTest>

#include <fstream>
#include <functional>

using Parser = std::function<bp::Dataset(const std::string&)>;

namespace {

std::string readFixture(const char* name) {
    std::ifstream in(std::string(BP_TEST_DATA_DIR "/") + name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string randomBytes(bp::Random& random) {
    std::string s(1 + random.below(200), '\0');
    for (char& c : s)
        c = static_cast<char>(random.below(256));
    return s;
}

// One to five edits, with characters that matter to the parsers.
std::string damaged(std::string s, bp::Random& random) {
    static const char special[] = ",;\t\"\n\r .e-+x0159\xFF";
    const std::size_t edits = 1 + random.below(5);
    for (std::size_t k = 0; k < edits && !s.empty(); ++k) {
        const std::size_t at = random.below(s.size());
        const char c = random.below(4) == 0 ? static_cast<char>(random.below(256))
                                            : special[random.below(sizeof special - 1)];
        switch (random.below(3)) {
        case 0:
            s[at] = c;
            break;
        case 1:
            s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c);
            break;
        default:
            s.erase(at, 1 + random.below(8));
        }
    }
    return s;
}

// Runs the parser; returns true for an InputError, fails the test on any other
// exception or an inconsistent result.
bool rejects(const Parser& parse, const std::string& input, int index) {
    try {
        const bp::Dataset d = parse(input);
        if (d.records() <= 0 || d.inputs.cols() != d.targets.cols() || d.inputSize() <= 0 ||
            d.outputSize() <= 0 || !d.inputs.toMatrix().allFinite() || !d.targets.allFinite())
            QTest::qFail(qPrintable(QString("case %1: inconsistent dataset").arg(index)), __FILE__,
                         __LINE__);
        if (d.isClassification() && d.labels.size() != std::size_t(d.records()))
            QTest::qFail(qPrintable(QString("case %1: labels do not match").arg(index)), __FILE__,
                         __LINE__);
        return false;
    } catch (const bp::InputError& e) {
        if (std::string(e.what()).find("t.in") != 0)
            QTest::qFail(qPrintable(QString("case %1: message without the file name").arg(index)),
                         __FILE__, __LINE__);
        return true;
    } catch (const std::exception& e) {
        QTest::qFail(qPrintable(QString("case %1: %2").arg(index).arg(e.what())), __FILE__,
                     __LINE__);
    }
    return false;
}

Parser csvParser() {
    return [](const std::string& s) { return bp::parseCsv(s, "t.in"); };
}
Parser fannParser() {
    return [](const std::string& s) { return bp::parseFann(s, "t.in"); };
}

} // namespace

Q_DECLARE_METATYPE(Parser)

class TestDataFuzz : public QObject {
    Q_OBJECT
private slots:
    void randomBytes_data() {
        QTest::addColumn<Parser>("parse");
        QTest::newRow("CSV") << csvParser();
        QTest::newRow("FANN") << fannParser();
    }
    void randomBytes() {
        QFETCH(Parser, parse);
        bp::Random random(2024);
        int rejected = 0;
        const int cases = 400;
        for (int i = 0; i < cases; ++i)
            rejected += rejects(parse, ::randomBytes(random), i) ? 1 : 0;
        if (QTest::currentTestFailed())
            return;
        // Garbage is almost never valid data.
        QVERIFY2(rejected >= cases - 4, qPrintable(QString::number(rejected)));
    }

    void damagedFiles_data() {
        QTest::addColumn<Parser>("parse");
        QTest::addColumn<QString>("fixture");
        QTest::newRow("flowers.csv") << csvParser() << "flowers.csv";
        QTest::newRow("quoted_crlf_bom.csv") << csvParser() << "quoted_crlf_bom.csv";
        QTest::newRow("semicolon_decimal_comma.csv")
            << csvParser() << "semicolon_decimal_comma.csv";
        QTest::newRow("xor.data") << fannParser() << "xor.data";
        QTest::newRow("spread.data") << fannParser() << "spread.data";
    }
    void damagedFiles() {
        QFETCH(Parser, parse);
        QFETCH(QString, fixture);
        const std::string original = readFixture(qPrintable(fixture));
        QVERIFY(!original.empty());
        QVERIFY(!rejects(parse, original, -1));
        bp::Random random(7);
        int rejected = 0;
        for (int i = 0; i < 300; ++i)
            rejected += rejects(parse, damaged(original, random), i) ? 1 : 0;
        QVERIFY(rejected > 0);
    }

    void damagedIdx() {
        const std::string images = readFixture("tiny-images-idx3-ubyte");
        const std::string labels = readFixture("tiny-labels-idx1-ubyte");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string imagesPath = dir.filePath("t-images-idx3-ubyte").toStdString();
        const std::string labelsPath = dir.filePath("t-labels-idx1-ubyte").toStdString();
        bp::Random random(11);
        int rejected = 0;
        for (int i = 0; i < 200; ++i) {
            const bool hitImages = random.below(2) == 0;
            std::ofstream(imagesPath, std::ios::binary)
                << (hitImages ? damaged(images, random) : images);
            std::ofstream(labelsPath, std::ios::binary)
                << (hitImages ? labels : damaged(labels, random));
            try {
                const bp::Dataset d = bp::readIdx(imagesPath);
                const bp::Matrix x = d.inputs.toMatrix();
                QVERIFY(d.inputs.cols() == d.targets.cols() && x.allFinite());
                QVERIFY(x.minCoeff() >= 0.0 && x.maxCoeff() <= 1.0);
            } catch (const bp::InputError&) {
                ++rejected;
            }
        }
        QVERIFY(rejected > 100);
    }
};

QTEST_APPLESS_MAIN(TestDataFuzz)
#include "tst_data_fuzz.moc"
