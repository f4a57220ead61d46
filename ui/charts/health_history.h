#pragma once
// One run's health samples as the Layer health dock keeps them: at most kMaxKept, thinned
// like a decimating history. Every sample is taken while fewer than kMaxKept are kept;
// then every other one is dropped and only every 2nd new one kept (then every 4th, …),
// so the kept samples stay evenly spaced over the run however long it is, and the newest
// is always kept (the last one, even when off the stride). What the dock draws per series
// and what its histogram slider moves over are these samples: bounded work per redraw.
#include "session/health_sample.h"

#include <memory>
#include <vector>

namespace bp {

class HealthHistory {
public:
    static constexpr std::size_t kMaxKept = 1000;

    // In order; a sample not after the newest replaces from it. Only a sample on the
    // stride is copied; the newest off it is kept as given (sharing its delivery) until
    // the next one replaces it: a long run copies one sample in `stride`.
    void add(const std::shared_ptr<const HealthSample>& s);
    // The timeline went back to `kept` records (TrainingSession::rewound): drops the
    // samples whose last record is after it.
    void rewind(long kept);
    void clear();

    // Oldest first; the newest last.
    const std::vector<std::shared_ptr<const HealthSample>>& samples() const { return m_kept; }
    std::shared_ptr<const HealthSample> newest() const;
    long stride() const { return m_stride; }   // samples arrived per sample kept
    long thinned() const { return m_thinned; } // dropped to stay within kMaxKept

private:
    std::vector<std::shared_ptr<const HealthSample>> m_kept;
    std::vector<long> m_order; // m_order[i]: the arrival place of m_kept[i]
    long m_arrived = 0;
    long m_stride = 1;
    long m_thinned = 0;
};

} // namespace bp
