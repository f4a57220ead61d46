// Every text the network graph draws is whole and apart from the others, at the sizes

#include "style/screen_text.h"
// the window gives the graph (its default 1400×900 and 1280×800 layouts, and a
// projector's), for the networks of the presets and of Fashion-MNIST. The painter
// draws into a device whose paint engine records each text and where it went; the
// test asserts no text is elided ("…") and no two texts overlap, and that 8-node
// hidden layers show their values and 10 outputs their class names.
#include "graph/graph_frame.h"
#include "graph/network_view.h"
#include "hand_network_snapshots.h"
#include "io/builtin_datasets.h"
#include "io/generators.h"
#include "math/training.h"
#include "text_recorder.h"

#include <QPainter>
#include <QtTest>

using namespace bp;
using bp::test::DrawnText;
using bp::test::RecordingDevice;

namespace {

Network net(std::vector<Eigen::Index> sizes, Activation hidden, Activation output) {
    Architecture a;
    a.sizes = std::move(sizes);
    a.hidden = hidden;
    a.output = output;
    a.loss = output == Activation::Softmax ? Loss::CrossEntropy : Loss::Mse;
    return makeNetwork(a, 3);
}

std::shared_ptr<Dataset> fashionShaped() {
    auto d = std::make_shared<Dataset>();
    d->inputs = FeatureMatrix(Storage::Double, 784, 20);
    d->targets = Matrix::Zero(10, 20);
    for (Eigen::Index r = 0; r < 20; ++r) {
        for (Eigen::Index i = 0; i < 784; ++i)
            d->inputs.set(i, r, ((i * 7 + r * 13) % 17) / 17.0);
        d->targets(r % 10, r) = 1;
        d->labels.push_back(static_cast<int>(r % 10));
    }
    d->classNames = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                     "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return d;
}

} // namespace

class GraphLabelsTest : public QObject {
    Q_OBJECT

private slots:
    void textsAreWholeAndApart_data() {
        QTest::addColumn<QString>("network");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("presentation");
        QTest::addColumn<double>("fontScale");
        // The graph's area in the window at 1400×900 and at 1280×800 (docks at their
        // default widths), on a wide screen, and in presentation mode (the side and bottom
        // docks step aside: the graph gets two thirds of the width) at both sizes.
        // Also with a desktop font a quarter larger than the default (Xvfb's window
        // measured its fonts larger than the offscreen platform does).
        struct Case {
            QSize size;
            bool presentation;
            double fontScale = 1.0;
        };
        for (const char* n : {"2-4-1", "2-8-8-1", "4-8-3", "784-128-10"})
            for (const Case& c :
                 {Case{{640, 470}, false}, Case{{490, 420}, false}, Case{{1200, 700}, false},
                  Case{{930, 780}, true}, Case{{850, 700}, true}, Case{{1070, 790}, true},
                  Case{{640, 470}, false, 1.25}, Case{{1070, 790}, true, 1.25}})
                QTest::newRow(qPrintable(QString("%1 at %2x%3%4%5")
                                             .arg(n)
                                             .arg(c.size.width())
                                             .arg(c.size.height())
                                             .arg(c.presentation ? ", presentation" : "")
                                             .arg(c.fontScale != 1 ? ", larger font" : "")))
                    << QString(n) << c.size << c.presentation << c.fontScale;
    }

    void textsAreWholeAndApart() {
        QFETCH(QString, network);
        QFETCH(QSize, size);
        QFETCH(bool, presentation);
        QFETCH(double, fontScale);
        std::unique_ptr<bp::test::SnapshotMaker> maker;
        QStringList names;
        if (network == "2-4-1")
            maker = std::make_unique<bp::test::SnapshotMaker>(
                net({2, 4, 1}, Activation::Tanh, Activation::Sigmoid),
                std::make_shared<Dataset>(generateXor(1, 0.1, 20)), 0.5);
        else if (network == "2-8-8-1")
            maker = std::make_unique<bp::test::SnapshotMaker>(
                net({2, 8, 8, 1}, Activation::Tanh, Activation::Sigmoid),
                std::make_shared<Dataset>(generateCircle(1, 0.1, 20)), 0.05);
        else if (network == "4-8-3")
            maker = std::make_unique<bp::test::SnapshotMaker>(
                net({4, 8, 3}, Activation::Relu, Activation::Softmax),
                std::make_shared<Dataset>(builtinDataset("iris")), 0.02);
        else {
            std::shared_ptr<Dataset> d = fashionShaped();
            for (const std::string& n : d->classNames)
                names << QString::fromStdString(n);
            maker = std::make_unique<bp::test::SnapshotMaker>(
                net({784, 128, 10}, Activation::Relu, Activation::Softmax), d, 0.01);
        }
        // After a whole record and its update: every value, δ and Δw on screen.
        std::shared_ptr<const Snapshot> s;
        for (int i = 0; i < 3 * (2 * 3 + 2); ++i)
            s = maker->step();
        s = maker->stepThrough(Phase{Phase::Kind::Update, 0});
        NetworkView view;
        view.resize(size);
        // In presentation mode the window also sets the application font 1.6× larger
        // (MainWindow::setPresentationMode), and the graph scales that again.
        QFont font = view.font();
        font.setPointSizeF(font.pointSizeF() * fontScale * (presentation ? 1.6 : 1.0));
        view.setFont(font);
        view.setPresentationMode(presentation);
        view.setOutputNames(names);
        view.setSnapshot(s);
        RecordingDevice device(size);
        {
            QPainter painter(&device);
            view.render(painter, QRectF(QPointF(0, 0), QSizeF(size)));
        }
        const std::vector<DrawnText>& texts = device.texts();
        QVERIFY(texts.size() > 10);
        for (const DrawnText& t : texts) {
            QVERIFY2(!t.text.contains(QChar(0x2026)), qPrintable("cut: " + t.text));
            QVERIFY2(
                QRectF(0, 0, size.width(), size.height()).adjusted(-1, -1, 1, 1).contains(t.rect),
                qPrintable("outside the graph: " + t.text));
        }
        for (std::size_t a = 0; a < texts.size(); ++a)
            for (std::size_t b = a + 1; b < texts.size(); ++b) {
                // Rectangles from the font's ascent and descent touch between lines: a
                // real overlap covers more than a sliver.
                const QRectF both = texts[a].rect.intersected(texts[b].rect);
                QVERIFY2(
                    both.width() < 1.5 || both.height() < 3,
                    qPrintable(QString("'%1' overlaps '%2'").arg(texts[a].text, texts[b].text)));
            }
        QStringList all;
        for (const DrawnText& t : texts)
            all << t.text;
        // At the window's own sizes (in presentation mode a value that does not fit beside
        // its dot even in one digit, such as −0.0008, is left to the tooltip).
        if (network == "2-8-8-1" && size.width() >= 600 && !presentation) {
            // Each hidden node's x, as the graph writes it (4 significant digits, fewer
            // where they do not fit), on screen.
            for (int k = 1; k <= 2; ++k)
                for (int i = 0; i < 8; ++i) {
                    const double x = s->values.layers[k - 1].x(i);
                    bool shown = false;
                    for (int digits = 1; digits <= 4; ++digits) {
                        const QString v = screenNumber(x, digits); // alone, or after x_i(k)
                        shown = shown || std::any_of(all.begin(), all.end(), [&](const QString& t) {
                                    return t == v || t == nodeLabel(k, i + 1) + "  " + v;
                                });
                    }
                    QVERIFY2(shown, qPrintable(QString("x_%1(%2) = %3 not shown; drawn: %4")
                                                   .arg(i + 1)
                                                   .arg(k)
                                                   .arg(x)
                                                   .arg(all.join(" / "))));
                }
        }
        if (network == "784-128-10" && fontScale == 1)
            for (const QString& n : names)
                // Beside a dot "Sandal  0.495"; beside a labelled circle "y₆ = 0 (Sandal)".
                QVERIFY2(std::any_of(all.begin(), all.end(),
                                     [&n](const QString& t) {
                                         return t.startsWith(n + "  ") || t.endsWith("(" + n + ")");
                                     }),
                         qPrintable(n + " not shown with its value or target"));
    }
};

QTEST_MAIN(GraphLabelsTest)
#include "tst_ui_graph_labels.moc"
