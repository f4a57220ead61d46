#include "graph/graph_painter.h"

#include "graph/edge_painter.h"
#include "graph/image_painter.h"
#include "graph/node_painter.h"
#include "math/explain.h"

#include <algorithm>
#include <QFontMetricsF>
#include <QPainter>
#include <QRegularExpression>

namespace bp {

namespace {
QString phaseMarker(const RecordProgress& p, const Snapshot& s, int k) {
    if (!s.hasPhase || p.activeLayer != k)
        return {};
    switch (s.lastPhase.kind) {
    case Phase::Kind::Forward:
    case Phase::Kind::Loss:
        return QStringLiteral("\u25b6 ");
    case Phase::Kind::Backward:
        return QStringLiteral("\u25c0 ");
    case Phase::Kind::Update:
        break;
    }
    return {};
}

void paintHeadings(QPainter& p, const GraphFrame& f) {
    const GraphLayout& g = *f.layout;
    const Snapshot& s = *f.snapshot;
    const QFontMetricsF fm(g.font);
    const int L = g.depth();
    for (int k = 0; k <= L; ++k) {
        const LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
        const QString marker = phaseMarker(f.progress, s, k);
        QString first;
        QString second;
        // The long heading, or a short one when the column is narrow: never cut.
        QString shortFirst, shortSecond;
        if (k == 0) {
            first = QStringLiteral("layer 0 (input)");
            second = l.mode == LayerMode::Image ? QStringLiteral("%1 inputs, %2\u00d7%3")
                                                      .arg(l.size)
                                                      .arg(g.imageRows)
                                                      .arg(g.imageCols)
                                                : QStringLiteral("%1 inputs").arg(l.size);
            shortFirst = QStringLiteral("layer 0");
            shortSecond = QStringLiteral("%1 in").arg(l.size);
        } else {
            const QString activation =
                QString::fromStdString(toString(s.network.layer(k).activation));
            first = k == L ? QStringLiteral("layer %1 \u00b7 output").arg(k)
                           : QStringLiteral("layer %1 \u00b7 %2").arg(k).arg(activation);
            const QString nodes =
                l.size == 1 ? QStringLiteral("1 node") : QStringLiteral("%1 nodes").arg(l.size);
            second = k == L ? activation + QStringLiteral(" \u00b7 ") + nodes : nodes;
            shortFirst = QStringLiteral("layer %1").arg(k);
            shortSecond = activation + QStringLiteral(" \u00b7 %1").arg(l.size);
        }
        {
            QFont bold = g.font;
            bold.setBold(true);
            const qreal w = l.heading.width();
            if (QFontMetricsF(bold).horizontalAdvance(marker + first) > w ||
                fm.horizontalAdvance(second) > w) {
                first = shortFirst;
                second = shortSecond;
            }
            // Narrower still: the layer as the notation writes it, "(1)" as in x(1).
            if (QFontMetricsF(bold).horizontalAdvance(marker + first) > w ||
                fm.horizontalAdvance(second) > w) {
                first = QStringLiteral("(%1)").arg(k);
                second = k == 0 ? QString::number(l.size)
                                : QString::fromStdString(toString(s.network.layer(k).activation));
            }
        }
        QFont bold = g.font;
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(f.colours.color(QPalette::WindowText));
        const QRectF top(l.heading.left(), l.heading.top(), l.heading.width(),
                         l.heading.height() / 2);
        p.drawText(top, Qt::AlignCenter,
                   QFontMetricsF(bold).elidedText(marker + first, Qt::ElideRight, top.width()));
        p.setFont(g.font);
        p.setPen(f.colours.color(QPalette::WindowText));
        const QRectF bottom = top.translated(0, top.height());
        p.drawText(bottom, Qt::AlignCenter, fm.elidedText(second, Qt::ElideRight, bottom.width()));
    }
}

void paintBand(QPainter& p, const GraphFrame& f) {
    const int k = f.progress.activeLayer;
    if (k < 1 || k > f.layout->depth())
        return;
    // A neutral band: the palette's red and blue stay reserved for values.
    QColor c = f.colours.color(QPalette::WindowText);
    c.setAlphaF(0.08f);
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    const qreal radius = f.layout->unit * 0.5;
    p.drawRoundedRect(f.layout->layers[static_cast<std::size_t>(k)].band, radius, radius);
}

QString phaseDescription(const Snapshot& s) {
    const int k = s.lastPhase.layer;
    const int L = s.network.depth();
    switch (s.lastPhase.kind) {
    case Phase::Kind::Forward:
        return QStringLiteral("z(%1) and x(%1) computed").arg(k);
    case Phase::Kind::Loss:
        return QStringLiteral("J and \u03b4(%1) = \u2202J/\u2202x(%1) computed").arg(L);
    case Phase::Kind::Backward:
        if (k == L)
            return QStringLiteral("\u2202J/\u2202z(%1) and \u2202J/\u2202w(%1) computed").arg(k);
        return QStringLiteral("\u03b4(%1), \u2202J/\u2202z(%1) and \u2202J/\u2202w(%1) computed")
            .arg(k);
    case Phase::Kind::Update:
        return QStringLiteral("w \u2190 w \u2212 a\u00b7\u2202J/\u2202w applied to every weight");
    }
    return {};
}

void paintTitle(QPainter& p, const GraphFrame& f) {
    const GraphLayout& g = *f.layout;
    const Snapshot& s = *f.snapshot;
    const QFontMetricsF big(g.titleFont);
    const QFontMetricsF fm(g.font);
    const QString phase = s.hasPhase           ? QString::fromStdString(toString(s.lastPhase))
                          : s.recordIndex >= 0 ? QStringLiteral("record loaded")
                                               : QStringLiteral("no step yet");
    const QString next = QStringLiteral("next: ") + QString::fromStdString(toString(s.nextPhase));
    const QString description = s.hasPhase ? phaseDescription(s) : QString();

    QStringList right;
    if (s.recordIndex >= 0)
        right << QStringLiteral("record %1").arg(s.recordIndex);
    right << QStringLiteral("epochs done: %1").arg(s.epoch);
    if (f.progress.lossDone)
        right << QStringLiteral("J = %1").arg(
            QString::fromStdString(formatNumber(s.values.loss, 6)));

    p.setPen(f.colours.color(QPalette::WindowText));
    p.setFont(g.titleFont);
    p.drawText(g.title, Qt::AlignLeft | Qt::AlignVCenter, phase);
    const qreal phaseWidth = big.horizontalAdvance(phase) + g.unit;
    p.setFont(g.font);
    // Whole phrases or none, never a cut one: J and the record give way last, the
    // epoch count before them; the phase's description first, then "next: …".
    const QString dot = QStringLiteral(" \u00b7 ");
    const qreal room = g.title.width() - phaseWidth;
    while (right.size() > 1 && fm.horizontalAdvance(right.join(dot)) > room) {
        const int epochs = right.indexOf(QRegularExpression(QStringLiteral("^epochs done")));
        right.removeAt(epochs >= 0 ? epochs : 0);
    }
    const QString rightText = right.join(dot);
    const qreal rightWidth = fm.horizontalAdvance(rightText);
    if (rightWidth <= room)
        p.drawText(g.title, Qt::AlignRight | Qt::AlignVCenter, rightText);
    const qreal middle = room - (rightWidth <= room ? rightWidth + g.unit : 0);
    QString detail;
    for (const QString& candidate : {description.isEmpty() ? next : description + dot + next, next})
        if (fm.horizontalAdvance(candidate) <= middle) {
            detail = candidate;
            break;
        }
    p.drawText(QRectF(g.title.left() + phaseWidth, g.title.top(), std::max<qreal>(0, middle),
                      g.title.height()),
               Qt::AlignLeft | Qt::AlignVCenter, detail);
}

// One line of the key: a small symbol and its meaning.
struct Key {
    enum class Symbol { Dashed, Flash, Bias, Faint } symbol;
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

void paintLegend(QPainter& p, const GraphFrame& f, const GraphScales& scales) {
    const GraphLayout& g = *f.layout;
    const qreal u = g.unit;
    std::vector<Key> keys = keysOf(f);
    const QFontMetricsF fm(g.font);
    const QFontMetricsF small(g.smallFont);
    const qreal keyLine = std::min(small.height() * 1.05, g.legend.height() / 3);
    int keyColumns = keys.size() > 3 ? 2 : 1;
    const qreal gap = u * 1.2;
    const auto keysWidthOf = [&](bool brief) {
        qreal w = 0;
        for (const Key& k : keys)
            w = std::max(w, small.horizontalAdvance(brief ? k.brief : k.text) + keyLine * 1.6 +
                                2); // + 2: a text that just fits is not elided by rounding
        return w;
    };
    auto widthOf = [&](const QString& t) { return std::max(u * 5, fm.horizontalAdvance(t)); };
    const auto legendsWidth = [&](const LegendTitles& t) {
        return widthOf(t.x) + widthOf(t.node) + widthOf(t.edge) + gap * 2;
    };
    // Long titles and long keys if they fit in the row; else short titles, then short
    // keys: every text whole, never cut.
    LegendTitles titles = legendTitles(f, false);
    qreal keysWidth = keysWidthOf(false);
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
    const qreal room = g.legend.width() - (keysWidth + gap) * keyColumns - gap * 2;
    const qreal widths[3] = {widthOf(titles.x), widthOf(titles.node), widthOf(titles.edge)};
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
    p.setFont(g.smallFont);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const qreal column = x + static_cast<qreal>(i / 3) * (keysWidth + gap);
        const QRectF line(column, g.legend.top() + static_cast<qreal>(i % 3) * keyLine, keysWidth,
                          keyLine);
        paintKeySymbol(p, f, keys[i].symbol,
                       QRectF(line.left(), line.top(), keyLine * 1.4, keyLine));
        p.setPen(f.colours.color(QPalette::WindowText));
        p.drawText(
            line.adjusted(keyLine * 1.6, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
            small.elidedText(keys[i].text, Qt::ElideRight,
                             std::max<qreal>(0, g.legend.right() - line.left() - keyLine * 1.6)));
    }
}

void paintEmpty(QPainter& p, const GraphFrame& f, const QRectF& bounds) {
    p.setPen(f.colours.color(QPalette::WindowText));
    p.drawText(bounds, Qt::AlignCenter | Qt::TextWordWrap,
               QStringLiteral("No network yet: choose a dataset and an architecture."));
}
} // namespace

GraphPaintReport paintGraph(QPainter& painter, const GraphFrame& frame) {
    GraphPaintReport report;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    if (!frame.snapshot || !frame.layout || frame.layout->empty() || !frame.plan) {
        if (frame.layout) {
            painter.setFont(frame.layout->font);
            paintEmpty(painter, frame, frame.layout->bounds);
        }
        painter.restore();
        return report;
    }
    const GraphScales scales = scalesOf(frame);
    paintBand(painter, frame);
    paintHeadings(painter, frame);
    paintEdges(painter, frame, scales);
    paintImages(painter, frame);
    paintNodes(painter, frame, scales);
    const EdgeLabelCount labels = paintEdgeLabels(painter, frame, nodeObstacles(frame));
    report.edgeLabelsHidden = labels.hidden;
    report.edgeLabelsShown = labels.shown;
    paintTitle(painter, frame);
    paintLegend(painter, frame, scales);
    painter.restore();
    return report;
}

} // namespace bp
