// backprop-cli as a user runs it: real processes, real files, exit codes and messages.
#include "hand_network.h"
#include "io/data_loader.h"
#include "io/model_file.h"
#include "math/metrics.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_run.h"

using namespace bp;

namespace {
using Run = CliRun;

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

    void presetSeedIsTheReadmesCommand() {
        // `--preset seed` and the README's explicit options train the same weights.
        const Run preset =
            cli({"train", "--preset", "seed", "--epochs", "2", "--save", path("preset.json")});
        QVERIFY2(preset.code == 0, qPrintable(preset.err));
        QFile readme(QStringLiteral(BP_RESOURCES_DIR "/../README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly | QIODevice::Text));
        const QString text = QString::fromUtf8(readme.readAll());
        QVERIFY(text.contains("backprop-cli train --preset seed"));
        // The README's explicit command, as it is printed there.
        const int at = text.indexOf("backprop-cli train --dataset digits --classes 0,1,2");
        QVERIFY(at >= 0);
        QString command = text.mid(at, text.indexOf("```", at) - at);
        command.replace("\\\n", " ");
        QStringList args = command.simplified().split(' ');
        QCOMPARE(args.takeFirst(), QString("backprop-cli"));
        const int epochs = args.indexOf("--epochs");
        QVERIFY(epochs > 0);
        args[epochs + 1] = "2";
        args << "--save" << path("explicit.json");
        const Run explicitRun = cli(args);
        QVERIFY2(explicitRun.code == 0, qPrintable(explicitRun.err));
        const Model a = loadModel(path("preset.json").toStdString());
        const Model b = loadModel(path("explicit.json").toStdString());
        QVERIFY(a.network == b.network);
        QVERIFY(a.network.loss == Loss::CrossEntropy);
        // The same epochs, the same losses (the speed differs from run to run).
        const auto withoutSpeed = [](QString out) {
            out.remove(QRegularExpression("\\s+[0-9]+ rec/s"));
            return out.remove(QRegularExpression("saved [^\\n]*")); // the two paths
        };
        QCOMPARE(withoutSpeed(preset.out), withoutSpeed(explicitRun.out));
        // An option given with the preset wins; an unknown preset is a usage error.
        const Run faster = cli({"train", "--preset", "seed", "--lr", "0.1", "--epochs", "1"});
        QCOMPARE(faster.code, 0);
        QVERIFY(faster.out != preset.out.section('\n', 0, 0));
        const Run unknown = cli({"train", "--preset", "mnist"});
        QCOMPARE(unknown.code, 2);
        QVERIFY2(unknown.err.contains("--preset: 'mnist' is not one of seed"),
                 qPrintable(unknown.err));
    }

    void stepPrintsTheSeedEquations() {
        saveModel(handModel(), path("hand.json").toStdString());
        const Run s = cli({"step", "--model", path("hand.json"), "--data", data("hand.csv"),
                           "--target", "3,4", "--record", "0", "--digits", "9"});
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

    void trainWithTestFile() {
        // IDX: 3 images labelled 7, 2, 7; the test file is the same images gzipped.
        const QString tiny = QString(BP_TEST_DATA_DIR "/tiny-images-idx3-ubyte");
        const QString tinygz = QString(BP_TEST_DATA_DIR "/tinygz-images-idx3-ubyte.gz");
        const Run t = cli({"train", "--data", tiny, "--test", tinygz, "--layers", "6,3,2",
                           "--epochs", "2", "--lr", "0.5", "--save", path("tiny.json")});
        QCOMPARE(t.code, 0);
        QVERIFY2(t.out.startsWith("tiny-images-idx3-ubyte: 3 training records, 3 test records "
                                  "(tinygz-images-idx3-ubyte.gz), 6 inputs, 2 outputs, 2 classes; "
                                  "inputs stored as bytes (0.0 MB)\n"),
                 qPrintable(t.out));
        // The last epoch's test loss is the saved model's loss on the test file.
        const QString last = t.out.section("epoch    2", 1).section('\n', 0, 0);
        const QString testLoss = last.section("test loss ", 1).section(' ', 0, 0);
        const Run e = cli({"eval", "--model", path("tiny.json"), "--data", tinygz});
        QCOMPARE(e.code, 0);
        QVERIFY2(e.out.contains("3 records, loss " + testLoss), qPrintable(t.out + e.out));

        // CSV: the test file's classes are encoded over the training data's.
        QFile two(path("two-species.csv"));
        QVERIFY(two.open(QIODevice::WriteOnly));
        two.write("petal_length,petal_width,species\n1.5,0.3,setosa\n5.5,2.0,virginica\n");
        two.close();
        const Run c = cli({"train", "--data", QString(BP_TEST_DATA_DIR "/flowers.csv"), "--test",
                           path("two-species.csv"), "--layers", "2,4,3", "--epochs", "1"});
        QCOMPARE(c.code, 0);
        QVERIFY2(c.out.startsWith("flowers.csv: 6 training records, 2 test records "
                                  "(two-species.csv), 2 inputs, 3 outputs, 3 classes; inputs "
                                  "stored as double (0.0 MB)\n"),
                 qPrintable(c.out));
        QVERIFY(c.out.contains("test acc"));

        QFile rose(path("rose.csv"));
        QVERIFY(rose.open(QIODevice::WriteOnly));
        rose.write("petal_length,petal_width,species\n1.5,0.3,rose\n");
        rose.close();
        const Run r = cli({"train", "--data", QString(BP_TEST_DATA_DIR "/flowers.csv"), "--test",
                           path("rose.csv"), "--layers", "2,4,3", "--epochs", "1"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("rose.csv: class 'rose' is not one the training data knows"),
                 qPrintable(r.err));
    }

    void errorsAndExitCodes_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option")
            << QStringList{"train", "--bogus"} << 2 << "not expected: --bogus";
        QTest::newRow("no data") << QStringList{"train", "--layers", "2,1"} << 2
                                 << "give either --data FILE or --dataset NAME";
        QTest::newRow("unknown command") << QStringList{"fly"} << 2 << "unknown command 'fly'";
        QTest::newRow("layers do not fit")
            << QStringList{"train", "--dataset", "iris", "--layers", "5,8,3"} << 2
            << "does not fit iris: it has 4 inputs and 3 outputs";
        QTest::newRow("bad number")
            << QStringList{"train", "--dataset", "iris", "--layers", "4,3", "--lr", "fast"} << 2
            << "--lr: expects a number, got 'fast'";
        QTest::newRow("test file and split")
            << QStringList{"train",  "--dataset",     "iris",    "--layers", "4,3",
                           "--test", data("xor.csv"), "--split", "0.5"}
            << 2 << "--test FILE takes the test records from FILE";
        QTest::newRow("test labels without a test file")
            << QStringList{"train", "--dataset", "iris", "--layers", "4,3", "--test-labels", "x"}
            << 2 << "--test-labels requires --test";
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
    // Issue 11: every bad option value is a usage error that names the option, the value
    // and what is allowed, found before any file is read (the data file here does not
    // exist: reading it would fail with exit 1) and leaving the --save target as it was.
    void badOptionValues_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        const auto row = [](const char* name, QStringList options, const char* message) {
            QTest::newRow(name) << options << QString::fromUtf8(message);
        };
        row("epochs -1", {"--epochs", "-1"}, "--epochs: must be from 1 to 1000000000; got -1");
        row("epochs 0", {"--epochs", "0"}, "--epochs: must be from 1 to 1000000000; got 0");
        row("empty layer", {"--layers", "2,,1"},
            "--layers: every size must be a whole number from 1 to 1000000; got '' in the list");
        row("zero layer", {"--layers", "2,0,1"}, "got '0' in the list");
        row("lr -0.1", {"--lr", "-0.1"}, "--lr: must be above 0 and at most 100; got -0.1");
        row("lr 0", {"--lr", "0"}, "--lr: must be above 0 and at most 100; got 0");
        row("lr inf", {"--lr", "inf"}, "--lr: expects a finite number, got 'inf'");
        row("momentum 1", {"--momentum", "1"}, "--momentum: must be from 0 to 0.999; got 1");
        row("momentum -0.5", {"--momentum", "-0.5"},
            "--momentum: must be from 0 to 0.999; got -0.5");
        row("l2 -1", {"--l2", "-1"}, "--l2: must be from 0 to 10; got -1");
        row("split 0", {"--split", "0"}, "--split: must be above 0 and at most 1; got 0");
        row("split 1.5", {"--split", "1.5"}, "--split: must be above 0 and at most 1; got 1.5");
        row("batch 0", {"--batch", "0"}, "--batch: must be from 1 to 100000; got 0");
        row("records -3", {"--records", "-3"}, "--records: must be from 0 to 1e+12; got -3");
        row("activation", {"--activation", "relux"},
            "--activation: 'relux' is not one of linear, sigmoid, tanh, relu, leaky_relu");
        row("output activation", {"--output-activation", "max"},
            "--output-activation: 'max' is not one of");
        row("loss", {"--loss", "hinge"}, "--loss: 'hinge' is not one of mse, cross_entropy");
        row("init", {"--init", "zeros"}, "--init: 'zeros' is not one of uniform, xavier, he");
        row("normalize", {"--normalize", "l2"},
            "--normalize: 'l2' is not one of none, minmax, zscore");
        row("precision", {"--precision", "half"},
            "--precision: 'half' is not one of double, float");
        row("init range", {"--init-range", "0"}, "--init-range: must be positive");
        row("target loss", {"--target-loss", "-1"}, "--target-loss: must be 0 or more");
        row("seed", {"--seed", "-5"}, "--seed: must be from 0 to 1000000000; got -5");
    }
    void badOptionValues() {
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        const QString save = path("kept.json");
        QFile f(save);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"kept\": true}\n");
        f.close();
        QStringList args{"train", "--data", "/nonexistent/never-read.csv", "--save", save};
        if (!options.contains("--layers"))
            args << "--layers"
                 << "2,4,1";
        const Run r = cli(args + options);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(!r.err.contains("never-read"), qPrintable(r.err)); // the data was not read
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("{\"kept\": true}\n")); // the --save file untouched
    }

    // A model that does not fit the data: the error names the data and the model file.
    void modelDoesNotFitTheData() {
        const QString model = path("hand.json");
        saveModel(handModel(), model.toStdString()); // 2 inputs, 2 outputs
        for (const char* command : {"eval", "step", "gradcheck"}) {
            const Run r = cli({command, "--model", model, "--dataset", "iris"});
            QCOMPARE(r.code, 1);
            QVERIFY2(
                r.err.contains("the data has 4 inputs but the network of " + model + " expects 2"),
                qPrintable(r.err));
        }
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
