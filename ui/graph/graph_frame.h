#pragma once
// Everything one frame of the network graph is painted from, and the colour
// scales derived from it. NetworkView fills it; the painters only read it.
#include "graph/diverging_palette.h"
#include "graph/edge_plan.h"
#include "graph/graph_layout.h"
#include "graph/graph_options.h"
#include "session/health_sample.h"
#include "session/snapshot.h"

#include <QPalette>

namespace bp {

struct GraphFrame {
    const Snapshot* snapshot = nullptr; // null: nothing to show yet
    RecordProgress progress;
    const GraphLayout* layout = nullptr;
    const EdgePlan* plan = nullptr;
    GraphOptions options;
    QPalette colours;
    const HealthSample* health = nullptr; // the newest health sample's marks; null: none
};

struct GraphScales {
    DivergingPalette x;    // node fill: x_i(k), inputs included
    DivergingPalette node; // ring and badge: δ or ∂J/∂z
    DivergingPalette edge; // edges: w or ∂J/∂w
};

// Symmetric ranges niceRange(max |value|) over the values current for the record.
GraphScales scalesOf(const GraphFrame& frame);

// A number as the graph writes it: 4 significant digits (bp::formatNumber), a true
// minus sign. Tooltips use fullNumber (6 digits).

// The value a node's ring and badge show (δ or ∂J/∂z) and whether it is current.
double nodeMeasureOf(const GraphFrame& frame, int k, int i, bool* current);

} // namespace bp
