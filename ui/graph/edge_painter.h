#pragma once
// Paints the edges of the network graph (as the EdgePlan says) and, in small
// networks, a label with each edge's value placed where it overlaps nothing.
#include "graph/graph_frame.h"

#include <QColor>
#include <QRectF>
#include <vector>

class QPainter;

namespace bp {

// The glow under the edges that flash after an update (gold: not a value colour).
QColor flashColor();

void paintEdges(QPainter& painter, const GraphFrame& frame, const GraphScales& scales);

// Value labels of the edges of small layers (≤ 16 edges between labelled layers);
// `obstacles` are the rectangles the labels must not cover (nodes, badges). Returns
// how many labels were drawn and how many found no free place and were left out.
struct EdgeLabelCount {
    int shown = 0;
    int hidden = 0;
};
EdgeLabelCount paintEdgeLabels(QPainter& painter, const GraphFrame& frame,
                               const std::vector<QRectF>& obstacles);

} // namespace bp
