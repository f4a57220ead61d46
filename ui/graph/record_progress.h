#pragma once
// Which values of a snapshot belong to the record in progress. The engine keeps
// the previous record's numbers in layers it has not reached yet (after forward 1
// of a new record, z(2) is still the old record's), so the graph must not show
// them as if they were current.
#include "session/snapshot.h"

namespace bp {

struct RecordProgress {
    int forwardDone = 0;           // x(k), z(k) are current for k = 0..forwardDone (−1: none)
    int deltaFrom = 1 << 20;       // δ(k) is current for k ≥ deltaFrom
    int gradientFrom = 1 << 20;    // ∂J/∂z(k), ∂J/∂w(k) are current for k ≥ gradientFrom
    bool lossDone = false;         // J is current
    bool highlightsUpdate = false; // the last phase changed the weights

    bool xCurrent(int k) const { return k <= forwardDone; }
    bool deltaCurrent(int k) const { return k >= 1 && k >= deltaFrom; }
    bool gradientCurrent(int k) const { return k >= 1 && k >= gradientFrom; }

    // The layer the last phase worked on (0: none, e.g. update or nothing yet).
    int activeLayer = 0;
};

// From the snapshot's last phase. A snapshot whose values do not match its network's
// shape has nothing current.
RecordProgress progressOf(const Snapshot& s);

// Whether the snapshot's values are sized for its network (every vector and matrix).
bool valuesMatchNetwork(const Snapshot& s);

} // namespace bp
