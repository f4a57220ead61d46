#include "smoothed_loss.h"

#include <algorithm>
#include <cmath>

namespace bp {

SmoothedLoss::SmoothedLoss(double alpha, int maxPoints)
    : m_alpha(std::clamp(alpha, 1e-6, 1.0)), m_maxPoints(std::max(16, maxPoints)) {}

void SmoothedLoss::setAlpha(double alpha) {
    m_alpha = std::clamp(alpha, 1e-6, 1.0);
}

void SmoothedLoss::clear() {
    m_stride = 1;
    m_sinceKept = 0;
    m_seen = 0;
    m_nonFinite = 0;
    m_sum = 0;
    m_weight = 0;
    m_kept.clear();
    m_hasTail = false;
}

void SmoothedLoss::append(const QVector<LossPoint>& points) {
    m_kept.reserve(m_kept.size() + points.size() / m_stride + 1);
    for (const LossPoint& p : points) {
        if (!std::isfinite(p.loss)) {
            ++m_nonFinite;
            continue;
        }
        // ema ← (1 − α)·ema + α·J, divided by the weight the terms add up to.
        m_sum = (1 - m_alpha) * m_sum + m_alpha * p.loss;
        m_weight = (1 - m_alpha) * m_weight + m_alpha;
        ++m_seen;
        const QPointF point(static_cast<double>(p.record), m_sum / m_weight);
        if (m_sinceKept == 0) {
            m_kept.append(point);
            m_hasTail = false;
        } else {
            m_tail = point;
            m_hasTail = true;
        }
        m_sinceKept = (m_sinceKept + 1) % m_stride;
        if (m_kept.size() > m_maxPoints)
            decimate();
    }
}

void SmoothedLoss::decimate() {
    QVector<QPointF> half;
    half.reserve(m_kept.size() / 2 + 1);
    for (int i = 0; i < m_kept.size(); i += 2)
        half.append(m_kept[i]);
    // Records since the last kept point (1..stride), counted from the last point that
    // stays: one stride further back when the last kept point was dropped.
    const long since = m_sinceKept == 0 ? m_stride : m_sinceKept;
    const bool lastDropped = m_kept.size() % 2 == 0;
    m_kept = std::move(half);
    m_sinceKept = (lastDropped ? since + m_stride : since) % (2L * m_stride);
    m_stride *= 2;
}

void SmoothedLoss::truncateFrom(long record) {
    const double x = static_cast<double>(record);
    while (!m_kept.isEmpty() && m_kept.back().x() >= x)
        m_kept.removeLast();
    if (m_hasTail && m_tail.x() >= x)
        m_hasTail = false;
    const QPointF* last = m_hasTail ? &m_tail : (m_kept.isEmpty() ? nullptr : &m_kept.back());
    if (!last) {
        clear();
        return;
    }
    m_sum = last->y() * m_weight; // continue the average from the last point kept
    m_sinceKept = 0;
}

QVector<QPointF> SmoothedLoss::points() const {
    QVector<QPointF> out = m_kept;
    if (m_hasTail)
        out.append(m_tail);
    return out;
}

} // namespace bp
