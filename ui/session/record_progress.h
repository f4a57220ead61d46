#pragma once
// Which values of a snapshot belong to the record in progress. The engine keeps
// the previous record's numbers in layers it has not reached yet (after forward 1
// of a new record, z(2) is still the old record's), so nothing may show them as if
// they were current. The worker works this out for every snapshot it publishes.
#include "math/training.h"

namespace bp {

struct RecordProgress {
    int forwardDone = -1;          // x(k), z(k) are current for k = 0..forwardDone (−1: none)
    int deltaFrom = 1 << 20;       // δ(k) is current for k ≥ deltaFrom
    int gradientFrom = 1 << 20;    // ∂J/∂z(k), ∂J/∂w(k) are current for k ≥ gradientFrom
    bool lossDone = false;         // J is current
    bool highlightsUpdate = false; // the last phase changed the weights, and its Δw is known

    bool xCurrent(int k) const { return k <= forwardDone; }
    bool deltaCurrent(int k) const { return k >= 1 && k >= deltaFrom; }
    bool gradientCurrent(int k) const { return k >= 1 && k >= gradientFrom; }

    // The layer the last phase worked on (0: none, e.g. update or nothing yet).
    int activeLayer = 0;
};

// After `last` ran on a network of `depth` layers (hasPhase false: no phase yet; a
// record loaded by a jump, recordLoaded, has its x(0) and y). updateKnown: the last
// update's Δw and the weights before it were kept.
RecordProgress progressAfter(bool hasPhase, const Phase& last, bool recordLoaded, int depth,
                             bool updateKnown);

} // namespace bp
