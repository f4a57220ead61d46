// The model file: JSON reading and writing, validation messages, exact
// round trips, atomic saves, and robustness against damaged files.
#include "io/json.h"
#include "io/model_file.h"
#include "math/error.h"
#include "math/random.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cfloat>
#include <clocale>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace bp;

namespace {

std::string fixture(const std::string& name) {
    return std::string(BP_TEST_DATA_DIR) + "/models/" + name;
}

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

bool sameBits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

// 1-based line and column of the first occurrence of `needle` in `text`.
std::pair<long, long> positionOf(const std::string& text, const std::string& needle) {
    const std::size_t at = text.find(needle);
    Q_ASSERT(at != std::string::npos);
    long line = 1, column = 1;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

// A valid 2-3-1 model; the bad cases below change one thing in it.
const std::string kValid = R"({
  "format": "backprop-studio-model",
  "version": 1,
  "loss": "mse",
  "layers": [
    {"size": 2},
    {"size": 3, "activation": "sigmoid",
     "weights": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]},
    {"size": 1, "activation": "sigmoid",
     "weights": [[1.0, 1.1, 1.2, 1.3]]}
  ]
})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    Q_ASSERT(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

// The InputError that parsing `text` as "bad.json" throws (fails the test if none).
InputError errorOf(const std::string& text) {
    try {
        parseModel(text, "bad.json");
    } catch (const InputError& e) {
        return e;
    }
    return InputError("no error");
}

std::vector<std::string> tempFilesIn(const std::string& dir) {
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().filename().string().find(".tmp-") != std::string::npos)
            found.push_back(entry.path().string());
    return found;
}

Model sampleModel() {
    Model m;
    Architecture a;
    a.sizes = {3, 4, 2};
    a.hidden = Activation::Tanh;
    a.output = Activation::Softmax;
    a.loss = Loss::CrossEntropy;
    m.network = makeNetwork(a, 7);
    Matrix& w = m.network.layer(1).w;
    w(0, 0) = 0.1;
    w(0, 1) = 1e-300;
    w(0, 2) = -0.0;
    w(0, 3) = 1.0 / 3.0;
    w(1, 0) = 4.9406564584124654e-324; // the smallest denormal
    w(1, 1) = DBL_MAX;
    w(1, 2) = -DBL_MIN;
    w(1, 3) = 3.141592653589793;
    w(2, 0) = 2.0 / 3.0;
    w(2, 1) = 1e22;
    w(2, 2) = 123456789.123456789;
    m.normalizer.kind = Normalizer::Kind::MinMax;
    m.normalizer.offset = Vector::Constant(3, 0.1);
    m.normalizer.scale = Vector::Constant(3, 1.0 / 7.0);
    m.inputNames = {"x \"quoted\"", "tab\there", "caf\xC3\xA9 \xF0\x9F\x98\x80"};
    m.targetNames = {"no", "yes"};
    m.classNames = {"no", "yes"};
    m.hyper = Hyper{0.1, 16, 0.9, 1e-4, true};
    m.seed = UINT64_MAX;
    m.init = Init::He;
    m.datasetName = "two\nlines\\";
    return m;
}

void checkSameModel(const Model& a, const Model& b) {
    QCOMPARE(a.network.depth(), b.network.depth());
    QCOMPARE(a.network.inputSize, b.network.inputSize);
    QVERIFY(a.network.loss == b.network.loss);
    for (int k = 1; k <= a.network.depth(); ++k) {
        const Layer& x = a.network.layer(k);
        const Layer& y = b.network.layer(k);
        QVERIFY(x.activation == y.activation);
        QCOMPARE(x.w.rows(), y.w.rows());
        QCOMPARE(x.w.cols(), y.w.cols());
        for (Eigen::Index i = 0; i < x.w.rows(); ++i)
            for (Eigen::Index j = 0; j < x.w.cols(); ++j)
                QVERIFY2(sameBits(x.w(i, j), y.w(i, j)),
                         qPrintable(QString("layer %1 w(%2,%3): %4 vs %5")
                                        .arg(k)
                                        .arg(i)
                                        .arg(j)
                                        .arg(x.w(i, j), 0, 'g', 17)
                                        .arg(y.w(i, j), 0, 'g', 17)));
    }
    QVERIFY(a.normalizer.kind == b.normalizer.kind);
    QCOMPARE(a.normalizer.offset.size(), b.normalizer.offset.size());
    for (Eigen::Index i = 0; i < a.normalizer.offset.size(); ++i) {
        QVERIFY(sameBits(a.normalizer.offset[i], b.normalizer.offset[i]));
        QVERIFY(sameBits(a.normalizer.scale[i], b.normalizer.scale[i]));
    }
    QVERIFY(a.inputNames == b.inputNames);
    QVERIFY(a.targetNames == b.targetNames);
    QVERIFY(a.classNames == b.classNames);
    QCOMPARE(a.hyper.has_value(), b.hyper.has_value());
    if (a.hyper) {
        QVERIFY(sameBits(a.hyper->learningRate, b.hyper->learningRate));
        QCOMPARE(a.hyper->batchSize, b.hyper->batchSize);
        QVERIFY(sameBits(a.hyper->momentum, b.hyper->momentum));
        QVERIFY(sameBits(a.hyper->l2, b.hyper->l2));
        QCOMPARE(a.hyper->freezeBias, b.hyper->freezeBias);
    }
    QVERIFY(a.seed == b.seed);
    QVERIFY(a.init == b.init);
    QVERIFY(a.datasetName == b.datasetName);
}

// Runs `body` without the right to write into directories it does not own: as
// user nobody in a child process when the test runs as root (root may write
// anywhere). Returns the body's result.
bool runUnprivileged(const std::function<bool()>& body) {
    if (::geteuid() != 0)
        return body();
    const pid_t pid = ::fork();
    if (pid == 0) {
        bool ok = false;
        if (::setgid(65534) == 0 && ::setuid(65534) == 0)
            ok = body();
        ::_exit(ok ? 0 : 1);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

#define CHECK_ERROR(text, needle, expectedMessage)                                                 \
    do {                                                                                           \
        const std::string t_ = (text);                                                             \
        const InputError e_ = errorOf(t_);                                                         \
        const auto [line_, column_] = positionOf(t_, needle);                                      \
        const std::string what_ = e_.what();                                                       \
        QVERIFY2(e_.file() == "bad.json", e_.what());                                              \
        QVERIFY2(                                                                                  \
            e_.line() == line_ && e_.column() == column_,                                          \
            qPrintable(QString("%1 (expected at %2:%3)").arg(e_.what()).arg(line_).arg(column_))); \
        QVERIFY2(what_.rfind("bad.json:" + std::to_string(line_) + ":" + std::to_string(column_) + \
                                 ": ",                                                             \
                             0) == 0,                                                              \
                 e_.what());                                                                       \
        QVERIFY2(e_.message().find(expectedMessage) != std::string::npos, e_.what());              \
    } while (false)

class TestModelFile : public QObject {
    Q_OBJECT

private slots:
    // --- JSON ---------------------------------------------------------------

    void jsonNumbersAreExact() {
        for (double d : {0.1, 1e-300, -0.0, 1.0 / 3.0, 4.9406564584124654e-324, DBL_MAX, -DBL_MIN,
                         1e22, 123456789.123456789, 0.0}) {
            const std::string s = json::formatNumber(d);
            QVERIFY2(sameBits(json::parseNumber(s), d), s.c_str());
            QVERIFY2(sameBits(json::parse(s, "n").number, d), s.c_str());
        }
        QCOMPARE(json::formatNumber(0.5), std::string("0.5"));
        QCOMPARE(json::formatNumber(-0.0), std::string("-0"));
        QCOMPARE(json::formatNumber(0.1), std::string("0.10000000000000001"));
    }

    void jsonNumbersIgnoreTheLocale() {
        const char* names[] = {"de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8", "fr_FR.utf8"};
        const char* set = nullptr;
        for (const char* n : names)
            if ((set = std::setlocale(LC_NUMERIC, n)))
                break;
        if (!set)
            QSKIP("no locale with a decimal comma is installed");
        const std::string s = json::formatNumber(0.25);
        const double back = json::parse("[2.5e-1]", "n").items[0].number;
        const Model m = parseModel(readText(fixture("minimal.json")), "minimal.json");
        std::setlocale(LC_NUMERIC, "C");
        QCOMPARE(s, std::string("0.25"));
        QCOMPARE(back, 0.25);
        QCOMPARE(m.network.layer(1).w(0, 0), 0.1);
    }

    void jsonStringsAndEscapes() {
        const json::Value v = json::parse("[\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\", \"\\u00e9\\u20AC\", "
                                          "\"\\ud83d\\ude00\", \"caf\xC3\xA9\", \"\\u0000\"]",
                                          "s.json");
        QCOMPARE(v.items.size(), std::size_t(5));
        QCOMPARE(v.items[0].text, std::string("a\"b\\c/\b\f\n\r\t"));
        QCOMPARE(v.items[1].text, std::string("\xC3\xA9\xE2\x82\xAC"));
        QCOMPARE(v.items[2].text, std::string("\xF0\x9F\x98\x80"));
        QCOMPARE(v.items[3].text, std::string("caf\xC3\xA9"));
        QCOMPARE(v.items[4].text, std::string(1, '\0'));
        // Written back and read again.
        const json::Value again = json::parse(json::write(v), "s.json");
        for (std::size_t i = 0; i < v.items.size(); ++i)
            QCOMPARE(again.items[i].text, v.items[i].text);
        QCOMPARE(json::quote("\x01"), std::string("\"\\u0001\""));
        QCOMPARE(json::quote("a\xFF"), std::string("\"a\xEF\xBF\xBD\"")); // not UTF-8: U+FFFD
    }

    void jsonPositions() {
        const json::Value v = json::parse("{\n  \"a\": [1,\n\t\"caf\xC3\xA9\", true]}", "p.json");
        const json::Value& a = *v.find("a");
        QCOMPARE(v.line, 1L);
        QCOMPARE(v.column, 1L);
        QCOMPARE(a.line, 2L);
        QCOMPARE(a.column, 8L);
        QCOMPARE(a.items[1].line, 3L);
        QCOMPARE(a.items[1].column, 2L);
        QCOMPARE(a.items[2].column, 10L); // é counts as one column
    }

    void jsonErrors_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray("  \n") << 2 << 1 << "the file is empty";
        QTest::newRow("trailing comma") << QByteArray("[1, 2,]") << 1 << 7 << "expected a value";
        QTest::newRow("missing comma")
            << QByteArray("{\"a\": 1\n \"b\": 2}") << 2 << 2 << "expected ',' or '}'";
        QTest::newRow("single quotes")
            << QByteArray("{'a': 1}") << 1 << 2 << "expected a field name in double quotes";
        QTest::newRow("leading zero") << QByteArray("[012]") << 1 << 3 << "may not start with 0";
        QTest::newRow("bare minus") << QByteArray("[-]") << 1 << 3 << "expected a digit after '-'";
        QTest::newRow("bare point") << QByteArray("[1.]") << 1 << 4 << "expected a digit after '.'";
        QTest::newRow("bare exponent") << QByteArray("[1e+]") << 1 << 5 << "exponent";
        QTest::newRow("too large") << QByteArray("[1e400]") << 1 << 2 << "out of range";
        QTest::newRow("nan") << QByteArray("[NaN]") << 1 << 2 << "expected a value";
        QTest::newRow("unterminated") << QByteArray("[\"abc") << 1 << 2 << "no closing";
        QTest::newRow("control") << QByteArray("[\"a\tb\"]") << 1 << 4 << "control character";
        QTest::newRow("bad escape") << QByteArray("[\"\\x\"]") << 1 << 4 << "unknown escape";
        QTest::newRow("short \\u") << QByteArray("[\"\\u12\"]") << 1 << 7 << "4 hex digits";
        QTest::newRow("lone high") << QByteArray("[\"\\ud83d\"]") << 1 << 3 << "low surrogate";
        QTest::newRow("lone low") << QByteArray("[\"\\ude00\"]") << 1 << 3 << "low surrogate";
        QTest::newRow("bad utf-8") << QByteArray("[\"\xC3\x28\"]") << 1 << 3 << "invalid UTF-8";
        QTest::newRow("overlong") << QByteArray("[\"\xC0\xAF\"]") << 1 << 3 << "invalid UTF-8";
        QTest::newRow("duplicate") << QByteArray("{\"a\": 1,\n \"a\": 2}") << 2 << 2
                                   << "duplicate field \"a\" (first given at line 1, column 2)";
        QTest::newRow("garbage after") << QByteArray("{} x") << 1 << 4 << "expected the end";
        QTest::newRow("true typo") << QByteArray("[tru]") << 1 << 2 << "expected a value";
        QTest::newRow("deep") << QByteArray(300, '[') << 1 << 257 << "nested more than 256";
        QTest::newRow("very deep") << QByteArray(1000000, '[') << 1 << 257 << "nested";
    }

    void jsonErrors() {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, expected);
        try {
            json::parse(text.toStdString(), "j.json");
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(e.file(), std::string("j.json"));
            QVERIFY2(e.line() == line && e.column() == column, e.what());
            QVERIFY2(e.message().find(expected.toStdString()) != std::string::npos, e.what());
        }
    }

    void jsonAcceptsByteOrderMark() {
        QCOMPARE(json::parse("\xEF\xBB\xBF{\"a\": 1}", "b").find("a")->number, 1.0);
    }

    void jsonWriterIsPretty() {
        json::Value v = json::Value::makeObject();
        v.add("a",
              json::Value::makeArray({json::Value::makeNumber(1), json::Value::makeBool(true)}));
        v.add("b", json::Value::makeObject()).add("size", json::Value::makeInteger(2));
        v.add("c", json::Value::makeArray({json::Value::makeArray()}));
        QCOMPARE(json::write(v), std::string("{\n  \"a\": [1, true],\n  \"b\": {\"size\": 2},\n"
                                             "  \"c\": [\n    []\n  ]\n}\n"));
    }

    // --- Loading ------------------------------------------------------------

    void minimalFileLoadsExactly() {
        const Model m = loadModel(fixture("minimal.json"));
        const Network& n = m.network;
        QCOMPARE(n.inputSize, Eigen::Index(2));
        QCOMPARE(n.depth(), 2);
        QVERIFY(n.loss == Loss::Mse);
        QVERIFY(n.layer(1).activation == Activation::Sigmoid);
        QVERIFY(n.layer(2).activation == Activation::Linear);
        Matrix w1(2, 3);
        w1 << 0.1, -0.2, 0.3, -0.4, 0.5, -0.6;
        QVERIFY(n.layer(1).w == w1);
        QVERIFY(sameBits(n.layer(2).w(0, 0), 1e-300));
        QVERIFY(sameBits(n.layer(2).w(0, 1), 1.0 / 3.0));
        QVERIFY(sameBits(n.layer(2).w(0, 2), -0.0));
        QVERIFY(m.normalizer.kind == Normalizer::Kind::None);
        QVERIFY(m.inputNames.empty() && m.targetNames.empty() && m.classNames.empty());
        QVERIFY(!m.hyper && !m.seed && !m.init);
        QVERIFY(m.datasetName.empty());
    }

    void fullFileLoads() {
        const Model m = loadModel(fixture("full.json"));
        QCOMPARE(m.network.inputSize, Eigen::Index(4));
        QCOMPARE(m.network.outputSize(), Eigen::Index(3));
        QVERIFY(m.network.loss == Loss::CrossEntropy);
        QVERIFY(m.network.layer(1).activation == Activation::Tanh);
        QVERIFY(m.network.layer(2).activation == Activation::Softmax);
        QCOMPARE(m.network.layer(1).w(1, 2), -0.625);
        QVERIFY(m.normalizer.kind == Normalizer::Kind::ZScore);
        QCOMPARE(m.normalizer.offset[0], 5.8433333333333337);
        QCOMPARE(m.normalizer.scale[3], 0.75969263035930802);
        QCOMPARE(m.inputNames.size(), std::size_t(4));
        QCOMPARE(m.inputNames[3], std::string("petal width"));
        QCOMPARE(m.classNames[2], std::string("virginica"));
        QVERIFY(m.hyper);
        QCOMPARE(m.hyper->learningRate, 0.05);
        QCOMPARE(m.hyper->batchSize, 8);
        QCOMPARE(m.hyper->momentum, 0.9);
        QCOMPARE(m.hyper->l2, 1e-4);
        QCOMPARE(m.hyper->freezeBias, false);
        QCOMPARE(*m.seed, std::uint64_t(42));
        QVERIFY(*m.init == Init::Xavier);
        QCOMPARE(m.datasetName, std::string("iris.csv"));
        // What the writer produces is this very file.
        QCOMPARE(modelToJson(m), readText(fixture("full.json")));
    }

    void documentedExamplesLoad() {
        const std::string doc =
            readText(std::string(BP_TEST_DATA_DIR) + "/../../docs/model-format.md");
        int examples = 0;
        for (std::size_t start = doc.find("```json\n"); start != std::string::npos;
             start = doc.find("```json\n", start + 1)) {
            const std::size_t end = doc.find("```", start + 8);
            const std::string example = doc.substr(start + 8, end - start - 8);
            const Model m = parseModel(example, "model-format.md");
            if (examples++ == 0) // the complete example is what the writer writes
                QCOMPARE(modelToJson(m), example);
        }
        QCOMPARE(examples, 2);
    }

    void unknownFieldsAreIgnored() {
        const Model m =
            parseModel(replaced(kValid, "\"loss\"",
                                "\"comment\": {\"x\": [1, 2]}, \"created\": \"today\", \"loss\""),
                       "x.json");
        QCOMPARE(m.network.depth(), 2);
    }

    void nullOptionalFieldsAreAbsent() {
        const Model m = parseModel(replaced(kValid, "\"loss\"",
                                            "\"seed\": null, \"training\": null, \"inputs\": [], "
                                            "\"loss\""),
                                   "x.json");
        QVERIFY(!m.seed && !m.hyper && m.inputNames.empty());
    }

    void twoClassesWithOneOutput() {
        const Model m = parseModel(
            replaced(kValid, "\"loss\"", "\"classes\": [\"no\", \"yes\"], \"loss\""), "x");
        QCOMPARE(m.classNames.size(), std::size_t(2));
    }

    void loadMissingFile() {
        const std::string path = fixture("does-not-exist.json");
        try {
            loadModel(path);
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(e.file(), path);
            QVERIFY2(std::string(e.what()).find("No such file") != std::string::npos, e.what());
        }
    }

    void loadDirectory() {
        try {
            loadModel(BP_TEST_DATA_DIR);
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(e.message().find("folder") != std::string::npos, e.what());
        }
    }

    // --- Bad models: each names the file, the line and column, and what was expected.

    void malformedJson() {
        CHECK_ERROR(replaced(kValid, "\"version\": 1,", "\"version\": 1"), "\"loss\"",
                    "expected ',' or '}'");
    }
    void notAnObject() { CHECK_ERROR("\n[1, 2]", "[", "expected a JSON object"); }
    void missingFormat() {
        CHECK_ERROR(replaced(kValid, "\"format\"", "\"formt\""), "{",
                    "has no \"format\"; expected \"format\": \"backprop-studio-model\"");
    }
    void wrongFormat() {
        CHECK_ERROR(replaced(kValid, "\"backprop-studio-model\"", "\"fann\""), "\"fann\"",
                    "\"format\" is \"fann\"; expected \"backprop-studio-model\"");
    }
    void unsupportedVersion() {
        CHECK_ERROR(replaced(kValid, "\"version\": 1", "\"version\": 2"), "2,",
                    "version 2 is newer than this Backprop Studio understands (version 1)");
    }
    void versionNotANumber() {
        CHECK_ERROR(replaced(kValid, "\"version\": 1", "\"version\": \"1\""), "\"1\"",
                    "\"version\" is \"1\"; expected a whole number");
    }
    void missingLoss() {
        CHECK_ERROR(replaced(kValid, "\"loss\": \"mse\",", ""), "{",
                    "has no \"loss\"; expected one of mse, cross_entropy");
    }
    void unknownLoss() {
        CHECK_ERROR(replaced(kValid, "\"mse\"", "\"l2\""), "\"l2\"",
                    "unknown loss \"l2\"; expected one of mse, cross_entropy");
    }
    void missingLayers() {
        CHECK_ERROR(R"({"format": "backprop-studio-model", "version": 1, "loss": "mse"})", "{",
                    "has no \"layers\"");
    }
    void tooFewLayers() {
        CHECK_ERROR(R"({"format": "backprop-studio-model", "version": 1, "loss": "mse",
 "layers": [{"size": 2}]})",
                    "[{", "expected the input layer and at least one more");
    }
    void inputLayerWithWeights() {
        CHECK_ERROR(replaced(kValid, "{\"size\": 2}", "{\"size\": 2, \"weights\": []}"), "[]",
                    "layer 0 is the input layer");
    }
    void sizeNotWhole() {
        CHECK_ERROR(replaced(kValid, "{\"size\": 2}", "{\"size\": 2.5}"), "2.5",
                    "\"size\" of layer 0 is 2.5; expected a whole number");
    }
    void sizeZero() {
        CHECK_ERROR(replaced(kValid, "{\"size\": 1,", "{\"size\": 0,"), "0,",
                    "\"size\" of layer 2 is 0; expected a whole number from 1");
    }
    void missingActivation() {
        CHECK_ERROR(replaced(kValid, "{\"size\": 1, \"activation\": \"sigmoid\",", "{\"size\": 1,"),
                    "{\"size\": 1,", "layer 2 has no \"activation\"; expected one of linear");
    }
    void unknownActivation() {
        CHECK_ERROR(replaced(kValid, "\"sigmoid\"", "\"sigmod\""), "\"sigmod\"",
                    "unknown activation \"sigmod\" for layer 1; expected one of " +
                        activationNames());
    }
    void missingWeights() {
        CHECK_ERROR(replaced(kValid, "\"weights\": [[1.0, 1.1, 1.2, 1.3]]", "\"w\": 1"),
                    "{\"size\": 1",
                    "layer 2 has no \"weights\"; expected an array of 1 row (one per node");
    }
    void wrongRowCount() {
        CHECK_ERROR(replaced(kValid, ", [0.7, 0.8, 0.9]]", "]"), "[[0.1",
                    "layer 1 has 2 weight rows; expected 3 = its \"size\", one row per node");
    }
    void wrongRowLength() {
        CHECK_ERROR(replaced(kValid, "[[1.0, 1.1, 1.2, 1.3]]", "[[1.0, 1.1, 1.2]]"), "[1.0",
                    "layer 2, row 1 has 3 weights; expected 4 = 1 bias + 3 inputs");
    }
    void rowNotAnArray() {
        CHECK_ERROR(replaced(kValid, "[0.4, 0.5, 0.6]", "0.4"), "0.4",
                    "layer 1, row 2 is 0.4; expected an array of 3 numbers (1 bias + 2 inputs)");
    }
    void nonNumericWeight() {
        CHECK_ERROR(replaced(kValid, "0.5", "\"0.5\""), "\"0.5\"",
                    "layer 1, row 2, weight 1 is \"0.5\"; expected a number");
    }
    void nullWeight() {
        CHECK_ERROR(replaced(kValid, "1.0,", "null,"), "null",
                    "layer 2, row 1, weight 0 (the bias) is null; expected a number");
    }
    void nonFiniteWeight() {
        CHECK_ERROR(replaced(kValid, "0.9", "1e999"), "1e999", "1e999 is out of range");
    }
    void nanWeight() { CHECK_ERROR(replaced(kValid, "0.9", "NaN"), "NaN", "expected a value"); }
    void softmaxInHiddenLayer() {
        CHECK_ERROR(replaced(kValid, "\"sigmoid\"", "\"softmax\""), "\"softmax\"",
                    "softmax is for the output layer only, and layer 1 is hidden");
    }
    void crossEntropyAfterRelu() {
        const std::string t = replaced(replaced(kValid, "\"mse\"", "\"cross_entropy\""),
                                       "\"size\": 1, \"activation\": \"sigmoid\"",
                                       "\"size\": 1, \"activation\": \"relu\"");
        CHECK_ERROR(t, "\"cross_entropy\"",
                    "loss cross_entropy needs a sigmoid or softmax output layer, but the output "
                    "layer 2 is relu");
    }
    void normalizationUnknownKind() {
        CHECK_ERROR(
            replaced(kValid, "\"loss\"", "\"normalization\": {\"kind\": \"log\"}, \"loss\""),
            "\"log\"", "unknown normalization \"log\"; expected one of none, minmax, zscore");
    }
    void normalizationWrongLength() {
        CHECK_ERROR(replaced(kValid, "\"loss\"",
                             "\"normalization\": {\"kind\": \"zscore\", \"offset\": [0, 0, 0], "
                             "\"scale\": [1, 1]}, \"loss\""),
                    "[0, 0, 0]",
                    "normalization \"offset\" has 3 numbers; expected 2 numbers, one per input");
    }
    void normalizationZeroScale() {
        CHECK_ERROR(replaced(kValid, "\"loss\"",
                             "\"normalization\": {\"kind\": \"minmax\", \"offset\": [0, 0], "
                             "\"scale\": [1, 0.0]}, \"loss\""),
                    "0.0]", "normalization \"scale\" entry 2 is 0");
    }
    void normalizationMissingScale() {
        CHECK_ERROR(replaced(kValid, "\"loss\"",
                             "\"normalization\": {\"kind\": \"minmax\", \"offset\": [0, 0]}, "
                             "\"loss\""),
                    "{\"kind\"", "\"normalization\" has no \"scale\"; expected 2 numbers");
    }
    void inputNamesWrongCount() {
        CHECK_ERROR(replaced(kValid, "\"loss\"", "\"inputs\": [\"a\", \"b\", \"c\"], \"loss\""),
                    "[\"a\"", "\"inputs\" has 3 names; expected 2 names, one per input");
    }
    void targetNameNotAString() {
        CHECK_ERROR(replaced(kValid, "\"loss\"", "\"targets\": [7], \"loss\""), "7]",
                    "\"targets\" entry 1 is 7; expected a string");
    }
    void classCountMismatch() {
        CHECK_ERROR(replaced(kValid, "\"loss\"", "\"classes\": [\"a\", \"b\", \"c\"], \"loss\""),
                    "[\"a\"",
                    "\"classes\" has 3 names; expected one class per output (the output layer "
                    "has 1), or 2 classes for a single 0/1 output");
    }
    void badTrainingSetting() {
        CHECK_ERROR(replaced(kValid, "\"loss\"",
                             "\"training\": {\"learning_rate\": 0.5, \"momentum\": 1.5}, \"loss\""),
                    "1.5", "\"momentum\" is 1.5; expected a number from 0 to below 1");
    }
    void badBatchSize() {
        CHECK_ERROR(replaced(kValid, "\"loss\"", "\"training\": {\"batch_size\": 0}, \"loss\""),
                    "0}", "\"batch_size\" is 0; expected a whole number from 1");
    }
    void negativeSeed() {
        CHECK_ERROR(replaced(kValid, "\"loss\"", "\"seed\": -1, \"loss\""), "-1",
                    "\"seed\" is -1; expected a whole number");
    }
    void seedTooLarge() {
        CHECK_ERROR(replaced(kValid, "\"loss\"", "\"seed\": 18446744073709551616, \"loss\""),
                    "18446744073709551616",
                    "expected a whole number from 0 to 18446744073709551615");
    }
    void unknownInit() {
        CHECK_ERROR(replaced(kValid, "\"loss\"", "\"init\": \"zeros\", \"loss\""), "\"zeros\"",
                    "unknown init \"zeros\"; expected one of uniform, xavier, he");
    }

    // --- Saving -------------------------------------------------------------

    void roundTripIsExact() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.json").toStdString();
        const Model m = sampleModel();
        saveModel(m, path);
        const Model back = loadModel(path);
        checkSameModel(m, back);
        QVERIFY(std::signbit(back.network.layer(1).w(0, 2)));
        QCOMPARE(modelToJson(back), readText(path)); // stable: the same text again
        QVERIFY(tempFilesIn(dir.path().toStdString()).empty());
    }

    void roundTripOfRandomWeights() {
        Random rng(2024);
        Model m;
        Architecture a;
        a.sizes = {5, 7, 3};
        m.network = makeNetwork(a, 1);
        for (Layer& l : m.network.layers)
            for (Eigen::Index i = 0; i < l.w.size(); ++i) {
                const double mant = rng.uniform(-1, 1);
                const int exp = static_cast<int>(rng.below(600)) - 300;
                l.w.data()[i] = std::ldexp(mant, exp);
            }
        const Model back = parseModel(modelToJson(m), "r.json");
        checkSameModel(m, back);
    }

    void saveReplacesAndKeepsPermissions() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.json").toStdString();
        writeText(path, "old");
        ::chmod(path.c_str(), 0640);
        saveModel(sampleModel(), path);
        struct stat st {};
        QCOMPARE(::stat(path.c_str(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0640);
        checkSameModel(loadModel(path), sampleModel());
        QVERIFY(tempFilesIn(dir.path().toStdString()).empty());
    }

    void saveIntoReadOnlyDirectoryKeepsOldFile() {
        QTemporaryDir dir;
        const std::string sub = dir.filePath("ro").toStdString();
        std::filesystem::create_directory(sub);
        const std::string path = sub + "/model.json";
        writeText(path, "old contents");
        ::chmod(dir.path().toUtf8().constData(), 0755);
        ::chmod(sub.c_str(), 0555);
        const Model m = sampleModel();
        const bool ok = runUnprivileged([&] {
            try {
                saveModel(m, path);
            } catch (const InputError& e) {
                return e.file() == path &&
                       std::string(e.what()).find("Permission denied") != std::string::npos;
            }
            return false;
        });
        ::chmod(sub.c_str(), 0755);
        QVERIFY(ok);
        QCOMPARE(readText(path), std::string("old contents"));
        QVERIFY(tempFilesIn(sub).empty());
    }

    void saveOverDirectoryFails() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.json").toStdString();
        std::filesystem::create_directory(path);
        writeText(path + "/keep.txt", "keep");
        try {
            saveModel(sampleModel(), path);
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(e.file(), path);
            QVERIFY2(std::string(e.what()).find(path + ": cannot save the model: ") == 0, e.what());
            QVERIFY2(e.message().find(std::strerror(EISDIR)) != std::string::npos, e.what());
        }
        QVERIFY(std::filesystem::is_directory(path));
        QCOMPARE(readText(path + "/keep.txt"), std::string("keep"));
        QVERIFY(tempFilesIn(dir.path().toStdString()).empty());
    }

    void saveIntoMissingDirectoryFails() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("no/such/dir/model.json").toStdString();
        try {
            saveModel(sampleModel(), path);
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(e.file(), path);
            QVERIFY2(e.message().find(std::strerror(ENOENT)) != std::string::npos, e.what());
        }
    }

    void saveRefusesNonFiniteWeights() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.json").toStdString();
        writeText(path, "old");
        Model m = sampleModel();
        m.network.layer(2).w(1, 2) = std::nan("");
        try {
            saveModel(m, path);
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(e.message().find("layer 2, row 2, weight 2 is nan") != std::string::npos,
                     e.what());
        }
        QCOMPARE(readText(path), std::string("old"));
        QVERIFY(tempFilesIn(dir.path().toStdString()).empty());
    }

    void saveRefusesInconsistentModel() {
        QTemporaryDir dir;
        Model m = sampleModel();
        m.classNames = {"a", "b", "c"};
        try {
            saveModel(m, dir.filePath("m.json").toStdString());
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(e.message().find("cannot save the model: \"classes\" has 3 names") == 0,
                     e.what());
        }
        QVERIFY(!std::filesystem::exists(dir.filePath("m.json").toStdString()));
    }

    // --- Damaged files --------------------------------------------------------

    void damagedFilesOnlyThrowInputError() {
        const std::string good = readText(fixture("full.json"));
        Random rng(12345);
        int loaded = 0, rejected = 0;
        for (int round = 0; round < 600; ++round) {
            std::string t = good;
            const int edits = 1 + static_cast<int>(rng.below(4));
            for (int e = 0; e < edits && !t.empty(); ++e) {
                const std::size_t at = rng.below(t.size());
                switch (rng.below(6)) {
                case 0: // truncate
                    t.resize(at);
                    break;
                case 1: // flip a bit
                    t[at] = static_cast<char>(t[at] ^ (1 << rng.below(8)));
                    break;
                case 2: // a random byte
                    t[at] = static_cast<char>(rng.below(256));
                    break;
                case 3: // delete a run
                    t.erase(at, rng.below(20));
                    break;
                case 4: // duplicate a run
                    t.insert(at, t.substr(at, rng.below(40)));
                    break;
                default: // a JSON-ish character
                    t.insert(at, 1, "[]{}\",:0-e.\\9 "[rng.below(15)]);
                    break;
                }
            }
            try {
                const Model m = parseModel(t, "damaged.json");
                ++loaded;
                // Whatever loads is a consistent model that saves and loads the same.
                checkSameModel(parseModel(modelToJson(m), "again.json"), m);
            } catch (const InputError& e) {
                ++rejected;
                QVERIFY2(e.file() == "damaged.json", e.what());
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QString("round %1: %2").arg(round).arg(e.what())));
            }
        }
        QVERIFY(rejected > 400);
        qInfo("%d damaged files loaded, %d rejected", loaded, rejected);
    }
};

QTEST_APPLESS_MAIN(TestModelFile)
#include "tst_model_file.moc"
