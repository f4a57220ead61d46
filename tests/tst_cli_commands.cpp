// backprop-cli as a user runs it: real processes, real files, exit codes and messages.
#include "data_loader.h"
#include "hand_network.h"
#include "metrics.h"
#include "model_file.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace bp;

namespace {
struct Run {
    int code = -1;
    QString out, err;
};

Run cli(const QStringList& args) {
    QProcess p;
    p.start(BP_CLI_PATH, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        return {};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString data(const char* name) {
    return QString(BP_TEST_DATA_DIR "/cli/") + name;
}

Model handModel() {
    Model m;
    m.network = test::handNetwork();
    Hyper h;
    h.learningRate = 0.5;
    m.hyper = h;
    return m;
}
} // namespace

class CliCommands : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString path(const char* name) { return m_dir.filePath(name); }

private slots:
    void trainSaveEval() {
        const Run t =
            cli({"train", "--dataset", "iris", "--layers", "4,8,3", "--activation", "relu",
                 "--output-activation", "softmax", "--loss", "cross_entropy", "--normalize",
                 "zscore", "--lr", "0.02", "--epochs", "40", "--save", path("iris.json")});
        QCOMPARE(t.code, 0);
        QVERIFY2(t.out.contains("epoch   40  loss"), qPrintable(t.out));
        QVERIFY(t.out.contains("test acc"));
        QVERIFY(t.out.contains("test confusion matrix"));

        // eval --json reports what the engine computes for the saved model in-process.
        const Run e = cli({"eval", "--model", path("iris.json"), "--dataset", "iris", "--json"});
        QCOMPARE(e.code, 0);
        const QJsonObject json = QJsonDocument::fromJson(e.out.toUtf8()).object();
        const Model m = loadModel(path("iris.json").toStdString());
        Dataset iris = loadDataset(BP_RESOURCES_DIR "/datasets/iris.csv");
        m.normalizer.apply(iris.inputs);
        const Metrics want = evaluate(m.network, iris);
        QCOMPARE(json["loss"].toDouble(), want.loss);
        QCOMPARE(json["accuracy"].toDouble(), want.accuracy);
        QVERIFY(want.accuracy > 0.9);
        QCOMPARE(m.classNames, (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
    }

    void stepPrintsTheSeedEquations() {
        saveModel(handModel(), path("hand.json").toStdString());
        const Run s = cli({"step", "--model", path("hand.json"), "--data", data("hand.csv"),
                           "--target", "3,4", "--record", "0", "--precision", "9"});
        QCOMPARE(s.code, 0);
        // Worked by hand: z_1(1) = 0.35 + 0.15·0.05 + 0.20·0.10 = 0.3775.
        QVERIFY2(s.out.contains("z_1(1) = w_{1,0}(1) + Σ_j w_{1,j}(1)·x_j(0) = 0.35 + 0.15·0.05 + "
                                "0.2·0.1 = 0.3775"),
                 qPrintable(s.out));
        QVERIFY(s.out.contains("x_1(1) = g(z_1(1)) = sigmoid(0.3775) = 0.593269992"));
        QVERIFY(s.out.contains("J = ½ Σ_k (y_k − f_k)²"));
        QVERIFY(s.out.contains("= 0.298371109"));
        QVERIFY(s.out.contains("∂J/∂w_{1,1}(2) = ∂J/∂z_1(2)·x_1(1) ="));
        QVERIFY(s.out.contains("= 0.0821670406")); // the published ∂J/∂w5 = 0.082167041
        QVERIFY(s.out.contains("does not simplify to −(y − f)"));
        QVERIFY(s.out.contains("w_{1,1}(2) ← w − a·∂J/∂w = 0.4 − 0.5·0.0821670406 = 0.35891648"));
    }

    void traceHasEveryPhase() {
        const Run t = cli({"train", "--data", data("xor.csv"), "--layers", "2,2,1", "--epochs", "1",
                           "--split", "1", "--no-shuffle", "--trace", path("trace.csv")});
        QCOMPARE(t.code, 0);
        QFile f(path("trace.csv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QString("epoch,record,phase,layer,quantity,i,j,value"));
        // Per record of a 2-2-1 net: forward 1: 2 inputs + 1 target + z, x of 2 nodes = 7;
        // forward 2: z, x = 2; loss: J + δ = 2; backward 2: ∂J/∂z + 3 ∂J/∂w = 4;
        // backward 1: 2 δ + 2 ∂J/∂z + 6 ∂J/∂w = 10; update: 6 + 3 weights = 9. 34 rows × 4.
        QCOMPARE(lines.size(), 1 + 34 * 4);
        QVERIFY(lines[1].startsWith("1,0,forward,0,x0,1,,0"));
        QVERIFY(lines.last().startsWith("1,3,update,2,w,1,2,"));
    }

    void errorsAndExitCodes_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option")
            << QStringList{"train", "--bogus"} << 2 << "unknown option --bogus";
        QTest::newRow("no data") << QStringList{"train", "--layers", "2,1"} << 2
                                 << "give either --data FILE or --dataset NAME";
        QTest::newRow("unknown command") << QStringList{"fly"} << 2 << "unknown command 'fly'";
        QTest::newRow("layers do not fit")
            << QStringList{"train", "--dataset", "iris", "--layers", "5,8,3"} << 2
            << "does not fit iris: it has 4 inputs and 3 outputs";
        QTest::newRow("bad number")
            << QStringList{"train", "--dataset", "iris", "--layers", "4,3", "--lr", "fast"} << 2
            << "--lr expects a number, got 'fast'";
        QTest::newRow("non-numeric feature")
            << QStringList{"train", "--data", data("bad.csv"), "--layers", "2,2"} << 1
            << "bad.csv:3:3";
        QTest::newRow("missing file")
            << QStringList{"train", "--data", "/nonexistent/x.csv", "--layers", "2,2"} << 1
            << "/nonexistent/x.csv";
        QTest::newRow("missing model")
            << QStringList{"eval", "--model", "/nonexistent/m.json", "--dataset", "iris"} << 1
            << "/nonexistent/m.json";
        QTest::newRow("save into a missing directory")
            << QStringList{"train",    "--dataset", "xor",
                           "--layers", "2,2,1",     "--epochs",
                           "1",        "--save",    "/nonexistent/dir/m.json"}
            << 1 << "/nonexistent/dir/m.json";
    }
    void errorsAndExitCodes() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Run r = cli(args);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(CliCommands)
#include "tst_cli_commands.moc"
