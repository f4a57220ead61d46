#pragma once
// The session's timeline: a TrainingRunT<T>, the time it is at (phases run since
// setup) and the inputs that changed it besides its own phases (setHyper, seek
// and a weight set by hand), each logged with the time it took effect. Training is deterministic,
// so a run copied at time c and replayed phase by phase, with the logged inputs
// applied when their times come, reaches the same state at any later time t
// bit for bit.
#include "math/training.h"

#include <cstddef>
#include <deque>
#include <optional>
#include <QtGlobal>

namespace bp {

struct TimelineEvent {
    enum class Kind { Hyper, Seek, Weight };
    Kind kind = Kind::Hyper;
    qint64 time = 0;           // applied when the run arrives at this time
    Hyper hyper;               // Kind::Hyper
    Eigen::Index position = 0; // Kind::Seek
    // Kind::Weight: w_{row+1,column}(layer) set to `value` by hand (at a record start).
    int layer = 0;
    Eigen::Index row = 0, column = 0;
    double value = 0; // a float run's value is a float, widened: it narrows back exactly
};

// Where a run (in float or double) is on the timeline.
template <typename T> struct TimelineCursor {
    std::optional<TrainingRunT<T>> run;
    qint64 time = 0;
    std::size_t nextEvent = 0; // absolute index of the first event not yet applied
    bool hasPhase = false;     // a phase has run since setup
    Phase lastPhase;           // the phase that ran last
};

// The inputs, in time order. Indices are absolute: dropping old events does not
// renumber the others.
class EventLog {
public:
    void clear();
    // Appends `e` (at cursor.time) after dropping the events the cursor has not
    // reached (a new input forks the timeline), applies it and moves the cursor past it.
    template <typename T> void record(const TimelineEvent& e, TimelineCursor<T>& cursor);
    // Applies every event at or before cursor.time that the cursor has not applied.
    template <typename T> void applyDue(TimelineCursor<T>& cursor) const;
    // Drops events before absolute index `index` (older than every checkpoint).
    void dropBefore(std::size_t index);
    std::size_t end() const { return m_base + m_events.size(); }
    std::size_t size() const { return m_events.size(); }

private:
    template <typename T> static void apply(const TimelineEvent& e, TrainingRunT<T>& run);

    std::deque<TimelineEvent> m_events;
    std::size_t m_base = 0; // absolute index of m_events.front()
};

} // namespace bp
