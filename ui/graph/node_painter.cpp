#include "graph/node_painter.h"

#include "graph/health_marks.h"

#include "style/screen_text.h"

#include <algorithm>
#include <QFontMetricsF>
#include <QPainter>

namespace bp {

namespace {
// The node layer k, node i: value, whether current.
struct NodeState {
    double x = 0;
    bool xCurrent = false;
    double measure = 0;
    bool measureCurrent = false;
};

NodeState stateOf(const GraphFrame& f, int k, int i) {
    NodeState n;
    if (!f.snapshot || !valuesMatchNetwork(*f.snapshot))
        return n;
    const RecordValues& v = f.snapshot->values;
    n.x = k == 0 ? v.input(i - 1) : v.layer(k).x(i - 1);
    n.xCurrent = f.progress.xCurrent(k);
    if (k >= 1)
        n.measure = nodeMeasureOf(f, k, i, &n.measureCurrent);
    return n;
}

// The fonts and ring of a labelled layer (its scale shrinks them when space is short).
struct LabelledStyle {
    QFont font;
    QFont small;
    qreal ring = 0;
};

LabelledStyle styleOf(const GraphLayout& g, const LayerGeometry& l) {
    return {scaledFont(g.font, l.scale), scaledFont(g.smallFont, l.scale), g.unit * 0.24 * l.scale};
}

QString badgeText(const GraphFrame& f, double m) {
    const QString name = f.options.nodeMeasure == NodeMeasure::Delta
                             ? QStringLiteral("\u03b4 ")
                             : QStringLiteral("\u2202J/\u2202z ");
    return name + screenNumber(m);
}

QRectF badgeRect(const LabelledStyle& st, const QPointF& c, qreal r, const QString& text) {
    const QFontMetricsF fm(st.small);
    const qreal w = fm.horizontalAdvance(text) + fm.height() * 0.5;
    const qreal h = fm.height() * 1.1;
    return QRectF(c.x() - w / 2, c.y() + r + st.ring * 0.5 - h * 0.35, w, h);
}

QRectF targetRect(const LabelledStyle& st, const QPointF& c, qreal r, const QString& text) {
    const QFontMetricsF fm(st.small);
    return QRectF(c.x() + r + st.ring + fm.height() * 0.35, c.y() - fm.height() / 2,
                  fm.horizontalAdvance(text) + fm.height() * 0.1, fm.height());
}

// Beside output node i: its class (when the data has names) and its target y_i.
QString targetText(const GraphFrame& f, int i, bool* ok) {
    const RecordValues& v = f.snapshot->values;
    const bool target =
        f.progress.xCurrent(0) && v.target.size() == f.snapshot->network.outputSize();
    const QString y = target ? QStringLiteral("y") + subscript(i) + QStringLiteral(" = ") +
                                   screenNumber(v.target(i - 1))
                             : QString();
    // "y₁ = 0 (setosa)": the target first, as the Inspector's δ = f − y uses it.
    const GraphLayout& g = *f.layout;
    QString name = i <= g.outputNames.size() ? g.outputNames[i - 1] : QString();
    bool numeric = false;
    name.toDouble(&numeric);
    if (numeric) // "y₁ = 0 (class 0)", not "y₁ = 0 (0)"
        name = QStringLiteral("class ") + name;
    const QString text = name.isEmpty() ? y
                         : y.isEmpty()  ? name
                                        : y + QStringLiteral(" (") + name + QStringLiteral(")");
    *ok = !text.isEmpty();
    return text;
}

QPen outlinePen(const GraphFrame& f, bool current) {
    QPen pen(f.colours.color(current ? QPalette::WindowText : QPalette::Mid));
    pen.setWidthF(f.layout->unit / 16 * (current ? 1.3 : 1.6));
    if (!current)
        pen.setStyle(Qt::DashLine);
    return pen;
}

// Node i of labelled layer k: its ring (δ or ∂J/∂z), its circle filled by x, its name and value.
void paintLabelledNode(QPainter& p, const GraphFrame& f, const GraphScales& s, int k, int i,
                       const LabelledStyle& st) {
    const LayerGeometry& l = f.layout->layers[static_cast<std::size_t>(k)];
    const QFontMetricsF fm(st.font);
    const QFontMetricsF small(st.small);
    const qreal r = l.radius;
    const QPointF c = l.centres[static_cast<std::size_t>(i - 1)];
    const NodeState n = stateOf(f, k, i);
    if (n.measureCurrent) { // ring: δ or ∂J/∂z
        QPen ring(s.node.color(n.measure));
        ring.setWidthF(st.ring);
        p.setPen(ring);
        p.setBrush(Qt::NoBrush);
        const qreal rr = r + st.ring / 2;
        p.drawEllipse(c, rr, rr);
    }
    const QColor fill = n.xCurrent ? s.x.color(n.x) : f.colours.color(QPalette::Window);
    p.setPen(outlinePen(f, n.xCurrent));
    p.setBrush(fill);
    p.drawEllipse(c, r, r);
    const QColor ink =
        n.xCurrent ? DivergingPalette::textColorOn(fill) : f.colours.color(QPalette::WindowText);
    p.setPen(ink);
    p.setFont(st.small);
    if (!n.xCurrent) {
        p.drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter, nodeLabel(k, i));
        return;
    }
    p.drawText(QRectF(c.x() - r, c.y() - small.height() - r * 0.02, 2 * r, small.height()),
               Qt::AlignHCenter | Qt::AlignBottom, nodeLabel(k, i));
    p.setFont(st.font);
    // Fewer significant digits where 4 do not fit, never a cut number.
    QString value = screenNumber(n.x);
    for (int digits = 3; digits >= 1 && fm.horizontalAdvance(value) > 1.9 * r; --digits)
        value = screenNumber(n.x, digits);
    p.drawText(QRectF(c.x() - r, c.y() + r * 0.02, 2 * r, fm.height()),
               Qt::AlignHCenter | Qt::AlignTop, value);
}

// Node i's badge (δ or ∂J/∂z) under it and, at the output, its target label beside it.
void paintNodeNotes(QPainter& p, const GraphFrame& f, const GraphScales& s, int k, int i,
                    const LabelledStyle& st) {
    const GraphLayout& g = *f.layout;
    const LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
    const qreal r = l.radius;
    const QPointF c = l.centres[static_cast<std::size_t>(i - 1)];
    const NodeState n = stateOf(f, k, i);
    if (n.measureCurrent) {
        const QString text = badgeText(f, n.measure);
        const QRectF b = badgeRect(st, c, r, text);
        const QColor fill = s.node.color(n.measure);
        QPen border(f.colours.color(QPalette::WindowText));
        border.setWidthF(g.unit / 16);
        p.setPen(border);
        p.setBrush(fill);
        p.drawRoundedRect(b, b.height() / 2, b.height() / 2);
        p.setPen(DivergingPalette::textColorOn(fill));
        p.drawText(b, Qt::AlignCenter, text);
    }
    bool ok = false;
    if (k == g.depth() && f.snapshot) {
        const QString text = targetText(f, i, &ok);
        if (ok) {
            p.setPen(f.colours.color(QPalette::WindowText));
            p.drawText(targetRect(st, c, r, text), Qt::AlignLeft | Qt::AlignVCenter, text);
        }
    }
}

void paintLabelled(QPainter& p, const GraphFrame& f, const GraphScales& s, int k) {
    const GraphLayout& g = *f.layout;
    const LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
    const LabelledStyle st = styleOf(g, l);
    for (int i = 1; i <= l.size; ++i)
        paintLabelledNode(p, f, s, k, i, st);
    // Badges and target labels after all circles, so no circle covers them.
    p.setFont(st.small);
    for (int i = 1; i <= l.size; ++i)
        paintNodeNotes(p, f, s, k, i, st);
}

// Beside each dot, on a light box: its value x_i(k) and, at the output, its class. Only
// where the tags fit between the dots and before the next column, never cut.
void paintDotTags(QPainter& p, const GraphFrame& f, int k, qreal ring) {
    const GraphLayout& g = *f.layout;
    const LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
    const QFontMetricsF fm(g.smallFont);
    if (l.pitch < fm.height() * 0.95)
        return;
    const bool output = k == g.depth();
    const qreal limit =
        output ? g.bounds.right() : g.layers[static_cast<std::size_t>(k + 1)].column.left();
    const qreal pad = fm.height() * 0.2;
    // "x₂(1)  −0.139" where every tag of the layer fits so, else the values alone; at
    // the output the class names instead of x_i(k), when the data has them.
    const bool classes = output && !g.outputNames.isEmpty();
    // The value in 3 significant digits, fewer where the tag would reach the next layer.
    const auto valueText = [&](int i, const NodeState& n) {
        if (!n.xCurrent)
            return QString();
        const QPointF c = l.centres[static_cast<std::size_t>(i - 1)];
        const qreal room = limit - pad - (c.x() + l.radius + ring + 3 * pad);
        QString v = screenNumber(n.x, 3);
        for (int digits = 2; digits >= 1 && fm.horizontalAdvance(v) > room; --digits)
            v = screenNumber(n.x, digits);
        return v;
    };
    const auto tagText = [&](int i, bool named) {
        const NodeState n = stateOf(f, k, i);
        const QString value = valueText(i, n);
        if (classes)
            return outputTag(g, i, value);
        if (!named || value.isEmpty())
            return value;
        return nodeLabel(k, i) + QStringLiteral("  ") + value;
    };
    bool named = !classes;
    for (int i = 1; named && i <= l.size; ++i) {
        const QPointF c = l.centres[static_cast<std::size_t>(i - 1)];
        named = c.x() + l.radius + ring + 3 * pad + fm.horizontalAdvance(tagText(i, true)) <=
                limit - pad;
    }
    QColor box = f.colours.color(QPalette::Base);
    box.setAlphaF(0.85f);
    p.setFont(g.smallFont);
    for (int i = 1; i <= l.size; ++i) {
        const QString text = tagText(i, named);
        if (text.isEmpty())
            continue;
        const QPointF c = l.centres[static_cast<std::size_t>(i - 1)];
        const QRectF tag(c.x() + l.radius + ring + pad, c.y() - fm.height() / 2,
                         fm.horizontalAdvance(text) + 2 * pad, fm.height());
        if (tag.right() > limit - pad)
            continue;
        p.setPen(Qt::NoPen);
        p.setBrush(box);
        p.drawRoundedRect(tag, pad, pad);
        p.setPen(f.colours.color(QPalette::WindowText));
        p.drawText(tag, Qt::AlignCenter, text);
    }
}

void paintDots(QPainter& p, const GraphFrame& f, const GraphScales& s, int k) {
    const GraphLayout& g = *f.layout;
    const LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
    const qreal ring = std::max(g.unit * 0.12, l.radius * 0.3);
    for (int i = 1; i <= l.size; ++i) {
        const QPointF c = l.centres[static_cast<std::size_t>(i - 1)];
        const NodeState n = stateOf(f, k, i);
        if (n.measureCurrent) {
            QPen pen(s.node.color(n.measure));
            pen.setWidthF(ring);
            p.setPen(pen);
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(c, l.radius + ring / 2, l.radius + ring / 2);
        }
        p.setPen(outlinePen(f, n.xCurrent));
        p.setBrush(n.xCurrent ? s.x.color(n.x) : f.colours.color(QPalette::Window));
        p.drawEllipse(c, l.radius, l.radius);
    }
    paintDotTags(p, f, k, ring);
}

void paintCells(QPainter& p, const GraphFrame& f, const GraphScales& s, int k) {
    const GraphLayout& g = *f.layout;
    const LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
    const qreal side = 2 * l.radius;
    const qreal gap = std::max(g.unit / 16, side * 0.1);
    const qreal frame = side * 0.2; // δ or ∂J/∂z as the cell's frame
    const QColor empty = f.colours.color(QPalette::Window);
    QPen stale(f.colours.color(QPalette::Mid));
    stale.setWidthF(g.unit / 16);
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false); // squares: crisp and ~5× faster
    for (int i = 1; i <= l.size; ++i) {
        const QPointF c = l.centres[static_cast<std::size_t>(i - 1)];
        const NodeState n = stateOf(f, k, i);
        const QRectF cell(c.x() - l.radius + gap / 2, c.y() - l.radius + gap / 2, side - gap,
                          side - gap);
        const QColor fill = n.xCurrent ? s.x.color(n.x) : empty;
        if (n.measureCurrent) { // the frame in δ's colour, the inside in x's
            p.fillRect(cell, s.node.color(n.measure));
            p.fillRect(cell.adjusted(frame, frame, -frame, -frame), fill);
        } else {
            p.fillRect(cell, fill);
        }
        if (!n.xCurrent) {
            p.setPen(stale);
            p.setBrush(Qt::NoBrush);
            p.drawRect(cell);
        }
    }
    p.restore();
}

void paintBias(QPainter& p, const GraphFrame& f) {
    const GraphLayout& g = *f.layout;
    QPen pen(f.colours.color(QPalette::WindowText));
    pen.setWidthF(g.unit / 16 * 1.3);
    p.setFont(g.smallFont);
    for (const LayerGeometry& l : g.layers) {
        if (!l.hasBias)
            continue;
        p.setPen(pen);
        p.setBrush(f.colours.color(QPalette::Base));
        const qreal r = g.biasRadius;
        p.drawRoundedRect(QRectF(l.bias.x() - r, l.bias.y() - r, 2 * r, 2 * r), r * 0.35, r * 0.35);
        p.setPen(f.colours.color(QPalette::Text));
        p.drawText(QRectF(l.bias.x() - r, l.bias.y() - r, 2 * r, 2 * r), Qt::AlignCenter,
                   QStringLiteral("1"));
    }
}

// The selection: a dashed ring (or square) in the text colour, apart from the palette's
// red and blue so it never reads as a value. Rings go under the circles (their badges
// stay readable), squares over the cells and the image (else the neighbours hide them).
void paintSelection(QPainter& p, const GraphFrame& f, bool overNodes) {
    const GraphLayout& g = *f.layout;
    const GraphItem& sel = f.options.selected;
    if (!sel.isNode() || sel.layer > g.depth() || sel.node < 1)
        return;
    const LayerGeometry& l = g.layers[static_cast<std::size_t>(sel.layer)];
    const bool square = l.mode == LayerMode::Cells || l.mode == LayerMode::Image;
    if (sel.node > l.size || square != overNodes)
        return;
    QPen pen(f.colours.color(QPalette::WindowText));
    pen.setWidthF(g.unit * 0.14);
    pen.setStyle(Qt::DashLine);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    const QPointF c = l.centres[static_cast<std::size_t>(sel.node - 1)];
    switch (l.mode) {
    case LayerMode::Labelled:
    case LayerMode::Dots: {
        const qreal r = l.radius + g.unit * 0.24 * l.scale + g.unit * 0.25;
        p.drawEllipse(c, r, r);
        break;
    }
    case LayerMode::Cells:
    case LayerMode::Image: {
        const qreal half =
            l.mode == LayerMode::Cells ? l.radius : l.image.width() / g.imageCols / 2;
        const qreal out = half + g.unit * 0.15;
        p.drawRect(QRectF(c.x() - out, c.y() - out, 2 * out, 2 * out));
        break;
    }
    }
}
} // namespace

void paintNodes(QPainter& painter, const GraphFrame& frame, const GraphScales& scales) {
    const GraphLayout& g = *frame.layout;
    painter.save();
    paintSelection(painter, frame, false);
    paintHealthRings(painter, frame); // saturated units: under their circles and badges
    for (int k = 0; k <= g.depth(); ++k) {
        switch (g.layers[static_cast<std::size_t>(k)].mode) {
        case LayerMode::Labelled:
            paintLabelled(painter, frame, scales, k);
            break;
        case LayerMode::Dots:
            paintDots(painter, frame, scales, k);
            break;
        case LayerMode::Cells:
            paintCells(painter, frame, scales, k);
            break;
        case LayerMode::Image:
            break; // painted under the edges
        }
    }
    paintHealthMarks(painter, frame); // dead and saturated units, over their nodes
    paintBias(painter, frame);
    paintSelection(painter, frame, true);
    painter.restore();
}

std::vector<QRectF> nodeObstacles(const GraphFrame& f) {
    std::vector<QRectF> rects;
    const GraphLayout& g = *f.layout;
    for (int k = 0; k <= g.depth(); ++k) {
        const LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
        if (l.hasBias)
            rects.emplace_back(l.bias.x() - g.biasRadius, l.bias.y() - g.biasRadius,
                               2 * g.biasRadius, 2 * g.biasRadius);
        if (l.mode != LayerMode::Labelled) {
            rects.push_back(l.column);
            continue;
        }
        const LabelledStyle st = styleOf(g, l);
        const qreal r = l.radius + st.ring;
        for (int i = 1; i <= l.size; ++i) {
            const QPointF c = l.centres[static_cast<std::size_t>(i - 1)];
            rects.emplace_back(c.x() - r, c.y() - r, 2 * r, 2 * r);
            const NodeState n = stateOf(f, k, i);
            if (n.measureCurrent)
                rects.push_back(badgeRect(st, c, l.radius, badgeText(f, n.measure)));
            bool ok = false;
            if (k == g.depth() && f.snapshot) {
                const QString text = targetText(f, i, &ok);
                if (ok)
                    rects.push_back(targetRect(st, c, l.radius, text));
            }
        }
    }
    return rects;
}

} // namespace bp
