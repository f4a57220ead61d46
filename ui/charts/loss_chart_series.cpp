// LossChartPanel's series: what arrived, as the points of the lines and the band.
#include "charts/loss_chart_panel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <QAreaSeries>
#include <QLineSeries>
#include <QTabWidget>

namespace bp {

std::vector<double> LossChartPanel::epochEnds() const {
    std::vector<double> ends;
    ends.reserve(m_epochs.size());
    double records = 0;
    for (const EpochBucket& b : m_epochs.buckets())
        ends.push_back(records += static_cast<double>(b.records));
    return ends;
}

double LossChartPanel::lossFloor() const {
    double lo = std::numeric_limits<double>::infinity();
    for (const LossBucket& b : m_smoothed.buckets()) {
        if (b.loss.n > 0 && b.loss.min > 0)
            lo = std::min(lo, b.loss.min);
        if (b.smoothed > 0)
            lo = std::min(lo, b.smoothed);
    }
    for (const EpochBucket& e : m_epochs.buckets())
        for (const Spread* v : {&e.trainLoss, &e.testLoss})
            if (v->n > 0 && v->min > 0)
                lo = std::min(lo, v->min);
    return std::isfinite(lo) ? lo / 2 : 1e-3;
}

void LossChartPanel::replaceLossSeries(QLineSeries* series, const QVector<QPointF>& points) {
    if (!m_logScale) {
        series->replace(points);
        return;
    }
    // A log axis cannot show 0 or less: such points sit on the floor (the hover
    // label still gives their true value).
    const double floor = lossFloor();
    QVector<QPointF> clamped = points;
    for (QPointF& p : clamped)
        if (!(p.y() >= floor))
            p.setY(floor);
    series->replace(clamped);
}

void LossChartPanel::rebuildRecordSeries() {
    const QVector<QPointF> smoothed = m_smoothed.points();
    replaceLossSeries(m_recordLoss, smoothed);
    // A line needs two points: the first records' are drawn as markers until then.
    m_recordLoss->setPointsVisible(smoothed.size() <= 2);
    // The band: each bucket's least and greatest loss over the records it holds.
    QVector<QPointF> lower, upper;
    lower.reserve(static_cast<qsizetype>(2 * m_smoothed.buckets().size()));
    upper.reserve(lower.capacity());
    for (const LossBucket& b : m_smoothed.buckets()) {
        if (b.loss.n == 0)
            continue;
        for (double x : {static_cast<double>(b.first), static_cast<double>(b.end() - 1)}) {
            lower.append(QPointF(x, b.loss.min));
            upper.append(QPointF(x, b.loss.max));
        }
    }
    replaceLossSeries(m_recordMin, lower);
    replaceLossSeries(m_recordMax, upper);
}

void LossChartPanel::rebuildEpochSeries() {
    // One point per bucket of epochs: the epoch's own figures, or the mean of several.
    QVector<QPointF> train, test, trainAcc, testAcc;
    const std::vector<double> ends = epochEnds();
    for (std::size_t i = 0; i < ends.size(); ++i) {
        const EpochBucket& e = m_epochs.buckets()[i];
        if (e.trainLoss.n > 0)
            train.append(QPointF(ends[i], e.trainLoss.mean()));
        if (e.testLoss.n > 0)
            test.append(QPointF(ends[i], e.testLoss.mean()));
        if (e.trainAccuracy.n > 0)
            trainAcc.append(QPointF(ends[i], 100 * e.trainAccuracy.mean()));
        if (e.testAccuracy.n > 0)
            testAcc.append(QPointF(ends[i], 100 * e.testAccuracy.mean()));
    }
    replaceLossSeries(m_trainLoss, train);
    replaceLossSeries(m_testLoss, test);
    m_trainAccuracy->replace(trainAcc);
    m_testAccuracy->replace(testAcc);
    const bool markers = m_epochs.size() <= 60;
    for (QLineSeries* s : {m_trainLoss, m_testLoss, m_trainAccuracy, m_testAccuracy})
        s->setPointsVisible(markers);
    m_testLoss->setVisible(!test.isEmpty());
    m_testAccuracy->setVisible(!testAcc.isEmpty());
    const bool accuracy = !trainAcc.isEmpty() || !testAcc.isEmpty();
    m_tabs->setTabVisible(1, accuracy);
}

} // namespace bp
