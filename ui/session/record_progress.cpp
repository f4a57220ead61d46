#include "session/record_progress.h"

namespace bp {

RecordProgress progressAfter(bool hasPhase, const Phase& last, bool recordLoaded, int L,
                             bool updateKnown) {
    RecordProgress p;
    if (!hasPhase) {
        if (recordLoaded)
            p.forwardDone = 0; // a record jumped to: its x(0) and y, nothing computed yet
        return p;
    }
    switch (last.kind) {
    case Phase::Kind::Forward:
        p.forwardDone = last.layer;
        p.activeLayer = last.layer;
        break;
    case Phase::Kind::Loss:
        p.forwardDone = L;
        p.lossDone = true;
        p.deltaFrom = L; // the loss phase computes δ(L) = ∂J/∂x(L); ∂J/∂z(L) comes with backward L
        p.activeLayer = L;
        break;
    case Phase::Kind::Backward:
        p.forwardDone = L;
        p.lossDone = true;
        p.deltaFrom = last.layer;
        p.gradientFrom = last.layer;
        p.activeLayer = last.layer;
        break;
    case Phase::Kind::Update:
        p.forwardDone = L;
        p.lossDone = true;
        p.deltaFrom = 1;
        p.gradientFrom = 1;
        p.highlightsUpdate = updateKnown;
        break;
    }
    return p;
}

} // namespace bp
