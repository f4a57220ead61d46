// LossChartPanel's hover: the exact value of the point under the mouse, in the label
// beside the tabs and in a tooltip.
#include "charts/loss_chart_panel.h"

#include "math/explain.h"

#include <algorithm>
#include <QCursor>
#include <QLabel>
#include <QLineSeries>
#include <QToolTip>

namespace bp {

namespace {

QString hoverNumber(double v) {
    return QString::fromStdString(formatNumber(v, 4));
}

// Index of the point whose x is nearest to x (points sorted by x).
int nearestByX(const QVector<QPointF>& points, double x) {
    if (points.isEmpty())
        return -1;
    const auto it = std::lower_bound(points.begin(), points.end(), x,
                                     [](const QPointF& p, double v) { return p.x() < v; });
    int i = static_cast<int>(it - points.begin());
    if (i >= points.size())
        return points.size() - 1;
    if (i > 0 && x - points[i - 1].x() < points[i].x() - x)
        --i;
    return i;
}

} // namespace

void LossChartPanel::connectHover(QLineSeries* series) {
    connect(series, &QLineSeries::hovered, this,
            [this, series](const QPointF& point, bool state) { onHovered(series, point, state); });
}

void LossChartPanel::onHovered(QLineSeries* series, const QPointF& point, bool state) {
    if (!state) {
        QToolTip::hideText();
        return;
    }
    QString text;
    if (series == m_overlay.record || series == m_overlay.train || series == m_overlay.test) {
        text = overlayHover(series, point); // a fork's (loss_chart_overlay.cpp)
    } else if (series == m_recordLoss) {
        const QVector<QPointF> pts = m_smoothed.points();
        const int i = nearestByX(pts, point.x());
        if (i >= 0)
            text = tr("Record %1 · per-record loss, smoothed: J ≈ %2")
                       .arg(static_cast<long>(pts[i].x()))
                       .arg(hoverNumber(pts[i].y()));
    } else if (!m_epochs.empty()) {
        const std::vector<double> ends = epochEnds();
        QVector<QPointF> xs;
        for (double x : ends)
            xs.append(QPointF(x, 0));
        const std::size_t i = static_cast<std::size_t>(nearestByX(xs, point.x()));
        const EpochBucket& b = m_epochs.buckets()[i];
        const QString where = b.units() == 1 ? tr("Epoch %1 (%2 records trained)")
                                                   .arg(b.lastEpoch)
                                                   .arg(static_cast<long>(ends[i]))
                                             : tr("Epochs %1–%2 (%3 records trained)")
                                                   .arg(b.firstEpoch)
                                                   .arg(b.lastEpoch)
                                                   .arg(static_cast<long>(ends[i]));
        // One epoch: its figure; several: their mean and range.
        const auto figure = [&b](const Spread& v, double scale, const QString& unit) {
            if (b.units() == 1 || v.n <= 1)
                return hoverNumber(scale * v.mean()) + unit;
            return tr("%1%2 (mean; %3 to %4)")
                .arg(hoverNumber(scale * v.mean()), unit, hoverNumber(scale * v.min),
                     hoverNumber(scale * v.max));
        };
        if (series == m_trainLoss)
            text = where + tr(" · train loss J = %1").arg(figure(b.trainLoss, 1, QString()));
        else if (series == m_testLoss)
            text = where + tr(" · test loss J = %1").arg(figure(b.testLoss, 1, QString()));
        else if (series == m_trainAccuracy)
            text = where + tr(" · train accuracy %1").arg(figure(b.trainAccuracy, 100, " %"));
        else if (series == m_testAccuracy)
            text = where + tr(" · test accuracy %1").arg(figure(b.testAccuracy, 100, " %"));
    }
    if (text.isEmpty())
        return;
    m_hoverLabel->setText(text);
    QToolTip::showText(QCursor::pos(), text, this);
}

QString LossChartPanel::hoverText() const {
    return m_hoverLabel->text();
}

} // namespace bp
