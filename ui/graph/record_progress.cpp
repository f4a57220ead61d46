#include "graph/record_progress.h"

namespace bp {

bool valuesMatchNetwork(const Snapshot& s) {
    const Network& net = s.network;
    const RecordValues& v = s.values;
    if (v.input.size() != net.inputSize || v.layers.size() != net.layers.size())
        return false;
    for (int k = 1; k <= net.depth(); ++k) {
        const Layer& l = net.layer(k);
        const LayerValues& lv = v.layer(k);
        if (lv.z.size() != l.size() || lv.x.size() != l.size() || lv.delta.size() != l.size() ||
            lv.dJdz.size() != l.size() || lv.dJdw.rows() != l.w.rows() ||
            lv.dJdw.cols() != l.w.cols())
            return false;
    }
    return true;
}

RecordProgress progressOf(const Snapshot& s) {
    RecordProgress p;
    p.forwardDone = -1;
    if (!valuesMatchNetwork(s))
        return p;
    if (!s.hasPhase) {
        if (s.recordIndex >= 0)
            p.forwardDone = 0; // a record jumped to: its x(0) and y, nothing computed yet
        return p;
    }
    const int L = s.network.depth();
    switch (s.lastPhase.kind) {
    case Phase::Kind::Forward:
        p.forwardDone = s.lastPhase.layer;
        p.activeLayer = s.lastPhase.layer;
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
        p.deltaFrom = s.lastPhase.layer;
        p.gradientFrom = s.lastPhase.layer;
        p.activeLayer = s.lastPhase.layer;
        break;
    case Phase::Kind::Update:
        p.forwardDone = L;
        p.lossDone = true;
        p.deltaFrom = 1;
        p.gradientFrom = 1;
        p.highlightsUpdate = true;
        break;
    }
    return p;
}

} // namespace bp
