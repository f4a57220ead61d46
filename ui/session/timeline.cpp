#include "session/timeline.h"

namespace bp {

void EventLog::clear() {
    m_events.clear();
    m_base = 0;
}

template <typename T> void EventLog::record(const TimelineEvent& e, TimelineCursor<T>& cursor) {
    // The events after the cursor belonged to a future that this input replaces.
    const std::size_t keep = cursor.nextEvent > m_base ? cursor.nextEvent - m_base : 0;
    if (keep < m_events.size())
        m_events.erase(m_events.begin() + static_cast<std::ptrdiff_t>(keep), m_events.end());
    m_events.push_back(e);
    m_events.back().time = cursor.time;
    apply(m_events.back(), *cursor.run);
    cursor.nextEvent = end();
}

template <typename T> void EventLog::applyDue(TimelineCursor<T>& cursor) const {
    while (cursor.nextEvent < end()) {
        const TimelineEvent& e = m_events[cursor.nextEvent - m_base];
        if (e.time > cursor.time)
            break;
        apply(e, *cursor.run);
        ++cursor.nextEvent;
    }
}

void EventLog::dropBefore(std::size_t index) {
    while (m_base < index && !m_events.empty()) {
        m_events.pop_front();
        ++m_base;
    }
}

template <typename T> void EventLog::apply(const TimelineEvent& e, TrainingRunT<T>& run) {
    switch (e.kind) {
    case TimelineEvent::Kind::Hyper:
        run.setHyper(e.hyper);
        break;
    case TimelineEvent::Kind::Seek:
        run.seek(e.position);
        break;
    case TimelineEvent::Kind::Weight:
        run.setWeight(e.layer, e.row, e.column, static_cast<T>(e.value));
        break;
    }
}

template void EventLog::record(const TimelineEvent&, TimelineCursor<float>&);
template void EventLog::record(const TimelineEvent&, TimelineCursor<double>&);
template void EventLog::applyDue(TimelineCursor<float>&) const;
template void EventLog::applyDue(TimelineCursor<double>&) const;

} // namespace bp
