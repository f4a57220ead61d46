#include "graph/diverging_palette.h"

#include "style/screen_text.h"

#include "math/explain.h"

#include <algorithm>
#include <cmath>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <QPalette>

namespace bp {

namespace {
// ColorBrewer RdBu (7 classes), from −1 (blue) through 0 (neutral) to +1 (red).
constexpr QRgb kStops[7] = {0xff2166ac, 0xff67a9cf, 0xffd1e5f0, 0xfff7f7f7,
                            0xfffddbc7, 0xffef8a62, 0xffb2182b};

QRgb mix(QRgb a, QRgb b, double t) {
    auto channel = [t](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * t)); };
    return qRgb(channel(qRed(a), qRed(b)), channel(qGreen(a), qGreen(b)),
                channel(qBlue(a), qBlue(b)));
}

// t in [−1, 1] → colour, piecewise linear between the stops.
QRgb scale(double t) {
    const double s = (std::clamp(t, -1.0, 1.0) + 1.0) * 3.0; // 0..6
    const int i = std::min(5, static_cast<int>(s));
    return mix(kStops[i], kStops[i + 1], s - i);
}

} // namespace

DivergingPalette::DivergingPalette(double range) {
    setRange(range);
}

void DivergingPalette::setRange(double range) {
    m_range = (std::isfinite(range) && range > 0) ? range : 1.0;
}

QRgb DivergingPalette::rgb(double v) const {
    if (!std::isfinite(v))
        return invalidColor().rgb();
    return scale(v / m_range);
}

QColor DivergingPalette::color(double v) const {
    return QColor::fromRgb(rgb(v));
}

QColor DivergingPalette::strokeColor(double v, const QColor& background) const {
    const bool dark = background.lightnessF() < 0.5;
    if (!std::isfinite(v))
        return dark ? QColor(Qt::white) : invalidColor();
    const double t = std::min(1.0, std::abs(v) / m_range);
    QRgb c;
    if (v > 0)
        c = dark ? qRgb(0xf4, 0xa5, 0x82) : kStops[6];
    else if (v < 0)
        c = dark ? qRgb(0x92, 0xc5, 0xde) : kStops[0];
    else
        c = qRgb(0x90, 0x90, 0x90);
    // Opaque, mixed with the background: the raster engine draws opaque lines many
    // times faster than translucent ones, and the look is the same.
    return QColor::fromRgb(mix(background.rgb(), c, 0.18 + 0.82 * t));
}

QColor DivergingPalette::negativeColor() {
    return QColor::fromRgb(kStops[0]);
}
QColor DivergingPalette::neutralColor() {
    return QColor::fromRgb(kStops[3]);
}
QColor DivergingPalette::positiveColor() {
    return QColor::fromRgb(kStops[6]);
}
QColor DivergingPalette::invalidColor() {
    return QColor(Qt::black);
}

QColor DivergingPalette::textColorOn(const QColor& fill) {
    // Relative luminance (sRGB weights); dark text on light fills.
    const double y = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return y > 0.45 ? QColor(Qt::black) : QColor(Qt::white);
}

double DivergingPalette::niceRange(double maxAbs) {
    if (!std::isfinite(maxAbs) || maxAbs <= 0)
        return 1.0;
    const double decade = std::pow(10.0, std::floor(std::log10(maxAbs)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (step * decade >= maxAbs * (1 - 1e-12))
            return step * decade;
    }
    return 10.0 * decade;
}

LegendPainter::LegendPainter(const DivergingPalette& palette, const QString& title)
    : m_palette(palette), m_title(title) {}

QSizeF LegendPainter::sizeHint(const QPainter& painter, qreal barWidth) const {
    const QFontMetricsF fm(painter.font());
    const qreal width = std::max(barWidth, fm.horizontalAdvance(m_title));
    return {width, fm.height() * 2 + fm.height() * 0.7 + fm.height() * 0.2};
}

void LegendPainter::paint(QPainter& painter, const QRectF& rect, const QPalette& colours) const {
    const QFontMetricsF fm(painter.font());
    const qreal line = fm.height();
    painter.save();
    painter.setPen(colours.color(QPalette::WindowText));
    const QRectF titleRect(rect.left(), rect.top(), rect.width(), line);
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                     fm.elidedText(m_title, Qt::ElideRight, rect.width()));

    const QRectF bar(rect.left(), titleRect.bottom() + line * 0.1, rect.width(), line * 0.7);
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    for (int i = 0; i < 7; ++i)
        gradient.setColorAt(i / 6.0, QColor::fromRgb(kStops[i]));
    painter.setBrush(gradient);
    QPen frame(colours.color(QPalette::WindowText));
    frame.setWidthF(std::max(1.0, line / 20));
    painter.setPen(frame);
    painter.drawRect(bar);

    // −r, 0 and +r under the ends and the middle while they fit apart; else ±r alone.
    const QRectF ticks(rect.left(), bar.bottom() + line * 0.1, rect.width(), line);
    const QString low = signedNumber(-m_palette.range());
    const QString high = signedNumber(m_palette.range());
    const qreal space = fm.horizontalAdvance(QStringLiteral("  "));
    const qreal ends = std::max(fm.horizontalAdvance(low), fm.horizontalAdvance(high));
    if (2 * ends + fm.horizontalAdvance(QStringLiteral("0")) + 2 * space <= rect.width()) {
        painter.drawText(ticks, Qt::AlignLeft | Qt::AlignVCenter, low);
        painter.drawText(ticks, Qt::AlignHCenter | Qt::AlignVCenter, QStringLiteral("0"));
        painter.drawText(ticks, Qt::AlignRight | Qt::AlignVCenter, high);
    } else if (2 * ends + space <= rect.width()) {
        painter.drawText(ticks, Qt::AlignLeft | Qt::AlignVCenter, low);
        painter.drawText(ticks, Qt::AlignRight | Qt::AlignVCenter, high);
    } else {
        const QString both = QStringLiteral("\u00b1") + high.mid(high.startsWith('+') ? 1 : 0);
        painter.drawText(ticks, Qt::AlignHCenter | Qt::AlignVCenter,
                         fm.elidedText(both, Qt::ElideRight, rect.width()));
    }
    painter.restore();
}

} // namespace bp
