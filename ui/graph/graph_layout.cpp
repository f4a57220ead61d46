// The graph's layout: layoutGraph chooses the zoom of the font (one layout at one zoom:
// graph_columns.cpp), and finds the node or bias under a point.
#include "graph/graph_layout.h"
#include "graph/graph_columns.h"

#include "style/screen_text.h"

#include <algorithm>
#include <cmath>
#include <QLineF>

namespace bp {

QFont scaledFont(const QFont& font, qreal factor) {
    QFont f = font;
    if (font.pointSizeF() > 0)
        f.setPointSizeF(font.pointSizeF() * factor);
    else
        f.setPixelSize(std::max(1, static_cast<int>(std::lround(font.pixelSize() * factor))));
    return f;
}

QString nodeLabel(int k, int i) {
    return QStringLiteral("x") + subscript(i) + QStringLiteral("(") + QString::number(k) +
           QStringLiteral(")");
}

QPointF GraphLayout::anchor(int k, int i) const {
    const LayerGeometry& l = layers[static_cast<std::size_t>(k)];
    if (i == 0)
        return l.bias;
    return l.centres[static_cast<std::size_t>(i - 1)];
}

GraphItem GraphLayout::nodeAt(const QPointF& pos) const {
    const qreal slack = unit * 0.15;
    for (int k = 0; k < static_cast<int>(layers.size()); ++k) {
        const LayerGeometry& l = layers[static_cast<std::size_t>(k)];
        if (l.hasBias && QLineF(pos, l.bias).length() <= biasRadius + slack)
            return {k, 0, -1};
        switch (l.mode) {
        case LayerMode::Labelled:
        case LayerMode::Dots:
            for (int i = 1; i <= l.size; ++i) {
                if (QLineF(pos, l.centres[static_cast<std::size_t>(i - 1)]).length() <=
                    l.radius + slack)
                    return {k, i, -1};
            }
            break;
        case LayerMode::Cells:
            for (int i = 1; i <= l.size; ++i) {
                const QPointF c = l.centres[static_cast<std::size_t>(i - 1)];
                if (std::abs(pos.x() - c.x()) <= l.radius && std::abs(pos.y() - c.y()) <= l.radius)
                    return {k, i, -1};
            }
            break;
        case LayerMode::Image:
            if (l.image.contains(pos)) {
                const qreal px = l.image.width() / imageCols;
                const int c =
                    std::clamp(static_cast<int>((pos.x() - l.image.left()) / px), 0, imageCols - 1);
                const int r =
                    std::clamp(static_cast<int>((pos.y() - l.image.top()) / px), 0, imageRows - 1);
                return {k, r * imageCols + c + 1, -1};
            }
            break;
        }
    }
    return {};
}

namespace {
constexpr qreal kMinFontZoom = 0.6; // the font shrinks down to this to label small layers
constexpr int kMaxShrunkDots = 12;  // (layers of at most this many dots)
constexpr qreal kMaxZoom = 1.75;    // how much a small network may grow

// Whether every layer is drawn as full-size labelled circles.
bool allLabelled(const GraphLayout& g) {
    return std::all_of(g.layers.begin(), g.layers.end(), [](const LayerGeometry& l) {
        return l.mode == LayerMode::Labelled && l.scale >= 1.0;
    });
}

// How much larger a fully labelled network could be drawn and still fit.
qreal roomToGrow(const GraphLayout& g) {
    const qreal u = g.unit;
    qreal height = kMaxZoom;
    qreal used = 0;
    for (const LayerGeometry& l : g.layers) {
        height = std::min(height, l.column.height() / (l.pitch * std::max(2, l.size)));
        used += l.column.width();
    }
    const qreal width = (g.bounds.width() - u * 1.2 - u * 3 * g.depth()) / used;
    return std::min({kMaxZoom, height * 0.9, width});
}
} // namespace

QString outputTag(const GraphLayout& g, int i, const QString& figure) {
    if (i < 1 || i > g.outputNames.size())
        return figure;
    const QString& name = g.outputNames[i - 1];
    return figure.isEmpty() ? name : name + QStringLiteral("  ") + figure;
}

GraphLayout layoutGraph(const std::vector<int>& sizes, int imageRows, int imageCols,
                        const QRectF& bounds, const QFont& font, const QPaintDevice* device,
                        const QStringList& outputNames, bool labelSmallLayers) {
    const QFont measured = device ? QFont(font, device) : font;
    GraphLayout g = layoutOnce(sizes, imageRows, imageCols, bounds, measured, 1.0, outputNames);
    if (g.empty())
        return g;
    if (!allLabelled(g)) {
        // Presentation mode: small layers drawn as dots would lose their names and values
        // (its large font in a small window); a smaller font that labels them all is
        // better there, down to kMinFontZoom. Cells and images (big layers) stay as they
        // are. (Otherwise dots keep their tags beside them, at the normal font.)
        const auto dotsOnlyWhereSmall = [](const GraphLayout& l) {
            return std::all_of(l.layers.begin(), l.layers.end(), [](const LayerGeometry& c) {
                return c.mode != LayerMode::Dots || c.size <= kMaxShrunkDots;
            });
        };
        const auto noDots = [](const GraphLayout& l) {
            return std::none_of(l.layers.begin(), l.layers.end(),
                                [](const LayerGeometry& c) { return c.mode == LayerMode::Dots; });
        };
        if (labelSmallLayers && !noDots(g) && dotsOnlyWhereSmall(g))
            for (qreal zoom = 0.92; zoom >= kMinFontZoom; zoom *= 0.92) {
                GraphLayout smaller =
                    layoutOnce(sizes, imageRows, imageCols, bounds, measured, zoom, outputNames);
                if (noDots(smaller))
                    return smaller;
            }
        return g;
    }
    // A small network: grow it while it still fits in full.
    for (qreal zoom = roomToGrow(g); zoom > 1.05; zoom *= 0.92) {
        GraphLayout bigger =
            layoutOnce(sizes, imageRows, imageCols, bounds, measured, zoom, outputNames);
        if (allLabelled(bigger))
            return bigger;
    }
    return g;
}

} // namespace bp
