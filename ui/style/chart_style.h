#pragma once
// Colours and fonts for the Qt Charts in the panels, taken from the widget's
// palette so the charts read in light and dark themes, larger in presentation mode.
#include <QColor>

class QChart;
class QPalette;
class QFont;

namespace bp {

// Background, plot area, axis labels, grid and legend of `chart` (and its axes) in
// the colours of `palette`; fonts from `font`, scaled up for presentation mode.
void styleChart(QChart* chart, const QPalette& palette, const QFont& font, bool presentation);

// `a` blended toward `b` by t in [0, 1].
QColor mixColors(const QColor& a, const QColor& b, double t);

// The text colour toned down, for notes; still readable on the base colour.
QColor mutedTextColor(const QPalette& palette);

// Whether the palette is a dark theme (dark base, light text).
bool isDarkPalette(const QPalette& palette);

} // namespace bp
