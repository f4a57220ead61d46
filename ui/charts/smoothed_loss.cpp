#include "charts/smoothed_loss.h"

#include <algorithm>
#include <cmath>

namespace bp {

SmoothedLoss::SmoothedLoss(double alpha, int maxBuckets)
    : m_alpha(std::clamp(alpha, 1e-6, 1.0)),
      m_buckets(static_cast<std::size_t>(std::max(16, maxBuckets))) {}

void SmoothedLoss::clear() {
    m_buckets.clear();
    m_sum = 0;
    m_weight = 0;
}

void SmoothedLoss::add(LossBucket b) {
    if (b.loss.n > 0) {
        // After n more finite losses: ema·W ← (1 − α)^n · ema·W + α · Σ (1 − α)^(n−i) J_i,
        // W ← (1 − α)^n · W + 1 − (1 − α)^n (the weights α(1 − α)^i add up to that).
        const double f = std::pow(1 - m_alpha, static_cast<double>(b.loss.n));
        m_sum = f * m_sum + m_alpha * b.discounted;
        m_weight = f * m_weight + (1 - f);
    }
    b.smoothed = m_weight > 0 ? m_sum / m_weight : std::nan("");
    b.weight = m_weight;
    m_buckets.add(b);
}

void SmoothedLoss::append(const LossBuckets& buckets) {
    for (const LossBucket& b : buckets.buckets())
        add(b);
}

void SmoothedLoss::append(const QVector<LossPoint>& points) {
    for (const LossPoint& p : points) {
        LossBucket b;
        b.add(p);
        add(b);
    }
}

void SmoothedLoss::truncateFrom(long record) {
    m_buckets.dropBackWhile([record](const LossBucket& b) { return b.end() > record; });
    if (m_buckets.empty()) {
        clear();
        return;
    }
    // Continue the average from the end of the last bucket kept.
    const LossBucket& last = m_buckets.buckets().back();
    m_weight = last.weight;
    m_sum = m_weight > 0 ? last.smoothed * m_weight : 0;
}

QVector<QPointF> SmoothedLoss::points() const {
    QVector<QPointF> out;
    out.reserve(static_cast<qsizetype>(m_buckets.size()));
    for (const LossBucket& b : m_buckets.buckets())
        if (b.loss.n > 0 && std::isfinite(b.smoothed))
            out.append(QPointF(static_cast<double>(b.end() - 1), b.smoothed));
    return out;
}

long SmoothedLoss::recordsSeen() const {
    long n = 0;
    for (const LossBucket& b : m_buckets.buckets())
        n += b.loss.n;
    return n;
}

long SmoothedLoss::nonFinite() const {
    long n = 0;
    for (const LossBucket& b : m_buckets.buckets())
        n += b.nonFinite;
    return n;
}

} // namespace bp
