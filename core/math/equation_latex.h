#pragma once
// An equation as LaTeX (amsmath only), in the seed's notation: w_{1,0}(1), z_{1}(1),
// \frac{\partial J}{\partial z_{1}(2)}, \sum_{j}, \cdot, \delta. What the worksheet's
// LaTeX and Markdown renderings put inside their math.
#include "math/equation.h"

#include <string>

namespace bp {

// One term in math mode.
std::string latexTerm(const Term& t, int digits);
// The sides joined by their relations ("=", "\leftarrow"), all in math mode, no notes.
// With `blank`, the last side (the result) is the fill-in line \underline{\hspace{5em}}.
std::string latexSides(const Equation& e, bool blank = false);
// The same, one relation a line, for an align* environment ("&= …\\").
std::string latexAlignedSides(const Equation& e, bool blank = false);
// Plain words for text mode: LaTeX's special characters escaped, the seed's symbols
// (−, ·, ², ½, Σ, δ, ∂, …) as inline math. pdflatex needs nothing beyond amsmath.
std::string latexText(const std::string& words);

} // namespace bp
