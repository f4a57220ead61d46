#pragma once
// Paints the nodes of the network graph in each layer's mode: labelled circles
// (fill = x, ring and badge = δ or ∂J/∂z), dots or cells; the bias nodes "1"; the
// selection.
#include "graph/graph_frame.h"

#include <QRectF>
#include <vector>

class QPainter;

namespace bp {

void paintNodes(QPainter& painter, const GraphFrame& frame, const GraphScales& scales);

// What edge labels must not cover: labelled nodes with their rings, badges and
// target labels, bias nodes, and the areas of compact layers.
std::vector<QRectF> nodeObstacles(const GraphFrame& frame);

} // namespace bp
