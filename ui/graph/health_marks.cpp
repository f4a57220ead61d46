#include "graph/health_marks.h"

#include "graph/graph_tooltips.h"
#include "style/chart_style.h"

#include <QPainter>

namespace bp {

bool healthMarksFit(const GraphFrame& f) {
    if (!f.health || !f.snapshot || !f.layout)
        return false;
    const Network& net = f.snapshot->network;
    if (static_cast<int>(f.health->layers.size()) != net.depth())
        return false;
    for (int k = 1; k <= net.depth(); ++k)
        if (static_cast<Eigen::Index>(
                f.health->layers[static_cast<std::size_t>(k - 1)].unitHealth.size()) !=
            net.layer(k).size())
            return false;
    return true;
}

int deadUnitsMarked(const GraphFrame& f) {
    if (!healthMarksFit(f))
        return 0;
    long n = 0;
    for (const LayerHealth& l : f.health->layers)
        n += l.deadUnits();
    return static_cast<int>(n);
}

int saturatedUnitsMarked(const GraphFrame& f) {
    if (!healthMarksFit(f))
        return 0;
    long n = 0;
    for (const LayerHealth& l : f.health->layers)
        n += l.saturatedUnits();
    return static_cast<int>(n);
}

QColor saturatedRingColor(const QPalette& palette) {
    // Green: neither of the diverging palette's red and blue, nor the update flash's gold.
    return isDarkPalette(palette) ? QColor(0x3c, 0xc8, 0x9b) : QColor(0x00, 0x9e, 0x73);
}

namespace {
QBrush hatch(const QPalette& palette) {
    return QBrush(isDarkPalette(palette) ? QColor(0xe0, 0xe0, 0xe0) : QColor(0x30, 0x30, 0x30),
                  Qt::BDiagPattern);
}
QColor deadFill() {
    QColor grey(0x90, 0x90, 0x90);
    grey.setAlphaF(0.75f); // the node's name and value still show through
    return grey;
}
} // namespace

void paintDeadSymbol(QPainter& p, const QPointF& c, qreal r, const QPalette& palette) {
    p.setPen(Qt::NoPen);
    p.setBrush(deadFill());
    p.drawEllipse(c, r, r);
    p.setBrush(hatch(palette));
    p.drawEllipse(c, r, r);
}

void paintSaturatedSymbol(QPainter& p, const QPointF& c, qreal r, qreal width,
                          const QPalette& palette) {
    QPen pen(saturatedRingColor(palette));
    pen.setWidthF(width);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(c, r, r);
}

namespace {
// Each marked unit of the frame's sample, with its layer's geometry.
template <typename F> void forMarkedUnits(const GraphFrame& f, F each) {
    if (!healthMarksFit(f))
        return;
    const GraphLayout& g = *f.layout;
    for (int k = 1; k <= g.depth(); ++k) {
        const LayerGeometry& l = g.layers[static_cast<std::size_t>(k)];
        const std::vector<UnitHealth>& units =
            f.health->layers[static_cast<std::size_t>(k - 1)].unitHealth;
        for (int i = 1; i <= l.size && i <= static_cast<int>(units.size()); ++i) {
            const UnitHealth& u = units[static_cast<std::size_t>(i - 1)];
            if (u.dead || u.saturated)
                each(l, u, l.centres[static_cast<std::size_t>(i - 1)]);
        }
    }
}

bool isSquare(const LayerGeometry& l) {
    return l.mode == LayerMode::Cells || l.mode == LayerMode::Image;
}
} // namespace

void paintHealthRings(QPainter& p, const GraphFrame& f) {
    const GraphLayout& g = *f.layout;
    p.save();
    forMarkedUnits(f, [&](const LayerGeometry& l, const UnitHealth& u, const QPointF& c) {
        if (!u.saturated || isSquare(l))
            return;
        // Outside the δ ring, inside the selection's.
        const qreal width = std::max(g.unit * 0.1, l.radius * 0.18);
        paintSaturatedSymbol(p, c, l.radius + g.unit * 0.24 * l.scale + width * 0.5, width,
                             f.colours);
    });
    p.restore();
}

void paintHealthMarks(QPainter& p, const GraphFrame& f) {
    p.save();
    forMarkedUnits(f, [&](const LayerGeometry& l, const UnitHealth& u, const QPointF& c) {
        if (!isSquare(l)) {
            if (u.dead)
                paintDeadSymbol(p, c, l.radius, f.colours);
            return;
        }
        const QRectF cell(c.x() - l.radius, c.y() - l.radius, 2 * l.radius, 2 * l.radius);
        if (u.dead) {
            p.fillRect(cell, deadFill());
            p.fillRect(cell, hatch(f.colours));
            return;
        }
        QPen pen(saturatedRingColor(f.colours));
        pen.setWidthF(std::max(1.0, l.radius * 0.35));
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawRect(cell);
    });
    p.restore();
}

QString sampleRecordsText(const HealthSample& s) {
    return s.first == s.last ? QStringLiteral("record %1").arg(s.last)
                             : QStringLiteral("records %1\u2013%2").arg(s.first).arg(s.last);
}

QString unitHealthToolTip(const HealthSample& s, int k, int i) {
    if (k < 1 || k > static_cast<int>(s.layers.size()))
        return {};
    const LayerHealth& l = s.layers[static_cast<std::size_t>(k - 1)];
    if (i < 1 || i > static_cast<int>(l.unitHealth.size()))
        return {};
    const UnitHealth& u = l.unitHealth[static_cast<std::size_t>(i - 1)];
    const QString over = QStringLiteral("%1 (epoch %2)").arg(sampleRecordsText(s)).arg(s.epoch);
    // "all 10 records 91–100 (epoch 1)", or "record 100 (epoch 1)" for a window of one.
    const QString all = s.first == s.last ? over
                                          : QStringLiteral("all %1 records %2\u2013%3 (epoch %4)")
                                                .arg(l.records)
                                                .arg(s.first)
                                                .arg(s.last)
                                                .arg(s.epoch);
    QString verdict;
    if (u.dead)
        verdict =
            QStringLiteral("<b>dead</b>: z<sub>%1</sub>(%2) \u2264 0 on %3").arg(i).arg(k).arg(all);
    else if (u.saturated)
        verdict = QStringLiteral("<b>saturated</b>: g\u2032(z<sub>%1</sub>(%2)) &lt; %3 on %4")
                      .arg(i)
                      .arg(k)
                      .arg(fullNumber(saturationThreshold(l.activation)))
                      .arg(all);
    const bool relu = l.activation == Activation::Relu;
    const bool saturates = saturationThreshold(l.activation) > 0;
    QString counts;
    if (relu || saturates)
        counts = QStringLiteral("%1 on %2 of %3 records")
                     .arg(relu ? QStringLiteral("live") : QStringLiteral("unsaturated"))
                     .arg(u.activeRecords)
                     .arg(l.records);
    else
        counts = QStringLiteral("over %1 records").arg(l.records);
    QString html = QStringLiteral("<hr><b>Health over %1</b><br>").arg(over);
    if (!verdict.isEmpty())
        html += verdict + QStringLiteral("<br>");
    html += counts + QStringLiteral(", mean x<sub>%1</sub>(%2) = %3, mean g\u2032 = %4")
                         .arg(i)
                         .arg(k)
                         .arg(fullNumber(u.meanX), fullNumber(u.meanDxdz));
    return html;
}

} // namespace bp
