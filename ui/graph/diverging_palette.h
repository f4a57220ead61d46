#pragma once
// A diverging colour scale for signed values, shared by every view that colours
// numbers (the network graph, heatmaps): negative blue, zero a neutral light grey,
// positive red (ColorBrewer's RdBu, which stays distinguishable with the common
// forms of colour blindness). |v| ≥ range() is full colour; NaN and ±Inf get
// invalidColor() (black), so they never pass for a number.
#include <QColor>
#include <QRectF>
#include <QString>

class QPainter;
class QPalette;

namespace bp {

class DivergingPalette {
public:
    explicit DivergingPalette(double range = 1.0);

    double range() const { return m_range; }
    void setRange(double range); // a range ≤ 0 or not finite becomes 1

    // The fill colour of v: neutral at 0, blue below, red above.
    QColor color(double v) const;
    QRgb rgb(double v) const; // the same, as a QRgb (fast path for images)
    // A colour for a line drawn over `background`: the sign's colour mixed into the
    // background, the more the larger |v| (faint lines for small values); lighter on a
    // dark background so strong lines stay visible. Opaque (fast to draw).
    QColor strokeColor(double v, const QColor& background) const;

    static QColor negativeColor(); // #2166ac
    static QColor neutralColor();  // #f7f7f7
    static QColor positiveColor(); // #b2182b
    static QColor invalidColor();  // black: NaN or ±Inf
    // Black or white, whichever reads better on `fill`.
    static QColor textColorOn(const QColor& fill);
    // The smallest of 1, 2, 5 × 10ⁿ that is ≥ maxAbs (1 when maxAbs is 0 or not finite):
    // a legend range that does not flicker with every small change.
    static double niceRange(double maxAbs);

private:
    double m_range = 1.0;
};

// A colour legend: a title line, a horizontal colour bar, and the values −range, 0,
// +range under it. Text and frame use `colours` (the widget's palette), so the legend
// reads in light and dark themes; sizes follow the painter's current font.
class LegendPainter {
public:
    LegendPainter(const DivergingPalette& palette, const QString& title);

    // The size the legend needs with the painter's font (bar width: barWidth).
    QSizeF sizeHint(const QPainter& painter, qreal barWidth) const;
    void paint(QPainter& painter, const QRectF& rect, const QPalette& colours) const;

private:
    DivergingPalette m_palette;
    QString m_title;
};

} // namespace bp
