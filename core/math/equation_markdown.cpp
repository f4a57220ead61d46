#include "math/equation_markdown.h"

#include "math/equation_latex.h"

namespace bp {

std::string markdownText(const std::string& words) {
    std::string out;
    for (char c : words) {
        if (c == '*' || c == '_' || c == '`' || c == '\\' || c == '$' || c == '[' || c == ']')
            out += '\\';
        out += c;
    }
    return out;
}

std::string markdownEquation(const Equation& e, bool blank) {
    std::string text;
    if (blank && e.sides.size() > 1) {
        Equation shown = e;
        shown.sides.pop_back(); // the result, to fill in
        const std::string relation =
            e.sides.size() == 2 ? (e.firstRelation == "←" ? "\\leftarrow" : e.firstRelation)
                                : std::string("=");
        text = "$" + latexSides(shown) + " " + relation + "$ ________";
    } else {
        text = "$" + latexSides(e) + "$";
    }
    for (const std::string& note : e.notes)
        text += " (" + markdownText(note) + ")";
    return text;
}

} // namespace bp
