#pragma once
// How the window writes numbers, one rule in every locale (docs/notation.md): '.' as
// the decimal point — the engine's text (core/number_text.h) never depends on the
// locale, and the chart axes print with '.' too — and big counts grouped by a narrow
// space ("79 414 rec/s"), which no locale reads as a decimal point.
#include <QString>

namespace bp {

// A whole count (rounded), digits grouped in threes by U+202F.
QString countText(double v);

} // namespace bp
