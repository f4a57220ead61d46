#include "session/publish_pacer.h"

#include "math/types.h"
#include "session/worker_detail.h"

#include <algorithm>

namespace bp {

using namespace detail;

void PublishPacer::reset() {
    m_frameInterval = kFrame;
    m_costs.fill(Clock::duration::zero());
    m_rate = 0;
}

void PublishPacer::start(Clock::time_point now, long recordsTrained) {
    m_nextPublish = now + kFrame;
    m_nextFlush = now + kPointsEvery;
    m_nextRecordDue = now;
    m_lastTick = now;
    m_clockStride = 1;
    m_clockCountdown = 1;
    m_rateAt = now;
    m_rateRecords = recordsTrained;
}

void PublishPacer::tick(Clock::time_point now) {
    const Clock::duration sinceTick = now - m_lastTick;
    if (sinceTick < std::chrono::microseconds(500))
        m_clockStride = std::min(m_clockStride * 2, 1 << 14);
    else if (sinceTick > std::chrono::milliseconds(2))
        m_clockStride = std::max(m_clockStride / 2, 1);
    m_clockCountdown = m_clockStride;
    m_lastTick = now;
}

void PublishPacer::flushed(Clock::time_point now) {
    m_nextFlush = now + kPointsEvery;
}

void PublishPacer::published(Clock::time_point start, Clock::time_point end,
                             Clock::duration captureCost, long weights) {
    // Copying a snapshot and the Δw capture behind it may take up to ~3% of the time,
    // and stream at most ~150 MB/s (the copies also push the weights out of the cache
    // the training runs in): 40 snapshots a second for small nets, ~36 at 784-128-10.
    // The cost is the least of the last few (a first copy into fresh pages, or the
    // thread losing its core for a moment, is not what copying costs), and the
    // interval stays under 100 ms whatever it measures.
    m_costs[m_costNext++ % m_costs.size()] = end - start + captureCost;
    const Clock::duration cost = *std::min_element(m_costs.begin(), m_costs.end());
    const double bytes = 5.0 * static_cast<double>(weights) * sizeof(Scalar);
    const auto byBandwidth =
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(bytes / 150e6));
    m_frameInterval = std::clamp(std::max(33 * cost, Clock::duration(byBandwidth)),
                                 Clock::duration(kFrame), Clock::duration(kSlowestFrame));
    m_lastPublish = end;
    m_nextPublish = end + m_frameInterval;
    m_nextFlush = start + kPointsEvery;
}

void PublishPacer::recordDone(Clock::time_point done, double recordsPerSecond) {
    const auto period = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / recordsPerSecond));
    m_nextRecordDue = std::max(m_nextRecordDue + period, done - period); // no bursts
}

void PublishPacer::measureRate(Clock::time_point now, long recordsTrained) {
    const double seconds = std::chrono::duration<double>(now - m_rateAt).count();
    if (seconds < 0.25)
        return;
    m_rate = static_cast<double>(recordsTrained - m_rateRecords) / seconds;
    m_rateAt = now;
    m_rateRecords = recordsTrained;
}

} // namespace bp
