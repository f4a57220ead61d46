// The graph's legend row: a colour legend for the nodes' fill, their rings and the edges,
// and a key of the symbols beside them.
#include "graph/graph_legend.h"

#include "graph/diverging_palette.h"
#include "graph/edge_painter.h"
#include "graph/health_marks.h"

#include <algorithm>
#include <QFontMetricsF>
#include <QPainter>

namespace bp {

namespace {
// One line of the key: a small symbol and its meaning.
struct Key {
    enum class Symbol { Dashed, Flash, Bias, Faint, Dead, Saturated } symbol;
    QString text;
    QString brief; // when the text does not fit beside the colour legends
};

void paintKeySymbol(QPainter& p, const GraphFrame& f, Key::Symbol symbol, const QRectF& r) {
    const qreal u = f.layout->unit;
    QPen pen(f.colours.color(QPalette::WindowText));
    pen.setWidthF(u / 16 * 1.3);
    const QPointF c = r.center();
    const qreal h = r.height() * 0.38;
    switch (symbol) {
    case Key::Symbol::Dashed:
        pen.setStyle(Qt::DashLine);
        pen.setColor(f.colours.color(QPalette::Mid));
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(c, h, h);
        break;
    case Key::Symbol::Flash: {
        QColor halo = flashColor();
        halo.setAlphaF(0.7f);
        pen.setColor(halo);
        pen.setWidthF(u * 0.45);
        pen.setCapStyle(Qt::RoundCap);
        p.setPen(pen);
        p.drawLine(QPointF(r.left() + h, c.y()), QPointF(r.right() - h, c.y()));
        break;
    }
    case Key::Symbol::Bias:
        p.setPen(pen);
        p.setBrush(f.colours.color(QPalette::Base));
        p.drawRoundedRect(QRectF(c.x() - h, c.y() - h, 2 * h, 2 * h), h * 0.35, h * 0.35);
        p.setPen(f.colours.color(QPalette::Text));
        p.drawText(QRectF(c.x() - h, c.y() - h, 2 * h, 2 * h), Qt::AlignCenter,
                   QStringLiteral("1"));
        break;
    case Key::Symbol::Dead:
        paintDeadSymbol(p, c, h, f.colours);
        break;
    case Key::Symbol::Saturated:
        paintSaturatedSymbol(p, c, h * 0.8, std::max<qreal>(1.5, h * 0.35), f.colours);
        break;
    case Key::Symbol::Faint: {
        QColor faint = f.colours.color(QPalette::WindowText);
        faint.setAlphaF(0.3f);
        pen.setColor(faint);
        p.setPen(pen);
        p.drawLine(QPointF(r.left() + h * 0.5, c.y()), QPointF(r.right() - h * 0.5, c.y()));
        break;
    }
    }
}

// The titles of the three colour legends, long or short (when the row is narrow).
struct LegendTitles {
    QString x, node, edge;
};

LegendTitles legendTitles(const GraphFrame& f, bool brief) {
    const bool delta = f.options.nodeMeasure == NodeMeasure::Delta;
    const bool weight = f.options.edgeMeasure == EdgeMeasure::Weight;
    if (brief)
        return {QStringLiteral("fill: x"),
                delta ? QStringLiteral("ring: \u03b4") : QStringLiteral("ring: \u2202J/\u2202z"),
                weight ? QStringLiteral("edges: w") : QStringLiteral("edges: \u2202J/\u2202w")};
    return {QStringLiteral("node fill: output x"),
            delta ? QStringLiteral("ring, badge: \u03b4 = \u2202J/\u2202x")
                  : QStringLiteral("ring, badge: \u2202J/\u2202z"),
            weight ? QStringLiteral("edges: w, width \u221d |w|")
                   : QStringLiteral("edges: \u2202J/\u2202w, width \u221d |\u2202J/\u2202w|")};
}

std::vector<Key> keysOf(const GraphFrame& f) {
    std::vector<Key> keys;
    // The health marks first (only when a unit is marked): what they mean and over which
    // records, the most particular thing in the row.
    if (deadUnitsMarked(f) > 0)
        keys.push_back({Key::Symbol::Dead,
                        QStringLiteral("dead over ") + sampleRecordsText(*f.health),
                        QStringLiteral("dead units")});
    if (saturatedUnitsMarked(f) > 0)
        keys.push_back({Key::Symbol::Saturated,
                        QStringLiteral("saturated over ") + sampleRecordsText(*f.health),
                        QStringLiteral("saturated")});
    const int L = f.layout->depth();
    const RecordProgress& pr = f.progress;
    if ((f.snapshot->hasPhase || pr.forwardDone == 0) &&
        (pr.forwardDone < L || pr.deltaFrom > 1 || pr.gradientFrom > 1))
        keys.push_back({Key::Symbol::Dashed, QStringLiteral("not yet computed for this record"),
                        QStringLiteral("not yet computed")});
    if (pr.highlightsUpdate)
        keys.push_back({Key::Symbol::Flash, QStringLiteral("largest |\u0394w| of the last update"),
                        QStringLiteral("largest |\u0394w|")});
    keys.push_back({Key::Symbol::Bias, QStringLiteral("bias input x\u2080 = 1; its edges: w_{i,0}"),
                    QStringLiteral("bias x\u2080 = 1")});
    if (f.plan->thinned)
        keys.push_back({Key::Symbol::Faint, QStringLiteral("big layers: strongest edges only"),
                        QStringLiteral("strongest edges")});
    return keys;
}

// What the legend row holds once fitted: the colour legends' titles and the keys.
struct LegendFit {
    LegendTitles titles;
    std::vector<Key> keys;
    int keyColumns = 1;
    qreal keyLine = 0; // the height of a key's line
    qreal keysWidth = 0;
    qreal gap = 0;
};

// A colour legend's width: its title's, and never narrower than its bar needs.
qreal legendWidth(const GraphLayout& g, const QFontMetricsF& fm, const QString& title) {
    return std::max(g.unit * 5, fm.horizontalAdvance(title));
}

LegendFit fitLegend(const GraphFrame& f) {
    const GraphLayout& g = *f.layout;
    const qreal u = g.unit;
    LegendFit fit;
    std::vector<Key>& keys = fit.keys;
    keys = keysOf(f);
    const QFontMetricsF fm(g.font);
    const QFontMetricsF small(g.smallFont);
    const qreal keyLine = fit.keyLine = std::min(small.height() * 1.05, g.legend.height() / 3);
    int& keyColumns = fit.keyColumns;
    keyColumns = keys.size() > 3 ? 2 : 1;
    const qreal gap = fit.gap = u * 1.2;
    const auto keysWidthOf = [&](bool brief) {
        qreal w = 0;
        for (const Key& k : keys)
            w = std::max(w, small.horizontalAdvance(brief ? k.brief : k.text) + keyLine * 1.6 +
                                2); // + 2: a text that just fits is not elided by rounding
        return w;
    };
    const auto legendsWidth = [&](const LegendTitles& t) {
        return legendWidth(g, fm, t.x) + legendWidth(g, fm, t.node) + legendWidth(g, fm, t.edge) +
               gap * 2;
    };
    // Long titles and long keys if they fit in the row; else short titles, then short
    // keys: every text whole, never cut.
    LegendTitles& titles = fit.titles;
    titles = legendTitles(f, false);
    qreal& keysWidth = fit.keysWidth;
    keysWidth = keysWidthOf(false);
    if (legendsWidth(titles) + (keysWidth + gap) * keyColumns > g.legend.width())
        titles = legendTitles(f, true);
    if (legendsWidth(titles) + (keysWidth + gap) * keyColumns > g.legend.width()) {
        for (Key& k : keys)
            k.text = k.brief;
        keysWidth = keysWidthOf(true);
    }
    // Still too wide (a projector's font): fewer keys, the last ones first, rather than
    // cut ones; the guide and the tooltips explain every symbol.
    while (!keys.empty() &&
           legendsWidth(titles) + (keysWidth + gap) * keyColumns > g.legend.width()) {
        keys.pop_back();
        keyColumns = keys.size() > 3 ? 2 : 1;
        keysWidth = keysWidthOf(true);
    }
    return fit;
}

// The keys in columns of three lines, from x on.
void paintKeys(QPainter& p, const GraphFrame& f, const LegendFit& fit, qreal x) {
    const GraphLayout& g = *f.layout;
    const QFontMetricsF small(g.smallFont);
    const qreal keyLine = fit.keyLine;
    p.setFont(g.smallFont);
    for (std::size_t i = 0; i < fit.keys.size(); ++i) {
        const qreal column = x + static_cast<qreal>(i / 3) * (fit.keysWidth + fit.gap);
        const QRectF line(column, g.legend.top() + static_cast<qreal>(i % 3) * keyLine,
                          fit.keysWidth, keyLine);
        paintKeySymbol(p, f, fit.keys[i].symbol,
                       QRectF(line.left(), line.top(), keyLine * 1.4, keyLine));
        p.setPen(f.colours.color(QPalette::WindowText));
        p.drawText(
            line.adjusted(keyLine * 1.6, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
            small.elidedText(fit.keys[i].text, Qt::ElideRight,
                             std::max<qreal>(0, g.legend.right() - line.left() - keyLine * 1.6)));
    }
}
} // namespace

void paintLegend(QPainter& p, const GraphFrame& f, const GraphScales& scales) {
    const GraphLayout& g = *f.layout;
    const qreal u = g.unit;
    const LegendFit fit = fitLegend(f);
    const LegendTitles& titles = fit.titles;
    const QFontMetricsF fm(g.font);
    const qreal gap = fit.gap;
    const qreal room = g.legend.width() - (fit.keysWidth + gap) * fit.keyColumns - gap * 2;
    const qreal widths[3] = {legendWidth(g, fm, titles.x), legendWidth(g, fm, titles.node),
                             legendWidth(g, fm, titles.edge)};
    const qreal spare = std::max(0.0, room - widths[0] - widths[1] - widths[2]);
    const qreal grow = std::min(spare / 3, u * 6); // wider bars where there is room
    const LegendPainter legends[3] = {LegendPainter(scales.x, titles.x),
                                      LegendPainter(scales.node, titles.node),
                                      LegendPainter(scales.edge, titles.edge)};

    p.setFont(g.font);
    qreal x = g.legend.left();
    for (int i = 0; i < 3; ++i) {
        const qreal w = widths[i] + grow;
        legends[i].paint(p, QRectF(x, g.legend.top(), w, g.legend.height()), f.colours);
        x += w + gap;
    }
    paintKeys(p, f, fit, x);
}

} // namespace bp
