#pragma once
// Rewind for the session: full copies of the run (checkpoints) at spaced record
// starts, within a record count and a memory budget, plus the event log.
// Going back to time t restores the newest checkpoint at or before t and replays
// phases up to t (timeline.h says why that is exact). Copying a whole run every
// record would cost megabytes per record at 784-128-10; a checkpoint every N
// records costs 1/N of that and a step back replays at most N records.
#include "session/history_limits.h"
#include "session/time_ring.h"
#include "session/timeline.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <vector>

namespace bp {

// What restore() found on its way.
struct RestoreResult {
    bool ok = false;       // false: aborted
    bool captured = false; // the update at captureAt ran during the replay
    long recordsAfterCapture = -1;
};

template <typename T> class History {
public:
    using Clock = std::chrono::steady_clock;

    // Starts a new history at `cursor` (time 0, right after setup or reset).
    void clear(const HistoryLimits& limits, const TimelineCursor<T>& cursor);

    // --- while moving forward ---
    // The cursor is at the start of a record. Call once per record start (repeats at
    // the same time are ignored); takes a checkpoint when one is due. Inline: it runs
    // once per record at full speed.
    void noteRecordStart(const TimelineCursor<T>& cursor) {
        if (!m_recordStarts.empty() && m_recordStarts.back() >= cursor.time)
            return;
        m_recordStarts.pushBack(cursor.time); // full: the oldest start goes
        if (++m_recordsSinceCheckpoint >= m_nextCheck)
            considerCheckpoint(cursor);
    }
    // The update phase ran from time `time` to time + 1.
    void noteUpdate(qint64 time) {
        m_updates.pushBack(time); // a ring as long as the record starts': one is older
    }
    // Logs an input at cursor.time, applies it and forgets the future it replaces.
    void record(const TimelineEvent& e, TimelineCursor<T>& cursor);
    // Applies logged inputs that are due (after a rewind the log has a future).
    void applyDueEvents(TimelineCursor<T>& cursor) const { m_events.applyDue(cursor); }
    // Logged inputs the cursor has not reached (only after a rewind).
    bool hasEventsAhead(const TimelineCursor<T>& cursor) const {
        return cursor.nextEvent < m_events.end();
    }

    // --- going back ---
    qint64 earliest() const; // the earliest time restore() accepts
    // Record starts between earliest() and `now`, excluding `now` itself.
    int recordsBack(qint64 now) const;
    // The start of the record before `now` (the current record's if `now` is mid-record);
    // −1 if the history does not reach it.
    qint64 previousRecordStart(qint64 now) const;
    // The start of the record `n` starts back from the newest start ≤ now (n = 0: that
    // one); −1 if not held.
    qint64 recordStartBack(qint64 now, int n) const;
    // The time of the last update phase that ended at or before `time` (−1: none held).
    qint64 lastUpdateBefore(qint64 time) const;
    // Moves `cursor` to `target` (earliest() ≤ target): copies the newest checkpoint at
    // or before min(target, captureAt) and replays. If captureAt ≥ 0, the weights
    // just before the update phase at that time are copied into `before`.
    RestoreResult restore(TimelineCursor<T>& cursor, qint64 target, qint64 captureAt,
                          std::vector<MatrixT<T>>* before, const std::atomic<bool>* abort) const;
    // After moving back to `time`: forget record starts, updates and checkpoints after it.
    void truncateAfter(qint64 time);

private:
    struct Checkpoint {
        explicit Checkpoint(const TimelineCursor<T>& c) : cursor(c) {}
        TimelineCursor<T> cursor;
    };

    void considerCheckpoint(const TimelineCursor<T>& cursor);
    void addCheckpoint(const TimelineCursor<T>& cursor);
    void evict();
    void retire(std::unique_ptr<Checkpoint> c);
    qint64 horizon() const; // the start of the oldest record the limits keep

    HistoryLimits m_limits;
    std::size_t m_checkpointBytes = 0;
    std::size_t m_maxCheckpoints = 2;
    long m_interval = 1; // at least this many records between checkpoints
    std::deque<std::unique_ptr<Checkpoint>> m_checkpoints;
    // Evicted checkpoints, their buffers reused by the next ones (copying into them
    // allocates nothing). Live plus spare stay within the budget's count.
    std::vector<std::unique_ptr<Checkpoint>> m_spares;
    TimeRing m_recordStarts; // times, ascending; the last maxRecords + 1
    TimeRing m_updates;      // times of update phases, ascending; as many
    EventLog m_events;

    // Checkpoint pacing: copy time stays below ~0.5% of the time between copies.
    long m_recordsSinceCheckpoint = 0;
    long m_nextCheck = 1;
    Clock::time_point m_lastCheckpointAt;
    Clock::duration m_lastCopy{};
};

// Approximate bytes of a copy of `run` (weights, optimizer, values, record order).
template <typename T> std::size_t approxBytes(const TrainingRunT<T>& run);

} // namespace bp
