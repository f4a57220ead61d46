// LossChartPanel's axes: their ranges fitted to the data, zoom reset, the log scale.
#include "charts/loss_chart_panel.h"

#include <algorithm>
#include <cmath>
#include <QAreaSeries>
#include <QChart>
#include <QCheckBox>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

namespace bp {

namespace {

// A round axis maximum ≥ v (v > 0) and the tick count that puts ticks on round values.
struct NiceMax {
    double max = 1;
    int ticks = 6;
};
NiceMax niceMax(double v) {
    if (!(v > 0) || !std::isfinite(v))
        return {};
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    // (mantissa, intervals): 1.2 → 0, 0.2, …, 1.2 (6 intervals), 1.5 → 0, 0.5, 1, 1.5, …
    static const std::pair<double, int> kSteps[] = {{1, 5},   {1.2, 6}, {1.5, 3}, {2, 4},
                                                    {2.5, 5}, {3, 6},   {4, 4},   {5, 5},
                                                    {6, 6},   {8, 4},   {10, 5}};
    for (const auto& [m, intervals] : kSteps)
        if (m * p >= v * (1 - 1e-12))
            return {m * p, intervals + 1};
    return {10 * p, 6};
}

} // namespace

void LossChartPanel::fitRanges() {
    if (m_userZoomed)
        return;
    fitRecordsAxis(recordsExtent());
    fitLossAxis(lossExtent());
    fitAccuracyAxis();
}

double LossChartPanel::recordsExtent() const {
    double maxX = 0;
    const std::vector<LossBucket>& records = m_smoothed.buckets();
    if (!records.empty())
        maxX = static_cast<double>(records.back().end());
    const std::vector<double> ends = epochEnds();
    if (!ends.empty())
        maxX = std::max(maxX, ends.back());
    if (m_overlay.on && !m_overlay.smoothed.buckets().empty()) // a fork's
        maxX = std::max(maxX, static_cast<double>(m_overlay.smoothed.buckets().back().end()));
    return maxX;
}

double LossChartPanel::lossExtent() const {
    double maxY = 0;
    const std::vector<LossBucket>& records = m_smoothed.buckets();
    // The lines whole; the band up to the 95th percentile of its buckets' maxima, so
    // one early spike does not flatten the curve (the band runs off the top there;
    // hover and the log axis show it).
    std::vector<double> peaks;
    peaks.reserve(records.size());
    for (const LossBucket& b : records) {
        if (b.loss.n > 0 && std::isfinite(b.loss.max))
            peaks.push_back(b.loss.max);
        if (std::isfinite(b.smoothed))
            maxY = std::max(maxY, b.smoothed);
    }
    if (!peaks.empty()) {
        const auto at = peaks.begin() + static_cast<std::ptrdiff_t>(0.95 * (peaks.size() - 1));
        std::nth_element(peaks.begin(), at, peaks.end());
        maxY = std::max(maxY, *at);
    }
    for (const EpochBucket& e : m_epochs.buckets())
        for (const Spread* v : {&e.trainLoss, &e.testLoss})
            if (v->n > 0 && std::isfinite(v->max))
                maxY = std::max(maxY, v->max);
    if (m_overlay.on) { // a fork's lines whole
        for (const LossBucket& b : m_overlay.smoothed.buckets())
            if (std::isfinite(b.smoothed))
                maxY = std::max(maxY, b.smoothed);
        for (const EpochBucket& e : m_overlay.epochs.buckets())
            for (const Spread* v : {&e.trainLoss, &e.testLoss})
                if (v->n > 0 && std::isfinite(v->max))
                    maxY = std::max(maxY, v->max);
    }
    return maxY;
}

void LossChartPanel::fitRecordsAxis(double maxX) {
    // At least 10 records wide: whole-number labels stay distinct (0, 2, 4, … before any
    // training, not 0, 0, 0, 1, 1, 1).
    const NiceMax x = niceMax(std::max(maxX, 10.0));
    m_lossX->setRange(0, x.max);
    m_lossX->setTickCount(x.ticks);
    m_accuracyX->setTickCount(x.ticks);
    m_accuracyX->setRange(m_lossX->min(), m_lossX->max());
}

void LossChartPanel::fitLossAxis(double maxY) {
    if (m_logScale) {
        const double lo = std::pow(10.0, std::floor(std::log10(lossFloor())));
        double hi = std::pow(10.0, std::ceil(std::log10(std::max(maxY, lo * 10))));
        if (hi <= lo)
            hi = lo * 10;
        m_lossAxis->setRange(lo * 0.999, hi * 1.001); // keeps the end decades' labels
    } else {
        const NiceMax y = niceMax(maxY > 0 ? maxY * 1.02 : 1.0);
        m_linearAxis->setRange(0, y.max);
        m_linearAxis->setTickCount(y.ticks);
    }
}

void LossChartPanel::fitAccuracyAxis() {
    // Accuracy: from a round value below the lowest point to 100 %, a little headroom
    // so markers at 100 % are not cut.
    double lowest = 100;
    for (const EpochBucket& e : m_epochs.buckets())
        for (const Spread* a : {&e.trainAccuracy, &e.testAccuracy})
            if (a->n > 0)
                lowest = std::min(lowest, 100 * a->min);
    const double lo = std::max(0.0, std::floor((lowest - 5) / 10) * 10);
    m_accuracyY->setTickType(QValueAxis::TicksDynamic);
    m_accuracyY->setTickAnchor(0);
    m_accuracyY->setTickInterval(100 - lo > 50 ? 20 : 10);
    m_accuracyY->setRange(lo, 100 + (100 - lo) * 0.05);
}

void LossChartPanel::resetZoom() {
    m_lossChart->zoomReset();
    m_accuracyChart->zoomReset();
    m_userZoomed = false;
    fitRanges();
}

void LossChartPanel::setLogScale(bool on) {
    if (m_logScale == on)
        return;
    m_logScale = on;
    QAbstractAxis* old = m_lossAxis;
    m_lossAxis = on ? static_cast<QAbstractAxis*>(m_logAxis) : m_linearAxis;
    for (QAbstractSeries* series : std::initializer_list<QAbstractSeries*>{
             m_recordRange, m_recordLoss, m_trainLoss, m_testLoss, m_overlay.record,
             m_overlay.train, m_overlay.test}) {
        series->detachAxis(old);
        series->attachAxis(m_lossAxis);
    }
    old->setVisible(false);
    m_lossAxis->setVisible(true);
    // Fit first, so the clamped series never meet an axis range that excludes them.
    m_userZoomed = false;
    fitRanges();
    rebuildRecordSeries();
    rebuildEpochSeries();
    m_overlay.epochsDirty = true;
    rebuildOverlaySeries();
    applyStyle();
    {
        const QSignalBlocker block(m_logBox);
        m_logBox->setChecked(on);
    }
    emit logScaleChanged(on);
}

} // namespace bp
