#include "io/load_progress.h"

#include <algorithm>
#include <limits>

namespace bp {

LoadProgress::LoadProgress(Callback callback) {
    if (callback)
        m_state = std::make_shared<State>(State{std::move(callback), 0.0});
}

LoadProgress LoadProgress::part(double from, double to) const {
    LoadProgress p = *this;
    p.m_from = m_from + (m_to - m_from) * std::clamp(from, 0.0, 1.0);
    p.m_to = m_from + (m_to - m_from) * std::clamp(to, 0.0, 1.0);
    return p;
}

void LoadProgress::report(double fraction) const {
    if (!m_state)
        return;
    const double f = m_from + (m_to - m_from) * std::clamp(fraction, 0.0, 1.0);
    m_state->last = std::max(m_state->last, f);
    if (!m_state->callback(m_state->last))
        throw LoadCancelled();
}

ByteProgress::ByteProgress(const LoadProgress& progress, std::size_t total)
    : m_progress(progress), m_total(total),
      m_next(progress.active() ? kStep : std::numeric_limits<std::size_t>::max()) {}

void ByteProgress::reach(std::size_t bytes) {
    m_next = bytes + kStep;
    m_progress.report(m_total > 0 ? static_cast<double>(bytes) / static_cast<double>(m_total)
                                  : 0.0);
}

} // namespace bp
