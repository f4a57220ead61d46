// The loss chart: the per-record loss in a fixed budget of buckets (exact EMA values,
// min/max kept), epoch buckets, at most one redraw per frame, the log axis, hover,
// zoom, export.
#include "charts/loss_chart_panel.h"
#include "charts/zoom_chart_view.h"
#include "io/generators.h"
#include "math/metrics.h"
#include "math/training.h"

#include "session/session_outbox.h"
#include "style/app_palette.h"
#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QTabWidget>
#include <QTemporaryDir>

#include <QtTest>
#include <QValueAxis>

using namespace bp;

namespace {

QVector<LossPoint> lossPoints(long from, long count, double loss) {
    QVector<LossPoint> out;
    for (long r = from; r < from + count; ++r)
        out.append({r, 0, loss});
    return out;
}

EpochStats epochStats(int epoch, long records, double train, double test, double trainAcc,
                      double testAcc) {
    EpochStats s;
    s.epoch = epoch;
    s.records = records;
    s.trainLoss = train;
    s.testLoss = test;
    s.trainAccuracy = trainAcc;
    s.testAccuracy = testAcc;
    return s;
}

bool attachedTo(QLineSeries* series, QAbstractAxis* axis) {
    return series->attachedAxes().contains(axis);
}

} // namespace

class ChartsTest : public QObject {
    Q_OBJECT

private slots:
    void smoothedLossIsBiasCorrectedEma() {
        SmoothedLoss s(0.5);
        s.append({{0, 0, 1.0}, {1, 0, 0.0}, {2, 0, 0.0}});
        const QVector<QPointF> p = s.points();
        QCOMPARE(p.size(), 3);
        // ema_t = Σ α(1−α)^(t−i) J_i / Σ α(1−α)^(t−i): 1, 0.25/0.75, 0.125/0.875
        QCOMPARE(p[0], QPointF(0, 1.0));
        QCOMPARE(p[1].y(), 0.25 / 0.75);
        QCOMPARE(p[2].y(), 0.125 / 0.875);
    }

    void smoothedLossSkipsNonFinite() {
        SmoothedLoss s(1.0);
        s.append({{0, 0, 2.0}, {1, 0, std::nan("")}, {2, 0, 3.0}});
        QCOMPARE(s.points().size(), 2);
        QCOMPARE(s.nonFinite(), 1L);
        QCOMPARE(s.points().back(), QPointF(2, 3.0));
    }

    void bucketsKeepABoundedSummary_data() {
        QTest::addColumn<int>("records");
        QTest::newRow("100") << 100;
        QTest::newRow("1000") << 1000;
        QTest::newRow("12345") << 12345;
    }
    void bucketsKeepABoundedSummary() {
        QFETCH(int, records);
        SmoothedLoss s(1.0, 64); // α = 1: the smoothed value is its record's loss
        QVector<LossPoint> batch;
        for (int r = 0; r < records; ++r)
            batch.append({r, 0, static_cast<double>(r)});
        // In uneven batches, as the session sends them.
        for (int at = 0; at < records; at += 37)
            s.append(batch.mid(at, 37));
        const std::vector<LossBucket>& b = s.buckets();
        QVERIFY(b.size() <= 64);
        QVERIFY(b.size() >= std::size_t(std::min(records, 32)));
        long next = 0;
        for (const LossBucket& x : b) { // consecutive, every record in exactly one bucket
            QCOMPARE(x.first, next);
            // losses first..end−1: min, max and mean of consecutive whole numbers
            QCOMPARE(x.loss.min, double(x.first));
            QCOMPARE(x.loss.max, double(x.end() - 1));
            QCOMPARE(x.loss.mean(), (x.first + x.end() - 1) / 2.0);
            QCOMPARE(x.smoothed, double(x.end() - 1));
            next = x.end();
        }
        QCOMPARE(next, long(records));
        QCOMPARE(s.recordsSeen(), long(records));
        QCOMPARE(s.points().back(), QPointF(records - 1, records - 1)); // the newest record
    }

    void bucketsSmoothExactly() {
        // The session's buckets of several records carry the EMA's share: the smoothed
        // value at a bucket's end equals the EMA record by record.
        QVector<LossPoint> pts;
        for (int r = 0; r < 1000; ++r)
            pts.append({r, 1, 0.5 + 0.4 * std::sin(r * 0.37)});
        SmoothedLoss byRecord(kLossSmoothing, 4096);
        byRecord.append(pts);
        LossBuckets wire(16); // 1000 records in 16 buckets or fewer: 64 records each
        for (const LossPoint& p : pts)
            wire.addOne(p);
        QVERIFY(wire.width() >= 64);
        SmoothedLoss byBucket(kLossSmoothing, 4096);
        byBucket.append(wire);
        QCOMPARE(byBucket.buckets().back().end(), 1000L);
        QVERIFY(std::abs(byBucket.points().back().y() - byRecord.points().back().y()) < 1e-12);
        QCOMPARE(byBucket.nonFinite(), 0L);
    }

    void truncateGoesBack() {
        SmoothedLoss s(1.0);
        s.append(lossPoints(0, 10, 1.0));
        s.truncateFrom(6);
        QCOMPARE(s.points().size(), 6);
        QCOMPARE(s.points().back().x(), 5.0);
        s.append(lossPoints(6, 2, 1.0));
        QCOMPARE(s.points().size(), 8);
    }

    void redrawsAtMostOncePerFrame() {
        LossChartPanel panel;
        QSignalSpy replaced(panel.recordLossSeries(), &QXYSeries::pointsReplaced);
        QSignalSpy added(panel.recordLossSeries(), &QXYSeries::pointAdded);
        const int before = panel.redraws();
        for (int b = 0; b < 3; ++b)
            panel.appendLossPoints(lossPoints(b * 2000, 2000, 0.5));
        QCOMPARE(panel.redraws(), before); // nothing drawn per batch
        QVERIFY(panel.redrawPending());
        QTRY_COMPARE(panel.redraws(), before + 1); // one redraw at the next frame
        QCOMPARE(replaced.count(), 1);
        QCOMPARE(added.count(), 0); // never point by point
        const QLineSeries* s = panel.recordLossSeries();
        QCOMPARE(s->count(), static_cast<int>(panel.smoothedLoss().points().size()));
        QVERIFY(s->count() <= 2048); // 6000 records, in at most 2048 buckets
        QVERIFY(s->count() >= 1024);
        QCOMPARE(s->at(s->count() - 1), QPointF(5999, 0.5));
        QCOMPARE(panel.recordsAxis()->max(), 6000.0); // a round maximum: 0, 1000, …, 6000
        QCOMPARE(panel.recordsAxis()->tickCount(), 7);
    }

    void oneSpikeDoesNotFlattenTheCurve() {
        // 1000 records of J = 0.5 and one of J = 40: the axis fits the curve (a round
        // maximum above 0.5), not the spike, which the band still holds.
        LossChartPanel panel;
        QVector<LossPoint> pts = lossPoints(0, 1000, 0.5);
        pts[500].loss = 40; // where the average is steady: it rises by α·39.5 ≈ 0.8
        panel.appendLossPoints(pts);
        panel.redrawNow();
        const auto* y = static_cast<QValueAxis*>(panel.lossAxis());
        QVERIFY(y->max() >= 0.5);
        QVERIFY2(y->max() < 2, qPrintable(QString::number(y->max())));
        double top = 0;
        for (const LossBucket& b : panel.smoothedLoss().buckets())
            top = std::max(top, b.loss.max);
        QCOMPARE(top, 40.0);
    }

    void aMillionEpochsKeepTheirRange() {
        // XOR's 4-record epochs end a million times a second: the chart keeps a fixed
        // number of epoch buckets, each with its mean and range.
        LossChartPanel panel;
        EpochBuckets wire(kWireBuckets);
        for (int e = 1; e <= 100000; ++e)
            wire.add(EpochBucket(epochStats(e, 4, e == 77777 ? 9.0 : 0.25, -1, 0.75, -1)));
        panel.addEpochs(wire);
        panel.redrawNow();
        QVERIFY(panel.epochBuckets().size() <= std::size_t(LossChartPanel::kEpochBuckets));
        QCOMPARE(panel.epochCount(), 100000);
        double top = 0;
        long records = 0;
        for (const EpochBucket& b : panel.epochBuckets().buckets()) {
            top = std::max(top, b.trainLoss.max);
            records += b.records;
        }
        QCOMPARE(top, 9.0);         // the spike in epoch 77777 is still there
        QCOMPARE(records, 400000L); // every epoch's records
        QCOMPARE(panel.recordsAxis()->max() >= 400000.0, true);
    }

    void emptyChartHasDistinctWholeNumberTicks() {
        // Before any training the x axis spans 10 records: ticks 0, 2, …, 10, each a
        // different whole number under the "%.0f" label format (not 0, 0, 0, 1, 1, 1).
        LossChartPanel panel;
        QCOMPARE(panel.recordsAxis()->min(), 0.0);
        QCOMPARE(panel.recordsAxis()->max(), 10.0);
        QCOMPARE(panel.recordsAxis()->tickCount(), 6);
        panel.appendLossPoints(lossPoints(0, 3, 0.5)); // 3 records: still 0..10
        panel.redrawNow();
        QCOMPARE(panel.recordsAxis()->max(), 10.0);
    }

    void epochSeries() {
        LossChartPanel panel;
        panel.show();
        panel.addEpoch(epochStats(1, 100, 0.5, 0.6, 0.8, 0.7));
        panel.redrawNow();
        panel.addEpoch(epochStats(2, 100, 0.3, 0.4, 0.9, 0.85));
        panel.redrawNow();
        QCOMPARE(panel.trainLossSeries()->count(), 2);
        QCOMPARE(panel.trainLossSeries()->at(1), QPointF(200, 0.3));
        QCOMPARE(panel.testLossSeries()->at(0), QPointF(100, 0.6));
        QCOMPARE(panel.trainAccuracySeries()->at(1), QPointF(200, 90));
        QCOMPARE(panel.testAccuracySeries()->at(1), QPointF(200, 85));
        QVERIFY(panel.accuracyChart()->isVisible() || panel.accuracyChart()->scene());
        // The same epoch again (after a rewind) replaces it.
        panel.addEpoch(epochStats(2, 100, 0.25, 0.35, 0.95, 0.9));
        panel.redrawNow();
        QCOMPARE(panel.trainLossSeries()->count(), 2);
        QCOMPARE(panel.trainLossSeries()->at(1).y(), 0.25);
        panel.rewindTo(100, 1);
        panel.redrawNow();
        QCOMPARE(panel.epochCount(), 1);
        QCOMPARE(panel.trainLossSeries()->count(), 1);
    }

    void regressionHasNoAccuracyChart() {
        LossChartPanel panel;
        panel.show();
        panel.addEpoch(epochStats(1, 50, 0.2, -1, -1, -1));
        panel.redrawNow();
        QCOMPARE(panel.trainAccuracySeries()->count(), 0);
        QCOMPARE(panel.testLossSeries()->count(), 0);
        QVERIFY(!panel.testLossSeries()->isVisible());
        QCOMPARE(panel.findChildren<ZoomChartView*>().size(), 2);
        QVERIFY(!panel.tabs()->isTabVisible(1)); // the accuracy chart's tab
        panel.addEpoch(epochStats(2, 50, 0.1, -1, 0.5, -1));
        panel.redrawNow();
        QVERIFY(panel.tabs()->isTabVisible(1));
    }

    void logScaleToggle() {
        LossChartPanel panel;
        QSignalSpy toggled(&panel, &LossChartPanel::logScaleChanged);
        panel.addEpoch(epochStats(1, 10, 0.5, -1, -1, -1));
        panel.redrawNow();
        panel.addEpoch(epochStats(2, 10, 0.0, -1, -1, -1)); // a perfect fit: J = 0
        panel.redrawNow();
        panel.appendLossPoints(lossPoints(0, 20, 0.05));
        panel.redrawNow();
        QCOMPARE(panel.lossAxis()->type(), QAbstractAxis::AxisTypeValue);
        panel.setLogScale(true);
        QCOMPARE(toggled.count(), 1);
        QCOMPARE(panel.lossAxis()->type(), QAbstractAxis::AxisTypeLogValue);
        for (QLineSeries* s : {panel.trainLossSeries(), panel.recordLossSeries()})
            QVERIFY(attachedTo(s, panel.lossAxis()));
        // J = 0 cannot sit on a log axis: it is drawn at the floor, above 0, inside the range.
        const auto* log = static_cast<QLogValueAxis*>(panel.lossAxis());
        QVERIFY(panel.trainLossSeries()->at(1).y() > 0);
        QVERIFY(panel.trainLossSeries()->at(1).y() >= log->min());
        QVERIFY(log->max() >= 0.5);
        QCOMPARE(panel.trainLossSeries()->at(0).y(), 0.5);
        panel.setLogScale(false);
        QCOMPARE(panel.lossAxis()->type(), QAbstractAxis::AxisTypeValue);
        QCOMPARE(panel.trainLossSeries()->at(1).y(), 0.0);
        QVERIFY(attachedTo(panel.trainLossSeries(), panel.lossAxis()));
        QCOMPARE(toggled.count(), 2);
    }

    void hoverShowsExactValue() {
        LossChartPanel panel;
        panel.addEpoch(epochStats(1, 100, 0.5, 0.6, 0.8, 0.7));
        panel.redrawNow();
        panel.addEpoch(epochStats(2, 100, 0.2984371, 0.4, 0.9, 0.85));
        panel.redrawNow();
        panel.appendLossPoints(lossPoints(0, 200, 0.125));
        panel.redrawNow();
        emit panel.trainLossSeries()->hovered(QPointF(190, 0.31), true);
        QCOMPARE(panel.hoverText(),
                 QString("Epoch 2 (200 records trained) · train loss J = 0.2984"));
        emit panel.testAccuracySeries()->hovered(QPointF(90, 70.2), true);
        QCOMPARE(panel.hoverText(), QString("Epoch 1 (100 records trained) · test accuracy 70 %"));
        emit panel.recordLossSeries()->hovered(QPointF(57.4, 0.1), true);
        QCOMPARE(panel.hoverText(), QString("Record 57 · per-record loss, smoothed: J ≈ 0.125"));
    }

    void zoomAndReset() {
        LossChartPanel panel;
        panel.resize(600, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.appendLossPoints(lossPoints(0, 1000, 0.5));
        panel.redrawNow();
        const double fullMax = panel.recordsAxis()->max();
        ZoomChartView* view = panel.findChildren<ZoomChartView*>().front();
        view->zoomAt(panel.lossChart()->plotArea().center(), 4.0);
        QVERIFY(panel.recordsAxis()->max() - panel.recordsAxis()->min() < fullMax / 2);
        const double zoomedMax = panel.recordsAxis()->max();
        panel.appendLossPoints(lossPoints(1000, 1000, 0.5)); // new data keep the user's view
        panel.redrawNow();
        QCOMPARE(panel.recordsAxis()->max(), zoomedMax);
        panel.resetZoom();
        QCOMPARE(panel.recordsAxis()->min(), 0.0);
        QCOMPARE(panel.recordsAxis()->max(), 2000.0);
    }

    void exportPng() {
        LossChartPanel panel;
        panel.resize(640, 480);
        panel.addEpoch(epochStats(1, 100, 0.5, 0.6, 0.8, 0.7));
        panel.redrawNow();
        QTemporaryDir dir;
        const QString path = dir.filePath("loss.png");
        QString error;
        QVERIFY2(panel.exportPng(path, &error), qPrintable(error));
        const QImage image(path);
        QVERIFY(image.width() > 300 && image.height() > 200);
        QVERIFY(!panel.exportPng(dir.filePath("no/such/dir/loss.png"), &error));
        QVERIFY(error.contains("no/such/dir/loss.png"));
    }

    void screenshot() {
        // A real run: circle data, 2-8-1 tanh/sigmoid, cross-entropy, test set each epoch.
        auto [trainSet, testSet] = split(generateCircle(3, 0.1, 400), 0.75, 5);
        auto train = std::make_shared<Dataset>(trainSet);
        Architecture arch;
        arch.sizes = {2, 8, 1};
        arch.hidden = Activation::Tanh;
        arch.output = Activation::Sigmoid;
        arch.loss = Loss::CrossEntropy;
        Hyper h;
        h.learningRate = 0.05;
        TrainingRun run(makeNetwork(arch, 7), train, h, Schedule{});
        LossChartPanel panel;
        panel.resize(820, 560);
        for (int e = 0; e < 40; ++e) {
            QVector<LossPoint> batch;
            StepResult r;
            do {
                const long record = run.recordsTrained();
                r = run.stepRecord();
                batch.append({record, run.epoch(), run.values().loss});
            } while (!r.epochDone);
            panel.appendLossPoints(batch);
            panel.redrawNow();
            EpochStats s = run.lastEpoch();
            const Metrics m = evaluate(run.network(), testSet);
            s.testLoss = m.loss;
            s.testAccuracy = m.accuracy;
            panel.addEpoch(s);
            panel.redrawNow();
        }
        panel.redrawNow();
        QVERIFY(panel.trainLossSeries()->count() == 40);
        QVERIFY(panel.trainLossSeries()->at(39).y() < panel.trainLossSeries()->at(0).y());
        const QString dir = qEnvironmentVariable("BP_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QString error;
            QVERIFY2(panel.exportPng(dir + "/loss-chart.png", &error), qPrintable(error));
            panel.setLogScale(true);
            QVERIFY(panel.exportPng(dir + "/loss-chart-log.png", &error));
            panel.setPresentationMode(true);
            QVERIFY(panel.exportPng(dir + "/loss-chart-presentation.png", &error));
            panel.setPalette(darkPalette());
            panel.setPresentationMode(false);
            QVERIFY(panel.exportPng(dir + "/loss-chart-dark.png", &error));
        }
    }
};

QTEST_MAIN(ChartsTest)
#include "tst_ui_charts.moc"
