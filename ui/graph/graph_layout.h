#pragma once
// Where everything of the network graph goes: layers left to right, each drawn in
// the mode its size allows (labelled circles, dots, cells, or an image), the bias
// node "1" above each layer that feeds another, the title row, the headings and
// the legend row. Pure geometry, measured with the fonts it is given, so it is the
// same on screen, in a PNG and in an SVG, at 1× and 2×.
#include "graph/graph_options.h"

#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QStringList>
#include <vector>

class QPaintDevice;

namespace bp {

struct LayerGeometry {
    LayerMode mode = LayerMode::Labelled;
    int size = 0;                 // nodes in the layer
    QRectF column;                // the nodes' area (image, cells or circles)
    QRectF band;                  // column with heading and margins: the phase highlight
    QRectF heading;               // two lines above the column
    std::vector<QPointF> centres; // node i (1-based) at centres[i − 1]
    qreal radius = 0;             // Labelled/Dots: circle radius; Cells: half the cell side
    qreal scale = 1;              // Labelled: text size inside and beside nodes (×font)
    qreal pitch = 0;              // the least distance between node centres (cells: side)
    int cellColumns = 1;          // Cells: columns of the grid
    QRectF image;                 // Image: the rows×cols input image
    QRectF weightsImage;          // Image: a selected layer-1 unit's incoming weights
    bool hasBias = false;         // the "1" node feeding layer k+1 (not on the output layer)
    QPointF bias;
};

struct GraphLayout {
    std::vector<LayerGeometry> layers; // layers[k] is layer k; [0] is the input layer
    QRectF bounds;
    QRectF title;   // the phase row
    QRectF legend;  // the legend row
    qreal unit = 0; // the font's line height: every size derives from it
    qreal zoom = 1; // > 1: a small network drawn larger than the font asks, to fill the space
    qreal biasRadius = 0;
    int imageRows = 0;
    int imageCols = 0;
    QFont font;              // labels, headings, legend
    QFont smallFont;         // node labels and badges
    QFont titleFont;         // the phase name
    QStringList outputNames; // the class of each output node (empty: none), beside it

    bool empty() const { return layers.empty(); }
    int depth() const { return static_cast<int>(layers.size()) - 1; } // L
    // The point an edge starts or ends at: node i of layer k; i = 0 is the bias of layer k.
    QPointF anchor(int k, int i) const;
    // The node (or bias node: node 0) under `pos`; layer −1 if none.
    GraphItem nodeAt(const QPointF& pos) const;
};

// Lays out a network with sizes[k] nodes in layer k (sizes[0]: inputs). The input
// layer becomes an image when imageRows·imageCols == sizes[0]. `device` (may be
// null) gives the resolution the fonts are measured at. A network small enough to
// leave most of the space empty is zoomed (fonts and all, up to 1.75×) to fill it.
// `outputNames` (one per output node, or empty): the output column has room for them.
// `labelSmallLayers` (presentation mode): rather than draw a small layer (≤ 12 nodes)
// as dots, shrink the font (down to 0.6) until every node has its name and value.
GraphLayout layoutGraph(const std::vector<int>& sizes, int imageRows, int imageCols,
                        const QRectF& bounds, const QFont& font, const QPaintDevice* device,
                        const QStringList& outputNames = {}, bool labelSmallLayers = false);

// The text beside an output node: its target (labelled) or value (dots), and its class.
QString outputTag(const GraphLayout& g, int i, const QString& figure);

// `font` scaled by `factor` (point or pixel sized alike).
QFont scaledFont(const QFont& font, qreal factor);
// n in Unicode subscript digits: 12 → "₁₂".
// The text drawn inside a labelled node: "x₁(0)".
QString nodeLabel(int k, int i);

} // namespace bp
