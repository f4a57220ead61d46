#pragma once
// Paints an image-mode input layer: the record's x(0) as a rows × cols picture on its
// own colour range, and under it the incoming weights w_{i,j}(1) of the selected
// layer-1 unit (or a hint to click one).
#include "graph/graph_frame.h"

class QPainter;

namespace bp {

// Painted over the edges' ends, so that the edges seem to leave the image from their
// pixels' rows.
void paintImages(QPainter& painter, const GraphFrame& frame);

// The colour range of the input image: niceRange(max |x_j(0)|).
double inputImageRange(const Vector& input);

} // namespace bp
