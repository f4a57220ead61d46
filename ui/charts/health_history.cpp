#include "charts/health_history.h"

namespace bp {

void HealthHistory::add(const std::shared_ptr<const HealthSample>& sample) {
    const HealthSample& s = *sample;
    // A window that closes again after a rewind (or a step back within a record): what
    // was kept from its last record on is off the timeline.
    while (!m_kept.empty() && m_kept.back()->last >= s.last) {
        m_kept.pop_back();
        m_order.pop_back();
    }
    // The newest so far is kept even off the stride; it gives way to the next one.
    if (!m_order.empty() && m_order.back() % m_stride != 0) {
        m_kept.pop_back();
        m_order.pop_back();
    }
    const bool onStride = m_arrived % m_stride == 0;
    m_kept.push_back(onStride ? std::make_shared<const HealthSample>(s) : sample);
    m_order.push_back(m_arrived++);
    if (m_kept.size() <= kMaxKept)
        return;
    // Halve: keep the samples on the doubled stride, and the newest.
    m_stride *= 2;
    std::size_t to = 0;
    for (std::size_t from = 0; from < m_kept.size(); ++from) {
        if (m_order[from] % m_stride != 0 && from + 1 != m_kept.size()) {
            ++m_thinned;
            continue;
        }
        m_kept[to] = std::move(m_kept[from]);
        m_order[to] = m_order[from];
        ++to;
    }
    m_kept.resize(to);
    m_order.resize(to);
}

void HealthHistory::rewind(long kept) {
    while (!m_kept.empty() && m_kept.back()->last > kept) {
        m_kept.pop_back();
        m_order.pop_back();
    }
    // New samples continue the arrival order after the newest kept one.
    m_arrived = m_order.empty() ? 0 : m_order.back() + 1;
}

void HealthHistory::clear() {
    m_kept.clear();
    m_order.clear();
    m_arrived = 0;
    m_stride = 1;
    m_thinned = 0;
}

std::shared_ptr<const HealthSample> HealthHistory::newest() const {
    return m_kept.empty() ? nullptr : m_kept.back();
}

} // namespace bp
