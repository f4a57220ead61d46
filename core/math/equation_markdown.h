#pragma once
// An equation as Markdown: the math between `$…$` (the LaTeX of equation_latex.h
// inside), its notes after it in plain words.
#include "math/equation.h"

#include <string>

namespace bp {

// "$z_{1}(1) = … = 0.3775$ (note)". With `blank`, the result is left out of the math and
// a "________" follows it to fill in.
std::string markdownEquation(const Equation& e, bool blank = false);
// Plain words with Markdown's emphasis characters escaped.
std::string markdownText(const std::string& words);

} // namespace bp
