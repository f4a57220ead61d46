#pragma once
// The engine's equation text (core/math/explain.h) as rich text for Qt's HTML subset:
// z_1(1) → z<sub>1</sub>(1), w_{1,0}(1) → w<sub>1,0</sub>(1), e^z → e<sup>z</sup>.
// Only markup is added: every number stays exactly as the engine wrote it.
#include <QString>
#include <string>
#include <vector>

namespace bp {

// The whole text, HTML-escaped, with subscripts and superscripts.
QString equationHtml(const std::string& engineText);

// An engine line "equation   (note)   (note)" split into the equation and its notes.
struct EquationParts {
    std::string equation;
    std::vector<std::string> notes; // without their parentheses
};
EquationParts splitNote(const std::string& engineText);

// The equation as HTML with its final "= value" in bold.
QString equationHtmlWithResult(const std::string& equation);

} // namespace bp
