#pragma once
// How the window writes numbers and symbols, one helper each (docs/notation.md, "How
// numbers are written"): '.' as the decimal point in every locale (the engine's
// formatNumber), a true minus sign −, subscript digits for node numbers, big counts
// grouped by a narrow space, round axis steps, and the presentation mode's scale.
#include <QString>

namespace bp {

// Presentation mode: every text (and what scales with it) this many times larger.
constexpr double kPresentationScale = 1.6;

// The digits of n as subscripts: 12 → "₁₂" (as in x₁₂(0)).
QString subscript(int n);
// v with `digits` significant digits and a true minus sign: −0.0371.
QString screenNumber(double v, int digits = 4);
// The same with a sign either way, for the ends of a colour scale: +0.5, −0.5; 0 alone.
QString signedNumber(double v, int digits = 3);
// A whole count (rounded), digits grouped in threes by U+202F: 79 414.
QString countText(double v);
// A round step (1, 2, 2.5 or 5 × 10ᵏ) that cuts `span` into about `intervals` parts.
double roundStep(double span, int intervals);

} // namespace bp
