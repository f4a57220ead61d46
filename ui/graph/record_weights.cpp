#include "graph/record_weights.h"

namespace bp {

bool hasUpdateFor(const Snapshot& s) {
    if (s.lastUpdate.size() != s.network.layers.size())
        return false;
    for (int k = 1; k <= s.network.depth(); ++k) {
        const Matrix& dw = s.lastUpdate[static_cast<std::size_t>(k - 1)];
        if (dw.rows() != s.network.layer(k).w.rows() || dw.cols() != s.network.layer(k).w.cols())
            return false;
    }
    return true;
}

bool justUpdated(const Snapshot& s) {
    return s.hasPhase && s.lastPhase.kind == Phase::Kind::Update;
}

Network networkOfRecord(const Snapshot& s) {
    Network net = s.network;
    if (!justUpdated(s) || !hasUpdateFor(s))
        return net;
    for (int k = 1; k <= net.depth(); ++k)
        net.layer(k).w -= s.lastUpdate[static_cast<std::size_t>(k - 1)]; // w − Δw
    return net;
}

} // namespace bp
