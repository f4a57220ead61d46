#include "whatif/loss_heatmap.h"

#include "style/chart_style.h"
#include "style/screen_text.h"

#include <algorithm>
#include <cmath>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

namespace bp {

namespace {
// Low J dark blue, high J pale yellow (a viridis-like ramp of three stops).
QColor rampColor(double t) {
    const QColor a(68, 1, 84), b(33, 145, 140), c(253, 231, 37);
    return t < 0.5 ? mixColors(a, b, t * 2) : mixColors(b, c, (t - 0.5) * 2);
}
} // namespace

LossHeatmap::LossHeatmap(QWidget* parent) : QWidget(parent) {
    setMinimumHeight(200);
}

void LossHeatmap::showGrid(const LossGrid& grid, const QString& nameX, const QString& nameY,
                           QPointF trained, const QVector<QPointF>& path) {
    m_grid = grid;
    m_nameX = nameX;
    m_nameY = nameY;
    m_trained = trained;
    m_path = path;
    update();
}

void LossHeatmap::clearGrid() {
    m_grid.reset();
    update();
}

void LossHeatmap::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    const QRect area = rect().adjusted(fm.height() * 2 + 4, 4, -4, -(fm.height() * 2 + 4));
    if (!m_grid || m_grid->cancelled || m_grid->values.size() < 2 || m_grid->values2.size() < 2) {
        p.setPen(mutedTextColor(palette()));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Select two weights (the last two edges clicked) for a heatmap."));
        return;
    }
    const LossGrid& g = *m_grid;
    const int nx = static_cast<int>(g.values.size()), ny = static_cast<int>(g.values2.size());
    double lo = INFINITY, hi = -INFINITY;
    for (double v : g.loss)
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    QImage image(nx, ny, QImage::Format_RGB32);
    for (int a = 0; a < nx; ++a)
        for (int b = 0; b < ny; ++b) {
            const double v = g.at(static_cast<std::size_t>(a), static_cast<std::size_t>(b));
            const double t = hi > lo && std::isfinite(v) ? (v - lo) / (hi - lo) : 0;
            image.setPixelColor(a, ny - 1 - b, rampColor(t)); // the second weight upwards
        }
    p.drawImage(area, image);
    const double x0 = g.values.front(), x1 = g.values.back();
    const double y0 = g.values2.front(), y1 = g.values2.back();
    auto toScreen = [&](QPointF w) {
        return QPointF(area.left() + (w.x() - x0) / (x1 - x0) * area.width(),
                       area.bottom() - (w.y() - y0) / (y1 - y0) * area.height());
    };
    p.save();
    p.setClipRect(area);
    if (m_path.size() > 1) {
        QPainterPath line(toScreen(m_path.front()));
        for (const QPointF& w : m_path)
            line.lineTo(toScreen(w));
        p.setPen(QPen(Qt::white, 1.5));
        p.drawPath(line);
    }
    const QPointF c = toScreen(m_trained);
    p.setPen(QPen(Qt::white, 2));
    p.setBrush(Qt::red);
    p.drawEllipse(c, 5, 5);
    p.restore();
    p.setPen(palette().color(QPalette::WindowText));
    const int textY = area.bottom() + 2;
    p.drawText(QRect(area.left(), textY, area.width(), fm.height()), Qt::AlignLeft,
               screenNumber(x0));
    p.drawText(QRect(area.left(), textY, area.width(), fm.height()), Qt::AlignRight,
               screenNumber(x1));
    p.drawText(QRect(area.left(), textY, area.width(), fm.height()), Qt::AlignHCenter, m_nameX);
    p.drawText(QRect(area.left(), textY + fm.height(), area.width(), fm.height()), Qt::AlignHCenter,
               tr("J from %1 (dark) to %2 (light); ● trained; line: the path while watched")
                   .arg(screenNumber(lo), screenNumber(hi)));
    p.save();
    p.translate(area.left() - 4, area.center().y());
    p.rotate(-90);
    p.drawText(QRect(-area.height() / 2, -fm.height(), area.height(), fm.height()),
               Qt::AlignHCenter, m_nameY + "   " + screenNumber(y0) + " … " + screenNumber(y1));
    p.restore();
}

} // namespace bp
