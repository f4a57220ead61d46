#include "session/history.h"

#include "session/worker_detail.h"

#include <algorithm>

namespace bp {

template <typename T> std::size_t approxBytes(const TrainingRunT<T>& run) {
    std::size_t numbers =
        static_cast<std::size_t>(run.values().input.size() + run.values().target.size());
    for (const LayerT<T>& l : run.network().layers) {
        // w, the optimizer's sum, velocity and workspace, and ∂J/∂w in the values
        numbers += 5 * static_cast<std::size_t>(l.w.size());
        numbers += 4 * static_cast<std::size_t>(l.size()); // z, x, δ, ∂J/∂z
    }
    const std::size_t order = static_cast<std::size_t>(run.data().records());
    return sizeof(TrainingRunT<T>) + numbers * sizeof(T) + order * sizeof(Eigen::Index);
}

template <typename T>
void History<T>::clear(const HistoryLimits& limits, const TimelineCursor<T>& cursor) {
    m_limits = limits;
    m_limits.maxRecords = std::max(2L, m_limits.maxRecords); // a NaN search needs two back
    m_checkpointBytes = approxBytes(*cursor.run);
    m_maxCheckpoints = std::max<std::size_t>(2, m_limits.maxBytes / m_checkpointBytes);
    if (m_limits.checkpointInterval > 0) {
        m_interval = m_limits.checkpointInterval;
    } else {
        // Enough checkpoints to span maxRecords within the budget.
        const long spans = static_cast<long>(std::min<std::size_t>(m_maxCheckpoints - 1, 1L << 20));
        m_interval = std::max(1L, (m_limits.maxRecords + spans - 1) / spans);
    }
    m_checkpoints.clear();
    m_spares.clear();
    m_recordStarts.reset(static_cast<std::size_t>(m_limits.maxRecords) + 1);
    m_updates.reset(static_cast<std::size_t>(m_limits.maxRecords) + 1);
    m_events.clear();
    m_recordStarts.pushBack(cursor.time);
    m_lastCopy = Clock::duration::zero();
    addCheckpoint(cursor);
}

template <typename T> void History<T>::considerCheckpoint(const TimelineCursor<T>& cursor) {
    if (m_limits.checkpointInterval <= 0) {
        // Copying must stay below ~0.5% of the time spent between copies.
        const Clock::duration sinceLast = Clock::now() - m_lastCheckpointAt;
        if (sinceLast < 200 * m_lastCopy) {
            m_nextCheck = m_recordsSinceCheckpoint + std::max(1L, m_recordsSinceCheckpoint / 2);
            return;
        }
    }
    addCheckpoint(cursor);
}

template <typename T> void History<T>::record(const TimelineEvent& e, TimelineCursor<T>& cursor) {
    m_events.record(e, cursor);
}

template <typename T> void History<T>::addCheckpoint(const TimelineCursor<T>& cursor) {
    if (!m_checkpoints.empty() && m_checkpoints.back()->cursor.time >= cursor.time)
        return;
    const Clock::time_point start = Clock::now();
    const bool warm = !m_spares.empty();
    if (warm) {
        m_spares.back()->cursor = cursor; // copy-assignment into old buffers: no allocation
        m_checkpoints.push_back(std::move(m_spares.back()));
        m_spares.pop_back();
    } else {
        m_checkpoints.push_back(std::make_unique<Checkpoint>(cursor));
    }
    m_lastCheckpointAt = Clock::now();
    m_lastCopy = m_lastCheckpointAt - start;
    if (!warm) {
        // A first copy pays for fresh pages; pace by what a copy into reused buffers
        // costs (~4 GB/s), so that the first intervals are not needlessly long.
        const auto warmEstimate = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(double(m_checkpointBytes) / 4e9));
        m_lastCopy = std::min(m_lastCopy, warmEstimate);
    }
    m_recordsSinceCheckpoint = 0;
    m_nextCheck = m_interval;
    evict();
}

template <typename T> void History<T>::evict() {
    while (m_checkpoints.size() > 1) {
        const bool overBudget = m_checkpoints.size() > m_maxCheckpoints;
        // The second-oldest already reaches back far enough: the oldest is not needed.
        const bool notNeeded = m_checkpoints[1]->cursor.time <= horizon();
        if (!overBudget && !notNeeded)
            break;
        retire(std::move(m_checkpoints.front()));
        m_checkpoints.pop_front();
    }
    m_events.dropBefore(m_checkpoints.front()->cursor.nextEvent);
}

template <typename T> void History<T>::retire(std::unique_ptr<Checkpoint> c) {
    if (m_checkpoints.size() + m_spares.size() <= m_maxCheckpoints + 1)
        m_spares.push_back(std::move(c));
}

template <typename T> qint64 History<T>::horizon() const {
    return m_recordStarts.empty() ? 0 : m_recordStarts.front();
}

template <typename T> qint64 History<T>::earliest() const {
    if (m_checkpoints.empty())
        return 0;
    return std::max(m_checkpoints.front()->cursor.time, horizon());
}

template <typename T> int History<T>::recordsBack(qint64 now) const {
    const std::size_t from = m_recordStarts.lowerBound(earliest());
    const std::size_t to = m_recordStarts.lowerBound(now);
    return to > from ? static_cast<int>(to - from) : 0;
}

template <typename T> qint64 History<T>::previousRecordStart(qint64 now) const {
    const std::size_t i = m_recordStarts.lowerBound(now);
    if (i == 0)
        return -1;
    const qint64 t = m_recordStarts[i - 1]; // the greatest start before now
    return t >= earliest() ? t : -1;
}

template <typename T> qint64 History<T>::recordStartBack(qint64 now, int n) const {
    const std::size_t after = m_recordStarts.upperBound(now);
    if (after < static_cast<std::size_t>(n) + 1)
        return -1;
    const qint64 t = m_recordStarts[after - 1 - static_cast<std::size_t>(n)];
    return t >= earliest() ? t : -1;
}

template <typename T> qint64 History<T>::lastUpdateBefore(qint64 time) const {
    // The update phase at u takes the run from u to u + 1: it is before `time` if u < time.
    const std::size_t i = m_updates.lowerBound(time);
    return i == 0 ? -1 : m_updates[i - 1];
}

template <typename T>
RestoreResult History<T>::restore(TimelineCursor<T>& cursor, qint64 target, qint64 captureAt,
                                  std::vector<MatrixT<T>>* before,
                                  const std::atomic<bool>* abort) const {
    RestoreResult result;
    const qint64 limit = captureAt >= 0 ? std::min(target, captureAt) : target;
    const Checkpoint* from = nullptr;
    for (auto it = m_checkpoints.rbegin(); it != m_checkpoints.rend() && !from; ++it)
        if ((*it)->cursor.time <= limit)
            from = it->get();
    if (!from) { // the update to capture is older than every checkpoint
        captureAt = -1;
        for (auto it = m_checkpoints.rbegin(); it != m_checkpoints.rend() && !from; ++it)
            if ((*it)->cursor.time <= target)
                from = it->get();
    }
    if (!from)
        return result;
    cursor = from->cursor; // into the cursor's own buffers
    // A checkpoint taken at full speed may lack the last record's ∂J/∂w matrices: write
    // them out now, while they can be, and replay keeping them (same numbers either way).
    cursor.run->setKeepWeightGradients(true);
    m_events.applyDue(cursor);
    while (cursor.time < target) {
        if (abort && abort->load(std::memory_order_relaxed))
            return result;
        const bool capture = cursor.time == captureAt && before;
        if (capture)
            detail::copyWeights(cursor.run->network(), *before);
        const StepResult r = cursor.run->stepPhase();
        cursor.hasPhase = true;
        cursor.lastPhase = r.phase;
        ++cursor.time;
        if (capture) {
            result.captured = true;
            result.recordsAfterCapture = cursor.run->recordsTrained();
        }
        m_events.applyDue(cursor);
    }
    result.ok = true;
    return result;
}

template <typename T> void History<T>::truncateAfter(qint64 time) {
    while (m_recordStarts.size() > 1 && m_recordStarts.back() > time)
        m_recordStarts.popBack();
    while (!m_updates.empty() && m_updates.back() >= time)
        m_updates.popBack();
    while (m_checkpoints.size() > 1 && m_checkpoints.back()->cursor.time > time) {
        retire(std::move(m_checkpoints.back()));
        m_checkpoints.pop_back();
    }
    const qint64 last = m_checkpoints.back()->cursor.time;
    m_recordsSinceCheckpoint =
        static_cast<long>(m_recordStarts.size() - m_recordStarts.upperBound(last));
    m_nextCheck = m_interval;
}

template std::size_t approxBytes(const TrainingRunT<float>&);
template std::size_t approxBytes(const TrainingRunT<double>&);
template class History<float>;
template class History<double>;

} // namespace bp
