#pragma once
// A bounded history of (recordsTrained, w) for the few weights a user watches,
// fed from snapshots: the inspector's small chart of one edge.
#include "session/snapshot.h"

#include <deque>
#include <map>
#include <QPointF>
#include <QVector>

namespace bp {

struct EdgeKey {
    int layer = 1; // k
    int node = 1;  // i, 1-based
    int input = 0; // j, 0 = bias

    bool operator<(const EdgeKey& o) const {
        return layer != o.layer ? layer < o.layer
               : node != o.node ? node < o.node
                                : input < o.input;
    }
    bool operator==(const EdgeKey& o) const {
        return layer == o.layer && node == o.node && input == o.input;
    }
};

class WeightHistory {
public:
    // capacity: points kept per edge; maxEdges: edges watched at once (the one
    // watched longest ago is dropped first).
    explicit WeightHistory(int capacity = 400, int maxEdges = 16);

    void watch(const EdgeKey& edge);
    bool isWatched(const EdgeKey& edge) const;
    // Appends (recordsTrained, w) for every watched edge whose point is new. A
    // snapshot from earlier in time (step back, rewind, a new run) first drops the
    // points after it. Edges the network no longer has are dropped.
    void record(const Snapshot& s);
    QVector<QPointF> points(const EdgeKey& edge) const;
    void clear();
    int capacity() const { return m_capacity; }

private:
    struct Ring {
        std::deque<QPointF> points;
        quint64 watchOrder = 0;
    };
    int m_capacity;
    int m_maxEdges;
    quint64 m_watchCounter = 0;
    std::map<EdgeKey, Ring> m_rings;
};

} // namespace bp
