#pragma once
// The legend row under the network graph: what the nodes' fill, their rings (and
// badges) and the edges' colours mean, and a key of the symbols (not yet computed, the
// last update's flash, the bias, thinned edges). Every text whole or left out, never cut.
#include "graph/graph_frame.h"

class QPainter;

namespace bp {

void paintLegend(QPainter& p, const GraphFrame& f, const GraphScales& scales);

} // namespace bp
