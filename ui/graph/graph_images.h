#pragma once
// Images of vectors laid out as rows × cols pixels (row-major, as MNIST and the
// digits CSV store them), coloured with the diverging palette.
#include "graph/diverging_palette.h"
#include "math/network.h"

#include <QImage>

namespace bp {

// values[0..rows·cols) as a rows × cols image; null if the sizes do not match.
QImage vectorImage(const Vector& values, int rows, int cols, const DivergingPalette& palette);

// The incoming weights w_{i,1..n}(k) of node i of layer k (the bias left out) as a
// rows × cols image, coloured on the symmetric range niceRange(max |w|), which goes to
// *range. Null if node i does not exist or n ≠ rows·cols.
QImage incomingWeightsImage(const Network& net, int k, int i, int rows, int cols,
                            double* range = nullptr);

} // namespace bp
