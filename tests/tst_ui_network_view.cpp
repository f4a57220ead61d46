// The network graph (bp::NetworkView) on real snapshots of real training runs:
// the classic 2-2-2 hand example, iris 4-8-3 and a 784-128-10 net on 28×28 images.
// Clicks hit the right node and edge, tooltips carry the snapshot's exact numbers,
// the palette tells signs apart, big inputs are drawn as images, exports load.
// With BP_GRAPH_SCREENSHOTS=<dir> it also writes the screenshots of docs/screenshots.
#include "graph/diverging_palette.h"
#include "graph/edge_plan.h"
#include "graph/graph_tooltips.h"
#include "graph/network_view.h"
#include "hand_network_snapshots.h"
#include "io/builtin_datasets.h"
#include "math/explain.h"
#include "math/training.h"
#include "session/snapshot.h"

#include <algorithm>
#include <cmath>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>

using namespace bp;

namespace {

QByteArray readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

using Stepper = bp::test::SnapshotMaker;

// The classic 2-2-2 example (tests/hand_network.h).
Stepper handExample() {
    return Stepper();
}

Stepper iris() {
    Dataset d = builtinDataset("iris");
    Normalizer::fit(Normalizer::Kind::MinMax, d.inputs).apply(d.inputs);
    Architecture a;
    a.sizes = {4, 8, 3};
    a.hidden = Activation::Tanh;
    a.output = Activation::Softmax;
    a.loss = Loss::CrossEntropy;
    return Stepper(makeNetwork(a, 7), std::make_shared<Dataset>(d), 0.1);
}

// The 8×8 digits scaled up to 28×28 (bilinear), values in [0, 1]: MNIST-shaped records.
std::shared_ptr<Dataset> digits28(long records) {
    const Dataset d = builtinDataset("digits", 1, 0, records);
    auto out = std::make_shared<Dataset>();
    out->name = "digits 28x28";
    out->classNames = d.classNames;
    out->labels = d.labels;
    out->targets = d.targets;
    out->inputs = FeatureMatrix(Storage::Double, 784, d.records());
    const double max = d.inputs.toMatrix().maxCoeff();
    const double top = max > 0 ? max : 1.0;
    for (Eigen::Index r = 0; r < d.records(); ++r) {
        for (int y = 0; y < 28; ++y) {
            for (int x = 0; x < 28; ++x) {
                const double fy = std::clamp((y + 0.5) * 8 / 28 - 0.5, 0.0, 7.0);
                const double fx = std::clamp((x + 0.5) * 8 / 28 - 0.5, 0.0, 7.0);
                const int y0 = static_cast<int>(fy), x0 = static_cast<int>(fx);
                const int y1 = std::min(7, y0 + 1), x1 = std::min(7, x0 + 1);
                const double ty = fy - y0, tx = fx - x0;
                auto at = [&](int yy, int xx) { return d.inputs(yy * 8 + xx, r) / top; };
                out->inputs.set(y * 28 + x, r,
                                (1 - ty) * ((1 - tx) * at(y0, x0) + tx * at(y0, x1)) +
                                    ty * ((1 - tx) * at(y1, x0) + tx * at(y1, x1)));
            }
        }
    }
    return out;
}

Stepper mnistLike(long records = 200) {
    Architecture a;
    a.sizes = {784, 128, 10};
    a.hidden = Activation::Relu;
    a.output = Activation::Sigmoid;
    a.loss = Loss::CrossEntropy;
    a.init = Init::He;
    return Stepper(makeNetwork(a, 3), digits28(records), 0.05);
}

QString num(double v) {
    return QString::fromStdString(formatNumber(v, 6));
}

void showView(NetworkView& view, QSize size = QSize(1400, 800)) {
    view.resize(size);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
}

} // namespace

class TestNetworkView : public QObject {
    Q_OBJECT

private slots:
    void paletteSeparatesSigns_data() {
        QTest::addColumn<double>("value");
        QTest::newRow("small") << 0.1;
        QTest::newRow("half") << 0.5;
        QTest::newRow("full") << 1.0;
        QTest::newRow("beyond") << 7.0;
    }
    void paletteSeparatesSigns() {
        QFETCH(double, value);
        const DivergingPalette p(1.0);
        const QColor pos = p.color(value);
        const QColor neg = p.color(-value);
        // Positive red (hue near 0°/360°), negative blue (hue near 200°).
        const int hueGap = std::abs(pos.hslHue() - neg.hslHue());
        QVERIFY2(std::min(hueGap, 360 - hueGap) > 120,
                 qPrintable(QStringLiteral("hues %1 and %2").arg(pos.hslHue()).arg(neg.hslHue())));
        QVERIFY(pos.red() > pos.blue());
        QVERIFY(neg.blue() > neg.red());
        // Stronger values are further from neutral.
        QVERIFY(p.color(value).lightness() <= p.color(value / 2).lightness());
    }
    void paletteZeroIsNeutral() {
        const DivergingPalette p(2.0);
        QCOMPARE(p.color(0), DivergingPalette::neutralColor());
        QVERIFY(p.color(0).hslSaturation() < 20);
        QVERIFY(p.color(0).lightness() > 230);
        QCOMPARE(p.color(std::nan("")), DivergingPalette::invalidColor());
        QCOMPARE(p.color(HUGE_VAL), DivergingPalette::invalidColor());
        QCOMPARE(p.color(5), p.color(2)); // saturates at the range
    }
    void niceRange_data() {
        QTest::addColumn<double>("maxAbs");
        QTest::addColumn<double>("range");
        QTest::newRow("zero") << 0.0 << 1.0;
        QTest::newRow("nan") << std::nan("") << 1.0;
        QTest::newRow("one") << 1.0 << 1.0;
        QTest::newRow("0.3") << 0.3 << 0.5;
        QTest::newRow("delta") << 0.03635 << 0.05;
        QTest::newRow("7") << 7.0 << 10.0;
        QTest::newRow("1.5") << 1.5 << 2.0;
    }
    void niceRange() {
        QFETCH(double, maxAbs);
        QFETCH(double, range);
        QCOMPARE(DivergingPalette::niceRange(maxAbs), range);
    }

    void progressFollowsPhases() {
        Stepper s = handExample();
        auto f1 = s.step(); // forward 1
        RecordProgress p = f1->progress;
        QVERIFY(p.xCurrent(1));
        QVERIFY(!p.xCurrent(2));
        QCOMPARE(p.activeLayer, 1);
        auto loss = s.stepThrough({Phase::Kind::Loss, 0});
        p = loss->progress;
        QVERIFY(p.deltaCurrent(2));
        QVERIFY(!p.gradientCurrent(2)); // ∂J/∂z(2) comes with backward 2
        QCOMPARE(p.activeLayer, 2);
        auto b2 = s.step();
        QVERIFY(b2->lastPhase == (Phase{Phase::Kind::Backward, 2}));
        p = b2->progress;
        QVERIFY(p.gradientCurrent(2));
        QVERIFY(!p.deltaCurrent(1));
        auto b1 = s.step();
        p = b1->progress;
        QVERIFY(p.deltaCurrent(1));
        QCOMPARE(p.activeLayer, 1);
        auto up = s.step();
        QCOMPARE(up->lastPhase.kind, Phase::Kind::Update);
        QVERIFY(up->progress.highlightsUpdate);
    }

    void clickHitsNode_data() {
        QTest::addColumn<int>("layer");
        QTest::addColumn<int>("node");
        QTest::newRow("x_1(0)") << 0 << 1;
        QTest::newRow("x_2(0)") << 0 << 2;
        QTest::newRow("x_1(1)") << 1 << 1;
        QTest::newRow("x_2(1)") << 1 << 2;
        QTest::newRow("x_1(2)") << 2 << 1;
        QTest::newRow("x_2(2)") << 2 << 2;
    }
    void clickHitsNode() {
        QFETCH(int, layer);
        QFETCH(int, node);
        Stepper s = handExample();
        NetworkView view;
        view.setSnapshot(s.stepThrough({Phase::Kind::Backward, 1}));
        showView(view);
        QSignalSpy nodes(&view, &NetworkView::nodeClicked);
        QSignalSpy edges(&view, &NetworkView::edgeClicked);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.nodeCentre(layer, node).toPoint());
        QCOMPARE(nodes.count(), 1);
        QCOMPARE(edges.count(), 0);
        QCOMPARE(nodes.at(0).at(0).toInt(), layer);
        QCOMPARE(nodes.at(0).at(1).toInt(), node);
        QCOMPARE(view.selection(), (GraphItem{layer, node, -1}));
    }

    void clickHitsEdge_data() {
        QTest::addColumn<int>("layer");
        QTest::addColumn<int>("node");
        QTest::addColumn<int>("input");
        QTest::newRow("w_{1,1}(1)") << 1 << 1 << 1;
        QTest::newRow("w_{2,1}(1)") << 1 << 2 << 1;
        QTest::newRow("w_{1,2}(1)") << 1 << 1 << 2;
        QTest::newRow("w_{2,0}(1) bias") << 1 << 2 << 0;
        QTest::newRow("w_{1,2}(2)") << 2 << 1 << 2;
        QTest::newRow("w_{2,1}(2)") << 2 << 2 << 1;
        QTest::newRow("w_{1,0}(2) bias") << 2 << 1 << 0;
    }
    void clickHitsEdge() {
        QFETCH(int, layer);
        QFETCH(int, node);
        QFETCH(int, input);
        Stepper s = handExample();
        NetworkView view;
        view.setSnapshot(s.stepThrough({Phase::Kind::Backward, 1}));
        showView(view);
        QSignalSpy edges(&view, &NetworkView::edgeClicked);
        QSignalSpy nodes(&view, &NetworkView::nodeClicked);
        // A quarter of the way from the input: clear of both circles and of crossings.
        const QPoint at = view.edgePoint(layer, node, input, 0.3).toPoint();
        QTest::mouseClick(&view, Qt::LeftButton, {}, at);
        QCOMPARE(nodes.count(), 0);
        QCOMPARE(edges.count(), 1);
        QCOMPARE(edges.at(0).at(0).toInt(), layer);
        QCOMPARE(edges.at(0).at(1).toInt(), node);
        QCOMPARE(edges.at(0).at(2).toInt(), input);
    }

    void clickOnEmptySpaceEmitsNothing() {
        Stepper s = handExample();
        NetworkView view;
        view.setSnapshot(s.stepThrough({Phase::Kind::Backward, 1}));
        showView(view);
        QSignalSpy nodes(&view, &NetworkView::nodeClicked);
        QSignalSpy edges(&view, &NetworkView::edgeClicked);
        // Below the last input node, left of every edge.
        const QPointF below = view.nodeCentre(0, 2) + QPointF(-view.width() * 0.02, 150);
        QTest::mouseClick(&view, Qt::LeftButton, {}, below.toPoint());
        QCOMPARE(nodes.count() + edges.count(), 0);
    }

    void nodeToolTipHasExactValues_data() {
        QTest::addColumn<int>("layer");
        QTest::addColumn<int>("node");
        QTest::newRow("x_1(1)") << 1 << 1;
        QTest::newRow("x_2(1)") << 1 << 2;
        QTest::newRow("x_1(2)") << 2 << 1;
        QTest::newRow("x_2(2)") << 2 << 2;
    }
    void nodeToolTipHasExactValues() {
        QFETCH(int, layer);
        QFETCH(int, node);
        Stepper s = handExample();
        auto snap = s.stepThrough({Phase::Kind::Backward, 1});
        NetworkView view;
        view.setSnapshot(snap);
        showView(view);
        const QString tip = view.toolTipAt(view.nodeCentre(layer, node));
        const LayerValues& v = snap->values.layer(layer);
        const Eigen::Index r = node - 1;
        QVERIFY2(tip.contains(QStringLiteral("= ") + num(v.z(r))), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("= ") + num(v.x(r))), qPrintable(tip));
        QVERIFY2(tip.contains(num(v.delta(r))), qPrintable(tip));
        QVERIFY2(tip.contains(num(v.dJdz(r))), qPrintable(tip));
        QVERIFY(!tip.contains(QStringLiteral("not yet computed")));
        if (layer == 1 && node == 1) { // the published numbers of the example
            QVERIFY(tip.contains(QStringLiteral("= 0.3775<")));
            QVERIFY(tip.contains(QStringLiteral("= 0.59327<")));
        }
    }

    void toolTipIsLiveAndSaysWhatIsStale() {
        Stepper s = handExample();
        NetworkView view;
        view.setSnapshot(s.stepThrough({Phase::Kind::Update, 0}));
        showView(view);
        const QPointF out = view.nodeCentre(2, 1);
        const QString before = view.toolTipAt(out);
        QVERIFY(!before.contains(QStringLiteral("not yet computed")));
        // Forward 1 of the next record: layer 2 still holds the previous record's values.
        auto f1 = s.step();
        view.setSnapshot(f1);
        const QString after = view.toolTipAt(out);
        QVERIFY2(after.contains(QStringLiteral("not yet computed for this record")),
                 qPrintable(after));
        const QString hidden = view.toolTipAt(view.nodeCentre(1, 1));
        QVERIFY(hidden.contains(num(f1->values.layer(1).z(0))));
        // The new weights (after the update) are what the hidden node's z used.
        QVERIFY(hidden.contains(num(f1->network.layer(1).w(0, 0))));
    }

    void edgeToolTipHasWeightGradientAndUpdate() {
        Stepper s = handExample();
        auto up = s.stepThrough({Phase::Kind::Update, 0});
        NetworkView view;
        view.setSnapshot(up);
        showView(view);
        const QString tip = view.toolTipAt(view.edgePoint(2, 1, 1, 0.3));
        QVERIFY2(tip.contains(num(up->network.layer(2).w(0, 1))), qPrintable(tip));
        QVERIFY(tip.contains(num(up->values.layer(2).dJdw(0, 1))));
        QVERIFY(tip.contains(num(up->lastUpdate[1](0, 1))));
        // w_{1,1}(2) = 0.4 − 0.5·0.082167 = 0.358916 (the example's published update).
        QVERIFY(tip.contains(QStringLiteral("0.358916")));
    }

    void updateFlashesLargestDeltaW() {
        Stepper s = handExample();
        auto up = s.stepThrough({Phase::Kind::Update, 0});
        NetworkView view;
        view.setSnapshot(up);
        showView(view);
        const GraphLayout g =
            layoutGraph({2, 2, 2}, 0, 0, QRectF(0, 0, 1400, 800), view.font(), &view);
        const EdgePlan plan = planEdges(*up, up->progress, g, GraphOptions());
        for (int k = 1; k <= 2; ++k) {
            const Matrix a = up->lastUpdate[static_cast<std::size_t>(k - 1)].cwiseAbs();
            double smallestFlashed = HUGE_VAL;
            int flashed = 0;
            for (const PlannedEdge& e : plan.edges) {
                if (e.layer == k && e.flashed) {
                    ++flashed;
                    smallestFlashed = std::min(smallestFlashed, a(e.node - 1, e.input));
                    QCOMPARE(e.delta,
                             up->lastUpdate[static_cast<std::size_t>(k - 1)](e.node - 1, e.input));
                }
            }
            QCOMPARE(flashed, 2); // a third of 6 weights
            // No edge left out moved more than the ones that flash.
            for (const PlannedEdge& e : plan.edges)
                if (e.layer == k && !e.flashed)
                    QVERIFY(a(e.node - 1, e.input) <= smallestFlashed);
        }
    }

    void largeNetworkUsesImageAndCells() {
        Stepper s = mnistLike(50);
        auto snap = s.stepThrough({Phase::Kind::Backward, 1});
        NetworkView view;
        view.setSnapshot(snap);
        showView(view, QSize(1600, 900));
        QCOMPARE(view.layerMode(0), LayerMode::Image);
        QCOMPARE(view.layerMode(1), LayerMode::Cells);
        QVERIFY(view.layerMode(2) != LayerMode::Cells);

        // The rendered input region shows x(0) pixel by pixel in the palette's colours, on
        // the image's own range.
        const DivergingPalette palette(
            DivergingPalette::niceRange(snap->values.input.cwiseAbs().maxCoeff()));
        const QImage shot = view.grab().toImage();
        int checked = 0;
        for (int idx : {1, 200, 406, 407, 500, 784}) {
            const QPoint at = view.nodeCentre(0, idx).toPoint() * shot.devicePixelRatio();
            QCOMPARE(QColor(shot.pixel(at)).rgb(),
                     QColor::fromRgb(palette.rgb(snap->values.input(idx - 1))).rgb());
            ++checked;
        }
        QCOMPARE(checked, 6);
        // A pixel with ink and one without differ: the digit is there.
        QVERIFY(snap->values.input.maxCoeff() > 0.5);

        // Clicking a pixel selects input node r·28 + c + 1.
        QSignalSpy nodes(&view, &NetworkView::nodeClicked);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.nodeCentre(0, 3 * 28 + 5 + 1).toPoint());
        QCOMPARE(nodes.count(), 1);
        QCOMPARE(nodes.at(0).at(0).toInt(), 0);
        QCOMPARE(nodes.at(0).at(1).toInt(), 3 * 28 + 5 + 1);
        // A hidden cell.
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.nodeCentre(1, 77).toPoint());
        QCOMPARE(nodes.count(), 2);
        QCOMPARE(nodes.at(1).at(0).toInt(), 1);
        QCOMPARE(nodes.at(1).at(1).toInt(), 77);
    }

    void incomingWeightsImageShowsTheWeights() {
        Stepper s = mnistLike(20);
        auto snap = s.stepThrough({Phase::Kind::Update, 0});
        NetworkView view;
        view.setSnapshot(snap);
        double range = 0;
        const QImage img = view.incomingWeightsImage(1, 5, &range);
        QCOMPARE(img.size(), QSize(28, 28));
        const Matrix& w = snap->network.layer(1).w;
        QCOMPARE(range, DivergingPalette::niceRange(w.row(4).tail(784).cwiseAbs().maxCoeff()));
        const DivergingPalette p(range);
        for (int r : {0, 13, 27})
            for (int c : {0, 9, 27})
                QCOMPARE(img.pixel(c, r), p.rgb(w(4, 1 + r * 28 + c)));
        QVERIFY(view.incomingWeightsImage(2, 1).isNull()); // 128 inputs: not an image
        QVERIFY(view.incomingWeightsImage(1, 129).isNull());
        view.setInputImageShape(0, 0);
        QVERIFY(view.incomingWeightsImage(1, 5).isNull());
        QCOMPARE(view.layerMode(0), LayerMode::Cells);
    }

    void largeNetworkEdgesAreThinned() {
        Stepper s = mnistLike(20);
        auto snap = s.stepThrough({Phase::Kind::Backward, 1});
        const GraphLayout g =
            layoutGraph({784, 128, 10}, 28, 28, QRectF(0, 0, 1600, 900), QFont(), nullptr);
        const EdgePlan plan = planEdges(*snap, snap->progress, g, GraphOptions());
        QVERIFY(plan.thinned);
        long strongInto1 = 0;
        for (const PlannedEdge& e : plan.edges)
            strongInto1 += e.layer == 1 && e.strong;
        QVERIFY2(strongInto1 <= 128 * 12, qPrintable(QString::number(strongInto1)));
        QVERIFY(strongInto1 >= 128);
        // Each hidden node's strongest incoming weight is drawn.
        const Matrix& w = snap->network.layer(1).w;
        for (int i : {1, 64, 128}) {
            Eigen::Index col = 0;
            w.row(i - 1).cwiseAbs().maxCoeff(&col);
            const bool drawn = std::any_of(plan.edges.begin(), plan.edges.end(), [&](auto& e) {
                return e.layer == 1 && e.node == i && e.input == col && e.strong;
            });
            QVERIFY(drawn);
        }
    }

    void layoutKeepsEverythingInside_data() {
        QTest::addColumn<QVector<int>>("sizes");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("imageSide");
        for (const QSize s : {QSize(800, 500), QSize(1600, 900)}) {
            const QString at = QStringLiteral(" at %1x%2").arg(s.width()).arg(s.height());
            QTest::newRow(qPrintable("2-2-2" + at)) << QVector<int>{2, 2, 2} << s << 0;
            QTest::newRow(qPrintable("4-8-3" + at)) << QVector<int>{4, 8, 3} << s << 0;
            QTest::newRow(qPrintable("64-32-10 8x8" + at)) << QVector<int>{64, 32, 10} << s << 8;
            QTest::newRow(qPrintable("784-128-10" + at)) << QVector<int>{784, 128, 10} << s << 28;
            QTest::newRow(qPrintable("784-256-128-64-10" + at))
                << QVector<int>{784, 256, 128, 64, 10} << s << 28;
            QTest::newRow(qPrintable("10000-50-3" + at)) << QVector<int>{10000, 50, 3} << s << 0;
        }
    }
    void layoutKeepsEverythingInside() {
        QFETCH(QVector<int>, sizes);
        QFETCH(QSize, size);
        QFETCH(int, imageSide);
        const QRectF bounds(QPointF(0, 0), QSizeF(size));
        const GraphLayout g = layoutGraph(std::vector<int>(sizes.begin(), sizes.end()), imageSide,
                                          imageSide, bounds, QFont(), nullptr);
        QCOMPARE(g.depth(), sizes.size() - 1);
        for (int k = 0; k <= g.depth(); ++k) {
            const LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
            QCOMPARE(static_cast<int>(l.centres.size()), sizes[k]);
            QVERIFY2(bounds.contains(l.column), qPrintable(QStringLiteral("layer %1").arg(k)));
            QVERIFY(bounds.contains(l.heading));
            for (const QPointF& c : l.centres)
                QVERIFY(l.column.adjusted(-1, -1, 1, 1).contains(c));
            // Columns do not overlap their neighbours.
            if (k > 0)
                QVERIFY(g.layers[static_cast<std::size_t>(k - 1)].column.right() < l.column.left());
            // Every node can be hit where it is drawn.
            for (int i : {1, sizes[k] / 2 + 1, sizes[k]})
                QCOMPARE(g.nodeAt(l.centres[static_cast<std::size_t>(i - 1)]),
                         (GraphItem{k, i, -1}));
        }
        QCOMPARE(g.layers[0].mode == LayerMode::Image, imageSide > 0);
        if (sizes[0] > 32 && imageSide == 0)
            QCOMPARE(g.layers[0].mode, LayerMode::Cells);
        QVERIFY(g.legend.bottom() <= bounds.bottom());
    }

    void presentationModeEnlarges() {
        Stepper s = iris();
        NetworkView view;
        view.setSnapshot(s.stepThrough({Phase::Kind::Backward, 1}));
        showView(view, QSize(1600, 900));
        const double before = QLineF(view.nodeCentre(2, 1), view.nodeCentre(2, 2)).length();
        view.setPresentationMode(true);
        const double after = QLineF(view.nodeCentre(2, 1), view.nodeCentre(2, 2)).length();
        QVERIFY2(after > before * 1.2,
                 qPrintable(QStringLiteral("%1 → %2").arg(before).arg(after)));
        QVERIFY(view.minimumSizeHint().width() > 0);
    }

    void exportWritesPngAndSvg() {
        Stepper s = iris();
        NetworkView view;
        view.setSnapshot(s.stepThrough({Phase::Kind::Backward, 1}));
        showView(view, QSize(1200, 700));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        const QString png = dir.filePath(QStringLiteral("graph.png"));
        QVERIFY2(view.exportPng(png, &error), qPrintable(error));
        QImage loaded(png);
        QVERIFY(!loaded.isNull());
        QCOMPARE(loaded.size(), QSize(1200, 700) * view.devicePixelRatioF());
        // Not blank: many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < loaded.height(); y += 7)
            for (int x = 0; x < loaded.width(); x += 7)
                colours.insert(loaded.pixel(x, y));
        QVERIFY(colours.size() > 20);

        const QString svg = dir.filePath(QStringLiteral("graph.svg"));
        QVERIFY2(view.exportSvg(svg, &error), qPrintable(error));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("layer 1"));

        QVERIFY(!view.exportPng(dir.filePath(QStringLiteral("no/such/dir/graph.png")), &error));
        QVERIFY(error.contains(QStringLiteral("no/such/dir")));
        QVERIFY(!view.exportSvg(dir.filePath(QStringLiteral("no/such/dir/graph.svg")), &error));
    }

    // A full disk (here a file-size limit below the image's size): the export fails
    // with a sentence naming the file, and the file exported before stays as it was,
    // for PNG and SVG alike (QSaveFile: written beside it, renamed only when whole).
    void exportOnAFullDiskKeepsTheOldFile() {
        Stepper s = iris();
        NetworkView view;
        view.setSnapshot(s.stepThrough({Phase::Kind::Backward, 1}));
        showView(view, QSize(1200, 700));
        QTemporaryDir dir;
        QString error;
        for (const char* name : {"graph.png", "graph.svg"}) {
            const QString path = dir.filePath(QString::fromLatin1(name));
            const bool svg = path.endsWith(QStringLiteral(".svg"));
            QVERIFY(svg ? view.exportSvg(path, &error) : view.exportPng(path, &error));
            const QByteArray before = readFile(path);
            QVERIFY(before.size() > 8192);
            rlimit saved{};
            ::getrlimit(RLIMIT_FSIZE, &saved);
            const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of death
            rlimit small = saved;
            small.rlim_cur = 4096;
            ::setrlimit(RLIMIT_FSIZE, &small);
            view.setSnapshot(s.stepThrough({Phase::Kind::Update, 0})); // another picture
            const bool written = svg ? view.exportSvg(path, &error) : view.exportPng(path, &error);
            ::setrlimit(RLIMIT_FSIZE, &saved);
            std::signal(SIGXFSZ, oldHandler);
            QVERIFY2(!written, name);
            QVERIFY2(error.contains(path), qPrintable(error));
            QCOMPARE(readFile(path), before);
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2 - (svg ? 0 : 1));
        }
    }

    void emptyViewPaints() {
        NetworkView view;
        showView(view, QSize(600, 400));
        const QImage shot = view.grab().toImage();
        QVERIFY(!shot.isNull());
        QVERIFY(view.toolTipAt(QPointF(300, 200)).isEmpty());
        view.setSnapshot(handExample().snapshot());
        QCOMPARE(view.layerMode(1), LayerMode::Labelled);
        // No record yet: the tooltip has the weights but no values.
        const QString tip = view.toolTipAt(view.nodeCentre(1, 1));
        QVERIFY2(tip.contains(QStringLiteral("0.35")), qPrintable(tip));
    }

    // Not a check: writes the screenshots when BP_GRAPH_SCREENSHOTS names a folder.
    void screenshots() {
        const QString dir = qEnvironmentVariable("BP_GRAPH_SCREENSHOTS");
        if (dir.isEmpty())
            QSKIP("set BP_GRAPH_SCREENSHOTS=<dir> to write screenshots");
        auto save = [&](NetworkView& view, const QString& name) {
            QString error;
            QVERIFY2(view.exportPng(dir + QLatin1Char('/') + name, &error), qPrintable(error));
        };
        {
            Stepper s = handExample();
            NetworkView view;
            showView(view, QSize(1280, 720));
            view.setSnapshot(s.stepThrough({Phase::Kind::Backward, 1}));
            view.setSelectedNode(1, 1);
            save(view, QStringLiteral("graph-2-2-2.png"));
            view.clearSelection();
            view.setSnapshot(s.stepThrough({Phase::Kind::Update, 0}));
            save(view, QStringLiteral("graph-2-2-2-update.png"));
        }
        {
            Stepper s = iris();
            s.run().stepEpoch();
            NetworkView view;
            showView(view, QSize(1280, 720));
            view.setSnapshot(s.stepThrough({Phase::Kind::Backward, 1}));
            save(view, QStringLiteral("graph-iris-4-8-3.png"));
        }
        {
            Stepper s = mnistLike(300);
            s.run().stepEpoch();
            NetworkView view;
            showView(view, QSize(1600, 900));
            view.setSnapshot(s.stepThrough({Phase::Kind::Backward, 1}));
            view.setSelectedNode(1, 12);
            save(view, QStringLiteral("graph-784-128-10.png"));
        }
    }
};

QTEST_MAIN(TestNetworkView)
#include "tst_ui_network_view.moc"
