// LossChartPanel's overlay: a second run (a fork) in the loss chart, drawn from the fork
// on in a second style — dashed, in colours of its own that read on the light and the
// dark palette — with the same bounded buckets as the first run's series.
#include "charts/loss_chart_panel.h"

#include "math/explain.h"

#include <algorithm>
#include <cmath>
#include <QAreaSeries>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

namespace bp {

namespace {

// Away from the main run's blue, orange and grey, and light enough for the dark palette.
const QColor kForkRecordColor(170, 80, 220); // violet
const QColor kForkTrainColor(20, 170, 160);  // teal
const QColor kForkTestColor(225, 70, 150);   // pink

} // namespace

void LossChartPanel::buildOverlaySeries() {
    m_overlay.record = new QLineSeries;
    m_overlay.train = new QLineSeries;
    m_overlay.test = new QLineSeries;
    m_overlay.record->setColor(kForkRecordColor);
    m_overlay.train->setColor(kForkTrainColor);
    m_overlay.test->setColor(kForkTestColor);
    // In the chart from the start (removing a series hands it back unowned): hidden, with
    // its legend marker, until an overlay starts.
    for (QLineSeries* s : {m_overlay.record, m_overlay.train, m_overlay.test}) {
        m_lossChart->addSeries(s);
        s->attachAxis(m_lossX);
        s->attachAxis(m_lossAxis);
        s->setVisible(false);
        for (QLegendMarker* m : m_lossChart->legend()->markers(s))
            m->setVisible(false);
        connectHover(s);
    }
    nameSeries();
}

QString LossChartPanel::overlayHover(QLineSeries* series, const QPointF& point) const {
    const auto number = [](double v) { return QString::fromStdString(formatNumber(v, 4)); };
    if (series == m_overlay.record) {
        const QVector<QPointF> pts = m_overlay.smoothed.points();
        const auto nearest = std::min_element(pts.begin(), pts.end(), [&](auto& a, auto& b) {
            return std::abs(a.x() - point.x()) < std::abs(b.x() - point.x());
        });
        if (nearest == pts.end())
            return {};
        return tr("%1 · record %2 · per-record loss, smoothed: J ≈ %3")
            .arg(m_overlay.name)
            .arg(static_cast<long>(nearest->x()))
            .arg(number(nearest->y()));
    }
    double records = 0, best = -1;
    const EpochBucket* hit = nullptr;
    for (const EpochBucket& e : m_overlay.epochs.buckets()) {
        records += static_cast<double>(e.records);
        if (!hit || std::abs(records - point.x()) < std::abs(best - point.x())) {
            hit = &e;
            best = records;
        }
    }
    if (!hit)
        return {};
    const bool train = series == m_overlay.train;
    const Spread& v = train ? hit->trainLoss : hit->testLoss;
    return tr("%1 · epoch %2 (%3 records trained) · %4 loss J = %5")
        .arg(m_overlay.name)
        .arg(hit->lastEpoch)
        .arg(static_cast<long>(best))
        .arg(train ? tr("train") : tr("test"))
        .arg(number(v.mean()));
}

void LossChartPanel::nameSeries() {
    const bool two = m_overlay.on;
    // Two runs: short names, the fork's settings once (the hover says the rest).
    m_recordRange->setName(two ? tr("main: range") : tr("per-record loss, range"));
    m_recordLoss->setName(two ? tr("main: smoothed") : tr("per-record loss, smoothed"));
    m_trainLoss->setName(two ? tr("main: train loss") : tr("train loss (epoch mean)"));
    m_testLoss->setName(two ? tr("main: test loss") : tr("test loss"));
    m_overlay.record->setName(tr("%1: smoothed").arg(m_overlay.name));
    m_overlay.train->setName(tr("fork: train loss"));
    m_overlay.test->setName(tr("fork: test loss"));
}

void LossChartPanel::styleOverlay() {
    const double width = m_presentation ? 3.0 : 2.0;
    for (QLineSeries* s : {m_overlay.record, m_overlay.train, m_overlay.test}) {
        QPen pen = s->pen();
        pen.setWidthF(s == m_overlay.record ? width * 0.9 : width);
        pen.setStyle(s == m_overlay.test ? Qt::DotLine : Qt::DashLine);
        pen.setCapStyle(Qt::FlatCap);
        s->setPen(pen);
        s->setMarkerSize(m_presentation ? 5 : 3.5);
    }
}

void LossChartPanel::startOverlay(const QString& name, long from) {
    m_overlay.on = true;
    m_overlay.name = name;
    m_overlay.from = from;
    // The overlaid run sends its history before the fork itself (SavedRun::losses).
    m_overlay.smoothed.clear();
    m_overlay.epochs.clear();
    m_overlay.epochsDirty = true;
    nameSeries();
    m_overlay.record->setVisible(true);
    m_overlay.train->setVisible(true);
    for (QLineSeries* s : {m_overlay.record, m_overlay.train})
        for (QLegendMarker* m : m_lossChart->legend()->markers(s))
            m->setVisible(true);
    scheduleRedraw();
}

void LossChartPanel::setOverlayName(const QString& name) {
    m_overlay.name = name;
    nameSeries();
}

void LossChartPanel::setOverlayFrom(long from) {
    m_overlay.from = from;
    m_overlay.epochsDirty = true;
    scheduleRedraw();
}

void LossChartPanel::appendOverlayLossPoints(const LossBuckets& points) {
    if (!m_overlay.on || points.empty())
        return;
    m_overlay.smoothed.append(points);
    scheduleRedraw();
}

void LossChartPanel::addOverlayEpochs(const EpochBuckets& epochs) {
    if (!m_overlay.on)
        return;
    for (const EpochBucket& b : epochs.buckets()) {
        m_overlay.epochs.dropBackWhile(
            [&b](const EpochBucket& old) { return old.lastEpoch >= b.firstEpoch; });
        m_overlay.epochs.add(b);
    }
    m_overlay.epochsDirty = true;
    scheduleRedraw();
}

void LossChartPanel::rewindOverlay(long lossesKept, int epoch) {
    if (!m_overlay.on)
        return;
    m_overlay.smoothed.truncateFrom(lossesKept);
    m_overlay.epochs.dropBackWhile([epoch](const EpochBucket& b) { return b.lastEpoch > epoch; });
    m_overlay.epochsDirty = true;
    scheduleRedraw();
}

void LossChartPanel::clearOverlay() {
    if (!m_overlay.on)
        return;
    m_overlay.on = false;
    m_overlay.smoothed.clear();
    m_overlay.epochs.clear();
    for (QLineSeries* s : {m_overlay.record, m_overlay.train, m_overlay.test}) {
        s->clear();
        s->setVisible(false);
        for (QLegendMarker* m : m_lossChart->legend()->markers(s))
            m->setVisible(false);
    }
    nameSeries();
    scheduleRedraw();
}

void LossChartPanel::rebuildOverlaySeries() {
    if (!m_overlay.on)
        return;
    // From the bucket whose last record is the one before the fork: the line leaves the
    // main run's there.
    const long from = m_overlay.from;
    QVector<QPointF> record;
    for (const QPointF& p : m_overlay.smoothed.points())
        if (p.x() >= static_cast<double>(from) - 1)
            record.append(p);
    // A bucket may hold records from both sides of the fork: its point is still the fork's.
    if (record.isEmpty() && !m_overlay.smoothed.points().isEmpty())
        record.append(m_overlay.smoothed.points().back());
    replaceLossSeries(m_overlay.record, record);
    m_overlay.record->setPointsVisible(record.size() <= 2);
    if (!m_overlay.epochsDirty)
        return;
    m_overlay.epochsDirty = false;
    QVector<QPointF> train, test;
    double records = 0;
    for (const EpochBucket& e : m_overlay.epochs.buckets()) {
        records += static_cast<double>(e.records);
        if (records <= static_cast<double>(from)) {
            train.clear(); // only the last epoch up to the fork: where the line leaves
            test.clear();
        }
        if (e.trainLoss.n > 0)
            train.append(QPointF(records, e.trainLoss.mean()));
        if (e.testLoss.n > 0)
            test.append(QPointF(records, e.testLoss.mean()));
    }
    replaceLossSeries(m_overlay.train, train);
    replaceLossSeries(m_overlay.test, test);
    const bool markers = m_overlay.epochs.size() <= 60;
    m_overlay.train->setPointsVisible(markers);
    m_overlay.test->setPointsVisible(markers);
    m_overlay.test->setVisible(!test.isEmpty());
    for (QLegendMarker* m : m_lossChart->legend()->markers(m_overlay.test))
        m->setVisible(!test.isEmpty());
}

} // namespace bp
