// Paint the data (issue 14, part 5) in the real MainWindow (offscreen): on the blobs
// preset, with Paint on, a left click at a known place of the Decision boundary's plane
// adds a training record of the chosen class with the inputs that place maps to (worked
// out here from the plot's corners), in the session (the next epoch's records, the
// record's x(0) and y when the session steps it), the Records table and the plot; the
// weights, the epoch and the records trained stay. A right click on it removes it. A
// click while running pauses first and the point is not lost. Normalised data: the point
// is normalised once. The export, read back with the project's CSV reader, gives the
// same values. Painting is off, with a reason, for regression and other than 2 inputs.
#include "boundary/boundary_canvas.h"
#include "boundary/decision_boundary_view.h"
#include "io/csv_reader.h"
#include "panels/records_table.h"
#include "session/training_session.h"
#include "window/main_window.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDockWidget>
#include <QSettings>
#include <QtTest>

using namespace bp;

namespace {

// The plane point a click at integer pixel `at` means, by linear interpolation between
// the pixels the plot's two corners are drawn at (not the canvas's own inverse).
QPointF planeOfPixel(const BoundaryCanvas* c, const PlaneBounds& b, QPoint at) {
    const QPointF topLeft = c->pixelAt(b.xMin, b.yMax);
    const QPointF bottomRight = c->pixelAt(b.xMax, b.yMin);
    return {b.xMin + (at.x() - topLeft.x()) / (bottomRight.x() - topLeft.x()) * b.width(),
            b.yMax - (at.y() - topLeft.y()) / (bottomRight.y() - topLeft.y()) * b.height()};
}

// The dataset record `index` as the session trains it: jump there, run forward 1, and
// hand back the snapshot (its values hold x(0) and y of the record).
std::shared_ptr<const Snapshot> stepDatasetRecord(MainWindow& w, long index) {
    if (!w.waitForTicket(w.session()->jumpToDatasetRecord(index)))
        return nullptr;
    if (!w.waitForTicket(w.stepPhase()))
        return nullptr;
    return w.session()->latestSnapshot();
}

} // namespace

class WindowPaintTest : public QObject {
    Q_OBJECT

private:
    // A preset with the Decision boundary raised and its plane drawn, three records stepped.
    void open(MainWindow& w, const DataSource* source, const char* preset = "blobs") {
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        if (source)
            QVERIFY(w.loadData(*source));
        else
            QVERIFY(w.loadPreset(preset));
        QTRY_VERIFY(w.snapshot());
        w.raiseDocks({"Decision boundary"});
        for (int r = 0; r < 3; ++r)
            QVERIFY(w.waitForTicket(w.stepRecord()));
        QTRY_VERIFY_WITH_TIMEOUT(w.boundaryView()->result() != nullptr, 10000);
        QTRY_VERIFY(w.boundaryView()->canvas()->planeAt(w.boundaryView()->canvas()->pixelAt(
            w.boundaryView()->plane().xMin + 0.5 * w.boundaryView()->plane().width(),
            w.boundaryView()->plane().yMin + 0.5 * w.boundaryView()->plane().height())));
    }

    // The integer pixel nearest to the plane point at fractions (fx, fy) of the plane.
    static QPoint pixelAtFraction(const DecisionBoundaryView* v, double fx, double fy) {
        const PlaneBounds b = v->plane();
        return v->canvas()->pixelAt(b.xMin + fx * b.width(), b.yMin + fy * b.height()).toPoint();
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void clickAddsAndRightClickRemoves() {
        MainWindow w;
        open(w, nullptr);
        DecisionBoundaryView* view = w.boundaryView();
        BoundaryCanvas* canvas = view->canvas();
        const auto before = w.prepared().train;
        const long n = before->records();
        QVERIFY(before->classNames.size() == 3);
        QVERIFY(view->paintable());
        QVERIFY(!view->painting());
        // Paint off: a click changes nothing.
        const QPoint at = pixelAtFraction(view, 0.2, 0.85);
        QTest::mouseClick(canvas, Qt::LeftButton, {}, at);
        QCOMPARE(w.prepared().train->records(), n);

        QTest::mouseClick(view->paintButton(), Qt::LeftButton);
        QVERIFY(view->painting());
        QCOMPARE(view->paintClassBox()->count(), 3);
        view->paintClassBox()->setCurrentIndex(2);
        const auto s0 = w.session()->latestSnapshot();
        const Network weights = s0->network;
        const long trained = s0->recordsTrained;
        const int epoch = s0->epoch;

        QTest::mouseClick(canvas, Qt::LeftButton, {}, at);
        QCOMPARE(w.prepared().train->records(), n + 1);
        const QPointF expected = planeOfPixel(canvas, view->plane(), at);
        const Dataset& painted = *w.prepared().train;
        QCOMPARE(painted.inputs(0, n), expected.x()); // no normalisation: the plane's units
        QCOMPARE(painted.inputs(1, n), expected.y());
        QCOMPARE(painted.labels.back(), 2);
        // Within half a pixel of the place aimed at.
        const PlaneBounds b = view->plane();
        const double pixelX =
            b.width() / (canvas->pixelAt(b.xMax, 0).x() - canvas->pixelAt(b.xMin, 0).x());
        QVERIFY(std::abs(painted.inputs(0, n) - (b.xMin + 0.2 * b.width())) <= pixelX);
        // The old records as they were.
        for (long r = 0; r < n; ++r) {
            QCOMPARE(painted.inputs(0, r), before->inputs(0, r));
            QCOMPARE(painted.labels[static_cast<std::size_t>(r)],
                     before->labels[static_cast<std::size_t>(r)]);
        }
        // The Records table holds it.
        auto* records = w.findChild<RecordsTable*>();
        QVERIFY(records);
        QCOMPARE(records->recordsModel()->rowCount(), static_cast<int>(n + 1));

        // The session: same weights, epoch and records trained; the epoch starts again
        // over n + 1 records.
        QTRY_VERIFY(w.session()->latestSnapshot()->recordsPerEpoch == n + 1);
        const auto s1 = w.session()->latestSnapshot();
        QVERIFY(s1->network == weights);
        QCOMPARE(s1->recordsTrained, trained);
        QCOMPARE(s1->epoch, epoch);
        QCOMPARE(s1->position, 0L);
        // It trains the painted record: x(0) the point, y one-hot class 2.
        const auto s2 = stepDatasetRecord(w, n);
        QVERIFY(s2);
        QCOMPARE(s2->recordIndex, n);
        QCOMPARE(s2->values.input(0), expected.x());
        QCOMPARE(s2->values.input(1), expected.y());
        QCOMPARE(s2->values.target, (Vector(3) << 0, 0, 1).finished());

        // A right click on it removes it: the data as before, in the session too.
        QTest::mouseClick(canvas, Qt::RightButton, {},
                          canvas->pixelAt(expected.x(), expected.y()).toPoint());
        QCOMPARE(w.prepared().train->records(), n);
        QVERIFY(w.prepared().train->inputs == before->inputs);
        QCOMPARE(w.prepared().train->labels, before->labels);
        QTRY_VERIFY(w.session()->latestSnapshot()->recordsPerEpoch == n);
        QCOMPARE(records->recordsModel()->rowCount(), static_cast<int>(n));
        // A right click where no point is changes nothing.
        QTest::mouseClick(canvas, Qt::RightButton, {}, pixelAtFraction(view, 0.999, 0.001));
        QCOMPARE(w.prepared().train->records(), n);
    }

    void clickWhileRunningPausesFirst() {
        MainWindow w;
        open(w, nullptr);
        DecisionBoundaryView* view = w.boundaryView();
        const long n = w.prepared().train->records();
        view->setPainting(true);
        view->setPaintClass(0);
        w.session()->run();
        QTRY_VERIFY(w.snapshot() && w.snapshot()->running);
        const QPoint at = pixelAtFraction(view, 0.7, 0.3);
        QTest::mouseClick(view->canvas(), Qt::LeftButton, {}, at);
        QTRY_VERIFY(!w.session()->latestSnapshot()->running);
        QTRY_VERIFY(w.session()->latestSnapshot()->recordsPerEpoch == n + 1);
        const QPointF expected = planeOfPixel(view->canvas(), view->plane(), at);
        const auto s = stepDatasetRecord(w, n);
        QVERIFY(s);
        QCOMPARE(s->values.input(0), expected.x());
        QCOMPARE(s->values.input(1), expected.y());
        QCOMPARE(s->values.target, (Vector(3) << 1, 0, 0).finished());
        QVERIFY(!w.session()->latestSnapshot()->running);
    }

    void midRecordInFloat() {
        // A float session, half-way through a record: the record is abandoned (its loss
        // point too), the run goes on from the new epoch's first record.
        MainWindow w;
        open(w, nullptr);
        w.setPrecision(Precision::Float);
        for (int r = 0; r < 2; ++r)
            QVERIFY(w.waitForTicket(w.stepRecord()));
        QVERIFY(w.waitForTicket(w.stepPhase()));
        QVERIFY(w.waitForTicket(w.stepPhase()));
        const auto s0 = w.session()->latestSnapshot();
        QVERIFY(s0->precision == Precision::Float);
        QVERIFY(s0->nextPhase.kind != Phase::Kind::Forward || s0->nextPhase.layer != 1);
        const long n = w.prepared().train->records();
        QVERIFY(w.paintPoint(0.5, -0.25, 1));
        QTRY_VERIFY(w.session()->latestSnapshot()->recordsPerEpoch == n + 1);
        const auto s1 = w.session()->latestSnapshot();
        QCOMPARE(s1->recordsTrained, s0->recordsTrained);
        QCOMPARE(s1->position, 0L);
        QVERIFY(s1->nextPhase == (Phase{Phase::Kind::Forward, 1}));
        QVERIFY(s1->network == s0->network);
        const auto s2 = stepDatasetRecord(w, n);
        QVERIFY(s2);
        QCOMPARE(s2->values.input(0), double(0.5f));
        QCOMPARE(s2->values.input(1), double(-0.25f));
        QCOMPARE(s2->values.target, (Vector(3) << 0, 1, 0).finished());
    }

    void exportReadsBack() {
        MainWindow w;
        open(w, nullptr);
        DecisionBoundaryView* view = w.boundaryView();
        view->setPainting(true);
        view->setPaintClass(1);
        QTest::mouseClick(view->canvas(), Qt::LeftButton, {}, pixelAtFraction(view, 0.4, 0.6));
        const Dataset& train = *w.prepared().train;
        QTemporaryDir dir;
        const QString path = dir.path() + "/points.csv";
        QVERIFY(w.exportPoints(path));
        LoadOptions opt;
        opt.classify = true; // blobs' classes are named 0, 1, 2
        const Dataset back = readCsv(path.toStdString(), opt);
        QCOMPARE(back.records(), train.records());
        for (Eigen::Index r = 0; r < train.records(); ++r)
            for (Eigen::Index i = 0; i < 2; ++i)
                QCOMPARE(back.inputs(i, r), train.inputs(i, r));
        QCOMPARE(back.classNames, train.classNames);
        QCOMPARE(back.labels, train.labels);
        QCOMPARE(back.targets, train.targets);
        QCOMPARE(back.labels.back(), 1);
    }

    void normalisedDataArePaintedOnce() {
        MainWindow w;
        DataSource source;
        source.builtin = "blobs";
        source.normalization = Normalizer::Kind::ZScore;
        open(w, &source);
        const Normalizer& norm = w.prepared().normalizer;
        QVERIFY(norm.kind == Normalizer::Kind::ZScore);
        QVERIFY(norm.scale(0) != 1.0);
        DecisionBoundaryView* view = w.boundaryView();
        const long n = w.prepared().train->records();
        view->setPainting(true);
        const QPoint at = pixelAtFraction(view, 0.3, 0.3);
        QTest::mouseClick(view->canvas(), Qt::LeftButton, {}, at);
        const QPointF plane = planeOfPixel(view->canvas(), view->plane(), at);
        // The plane shows the normalised inputs: the record is the point clicked (to
        // rounding: loaded units x = x'·scale + offset, normalised once again).
        const Dataset& train = *w.prepared().train;
        QCOMPARE(train.records(), n + 1);
        QVERIFY(std::abs(train.inputs(0, n) - plane.x()) < 1e-12);
        QVERIFY(std::abs(train.inputs(1, n) - plane.y()) < 1e-12);
        // The export is in the units loaded: normalised with the experiment's normaliser it
        // gives the training records back.
        QTemporaryDir dir;
        QVERIFY(w.exportPoints(dir.path() + "/z.csv"));
        LoadOptions opt;
        opt.classify = true;
        const Dataset back = readCsv((dir.path() + "/z.csv").toStdString(), opt);
        QCOMPARE(back.records(), n + 1);
        const double loaded0 = plane.x() * norm.scale(0) + norm.offset(0);
        QVERIFY(std::abs(back.inputs(0, n) - loaded0) < 1e-12 * std::max(1.0, std::abs(loaded0)));
        for (Eigen::Index r = 0; r <= n; ++r)
            for (Eigen::Index i = 0; i < 2; ++i)
                QVERIFY(std::abs((back.inputs(i, r) - norm.offset(i)) / norm.scale(i) -
                                 train.inputs(i, r)) < 1e-12);
    }

    void paintingOffWhereItCannotApply() {
        MainWindow w;
        open(w, nullptr, "xor");
        QVERIFY(w.boundaryView()->paintable()); // xor: 2 classes in one output row
        const long n = w.prepared().train->records();
        QVERIFY(w.paintPoint(0.25, 0.75, 1));
        QCOMPARE(w.prepared().train->records(), n + 1);
        QCOMPARE(w.prepared().train->targets(0, n), 1.0); // the 0/1 row: class 1
        const auto s = stepDatasetRecord(w, n);
        QVERIFY(s);
        QCOMPARE(s->values.input(0), 0.25);
        QCOMPARE(s->values.input(1), 0.75);
        QCOMPARE(s->values.target, (Vector(1) << 1).finished());
        QVERIFY(w.loadPreset("sine")); // 1 input, regression
        QVERIFY(!w.boundaryView()->paintable());
        QVERIFY(!w.boundaryView()->paintButton()->isEnabled());
        QVERIFY(w.boundaryView()->paintNote().contains("two inputs"));
        QVERIFY(!w.paintPoint(0, 0, 0));
        QVERIFY(w.loadPreset("iris")); // 4 inputs
        QVERIFY(!w.boundaryView()->paintable());
        QVERIFY(!w.paintPoint(0, 0, 0));
    }

    // With BP_PAINT_SCREENSHOT=<dir>: the window with painted points and the boundary
    // trained on them, at the screenshot mode's default size and at 1280x800.
    void screenshots() {
        const QString dir = qEnvironmentVariable("BP_PAINT_SCREENSHOT");
        if (dir.isEmpty())
            QSKIP("BP_PAINT_SCREENSHOT is not set");
        for (const QSize size : {QSize(1600, 1000), QSize(1280, 800)}) {
            MainWindow w;
            w.resize(size);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(w.loadPreset("blobs"));
            QTRY_VERIFY(w.snapshot());
            w.raiseDocks({"Decision boundary"});
            // The dock wider than it opens, so that the plane is large in the picture.
            for (QDockWidget* d : w.findChildren<QDockWidget*>())
                if (d->windowTitle() == "Decision boundary")
                    w.resizeDocks({d}, {size.width() * (size.width() >= 1600 ? 4 : 3) / 10},
                                  Qt::Horizontal);
            QTRY_VERIFY_WITH_TIMEOUT(w.boundaryView()->result() != nullptr, 10000);
            DecisionBoundaryView* view = w.boundaryView();
            view->setPainting(true);
            view->setPaintClass(2);
            // A small cluster of class 3 in the plane's top-left corner.
            for (int i = 0; i < 9; ++i)
                QTest::mouseClick(
                    view->canvas(), Qt::LeftButton, {},
                    pixelAtFraction(view, 0.08 + 0.04 * (i % 3), 0.9 - 0.04 * (i / 3)));
            QVERIFY(w.waitForTicket(w.session()->run(300), 60000));
            QTRY_VERIFY_WITH_TIMEOUT(!w.session()->latestSnapshot()->running, 60000);
            QVERIFY(w.waitForTicket(w.stepRecord()));
            QTest::qWait(500); // the plane of the last weights
            QTRY_VERIFY_WITH_TIMEOUT(!view->isComputing(), 10000);
            QTest::qWait(200);
            const QString name = size.width() == 1600 ? "paint-data.png" : "paint-data-1280.png";
            QVERIFY(w.grab().save(dir + "/" + name));
        }
    }
};

QTEST_MAIN(WindowPaintTest)
#include "tst_ui_window_paint.moc"
