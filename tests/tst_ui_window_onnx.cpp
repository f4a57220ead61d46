// A PyTorch MLP in the real window (issue 15, docs/onnx.md): tests/data/onnx/iris_torch.onnx,
// written by torch.onnx.export (make_iris_torch.py beside it), opened with File → Open model
// on the iris data and stepped phase by phase. Every z, x, δ and ∂J/∂z on screen must be
// what the derivation gives for PyTorch's own weights, computed here in plain loops from
// the initializers read with libonnx (not through the app's reader); the model saved back
// as ONNX from the window reads as the same network; and `backprop-studio --model` opens it
// from the command line.
#include "app_home.h"
#include "graph/network_view.h"
#include "io/model_file.h"
#include "io/onnx_reader.h"
#include "io/session_file.h"
#include "panels/architecture_panel.h"
#include "window/main_window.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <onnx/onnx_pb.h>
#include <optional>
#include <QComboBox>
#include <QFileInfo>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>
#include <sstream>

using namespace bp;

namespace {

const QString kModel = QStringLiteral(BP_TEST_DATA_DIR "/onnx/iris_torch.onnx");

// name → values of every float initializer, as doubles (float widens exactly).
std::map<std::string, std::vector<double>> initializers(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    onnx::ModelProto m;
    std::map<std::string, std::vector<double>> out;
    if (!m.ParseFromString(bytes.str()))
        return out;
    for (const onnx::TensorProto& t : m.graph().initializer()) {
        std::vector<float> f(t.raw_data().size() / sizeof(float));
        std::memcpy(f.data(), t.raw_data().data(), f.size() * sizeof(float));
        out[t.name()] = std::vector<double>(f.begin(), f.end());
    }
    return out;
}

bool close(double ours, double expected) {
    return std::abs(ours - expected) <= 1e-12 * std::max(1.0, std::abs(expected));
}

// The window at 1600×1000 on iris with the PyTorch model opened, at its start.
bool showTorchModel(MainWindow& w) {
    w.resize(1600, 1000);
    w.show();
    return QTest::qWaitForWindowExposed(&w) && w.loadPreset("iris") && w.openModel(kModel) &&
           QTest::qWaitFor([&] {
               return w.snapshot() && w.snapshot()->network == w.prepared().network &&
                      w.snapshot()->time == 0;
           });
}

void press(MainWindow& w, int key) {
    QTest::keyClick(&w, Qt::Key(key));
}

} // namespace

class UiWindowOnnx : public QObject {
    Q_OBJECT
private slots:
    void pytorchModelStepsWithEveryDelta() {
        const auto init = initializers(kModel);
        QCOMPARE(init.size(), std::size_t(4));
        const std::vector<double>&W1 = init.at("0.weight"), &b1 = init.at("0.bias"),
              &W2 = init.at("2.weight"), &b2 = init.at("2.bias");
        QCOMPARE(W1.size(), std::size_t(8 * 4));
        QCOMPARE(W2.size(), std::size_t(3 * 8));

        MainWindow w;
        QVERIFY(showTorchModel(w));

        // PyTorch's weights in the session, bit for bit: w_{i,0}(k) the bias, w_{i,j}(k) =
        // W[i][j−1].
        const Network& net = w.snapshot()->network;
        QVERIFY(net.layer(1).activation == Activation::Relu);
        QVERIFY(net.layer(2).activation == Activation::Softmax);
        QVERIFY(net.loss == Loss::CrossEntropy); // a softmax output: cross-entropy (docs/onnx.md)
        for (int i = 0; i < 8; ++i) {
            QCOMPARE(net.layer(1).w(i, 0), b1[std::size_t(i)]);
            for (int j = 0; j < 4; ++j)
                QCOMPARE(net.layer(1).w(i, j + 1), W1[std::size_t(i * 4 + j)]);
        }
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(net.layer(2).w(i, 0), b2[std::size_t(i)]);
            for (int j = 0; j < 8; ++j)
                QCOMPARE(net.layer(2).w(i, j + 1), W2[std::size_t(i * 8 + j)]);
        }

        // F11 five times: forward 1, forward 2, the loss, backward 2, backward 1.
        for (int p = 0; p < 5; ++p) {
            const quint64 serial = w.snapshot()->serial;
            press(w, Qt::Key_F11);
            QTRY_VERIFY(w.snapshot()->serial != serial);
        }
        const Snapshot& s = *w.snapshot();
        QVERIFY(s.nextPhase.kind == Phase::Kind::Update);
        const Dataset& train = *w.prepared().train;
        QVERIFY(s.recordIndex >= 0);
        for (Eigen::Index i = 0; i < 4; ++i) // raw iris measurements: the model has no normaliser
            QCOMPARE(s.values.input(i), train.inputs(i, s.recordIndex));

        // The derivation in plain loops. Forward: z_i(k) = w_{i,0}(k) + Σ_j w_{i,j}(k) x_j(k−1).
        std::vector<double> z1(8), x1(8), z2(3), f(3);
        for (int i = 0; i < 8; ++i) {
            z1[std::size_t(i)] = b1[std::size_t(i)];
            for (int j = 0; j < 4; ++j)
                z1[std::size_t(i)] += W1[std::size_t(i * 4 + j)] * s.values.input(j);
            x1[std::size_t(i)] = std::max(0.0, z1[std::size_t(i)]); // ReLU
        }
        double zmax = -INFINITY, sum = 0;
        for (int i = 0; i < 3; ++i) {
            z2[std::size_t(i)] = b2[std::size_t(i)];
            for (int j = 0; j < 8; ++j)
                z2[std::size_t(i)] += W2[std::size_t(i * 8 + j)] * x1[std::size_t(j)];
            zmax = std::max(zmax, z2[std::size_t(i)]);
        }
        for (int i = 0; i < 3; ++i)
            sum += std::exp(z2[std::size_t(i)] - zmax);
        for (int i = 0; i < 3; ++i) // softmax
            f[std::size_t(i)] = std::exp(z2[std::size_t(i)] - zmax) / sum;
        // J = −Σ y_i ln f_i; with softmax and cross-entropy ∂J/∂z_i(2) = f_i − y_i.
        double J = 0;
        std::vector<double> dz2(3), dx1(8), dz1(8);
        for (int i = 0; i < 3; ++i) {
            const double y = s.values.target(i);
            if (y > 0)
                J -= y * std::log(f[std::size_t(i)]);
            dz2[std::size_t(i)] = f[std::size_t(i)] - y;
        }
        // δ_j(1) = Σ_i ∂J/∂z_i(2) · w_{i,j}(2); ∂J/∂z_j(1) = δ_j(1) · g'(z_j(1)), g' of ReLU 0
        // or 1.
        for (int j = 0; j < 8; ++j) {
            for (int i = 0; i < 3; ++i)
                dx1[std::size_t(j)] += dz2[std::size_t(i)] * W2[std::size_t(i * 8 + j)];
            dz1[std::size_t(j)] = z1[std::size_t(j)] > 0 ? dx1[std::size_t(j)] : 0.0;
        }

        // What the window shows is those numbers: the snapshot its views draw from.
        QTRY_COMPARE(w.graph()->snapshot()->serial, s.serial);
        const Snapshot& g = *w.graph()->snapshot();
        for (int i = 0; i < 8; ++i) {
            QVERIFY(close(g.values.layer(1).z(i), z1[std::size_t(i)]));
            QVERIFY(close(g.values.layer(1).x(i), x1[std::size_t(i)]));
            QVERIFY2(close(g.values.layer(1).delta(i), dx1[std::size_t(i)]),
                     qPrintable(QString("δ_%1(1): %2, worked out %3")
                                    .arg(i + 1)
                                    .arg(g.values.layer(1).delta(i), 0, 'g', 17)
                                    .arg(dx1[std::size_t(i)], 0, 'g', 17)));
            QVERIFY(close(g.values.layer(1).dJdz(i), dz1[std::size_t(i)]));
        }
        for (int i = 0; i < 3; ++i) {
            QVERIFY(close(g.values.layer(2).z(i), z2[std::size_t(i)]));
            QVERIFY(close(g.values.layer(2).x(i), f[std::size_t(i)]));
            QVERIFY(close(g.values.layer(2).dJdz(i), dz2[std::size_t(i)]));
        }
        QVERIFY(close(g.values.loss, J));

        // Saved from the window as ONNX (File → Export → Model as ONNX writes the same way):
        // read back, the network is the one on screen (float32 weights from float32: exact).
        QTemporaryDir dir;
        const QString out = dir.filePath("back.onnx");
        QVERIFY(w.saveModel(out));
        QVERIFY(QFileInfo::exists(out));
        const Model back = loadOnnxModel(out.toStdString());
        QVERIFY(back.network == w.snapshot()->network);
    }

    // ONNX holds no loss: the Architecture dock says which. Apply with another loss keeps
    // PyTorch's weights (the same layers, initialisation and seed); a new seed draws new
    // ones. With ½-squared error after the softmax, ∂J/∂z(2) is no longer f − y:
    // ∂J/∂z_j(2) = Σ_i (f_i − y_i) · f_i (δ_ij − f_j), the softmax's Jacobian.
    void theArchitectureDockSetsTheLoss() {
        MainWindow w;
        QVERIFY(showTorchModel(w));
        const Network torch = w.prepared().network;
        QVERIFY(torch.loss == Loss::CrossEntropy);

        ArchitecturePanel* dock = w.architecturePanel();
        auto* loss = dock->findChild<QComboBox*>("loss");
        auto* apply = dock->findChild<QPushButton*>("apply");
        auto* seed = dock->findChild<QSpinBox*>("seed");
        QVERIFY(loss && apply && seed);
        QCOMPARE(loss->currentData().toInt(), int(Loss::CrossEntropy)); // the model's, shown
        loss->setCurrentIndex(loss->findData(int(Loss::Mse)));
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY(w.snapshot()->network == w.prepared().network && w.snapshot()->time == 0);

        const Network& net = w.snapshot()->network;
        QVERIFY(net.loss == Loss::Mse);
        QCOMPARE(net.depth(), torch.depth());
        for (int k = 1; k <= net.depth(); ++k) {
            QVERIFY(net.layer(k).activation == torch.layer(k).activation);
            QVERIFY2(net.layer(k).w == torch.layer(k).w, "Apply did not keep PyTorch's weights");
        }
        QVERIFY(w.prepared().normalizer.kind == Normalizer::Kind::None); // still the model's

        // Forward 1, forward 2, the loss, backward 2.
        for (int p = 0; p < 4; ++p) {
            const quint64 serial = w.snapshot()->serial;
            press(w, Qt::Key_F11);
            QTRY_VERIFY(w.snapshot()->serial != serial);
        }
        QTRY_COMPARE(w.graph()->snapshot()->serial, w.snapshot()->serial);
        const Snapshot& g = *w.graph()->snapshot();
        double J = 0;
        for (int i = 0; i < 3; ++i) // J = ½ Σ (y_i − f_i)²
            J += 0.5 * std::pow(g.values.target(i) - g.values.layer(2).x(i), 2);
        QVERIFY(close(g.values.loss, J));
        for (int j = 0; j < 3; ++j) {
            double dz = 0;
            for (int i = 0; i < 3; ++i) {
                const double f = g.values.layer(2).x(i), fj = g.values.layer(2).x(j);
                dz += (f - g.values.target(i)) * f * ((i == j ? 1.0 : 0.0) - fj);
            }
            QVERIFY2(close(g.values.layer(2).dJdz(j), dz),
                     qPrintable(QString("∂J/∂z_%1(2): %2, worked out %3")
                                    .arg(j + 1)
                                    .arg(g.values.layer(2).dJdz(j), 0, 'g', 17)
                                    .arg(dz, 0, 'g', 17)));
        }

        // Saved as our JSON: PyTorch's weights with the loss chosen here.
        QTemporaryDir dir;
        const QString json = dir.filePath("from-torch.json");
        QVERIFY(w.saveModel(json));
        const Model saved = loadModel(json.toStdString());
        QVERIFY(saved.network == net);

        // Another seed: new random weights for the same layers, the loss as chosen.
        seed->setValue(seed->value() + 1);
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY(w.snapshot()->network == w.prepared().network && w.snapshot()->time == 0);
        QVERIFY(w.snapshot()->network.loss == Loss::Mse);
        QVERIFY(!(w.snapshot()->network.layer(1).w == torch.layer(1).w));
    }

    // A file that is not a model the reader takes: the window says why and keeps its run.
    void refusedFileKeepsTheRun() {
        QTemporaryDir dir;
        const QString bad = dir.filePath("not-a-model.onnx");
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is text, not protobuf");
        }
        MainWindow w;
        QVERIFY(w.loadPreset("iris"));
        QTRY_VERIFY(w.snapshot());
        const Network before = w.snapshot()->network;
        QTimer::singleShot(0, [] { // the warning box, closed as a user would
            QTRY_VERIFY(QApplication::activeModalWidget());
            QApplication::activeModalWidget()->close();
        });
        QVERIFY(!w.openModel(bad));
        QVERIFY(w.snapshot()->network == before);
    }

    // `backprop-studio --model F --run`, a user's command line: the real app opens the
    // model on the data (a preset, or a file read on a worker thread) and trains from
    // PyTorch's weights. Its autosave says so: the run started from that model, and trained.
    void theCommandLineOpensTheModel_data() {
        QTest::addColumn<QStringList>("data");
        QTest::newRow("--dataset iris") << QStringList{"--dataset", "iris"};
        QTest::newRow("--data iris.csv")
            << QStringList{"--data", QStringLiteral(BP_RESOURCES_DIR "/datasets/iris.csv")};
    }
    void theCommandLineOpensTheModel() {
        QFETCH(QStringList, data);
        const testing::AppHome home; // not the user's autosave
        QProcess app;
        app.setProcessEnvironment(home.environment());
        app.start(BP_STUDIO_PATH, data + QStringList{"--model", kModel, "--run"});
        QVERIFY(app.waitForStarted());

        const Network torch = loadModel(kModel.toStdString()).network;
        std::optional<SavedSession> saved;
        const bool trained = QTest::qWaitFor(
            [&] {
                try {
                    saved = loadSession(home.autosave().toStdString());
                } catch (const std::exception&) { // not written yet
                }
                return saved && saved->run.recordsTrained > 0;
            },
            30000);
        app.kill();
        app.waitForFinished();
        QVERIFY2(trained, "no autosave of a trained run within 30 s"); // --run ran
        QVERIFY(saved->experiment.model.has_value());
        QVERIFY2(saved->experiment.model->network == torch, "the run did not start from the model");
    }
};

QTEST_MAIN(UiWindowOnnx)
#include "tst_ui_window_onnx.moc"
