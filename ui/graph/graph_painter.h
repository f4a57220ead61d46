#pragma once
// Paints one frame of the network graph: the phase row, the layer headings with
// the active layer's band, the input image, the edges, the nodes, the edge labels
// of small networks and the legend row. Used by NetworkView::paintEvent and by
// its export (PNG, SVG) alike, so what is exported is what is on screen.
#include "graph/graph_frame.h"

class QPainter;

namespace bp {

// What a frame could not show, for the view to say so.
struct GraphPaintReport {
    int edgeLabelsHidden = 0; // edge labels left out for want of room (hover shows them)
    int edgeLabelsShown = 0;
};

GraphPaintReport paintGraph(QPainter& painter, const GraphFrame& frame);

} // namespace bp
