// backprop-cli health and train --health as a user runs them: the JSON line on a fixed
// 2-2-1 model worked by hand, the same figures on iris computed here from the core's
// forward and backward with Eigen (not from the health code), the learning rate's
// default, the text table, train's CSV and the usage errors.
#include "io/data_loader.h"
#include "io/json.h"
#include "io/model_file.h"
#include "math/backprop.h"

#include <cmath>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_run.h"

using namespace bp;

namespace {
using Run = CliRun;

// The 2-2-1 of tst_core_health: ReLU hidden layer w(1) = [0 1 0; −1 0 1], linear output
// w(2) = [0 1 1], ½-squared error; the learning rate 0.5 stored unless `noHyper`.
Model handModel(bool noHyper = false) {
    Model m;
    m.network.inputSize = 2;
    m.network.loss = Loss::Mse;
    Layer hidden{Activation::Relu, Matrix(2, 3)};
    hidden.w << 0, 1, 0, //
        -1, 0, 1;
    Layer out{Activation::Linear, Matrix(1, 3)};
    out.w << 0, 1, 1;
    m.network.layers = {hidden, out};
    if (!noHyper) {
        Hyper h;
        h.learningRate = 0.5;
        m.hyper = h;
    }
    return m;
}

QString number(double v) {
    return QString::fromStdString(json::formatNumber(v));
}

QString iris() {
    return QStringLiteral(BP_RESOURCES_DIR "/datasets/iris.csv");
}

// What the health of `net` on the first n records of `data` is, computed directly: ∂J/∂w
// from backward(), z and x from forward(), the mean and spread in two passes.
struct Expected {
    double gradientNorm, weightNorm, dead, saturated, mean, std;
};
std::vector<Expected> directly(const Network& net, const Dataset& data, Eigen::Index n) {
    std::vector<Expected> all;
    for (int k = 1; k <= net.depth(); ++k) {
        const Layer& layer = net.layer(k);
        Matrix sum = Matrix::Zero(layer.w.rows(), layer.w.cols());
        Eigen::ArrayXd maxZ = Eigen::ArrayXd::Constant(layer.size(), -INFINITY);
        Eigen::ArrayXd maxSlope = Eigen::ArrayXd::Zero(layer.size());
        std::vector<double> xs;
        for (Eigen::Index r = 0; r < n; ++r) {
            RecordValues v;
            prepare(net, v);
            v.input = data.inputs.column(r);
            v.target = data.targets.col(r);
            forward(net, v);
            backward(net, v);
            sum += v.layer(k).dJdw;
            const Eigen::ArrayXd x = v.layer(k).x.array();
            maxZ = maxZ.max(v.layer(k).z.array());
            const Eigen::ArrayXd slope = 1 - x * x; // tanh: g′ = 1 − x²
            maxSlope = maxSlope.max(slope);
            xs.insert(xs.end(), x.data(), x.data() + x.size());
        }
        Expected e{};
        e.gradientNorm = (sum / double(n)).norm();
        e.weightNorm = layer.w.norm();
        const double units = double(layer.size());
        if (layer.activation == Activation::Relu)
            e.dead = double((maxZ <= 0).count()) / units;
        if (layer.activation == Activation::Tanh)
            e.saturated = double((maxSlope < 0.01).count()) / units;
        for (double x : xs)
            e.mean += x / double(xs.size());
        for (double x : xs)
            e.std += (x - e.mean) * (x - e.mean) / double(xs.size());
        e.std = std::sqrt(e.std);
        all.push_back(e);
    }
    return all;
}

bool near(double got, double want) {
    return std::abs(got - want) <= 1e-12 * std::max(1.0, std::abs(want));
}
} // namespace

class CliHealth : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString path(const char* name) { return m_dir.filePath(name); }

    void writeFile(const char* name, const char* text) {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }

private slots:
    void initTestCase() {
        saveModel(handModel(), path("hand.json").toStdString());
        saveModel(handModel(true), path("bare.json").toStdString());
        // The two records of tst_core_health's hand computation, and a third.
        writeFile("hand.csv", "x1,x2,y\n1,2,1\n2,0,3\n5,5,0\n");
    }

    // The records, as in tst_core_health: ∂J/∂w(1) mean [0 −½ 1; ½ ½ 1], ‖·‖ = √2.75;
    // ∂J/∂w(2) mean [0, −½, ½], ‖·‖ = √½; ‖w(1)‖ = √3, ‖w(2)‖ = √2; nothing dead; x(1)
    // = 1, 1, 2, 0 (mean 1, std √½); x(2) = 2, 2.
    void jsonOfTheHandModel() {
        const Run r = cli({"health", "--model", path("hand.json"), "--data", path("hand.csv"),
                           "--records", "2", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const double a = 0.5; // the model's own learning rate
        const QString want =
            "{\"records\": 2, \"learning_rate\": 0.5, \"layers\": ["
            "{\"layer\": 1, \"activation\": \"relu\", \"gradient_norm\": " +
            number(std::sqrt(2.75)) + ", \"weight_norm\": " + number(std::sqrt(3.0)) +
            ", \"update_ratio\": " + number(a * std::sqrt(2.75) / std::sqrt(3.0)) +
            ", \"dead_fraction\": 0, \"saturated_fraction\": 0, \"activation_mean\": 1, "
            "\"activation_std\": " +
            number(std::sqrt(0.5)) +
            "}, "
            "{\"layer\": 2, \"activation\": \"linear\", \"gradient_norm\": " +
            number(std::sqrt(0.5)) + ", \"weight_norm\": " + number(std::sqrt(2.0)) +
            ", \"update_ratio\": " + number(a * std::sqrt(0.5) / std::sqrt(2.0)) +
            ", \"dead_fraction\": 0, \"saturated_fraction\": 0, \"activation_mean\": 2, "
            "\"activation_std\": 0}]}\n";
        QCOMPARE(r.out, want);
        QVERIFY(!QJsonDocument::fromJson(r.out.toUtf8()).isNull());
    }

    void learningRate_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<double>("rate");
        QTest::newRow("the model's") << "hand.json" << QStringList{} << 0.5;
        QTest::newRow("none stored: 0.1") << "bare.json" << QStringList{} << 0.1;
        QTest::newRow("--lr") << "hand.json" << QStringList{"--lr", "0.02"} << 0.02;
    }

    void learningRate() {
        QFETCH(QString, model);
        QFETCH(QStringList, extra);
        QFETCH(double, rate);
        const Run r = cli(QStringList{"health", "--model", m_dir.filePath(model), "--data",
                                      path("hand.csv"), "--json"} +
                          extra);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(json["records"].toInt(), 3); // all records by default
        QCOMPARE(json["learning_rate"].toDouble(), rate);
        const QJsonObject first = json["layers"].toArray()[0].toObject();
        QCOMPARE(first["update_ratio"].toDouble(),
                 rate * first["gradient_norm"].toDouble() / std::sqrt(3.0));
        // Record 3, x(0) = (5, 5): z(1) = (5, 4), not ≤ 0: still nothing dead.
        QCOMPARE(first["dead_fraction"].toDouble(), 0.0);
    }

    void irisComputedDirectly_data() {
        QTest::addColumn<QString>("activation");
        QTest::addColumn<int>("records");
        QTest::newRow("relu, 40 records") << "relu" << 40;
        QTest::newRow("tanh, all 150") << "tanh" << 150;
    }

    // A 4-10-3 network (uniform weights in ±1.5, so that some units die or saturate on
    // iris's raw inputs) with a softmax output: the CLI's figures against directly().
    void irisComputedDirectly() {
        QFETCH(QString, activation);
        QFETCH(int, records);
        Architecture arch;
        arch.sizes = {4, 10, 3};
        arch.hidden = *activationFromString(activation.toStdString());
        arch.output = Activation::Softmax;
        arch.loss = Loss::CrossEntropy;
        arch.init = Init::Uniform;
        arch.uniformRange = 1.5;
        Model m;
        m.network = makeNetwork(arch, 4);
        const QString file = path("iris-model.json");
        saveModel(m, file.toStdString());
        const Run r = cli({"health", "--model", file, "--data", iris(), "--records",
                           QString::number(records), "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(json["records"].toInt(), records);
        const Dataset data = loadDataset(iris().toStdString());
        const std::vector<Expected> want = directly(m.network, data, records);
        const QJsonArray layers = json["layers"].toArray();
        QCOMPARE(layers.size(), 2);
        for (int k = 0; k < 2; ++k) {
            const QJsonObject l = layers[k].toObject();
            const Expected& e = want[std::size_t(k)];
            QCOMPARE(l["layer"].toInt(), k + 1);
            QVERIFY2(near(l["gradient_norm"].toDouble(), e.gradientNorm),
                     qPrintable(QString::number(l["gradient_norm"].toDouble(), 'g', 17)));
            QVERIFY(near(l["weight_norm"].toDouble(), e.weightNorm));
            QVERIFY(near(l["update_ratio"].toDouble(), 0.1 * e.gradientNorm / e.weightNorm));
            QCOMPARE(l["dead_fraction"].toDouble(), e.dead);
            QCOMPARE(l["saturated_fraction"].toDouble(), e.saturated);
            QVERIFY(near(l["activation_mean"].toDouble(), e.mean));
            QVERIFY(near(l["activation_std"].toDouble(), e.std));
        }
        QCOMPARE(layers[1].toObject()["activation"].toString(), QString("softmax"));
        // Something to find: a dead or a saturated unit.
        QVERIFY(want[0].dead > 0 || want[0].saturated > 0);
    }

    void textTable() {
        const Run r = cli(
            {"health", "--model", path("hand.json"), "--data", path("hand.csv"), "--records", "2"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList lines = r.out.split('\n');
        QVERIFY2(lines[0].startsWith("hand.csv: 2 records of 3, learning rate a = 0.5"),
                 qPrintable(r.out));
        QVERIFY(lines[1].startsWith("layer  activation"));
        QVERIFY2(
            lines[2].contains(QRegularExpression("^1 +relu +2 +1\\.6583124 +1\\.7320508 "
                                                 "+0\\.47871355 +0\\.00% +- +1 +0\\.70710678$")),
            qPrintable(lines[2]));
        QVERIFY(r.out.contains("x(1) histogram: [0, 0.1) 1, [1, 1.1) 2, [2, 2.1) 1\n"));
        QVERIFY(r.out.contains("∂J/∂z(1) histogram: (-10, -1] 1, |v| < 1e-08 1, [1, 10) 2\n"));
    }

    // train --health: a header, then one row per epoch over its last N records.
    void trainWritesOneRowPerEpoch() {
        const QString csv = path("health.csv");
        const Run t =
            cli({"train", "--dataset", "xor", "--split", "1", "--layers", "2,4,1", "--activation",
                 "tanh", "--epochs", "3", "--health", csv, "--health-records", "3"});
        QVERIFY2(t.code == 0, qPrintable(t.err));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QStringList header{"epoch", "records", "learning_rate"};
        for (int k = 1; k <= 2; ++k)
            for (const char* name :
                 {"gradient_norm", "weight_norm", "update_ratio", "dead_fraction",
                  "saturated_fraction", "activation_mean", "activation_std"})
                header << QString("%1(%2)").arg(name).arg(k);
        QCOMPARE(lines[0], header.join(','));
        for (int e = 1; e <= 3; ++e) {
            const QStringList row = lines[e].split(',');
            QCOMPARE(row.size(), header.size());
            QCOMPARE(row[0], QString::number(e));
            QCOMPARE(row[1], QString("3"));
            QCOMPARE(row[2].toDouble(), 0.1);
            for (const QString& cell : row) {
                bool ok = false;
                cell.toDouble(&ok);
                QVERIFY(ok);
            }
            QVERIFY(row[3].toDouble() > 0); // ‖∂J/∂w(1)‖
        }
        // Without --health-records: the last 100 of xor's 200 records (in float, too); all
        // of an epoch of 50.
        for (const QString& perEpoch : {QString("0"), QString("50")}) {
            const Run run =
                cli({"train", "--dataset", "xor", "--split", "1", "--layers", "2,4,1", "--epochs",
                     "2", "--records", perEpoch, "--precision", "float", "--health", csv});
            QVERIFY2(run.code == 0, qPrintable(run.err));
            QFile again(csv);
            QVERIFY(again.open(QIODevice::ReadOnly));
            const QStringList rows =
                QString::fromUtf8(again.readAll()).split('\n', Qt::SkipEmptyParts);
            QCOMPARE(rows.size(), 3);
            QCOMPARE(rows[2].split(',')[1], perEpoch == "0" ? QString("100") : perEpoch);
        }
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("no model") << QStringList{"health", "--dataset", "xor"} << 2 << "--model";
        QTest::newRow("no data") << QStringList{"health", "--model", "M"} << 2 << "--data";
        QTest::newRow("zero records")
            << QStringList{"health", "--model", "M", "--dataset", "xor", "--records", "0"} << 2
            << "--records";
        QTest::newRow("lr 0") << QStringList{"health", "--model", "M", "--dataset",
                                             "xor",    "--lr",    "0"}
                              << 2 << "--lr";
        QTest::newRow("--health-records alone")
            << QStringList{"train", "--dataset",        "xor", "--layers",
                           "2,2,1", "--health-records", "5"}
            << 2 << "--health";
        QTest::newRow("model does not fit")
            << QStringList{"health", "--model", "M", "--dataset", "iris"} << 1 << "inputs";
    }

    void usageErrors() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        args.replaceInStrings(QRegularExpression("^M$"), path("hand.json"));
        const Run r = cli(args);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_APPLESS_MAIN(CliHealth)
#include "tst_cli_health.moc"
