// Robustness: random bytes and randomly damaged files give an InputError or a
// consistent Dataset, never a crash or another exception. Headers that declare far
// more than their file holds are refused before anything that large is allocated
// (malloc is interposed in this executable and its largest request watched), and
// the inputs the fuzz targets found (fuzz/regressions, docs/reliability.md) load as
// worked out here.
#include "io/csv_reader.h"
#include "io/fann_reader.h"
#include "io/idx_reader.h"
#include "io/model_file.h"
#include "math/error.h"
#include "math/random.h"

#include <QtTest>

#include <atomic>
#include <fstream>
#include <functional>
#include <zlib.h>

using Parser = std::function<bp::Dataset(const std::string&)>;

extern "C" void* __libc_malloc(std::size_t);
extern "C" void* __libc_calloc(std::size_t, std::size_t);
extern "C" void* __libc_realloc(void*, std::size_t);

namespace {
std::atomic<bool> g_watching{false};
std::atomic<std::size_t> g_largest{0};
void watch(std::size_t bytes) {
    if (g_watching.load(std::memory_order_relaxed) &&
        bytes > g_largest.load(std::memory_order_relaxed))
        g_largest.store(bytes, std::memory_order_relaxed);
}
} // namespace

// Eigen allocates through malloc, the standard library through operator new, which
// also ends in malloc.
extern "C" void* malloc(std::size_t n) {
    watch(n);
    return __libc_malloc(n);
}
extern "C" void* calloc(std::size_t n, std::size_t size) {
    watch(n * size);
    return __libc_calloc(n, size);
}
extern "C" void* realloc(void* p, std::size_t n) {
    watch(n);
    return __libc_realloc(p, n);
}

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

const QString kRegressions = QStringLiteral(BP_TEST_DATA_DIR "/../../fuzz/regressions");

// What a regression input gives, in words: "records 3, inputs 2, outputs 1" for a data
// file, "1-1 linear, weights 0 1" for a model (every weight, "%.17g"), or the error
// with the regressions directory shortened to "R/".
QString outcomeOf(const QString& file) {
    const std::string path = (kRegressions + "/" + file).toStdString();
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        if (file.startsWith("model/")) {
            const bp::Network net = bp::parseModel(text, path).network;
            QString out = QString::number(net.inputSize);
            QStringList weights;
            for (const bp::Layer& l : net.layers) {
                out += QString("-%1 %2").arg(l.size()).arg(
                    QString::fromStdString(toString(l.activation)));
                for (Eigen::Index i = 0; i < l.w.rows(); ++i)
                    for (Eigen::Index j = 0; j < l.w.cols(); ++j)
                        weights << QString::number(l.w(i, j), 'g', 17);
            }
            return out + ", weights " + weights.join(' ');
        }
        if (file.startsWith("fann/")) {
            const bp::Dataset d = bp::parseFann(text, path);
            return QString("records %1, inputs %2, outputs %3")
                .arg(d.records())
                .arg(d.inputSize())
                .arg(d.outputSize());
        }
    } catch (const bp::InputError& e) {
        return QString::fromUtf8(e.what()).replace(kRegressions + "/", "R/");
    }
    return "no loader for " + file;
}

// Each input the fuzzing found a problem with (fuzz/regressions, docs/reliability.md,
// "Findings"), with what it gives now.
struct RegressionCase {
    const char* name;
    QString file;
    QString outcome;
};

std::vector<RegressionCase> regressionCases() {
    return {
        // 30,000 numbers on one line took seconds (each token's column was counted
        // from the start of the line).
        {"FANN one line", "fann/one-line-30000-numbers.data", "records 1, inputs 30000, outputs 1"},
        // 0.000…01 (400 zeros) was refused as beyond 1.8e308; it is below the
        // smallest double, so 0.
        {"model tiny weight", "model/tiny-weight-without-exponent.json", "1-1 linear, weights 0 1"},
        // 1 and 400 zeros "e-1" (10^399) was read as 0 for its negative exponent.
        {"model huge weight", "model/huge-weight-negative-exponent.json",
         "R/model/huge-weight-negative-exponent.json:3:62: the number 1" + QString(400, '0') +
             "e-1 is out of range (a double holds up to about 1.8e308)"},
    };
}

// The message of the InputError that `load` throws (another exception fails the
// test), and the largest single allocation made meanwhile.
struct Refusal {
    QString message = "no error";
    std::size_t largestAllocation = 0;
};

template <typename Load> Refusal refusalOf(Load load) {
    Refusal r;
    g_largest = 0;
    g_watching = true;
    try {
        load();
    } catch (const bp::InputError& e) {
        r.message = QString::fromUtf8(e.what());
    }
    g_watching = false;
    r.largestAllocation = g_largest;
    return r;
}

// Far below what the hostile headers declare (2^31 bytes and more), above what
// reading a short file takes (zlib's buffers are 256 KiB).
constexpr std::size_t kSmallAllocation = std::size_t(1) << 20;

void putBigEndian32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out += static_cast<char>((v >> shift) & 0xFF);
}

// An IDX header: the magic number, then the dimensions.
std::string idxHeader(std::uint32_t magic, std::initializer_list<std::uint32_t> dims) {
    std::string out;
    putBigEndian32(out, magic);
    for (const std::uint32_t d : dims)
        putBigEndian32(out, d);
    return out;
}

void writeFile(const std::string& path, const std::string& bytes, bool gzip) {
    if (!gzip) {
        std::ofstream(path, std::ios::binary) << bytes;
        return;
    }
    gzFile out = gzopen(path.c_str(), "wb");
    QVERIFY(out);
    QCOMPARE(gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())),
             static_cast<int>(bytes.size()));
    QCOMPARE(gzclose(out), Z_OK);
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

    void fuzzRegressions_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("outcome");
        for (const RegressionCase& c : regressionCases())
            QTest::newRow(c.name) << c.file << c.outcome;
    }
    void fuzzRegressions() {
        QFETCH(QString, file);
        QFETCH(QString, outcome);
        QCOMPARE(outcomeOf(file), outcome);
    }

    // A regression input without its case is a finding nobody worked out.
    void everyRegressionHasItsOutcome() {
        QStringList listed;
        for (const RegressionCase& c : regressionCases())
            listed << c.file;
        listed.sort();
        QStringList found;
        QDirIterator it(kRegressions, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << QDir(kRegressions).relativeFilePath(it.next());
        found.sort();
        QCOMPARE(found, listed);
    }

    // A number of 2,000,001 digits and exponent -3,000,000 is 10^-1000000: 0, not an
    // overflow (the exponent was capped at 10^6 when the magnitude was worked out).
    void numberBeyondTheExponentCap() {
        const std::string text = "x,y\n1" + std::string(2000000, '0') + "e-3000000,1\n2,3\n";
        const bp::Dataset d = bp::parseCsv(text, "m.csv");
        QCOMPARE(d.records(), Eigen::Index(2));
        QCOMPARE(d.inputs(0, 0), 0.0);
    }

    // 2^31 images (or labels) declared, 10 bytes held: refused by the length check.
    void idxDeclaring2To31Records_data() {
        QTest::addColumn<bool>("gzip");
        QTest::addColumn<bool>("hostileImages");
        QTest::newRow("images") << false << true;
        QTest::newRow("images.gz") << true << true;
        QTest::newRow("labels") << false << false;
        QTest::newRow("labels.gz") << true << false;
    }
    void idxDeclaring2To31Records() {
        QFETCH(bool, gzip);
        QFETCH(bool, hostileImages);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string images = dir.filePath("h-images-idx3-ubyte").toStdString();
        const std::string labels = dir.filePath("h-labels-idx1-ubyte").toStdString();
        const std::uint32_t count = hostileImages ? 0x80000000u : 10u;
        writeFile(images, idxHeader(0x803, {count, 1, 1}) + std::string(10, '\x7F'), gzip);
        writeFile(labels,
                  idxHeader(0x801, {hostileImages ? 10u : 0x80000000u}) + std::string(10, '\x01'),
                  gzip);
        const Refusal r = refusalOf([&] { bp::readIdx(images); });
        const QString expected =
            hostileImages ? QString::fromStdString(images) +
                                ": truncated IDX file: the header announces 2147483648 × 1 × 1 "
                                "bytes of data after its 16-byte header, the file holds only 10"
                          : QString::fromStdString(labels) +
                                ": truncated IDX file: the header announces 2147483648 bytes of "
                                "data after its 8-byte header, the file holds only 10";
        QCOMPARE(r.message, expected);
        QVERIFY2(r.largestAllocation < kSmallAllocation,
                 qPrintable(QString::number(r.largestAllocation)));
    }

    // 10^12 records is over the 9-digit limit; 999,999,999 of each (about 2 · 10^18
    // numbers) is counted against what follows, value by value.
    void fannDeclaringTooManyRecords_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("10^12 records")
            << "1000000000000 2 1\n0 0 1\n"
            << "h.data:1:1: expected at most 999999999 records (9 digits) in the header line "
               "\"records inputs outputs\", got \"1000000000000\"";
        QTest::newRow("10^12 inputs")
            << "1 1000000000000 1\n0 0 1\n"
            << "h.data:1:3: expected at most 999999999 inputs (9 digits) in the header line "
               "\"records inputs outputs\", got \"1000000000000\"";
        QTest::newRow("999999999 of each")
            << "999999999 999999999 999999999\n0 0 1\n"
            << "h.data:2: the header on line 1 announces 999999999 records of 999999999 inputs "
               "and 999999999 outputs (1999999996000000002 numbers), but the file holds 3 "
               "numbers after it";
    }
    void fannDeclaringTooManyRecords() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const std::string bytes = text.toStdString();
        const Refusal r = refusalOf([&] { bp::parseFann(bytes, "h.data"); });
        QCOMPARE(r.message, message);
        QVERIFY2(r.largestAllocation < kSmallAllocation,
                 qPrintable(QString::number(r.largestAllocation)));
    }

    // A 10^6 × 10^6 layer (10^12 weights) with one short row: refused by counting the
    // rows the file holds before the weight matrix is made; 10^12 nodes is over the
    // limit on a layer's size.
    void modelDeclaringHugeLayer_data() {
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("message");
        QTest::newRow("10^6 x 10^6")
            << "1000000"
            << "h.json:6:15: layer 1 has 1 weight row; expected 1000000 = its \"size\", one row "
               "per node";
        QTest::newRow("10^12 nodes")
            << "1000000000000"
            << "h.json:5:12: \"size\" of layer 1 is 1000000000000; expected a whole number from "
               "1 to 100000000";
    }
    void modelDeclaringHugeLayer() {
        QFETCH(QString, size);
        QFETCH(QString, message);
        const std::string text = "{\"format\": \"backprop-studio-model\", \"version\": 1,\n"
                                 "\"loss\": \"mse\",\n"
                                 "\"layers\": [\n"
                                 "  {\"size\": 1000000},\n"
                                 "  {\"size\": " +
                                 size.toStdString() +
                                 ", \"activation\": \"sigmoid\",\n"
                                 "   \"weights\": [[0.5, 0.25]]}]}\n";
        const Refusal r = refusalOf([&] { bp::parseModel(text, "h.json"); });
        QCOMPARE(r.message, message);
        QVERIFY2(r.largestAllocation < kSmallAllocation,
                 qPrintable(QString::number(r.largestAllocation)));
    }

    // A FANN record packed on one line of 300,000 numbers: the column of a token was
    // counted from the start of its line, for every token (~45 s here); now a scan.
    void fannLongLineIsLinear() {
        std::string text = "1 300000 1\n";
        for (int i = 0; i < 300000; ++i)
            text += "0 ";
        text += "x\n";
        QElapsedTimer clock;
        clock.start();
        const Refusal r = refusalOf([&] { bp::parseFann(text, "long.data"); });
        QCOMPARE(r.message, QString("long.data:2:600001: expected a number (record 1, output 1), "
                                    "got \"x\""));
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    }
};

QTEST_APPLESS_MAIN(TestDataFuzz)
#include "tst_data_fuzz.moc"
