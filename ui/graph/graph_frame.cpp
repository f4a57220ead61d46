#include "graph/graph_frame.h"

#include "style/screen_text.h"

#include "math/explain.h"

#include <algorithm>

namespace bp {

namespace {
double maxAbs(const Vector& v) {
    return v.size() > 0 ? v.cwiseAbs().maxCoeff() : 0.0;
}
} // namespace

GraphScales scalesOf(const GraphFrame& frame) {
    GraphScales scales;
    if (!frame.snapshot)
        return scales;
    const Snapshot& s = *frame.snapshot;
    const RecordProgress& p = frame.progress;
    double xMax = 0;
    double nodeMax = 0;
    if (valuesMatchNetwork(s)) {
        if (p.xCurrent(0))
            xMax = maxAbs(s.values.input);
        for (int k = 1; k <= s.network.depth(); ++k) {
            const LayerValues& v = s.values.layer(k);
            if (p.xCurrent(k))
                xMax = std::max(xMax, maxAbs(v.x));
            if (frame.options.nodeMeasure == NodeMeasure::Delta && p.deltaCurrent(k))
                nodeMax = std::max(nodeMax, maxAbs(v.delta));
            if (frame.options.nodeMeasure == NodeMeasure::DJdz && p.gradientCurrent(k))
                nodeMax = std::max(nodeMax, maxAbs(v.dJdz));
        }
    }
    scales.x.setRange(DivergingPalette::niceRange(xMax));
    scales.node.setRange(DivergingPalette::niceRange(nodeMax));
    scales.edge.setRange(frame.plan ? frame.plan->range : 1.0);
    return scales;
}

double nodeMeasureOf(const GraphFrame& frame, int k, int i, bool* current) {
    *current = false;
    if (!frame.snapshot || k < 1 || !valuesMatchNetwork(*frame.snapshot))
        return 0;
    const LayerValues& v = frame.snapshot->values.layer(k);
    if (frame.options.nodeMeasure == NodeMeasure::Delta) {
        *current = frame.progress.deltaCurrent(k);
        return v.delta(i - 1);
    }
    *current = frame.progress.gradientCurrent(k);
    return v.dJdz(i - 1);
}

} // namespace bp
