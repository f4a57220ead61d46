#pragma once
// One layout of the graph at one zoom of its font (graph_columns.cpp): every layer's
// mode, column and nodes. layoutGraph (graph_layout.h) tries zooms with it and keeps
// the layout that labels the most.
#include "graph/graph_layout.h"

#include <vector>

namespace bp {

GraphLayout layoutOnce(const std::vector<int>& sizes, int imageRows, int imageCols,
                       const QRectF& bounds, const QFont& font, qreal zoom,
                       const QStringList& outputNames);

} // namespace bp
