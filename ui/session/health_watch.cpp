#include "session/health_watch.h"

#include "session/worker_detail.h"

#include <cmath>

namespace bp {

using detail::number;

namespace {
struct Verdict {
    QString text; // "dead fraction 0.91 > 0.5"
    bool fired() const { return !text.isEmpty(); }
};

Verdict judge(const HealthBreakpoints& b, const LayerHealth& h) {
    const auto beyond = [](const char* name, double v, const char* op, double limit) {
        return Verdict{QStringLiteral("%1 %2 %3 %4")
                           .arg(QLatin1String(name), number(v), QLatin1String(op), number(limit))};
    };
    if (b.deadAbove && h.deadFraction > *b.deadAbove)
        return beyond("dead fraction", h.deadFraction, ">", *b.deadAbove);
    // NaN (a zero weight norm) is outside every interval.
    const double r = h.updateRatio;
    const bool ratioLow = b.ratioBelow && !(r >= *b.ratioBelow);
    const bool ratioHigh = b.ratioAbove && !(r <= *b.ratioAbove);
    if (ratioLow || ratioHigh) {
        const QString lo = b.ratioBelow ? number(*b.ratioBelow) : QStringLiteral("0");
        const QString hi = b.ratioAbove ? number(*b.ratioAbove) : QStringLiteral("∞");
        return {QStringLiteral("update ratio %1 outside [%2, %3]").arg(number(r), lo, hi)};
    }
    if (b.gradientAbove && !(h.gradientNorm <= *b.gradientAbove))
        return beyond("gradient norm", h.gradientNorm, ">", *b.gradientAbove);
    if (b.gradientBelow && h.gradientNorm < *b.gradientBelow)
        return beyond("gradient norm", h.gradientNorm, "<", *b.gradientBelow);
    return {};
}
} // namespace

BreakpointHit healthHit(const HealthBreakpoints& b, const std::vector<LayerHealth>& figures,
                        long first, long last, int epoch) {
    for (const LayerHealth& h : figures) {
        if (b.layer > 0 && h.layer != b.layer)
            continue;
        const Verdict v = judge(b, h);
        if (!v.fired())
            continue;
        const QString over = first == last ? QStringLiteral("record %1").arg(last)
                                           : QStringLiteral("records %1–%2").arg(first).arg(last);
        return {PauseReason::LayerHealth,
                QStringLiteral("layer %1: %2 (over %3 trained, epoch %4).")
                    .arg(h.layer)
                    .arg(v.text, over)
                    .arg(epoch)};
    }
    return {};
}

HealthSampler samplerOf(const HealthBreakpoints& b) {
    return {std::max(1L, b.interval), std::max(1L, b.window)};
}

bool sameSampler(const HealthSampler& a, const HealthSampler& b) {
    return a.interval == b.interval &&
           std::min(a.window, a.interval) == std::min(b.window, b.interval);
}

template <typename T>
bool HealthWatch::afterRecord(const HealthSampler& sampler, const TrainingRunT<T>& run,
                              int epochOfRecord, qint64 time, HealthSample& sample) {
    const long t = run.recordsTrained();
    if (t != m_last + 1) // a new run, a rewind, a breakpoint just set: a new window
        m_window = HealthWindow(run.network());
    m_last = t;
    if (sampler.starts(t))
        m_skipping = false;
    if (sampler.adds(t) && !m_skipping)
        m_window.add(run.values());
    if (!sampler.closes(t) || m_window.records() == 0)
        return false;
    sample.first = t - m_window.records() + 1;
    sample.last = t;
    sample.epoch = epochOfRecord;
    sample.time = time;
    sample.layers = m_window.figures(run.network(), run.hyper().learningRate);
    m_window.clear();
    return true;
}

template bool HealthWatch::afterRecord<float>(const HealthSampler&, const TrainingRunT<float>&, int,
                                              qint64, HealthSample&);
template bool HealthWatch::afterRecord<double>(const HealthSampler&, const TrainingRunT<double>&,
                                               int, qint64, HealthSample&);

} // namespace bp
