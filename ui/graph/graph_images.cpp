#include "graph/graph_images.h"

namespace bp {

QImage vectorImage(const Vector& values, int rows, int cols, const DivergingPalette& palette) {
    if (rows <= 0 || cols <= 0 || values.size() != static_cast<Eigen::Index>(rows) * cols)
        return {};
    QImage image(cols, rows, QImage::Format_RGB32);
    for (int r = 0; r < rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int c = 0; c < cols; ++c)
            line[c] = palette.rgb(values(static_cast<Eigen::Index>(r) * cols + c));
    }
    return image;
}

QImage incomingWeightsImage(const Network& net, int k, int i, int rows, int cols, double* range) {
    if (k < 1 || k > net.depth())
        return {};
    const Layer& layer = net.layer(k);
    if (i < 1 || i > layer.size() || layer.inputs() != static_cast<Eigen::Index>(rows) * cols)
        return {};
    // w_{i,j}(k) for j = 1..n: row i − 1 without column 0 (the bias).
    const Vector w = layer.w.row(i - 1).tail(layer.inputs()).transpose();
    const double maxAbs = w.size() > 0 ? w.cwiseAbs().maxCoeff() : 0.0;
    const DivergingPalette palette(DivergingPalette::niceRange(maxAbs));
    if (range)
        *range = palette.range();
    return vectorImage(w, rows, cols, palette);
}

} // namespace bp
