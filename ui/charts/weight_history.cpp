#include "charts/weight_history.h"

#include <algorithm>

namespace bp {

WeightHistory::WeightHistory(int capacity, int maxEdges)
    : m_capacity(std::max(2, capacity)), m_maxEdges(std::max(1, maxEdges)) {}

void WeightHistory::watch(const EdgeKey& edge) {
    m_rings[edge].watchOrder = ++m_watchCounter;
    while (static_cast<int>(m_rings.size()) > m_maxEdges) {
        auto oldest =
            std::min_element(m_rings.begin(), m_rings.end(), [](const auto& a, const auto& b) {
                return a.second.watchOrder < b.second.watchOrder;
            });
        m_rings.erase(oldest);
    }
}

bool WeightHistory::isWatched(const EdgeKey& edge) const {
    return m_rings.count(edge) > 0;
}

void WeightHistory::record(const Snapshot& s) {
    const Network& net = s.network;
    const double x = static_cast<double>(s.recordsTrained);
    for (auto it = m_rings.begin(); it != m_rings.end();) {
        const EdgeKey& e = it->first;
        if (e.layer < 1 || e.layer > net.depth() || e.node < 1 ||
            e.node > net.layer(e.layer).size() || e.input < 0 ||
            e.input > net.layer(e.layer).inputs()) {
            it = m_rings.erase(it);
            continue;
        }
        const double w = net.layer(e.layer).w(e.node - 1, e.input);
        std::deque<QPointF>& pts = it->second.points;
        while (!pts.empty() && pts.back().x() > x) // back in time: forget the future
            pts.pop_back();
        if (!pts.empty() && pts.back().x() == x)
            pts.back().setY(w); // same record count: the newest value wins
        else
            pts.emplace_back(x, w);
        while (static_cast<int>(pts.size()) > m_capacity)
            pts.pop_front();
        ++it;
    }
}

QVector<QPointF> WeightHistory::points(const EdgeKey& edge) const {
    const auto it = m_rings.find(edge);
    if (it == m_rings.end())
        return {};
    return QVector<QPointF>(it->second.points.begin(), it->second.points.end());
}

void WeightHistory::clear() {
    m_rings.clear();
}

} // namespace bp
