#include "graph/graph_painter.h"

#include "graph/edge_painter.h"
#include "graph/graph_legend.h"
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

// A layer's heading: its two lines.
struct Heading {
    QString first;
    QString second;
};

// The long heading of layer k, and the short one for when the column is narrow.
std::pair<Heading, Heading> headingsOf(const GraphFrame& f, int k) {
    const GraphLayout& g = *f.layout;
    const Snapshot& s = *f.snapshot;
    const int L = g.depth();
    const LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
    Heading full, brief;
    if (k == 0) {
        full.first = QStringLiteral("layer 0 (input)");
        full.second = l.mode == LayerMode::Image ? QStringLiteral("%1 inputs, %2\u00d7%3")
                                                       .arg(l.size)
                                                       .arg(g.imageRows)
                                                       .arg(g.imageCols)
                                                 : QStringLiteral("%1 inputs").arg(l.size);
        brief.first = QStringLiteral("layer 0");
        brief.second = QStringLiteral("%1 in").arg(l.size);
    } else {
        const QString activation = QString::fromStdString(toString(s.network.layer(k).activation));
        full.first = k == L ? QStringLiteral("layer %1 \u00b7 output").arg(k)
                            : QStringLiteral("layer %1 \u00b7 %2").arg(k).arg(activation);
        const QString nodes =
            l.size == 1 ? QStringLiteral("1 node") : QStringLiteral("%1 nodes").arg(l.size);
        full.second = k == L ? activation + QStringLiteral(" \u00b7 ") + nodes : nodes;
        brief.first = QStringLiteral("layer %1").arg(k);
        brief.second = activation + QStringLiteral(" \u00b7 %1").arg(l.size);
    }
    return {full, brief};
}

// The heading of layer k that fits over its column after the phase marker: the long
// heading, or a short one when the column is narrow; never cut.
Heading fittedHeading(const GraphFrame& f, int k, const QString& marker) {
    const GraphLayout& g = *f.layout;
    const Snapshot& s = *f.snapshot;
    const QFontMetricsF fm(g.font);
    const LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
    const auto [full, brief] = headingsOf(f, k);
    Heading h = full;
    QFont bold = g.font;
    bold.setBold(true);
    const qreal w = l.heading.width();
    if (QFontMetricsF(bold).horizontalAdvance(marker + h.first) > w ||
        fm.horizontalAdvance(h.second) > w)
        h = brief;
    // Narrower still: the layer as the notation writes it, "(1)" as in x(1).
    if (QFontMetricsF(bold).horizontalAdvance(marker + h.first) > w ||
        fm.horizontalAdvance(h.second) > w) {
        h.first = QStringLiteral("(%1)").arg(k);
        h.second = k == 0 ? QString::number(l.size)
                          : QString::fromStdString(toString(s.network.layer(k).activation));
    }
    return h;
}

void paintHeadings(QPainter& p, const GraphFrame& f) {
    const GraphLayout& g = *f.layout;
    const Snapshot& s = *f.snapshot;
    const QFontMetricsF fm(g.font);
    const int L = g.depth();
    for (int k = 0; k <= L; ++k) {
        const LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
        const QString marker = phaseMarker(f.progress, s, k);
        const Heading heading = fittedHeading(f, k, marker);
        QFont bold = g.font;
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(f.colours.color(QPalette::WindowText));
        const QRectF top(l.heading.left(), l.heading.top(), l.heading.width(),
                         l.heading.height() / 2);
        p.drawText(
            top, Qt::AlignCenter,
            QFontMetricsF(bold).elidedText(marker + heading.first, Qt::ElideRight, top.width()));
        p.setFont(g.font);
        p.setPen(f.colours.color(QPalette::WindowText));
        const QRectF bottom = top.translated(0, top.height());
        p.drawText(bottom, Qt::AlignCenter,
                   fm.elidedText(heading.second, Qt::ElideRight, bottom.width()));
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
