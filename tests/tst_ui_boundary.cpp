// The decision boundary and the per-node heatmaps: the sampled values are the
// engine's forward pass, the image shows the right class on each side, the work
// runs off the GUI thread and only the newest request waits.
#include "boundary/boundary_canvas.h"
#include "boundary/decision_boundary_view.h"
#include "boundary/neuron_heatmap_strip.h"
#include "io/generators.h"
#include "math/dataset.h"
#include "math/training.h"

#include "style/app_palette.h"
#include <cmath>

#include <QtTest>

using namespace bp;

namespace {

double sigmoid(double z) {
    return 1 / (1 + std::exp(-z));
}

// f = sigmoid(s·x1 − s·x2): above 0.5 where x1 > x2.
Network differenceNetwork(double s = 1) {
    Network net;
    net.inputSize = 2;
    net.loss = Loss::CrossEntropy;
    Layer out;
    out.activation = Activation::Sigmoid;
    out.w.resize(1, 3);
    out.w << 0, s, -s; // w_{1,0}(1), w_{1,1}(1), w_{1,2}(1)
    net.layers = {out};
    return net;
}

std::shared_ptr<Dataset> corners() {
    auto d = std::make_shared<Dataset>();
    d->name = "corners";
    d->inputs = FeatureMatrix((Matrix(2, 4) << -1, 1, -1, 1, //
                               -1, -1, 1, 1)
                                  .finished());
    d->targets.resize(1, 4);
    d->targets << 0, 1, 0, 0;
    d->classNames = {"A", "B"};
    d->labels = {0, 1, 0, 0};
    return d;
}

std::shared_ptr<const Snapshot> snapshotWith(const Network& net, long record = -1) {
    auto s = std::make_shared<Snapshot>();
    s->network = net;
    s->recordIndex = record;
    return s;
}

bool reddish(QRgb c) {
    return qRed(c) > qBlue(c) + 40;
}
bool bluish(QRgb c) {
    return qBlue(c) > qRed(c) + 40;
}

} // namespace

class BoundaryTest : public QObject {
    Q_OBJECT

private slots:
    void planeIsDataRangePlusMargin() {
        const auto d = corners();
        const PlaneBounds b = planeForData(d.get(), nullptr, 0.1);
        QCOMPARE(b.xMin, -1.2);
        QCOMPARE(b.xMax, 1.2);
        QCOMPARE(b.yMin, -1.2);
        QCOMPARE(b.yMax, 1.2);
    }

    void samplesAreTheEnginesForwardPass() {
        PlaneRequest r;
        r.network = differenceNetwork();
        r.bounds = {-1, 1, -1, 1};
        r.resolution = 10;
        const PlaneResult result = samplePlane(r);
        QCOMPARE(result.resolution, 10);
        QCOMPARE(result.image.size(), QSize(10, 10));
        for (int row = 0; row < 10; ++row)
            for (int col = 0; col < 10; ++col) {
                const QPointF p = result.pointOf(col, row);
                const double f = result.values[static_cast<std::size_t>(row * 10 + col)];
                QVERIFY(std::abs(f - sigmoid(p.x() - p.y())) < 1e-15);
            }
        // Sample (0, 0) is the top-left: x1 = −0.9, x2 = +0.9.
        QCOMPARE(result.pointOf(0, 0), QPointF(-0.9, 0.9));
        QVERIFY(std::abs(result.valueAt(0.9, -0.9) - sigmoid(1.8)) < 1e-15);
        // Output 1 of one sigmoid: class 1 (red) bottom-right, class 0 (blue) top-left.
        QVERIFY(reddish(result.image.pixel(9, 9)));
        QVERIFY(bluish(result.image.pixel(0, 0)));
        // The diagonal x1 = x2 is the boundary: neutral there.
        const QRgb mid = result.image.pixel(4, 5); // x1 = −0.1, x2 = −0.1
        QVERIFY(std::abs(qRed(mid) - qBlue(mid)) < 20);
    }

    void viewComputesOffTheGuiThread() {
        DecisionBoundaryView view;
        view.resize(500, 500);
        view.setResolution(40);
        view.setData(corners(), nullptr);
        view.setSnapshot(snapshotWith(differenceNetwork(), 1));
        QVERIFY(view.applicable());
        QVERIFY(view.isComputing()); // started, not finished in this call
        QTRY_VERIFY(view.result() != nullptr);
        const PlaneBounds b = view.plane();
        const std::shared_ptr<const PlaneResult> r = view.result();
        QVERIFY(r->valueAt(b.xMax, b.yMin) > 0.5); // bottom-right corner: x1 > x2
        QVERIFY(r->valueAt(b.xMin, b.yMax) < 0.5); // top-left corner: x1 < x2
        QVERIFY(std::abs(r->valueAt(b.xMax, b.yMin) -
                         sigmoid(r->pointOf(39, 39).x() - r->pointOf(39, 39).y())) < 1e-15);
        const QImage image = view.outputImage();
        QVERIFY(reddish(image.pixel(image.width() - 1, image.height() - 1)));
        QVERIFY(bluish(image.pixel(0, 0)));
    }

    void onlyTheNewestRequestWaits() {
        DecisionBoundaryView view;
        view.setResolution(60);
        view.setData(corners(), nullptr);
        QSignalSpy updated(&view, &DecisionBoundaryView::imagesUpdated);
        for (int s = 1; s <= 20; ++s) // faster than the worker can draw them
            view.setSnapshot(snapshotWith(differenceNetwork(s)));
        QCOMPARE(view.computationsStarted(), 1); // one running, one waiting (the newest)
        QTRY_VERIFY(!view.isComputing());
        QCOMPARE(view.computationsStarted(), 2);
        QCOMPARE(updated.count(), 2);
        const PlaneBounds b = view.plane();
        const QPointF corner = view.result()->pointOf(59, 59);
        QVERIFY(std::abs(view.result()->valueAt(b.xMax, b.yMin) -
                         sigmoid(20 * (corner.x() - corner.y()))) < 1e-15);
        // The same weights again (a phase step that changed no weight): nothing to draw.
        view.setSnapshot(snapshotWith(differenceNetwork(20), 2));
        QCOMPARE(view.computationsStarted(), 2);
    }

    void nodeHeatmaps() {
        Network net;
        net.inputSize = 2;
        net.loss = Loss::Mse;
        Layer hidden;
        hidden.activation = Activation::Relu;
        hidden.w.resize(3, 3);
        hidden.w << 0, 1, 0, // x_1(1) = relu(x1)
            0, 0, 1,         // x_2(1) = relu(x2)
            -10, 0, 0;       // x_3(1) = relu(−10) = 0 everywhere: dead
        Layer out;
        out.activation = Activation::Sigmoid;
        out.w.resize(1, 4);
        out.w << 0, 1, -1, 0;
        net.layers = {hidden, out};
        DecisionBoundaryView view;
        view.setResolution(20);
        view.setData(corners(), nullptr);
        view.setSnapshot(snapshotWith(net));
        QTRY_VERIFY(view.result() != nullptr);
        const std::vector<NeuronImage>& n = view.result()->neurons;
        QCOMPARE(n.size(), std::size_t(4)); // 3 hidden + 1 output
        QCOMPARE(view.neuronStrip()->tileCount(), 4);
        QCOMPARE(n[0].layer, 1);
        QCOMPARE(n[0].node, 1);
        QCOMPARE(n[0].minValue, 0.0);                    // relu(x1) over x1 in [−1.2, 1.2]
        QVERIFY(std::abs(n[0].maxValue - 1.14) < 1e-12); // the last sample's centre
        QVERIFY(!n[0].dead);
        QVERIFY(n[2].dead);
        QCOMPARE(n[3].layer, 2);
        // x_1(1) = relu(x1): bright (positive, red) on the right, neutral on the left.
        QVERIFY(reddish(n[0].image.pixel(19, 10)));
        const QRgb left = n[0].image.pixel(0, 10);
        QVERIFY(std::abs(qRed(left) - qBlue(left)) < 20);
        QSignalSpy clicked(&view, &DecisionBoundaryView::neuronActivated);
        emit view.neuronStrip()->neuronActivated(1, 3);
        QCOMPARE(clicked.count(), 1);
    }

    void notApplicableSaysWhy() {
        auto wide = std::make_shared<Dataset>();
        wide->name = "wide.csv";
        wide->inputs = FeatureMatrix(Storage::Double, 3, 5);
        wide->targets = Matrix::Zero(1, 5);
        DecisionBoundaryView view;
        view.setData(wide, nullptr);
        QVERIFY(!view.applicable());
        QVERIFY(!view.isComputing());
        QCOMPARE(view.computationsStarted(), 0);
    }

    void classesAreColouredByLargestOutput() {
        auto blobs = std::make_shared<Dataset>(generateBlobs(1, 0.0, 90, 3));
        Architecture a;
        a.sizes = {2, 3};
        a.output = Activation::Softmax;
        a.loss = Loss::CrossEntropy;
        Network net = makeNetwork(a, 1);
        // f_c largest where the point is nearest blob c's centre direction: w_c = centre.
        for (int c = 0; c < 3; ++c) {
            const double angle = 2 * M_PI * c / 3;
            net.layer(1).w.row(c) << 0, 4 * std::cos(angle), 4 * std::sin(angle);
        }
        DecisionBoundaryView view;
        view.setResolution(30);
        view.setData(blobs, nullptr);
        view.setSnapshot(snapshotWith(net));
        QTRY_VERIFY(view.result() != nullptr);
        QCOMPARE(view.result()->coloring, PlaneColoring::Classes);
        QCOMPARE(view.result()->outputs, 3);
        const PlaneBounds b = view.plane();
        // Far right (angle 0): class 0 wins.
        const double x1 = b.xMax, x2 = (b.yMin + b.yMax) / 2;
        QVERIFY(view.result()->valueAt(x1, x2, 0) > view.result()->valueAt(x1, x2, 1));
        QVERIFY(view.result()->valueAt(x1, x2, 0) > view.result()->valueAt(x1, x2, 2));
    }

    void screenshot() {
        // Playground's favourite: the circle, a 2-6-6-1 tanh network after some training.
        auto [trainSet, testSet] = split(generateCircle(3, 0.1, 400), 0.75, 5);
        auto train = std::make_shared<Dataset>(trainSet);
        auto test = std::make_shared<Dataset>(testSet);
        Architecture arch;
        arch.sizes = {2, 6, 6, 1};
        arch.hidden = Activation::Tanh;
        arch.output = Activation::Sigmoid;
        arch.loss = Loss::CrossEntropy;
        Hyper h;
        h.learningRate = 0.05;
        TrainingRun run(makeNetwork(arch, 7), train, h, Schedule{});
        for (int e = 0; e < 40; ++e)
            run.stepEpoch();
        run.stepRecord();
        auto s = std::make_shared<Snapshot>();
        s->network = run.network();
        s->recordIndex = run.lastRecordIndex();
        s->recordsTrained = run.recordsTrained();
        DecisionBoundaryView view;
        view.resize(760, 820);
        view.setData(train, test);
        view.setSnapshot(s);
        QTRY_VERIFY(view.result() != nullptr);
        QCOMPARE(view.neuronStrip()->tileCount(), 13);
        // Trained: the centre (class 1, the disc) and a corner (class 0, outside) differ.
        QVERIFY(view.result()->valueAt(0, 0) > 0.5);
        QVERIFY(view.result()->valueAt(view.plane().xMax, view.plane().yMax) < 0.5);
        const QImage image = view.grab().toImage();
        QVERIFY(!image.isNull());
        const QString dir = qEnvironmentVariable("BP_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QVERIFY(image.save(dir + "/decision-boundary.png"));
            view.setPresentationMode(true);
            view.resize(1000, 1000);
            QVERIFY(view.grab().toImage().save(dir + "/decision-boundary-presentation.png"));
            view.setPalette(darkPalette());
            view.setPresentationMode(false);
            view.resize(760, 820);
            QVERIFY(view.grab().save(dir + "/decision-boundary-dark.png"));
        }
    }
};

QTEST_MAIN(BoundaryTest)
#include "tst_ui_boundary.moc"
