// One layout of the graph at one zoom of its font: every layer's mode (labelled
// circles, dots, cells or an image), its column, its nodes, heading, band and bias.
#include "graph/graph_columns.h"

#include "style/screen_text.h"

#include <algorithm>
#include <cmath>
#include <QFontMetricsF>

namespace bp {

namespace {
constexpr int kMaxDots = 32;              // more nodes than this: cells
constexpr qreal kMinLabelledScale = 0.72; // labelled nodes shrink down to this before dots
constexpr int kMaxCellColumns = 8;

// The widest of the output tags (outputTag) with `figure` as wide as it gets.
qreal widestOutputTag(const GraphLayout& g, int n, const QString& figure) {
    const QFontMetricsF small(g.smallFont);
    qreal w = small.horizontalAdvance(figure);
    for (int i = 1; i <= n && i <= g.outputNames.size(); ++i)
        w = std::max(w, small.horizontalAdvance(outputTag(g, i, figure)));
    return w + small.height() * 0.5; // the tag's box
}

// The widths a labelled node needs, in the fonts of the layout.
struct LabelledSize {
    qreal radius = 0;
    qreal pitch = 0; // vertical distance between node centres
    qreal width = 0; // the column's width
};

LabelledSize labelledSize(const GraphLayout& g, int k, int n, bool output) {
    const QFontMetricsF fm(g.font);
    const QFontMetricsF small(g.smallFont);
    const qreal label = small.horizontalAdvance(nodeLabel(k, n));
    const qreal value = fm.horizontalAdvance(QStringLiteral("\u22120.0000"));
    LabelledSize s;
    s.radius = std::max(label, value) / 2 + g.unit * 0.3;
    const qreal badgeHeight = small.height() * 1.15;
    s.pitch = 2 * s.radius + badgeHeight * 0.6 + g.unit * 0.45;
    const qreal badge = small.horizontalAdvance(QStringLiteral("\u2202J/\u2202z \u22120.0000"));
    s.width = std::max(2 * s.radius, badge);
    if (output) // "y₁₀ = −0.0000" (and the class) to the right of the circle
        s.width = 2 * s.radius + g.unit * 0.4 +
                  widestOutputTag(
                      g, n, QStringLiteral("y") + subscript(n) + QStringLiteral(" = \u22120.0000"));
    return s;
}

void placeColumn(LayerGeometry& layer, const QRectF& area, qreal pitch, qreal centreX) {
    const qreal total = pitch * layer.size;
    const qreal top = area.center().y() - total / 2;
    layer.centres.resize(static_cast<std::size_t>(layer.size));
    for (int i = 0; i < layer.size; ++i)
        layer.centres[static_cast<std::size_t>(i)] = QPointF(centreX, top + pitch * (i + 0.5));
}

// Cells: the fewest grid columns that give cells of at least 1.3 lines (at most 8
// columns), else of at least 0.6 lines; never wider than maxWidth.
void chooseCells(LayerGeometry& l, int n, qreal H, qreal maxWidth, qreal u, qreal* width,
                 qreal* pitch) {
    auto sideFor = [&](int columns) { return H / std::ceil(static_cast<double>(n) / columns); };
    int columns = 1;
    while (sideFor(columns) < u * 1.3 && columns < std::min(n, kMaxCellColumns))
        ++columns;
    while (sideFor(columns) < u * 0.6 && columns < n)
        ++columns;
    qreal side = std::min(u * 1.4, sideFor(columns));
    if (side * columns > maxWidth) { // a huge layer: smaller cells in a block of bounded width
        side = std::sqrt(maxWidth * H / n);
        columns = std::max(1, static_cast<int>(maxWidth / side));
        side = std::min(sideFor(columns), maxWidth / columns);
    }
    l.mode = LayerMode::Cells;
    l.cellColumns = columns;
    l.radius = side / 2;
    *width = side * columns;
    *pitch = side;
}

// The fonts at `zoom` and the unit (a line of the font) everything is measured in.
void setFonts(GraphLayout& g, const QFont& font, qreal zoom) {
    g.zoom = zoom;
    g.font = scaledFont(font, zoom);
    g.smallFont = scaledFont(g.font, 0.85);
    g.titleFont = scaledFont(g.font, 1.3);
    g.titleFont.setBold(true);
    const QFontMetricsF fm(g.font);
    const qreal u = fm.height();
    g.unit = u;
    g.biasRadius = u * 0.55;
}

// The frame's regions from the top: the title, the headings, the graph (its bias row,
// then the nodes) and the legend at the bottom.
struct Regions {
    QRectF inner; // the bounds less a margin
    qreal headingTop = 0;
    qreal headingHeight = 0;
    QRectF graph;
    QRectF nodes;
};

Regions regionsOf(GraphLayout& g, const QRectF& bounds) {
    const qreal u = g.unit;
    Regions r;
    const qreal margin = u * 0.6;
    const QRectF inner = r.inner = bounds.adjusted(margin, margin, -margin, -margin);
    g.title = QRectF(inner.left(), inner.top(), inner.width(), QFontMetricsF(g.titleFont).height());
    const qreal headingTop = r.headingTop = g.title.bottom() + u * 0.5;
    const qreal headingHeight = r.headingHeight = u * 2;
    g.legend = QRectF(inner.left(), inner.bottom() - u * 3, inner.width(), u * 3);
    const qreal graphTop = headingTop + headingHeight + u * 0.4;
    const QRectF graph = r.graph =
        QRectF(inner.left(), graphTop, inner.width(), g.legend.top() - u * 0.8 - graphTop);
    const qreal nodesTop = graph.top() + 2 * g.biasRadius + u * 0.5;
    r.nodes = QRectF(graph.left(), nodesTop, graph.width(), std::max(u, graph.bottom() - nodesTop));
    return r;
}

// Mode and width of column k (and the pitch of its nodes; an image's height).
void sizeColumn(GraphLayout& g, int k, int size, const Regions& regions, bool image, qreal& width,
                qreal& pitch) {
    const int L = g.depth();
    const qreal u = g.unit;
    const qreal H = regions.nodes.height();
    LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
    l.size = std::max(0, size);
    const int n = std::max(1, l.size);
    const LabelledSize full = labelledSize(g, k, n, k == L);
    if (k == 0 && image) {
        l.mode = LayerMode::Image;
        const qreal caption = u * 1.3;
        const qreal perImage = (H - 2 * caption - u * 0.6) / 2;
        const qreal maxWidth = regions.inner.width() * 0.28;
        // Whole device-independent pixels per image pixel keep the image crisp.
        const qreal px =
            std::max(1.0, std::floor(std::min(perImage / g.imageRows, maxWidth / g.imageCols)));
        width = px * g.imageCols;
        pitch = px * g.imageRows; // the image's height
    } else if (n * full.pitch * kMinLabelledScale <= H) {
        l.mode = LayerMode::Labelled;
        l.scale = std::min<qreal>(1.0, H / (n * full.pitch));
        l.radius = full.radius * l.scale;
        width = full.width * l.scale;
        pitch = full.pitch * l.scale;
    } else if (n <= kMaxDots && H / n >= u * 0.8) {
        l.mode = LayerMode::Dots;
        pitch = std::min(H / n, u * 2.4);
        l.radius = pitch * 0.38;
        width = 2 * l.radius * 1.3; // the ring and the selection around the circle
        if (k == L) // the output's class and value beside each dot (node_painter.cpp)
            width += widestOutputTag(g, n, QStringLiteral("\u22120.000")) + u * 0.3;
    } else {
        chooseCells(l, n, H, regions.inner.width() * 0.3, u, &width, &pitch);
    }
}

// Cells in a block of cellColumns columns, centred on the nodes' region.
void placeCells(LayerGeometry& l, const QRectF& nodes, qreal x, qreal width) {
    const int perColumn = (l.size + l.cellColumns - 1) / l.cellColumns;
    const qreal side = 2 * l.radius;
    const qreal top = nodes.center().y() - perColumn * side / 2;
    l.centres.resize(static_cast<std::size_t>(l.size));
    for (int i = 0; i < l.size; ++i)
        l.centres[static_cast<std::size_t>(i)] =
            QPointF(x + side * (i / perColumn + 0.5), top + side * (i % perColumn + 0.5));
    l.column = QRectF(x, top, width, perColumn * side);
}

// The input image and the selected node's weights image below it, with their captions.
void placeImages(LayerGeometry& l, const GraphLayout& g, const QRectF& nodes, qreal x, qreal width,
                 qreal pitch) {
    const qreal u = g.unit;
    const qreal caption = u * 1.3;
    const qreal block = 2 * pitch + 2 * caption + u * 0.6;
    const qreal top = nodes.center().y() - block / 2;
    l.image = QRectF(x, top, width, pitch);
    l.weightsImage = QRectF(x, top + pitch + caption + u * 0.6, width, pitch);
    const qreal px = width / g.imageCols;
    l.centres.resize(static_cast<std::size_t>(l.size));
    for (int i = 0; i < l.size; ++i)
        l.centres[static_cast<std::size_t>(i)] =
            QPointF(x + px * (i % g.imageCols + 0.5), top + px * (i / g.imageCols + 0.5));
    l.column = QRectF(x, top, width, block);
}

// Layer k in its column at x: its nodes, heading, band and bias.
void placeLayer(GraphLayout& g, int k, const Regions& regions, qreal x, qreal width, qreal pitch,
                qreal gap) {
    const int L = g.depth();
    const qreal u = g.unit;
    const QRectF& nodes = regions.nodes;
    const QRectF& inner = regions.inner;
    const qreal H = nodes.height();
    LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
    l.pitch = pitch;
    // The circle sits left in the output column (its target labels go right) and
    // centred elsewhere.
    const qreal nodeX = (l.mode == LayerMode::Labelled && k == L) ? x + l.radius
                        : (l.mode == LayerMode::Dots && k == L)   ? x + l.radius * 1.3
                                                                  : x + width / 2;
    switch (l.mode) {
    case LayerMode::Labelled:
    case LayerMode::Dots:
        // Few nodes spread out (up to 1.6× their pitch): longer, clearer edges.
        placeColumn(l, nodes, std::min(pitch * 1.6, H / std::max(1, l.size)), nodeX);
        l.column = QRectF(x, nodes.top(), width, nodes.height());
        break;
    case LayerMode::Cells:
        placeCells(l, nodes, x, width);
        break;
    case LayerMode::Image:
        placeImages(l, g, nodes, x, width, pitch);
        break;
    }
    const qreal headingTop = regions.headingTop;
    const qreal headingHeight = regions.headingHeight;
    const qreal headingWidth = std::min(inner.width(), width + gap - u * 0.4);
    // Centred over the layer's nodes (the output's: over its column, labels beside the
    // nodes included); at the edges narrower rather than shifted into the next
    // layer's heading (its text gets a shorter form to fit).
    const qreal headingX = k == L ? x + width / 2 : nodeX;
    l.heading = QRectF(headingX - headingWidth / 2, headingTop, headingWidth, headingHeight)
                    .intersected(QRectF(inner.left(), headingTop, inner.width(), headingHeight));
    l.band = QRectF(x - u * 0.5, headingTop - u * 0.2, width + u,
                    regions.graph.bottom() - headingTop + u * 0.4);
    l.hasBias = k < L;
    l.bias = QPointF(nodeX, regions.graph.top() + g.biasRadius);
}
} // namespace

GraphLayout layoutOnce(const std::vector<int>& sizes, int imageRows, int imageCols,
                       const QRectF& bounds, const QFont& font, qreal zoom,
                       const QStringList& outputNames) {
    GraphLayout g;
    if (!sizes.empty() && outputNames.size() == sizes.back())
        g.outputNames = outputNames;
    g.bounds = bounds;
    setFonts(g, font, zoom);
    if (sizes.size() < 2)
        return g;

    const int L = static_cast<int>(sizes.size()) - 1;
    const Regions regions = regionsOf(g, bounds);
    const bool image = imageRows > 0 && imageCols > 0 && imageRows * imageCols == sizes[0];
    g.imageRows = image ? imageRows : 0;
    g.imageCols = image ? imageCols : 0;

    // Mode and width of every column.
    g.layers.resize(sizes.size());
    std::vector<qreal> widths(sizes.size());
    std::vector<qreal> pitches(sizes.size());
    for (int k = 0; k <= L; ++k)
        sizeColumn(g, k, sizes[static_cast<std::size_t>(k)], regions, image,
                   widths[static_cast<std::size_t>(k)], pitches[static_cast<std::size_t>(k)]);

    // Columns left to right with equal gaps.
    qreal used = 0;
    for (qreal w : widths)
        used += w;
    const qreal gap = L > 0 ? std::max(g.unit * 1.5, (regions.inner.width() - used) / L) : 0;
    qreal x = regions.inner.left();
    for (int k = 0; k <= L; ++k) {
        const qreal width = widths[static_cast<std::size_t>(k)];
        placeLayer(g, k, regions, x, width, pitches[static_cast<std::size_t>(k)], gap);
        x += width + gap;
    }
    return g;
}

} // namespace bp
