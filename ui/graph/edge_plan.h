#pragma once
// Which edges the graph draws, and how. Small layers draw every edge. A node with
// more than ~32 inputs draws only its strongest few incoming edges in full (by
// |w|, or by |∂J/∂w| when edges show the gradient); the rest are drawn faint when
// there are few enough of them, else not at all. After an update, the edges with
// the largest |Δw| of each layer are marked to flash. The selected node's and
// edge's own edges are always drawn.
#include "graph/graph_layout.h"
#include "graph/graph_options.h"
#include "session/snapshot.h"

#include <vector>

namespace bp {

struct PlannedEdge {
    int layer = 1;        // k: the edge ends at node i of layer k
    int node = 1;         // i (1-based)
    int input = 0;        // j: starts at node j of layer k−1; 0 = the bias
    double value = 0;     // the measure shown: w_{i,j}(k) or ∂J/∂w_{i,j}(k)
    bool current = true;  // false: ∂J/∂w is not of the record in progress (drawn neutral)
    bool strong = true;   // false: a faint context line
    bool flashed = false; // among the largest |Δw| of the last update
    double delta = 0;     // Δw_{i,j}(k) of the last update (when flashed)
};

struct EdgePlan {
    std::vector<PlannedEdge> edges; // in drawing order: faint, strong (weakest first), flashed
    double range = 1;               // colour and width scale of the measure
    bool thinned = false;           // some layer does not draw all its edges in full
};

EdgePlan planEdges(const Snapshot& s, const RecordProgress& progress, const GraphLayout& layout,
                   const GraphOptions& options);

// The pen width of an edge (device-independent pixels), from the layout's unit.
qreal edgeWidth(const PlannedEdge& e, const EdgePlan& plan, const GraphLayout& layout);

// The topmost drawn (not faint) edge within reach of `pos`; layer −1 if none.
GraphItem edgeAt(const EdgePlan& plan, const GraphLayout& layout, const QPointF& pos);

} // namespace bp
