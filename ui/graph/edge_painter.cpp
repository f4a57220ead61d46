#include "graph/edge_painter.h"

#include "style/screen_text.h"

#include <algorithm>
#include <cmath>
#include <QFontMetricsF>
#include <QPainter>

namespace bp {

namespace {
constexpr int kMaxLabelledEdges = 16;           // per layer
constexpr std::size_t kSmoothEdges = 400;       // antialiased edges per frame
constexpr std::size_t kSmoothEdgesThinned = 64; // the same when big layers are thinned

QColor mixed(const QColor& from, const QColor& to, double t) {
    auto channel = [t](int a, int b) { return static_cast<int>(a + (b - a) * t + 0.5); };
    return QColor(channel(from.red(), to.red()), channel(from.green(), to.green()),
                  channel(from.blue(), to.blue()));
}

bool labelled(const GraphLayout& g, int k) {
    const LayerMode m = g.layers[static_cast<std::size_t>(k)].mode;
    return m == LayerMode::Labelled;
}
} // namespace

QColor flashColor() {
    return QColor(0xff, 0xc2, 0x0a); // gold: neither of the palette's signs
}

void paintEdges(QPainter& painter, const GraphFrame& frame, const GraphScales& scales) {
    const GraphLayout& g = *frame.layout;
    const EdgePlan& plan = *frame.plan;
    const QColor background = frame.colours.color(QPalette::Window);
    const QColor stale = mixed(background, frame.colours.color(QPalette::WindowText), 0.18);
    QColor halo = flashColor();
    halo.setAlphaF(static_cast<float>(0.55 + 0.45 * frame.options.flash));
    const GraphItem& sel = frame.options.selected;
    painter.save();
    painter.setBrush(Qt::NoBrush);
    QPen pen(Qt::SolidLine);
    pen.setCapStyle(Qt::FlatCap); // round caps make the raster engine stroke a path: slow
    // Antialiasing costs ~10× more per edge in the raster engine: in big networks only
    // the strongest edges (drawn last, on top) get it; the thin ones under them do not.
    const std::size_t smooth = plan.thinned ? kSmoothEdgesThinned : kSmoothEdges;
    const std::size_t smoothFrom = plan.edges.size() > smooth ? plan.edges.size() - smooth : 0;
    painter.setRenderHint(QPainter::Antialiasing, smoothFrom == 0);
    for (std::size_t index = 0; index < plan.edges.size(); ++index) {
        const PlannedEdge& e = plan.edges[index];
        if (index == smoothFrom)
            painter.setRenderHint(QPainter::Antialiasing, true);
        const QPointF a = g.anchor(e.layer - 1, e.input);
        const QPointF b = g.anchor(e.layer, e.node);
        const qreal width = edgeWidth(e, plan, g);
        const bool selected =
            sel.isEdge() && sel.layer == e.layer && sel.node == e.node && sel.input == e.input;
        if (e.flashed || selected) {
            // The highlight under the edge: the last update's largest |Δw|, or the selection.
            QColor under = selected ? frame.colours.color(QPalette::WindowText) : halo;
            if (selected)
                under.setAlphaF(0.35f);
            pen.setColor(under);
            pen.setWidthF(width + g.unit * (0.35 + (e.flashed ? 0.3 * frame.options.flash : 0.0)));
            painter.setPen(pen);
            painter.drawLine(a, b);
        }
        QColor c = e.current ? scales.edge.strokeColor(e.value, background) : stale;
        if (!e.strong)
            c = mixed(background, c, 0.35);
        pen.setColor(c);
        pen.setWidthF(width);
        painter.setPen(pen);
        painter.drawLine(a, b);
    }
    painter.restore();
}

EdgeLabelCount paintEdgeLabels(QPainter& painter, const GraphFrame& frame,
                               const std::vector<QRectF>& obstacles) {
    const GraphLayout& g = *frame.layout;
    const Network& net = frame.snapshot->network;
    // Flashed edges first, then the strongest: they get the best places.
    std::vector<const PlannedEdge*> edges;
    EdgeLabelCount count;
    for (const PlannedEdge& e : frame.plan->edges) {
        const Layer& l = net.layer(e.layer);
        if (!e.strong || l.w.size() > kMaxLabelledEdges || !(e.current || e.flashed))
            continue;
        if (labelled(g, e.layer) && labelled(g, e.layer - 1))
            edges.push_back(&e);
        else
            ++count.hidden; // a small layer drawn as dots for want of room: zoom labels it
    }
    std::stable_sort(edges.begin(), edges.end(), [](const PlannedEdge* a, const PlannedEdge* b) {
        if (a->flashed != b->flashed)
            return a->flashed;
        return std::abs(a->value) > std::abs(b->value);
    });

    painter.save();
    painter.setFont(g.smallFont);
    const QFontMetricsF fm(g.smallFont);
    const qreal pad = g.unit * 0.15;
    std::vector<QRectF> taken = obstacles;
    for (const PlannedEdge* e : edges) {
        bool placed = false;
        QString text = screenNumber(e->value);
        if (e->flashed)
            text += QStringLiteral("\n\u0394w ") + screenNumber(e->delta);
        const QRectF box = fm.boundingRect(QRectF(0, 0, 1e4, 1e4), Qt::AlignCenter, text)
                               .adjusted(-pad, -pad * 0.5, pad, pad * 0.5);
        const QPointF a = g.anchor(e->layer - 1, e->input);
        const QPointF b = g.anchor(e->layer, e->node);
        for (double t : {0.33, 0.67, 0.25, 0.75, 0.42, 0.58, 0.5}) {
            QRectF r = box;
            r.moveCenter(a + t * (b - a));
            const bool free = std::none_of(taken.begin(), taken.end(),
                                           [&](const QRectF& o) { return o.intersects(r); });
            if (!free)
                continue;
            taken.push_back(r.adjusted(-pad, -pad, pad, pad));
            QColor fill = frame.colours.color(QPalette::Window);
            fill.setAlphaF(0.88f);
            QPen border(e->flashed ? flashColor() : frame.colours.color(QPalette::Mid));
            border.setWidthF(g.unit / 16 * (e->flashed ? 2.5 : 1.0));
            painter.setPen(border);
            painter.setBrush(fill);
            painter.drawRoundedRect(r, pad * 2, pad * 2);
            painter.setPen(frame.colours.color(QPalette::WindowText));
            painter.drawText(r, Qt::AlignCenter, text);
            placed = true;
            break;
        }
        (placed ? count.shown : count.hidden) += 1;
    }
    painter.restore();
    return count;
}

} // namespace bp
