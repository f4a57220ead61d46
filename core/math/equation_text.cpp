#include "math/equation_text.h"

#include "math/explain.h"

namespace bp {

namespace {
std::string symbolText(const Term& t) {
    std::string text = t.name;
    if (t.indices.size() == 1) {
        text += "_" + t.indices[0];
    } else if (t.indices.size() > 1) {
        text += "_{";
        for (std::size_t n = 0; n < t.indices.size(); ++n)
            text += (n ? "," : "") + t.indices[n];
        text += "}";
    }
    if (t.layer != Term::kNoLayer)
        text += "(" + std::to_string(t.layer) + ")";
    return text;
}
} // namespace

std::string termText(const Term& t, int digits) {
    switch (t.kind) {
    case Term::Kind::Symbol:
        return symbolText(t);
    case Term::Kind::Number:
        return formatNumber(t.value, digits);
    case Term::Kind::Word:
        return t.name;
    case Term::Kind::Group:
        return joinTerms(t.operands, "", digits, false, termText);
    case Term::Kind::Sum:
        return joinTerms(t.operands, " + ", digits, false, termText) +
               (t.ofTerms > 0 ? " + … (" + std::to_string(t.ofTerms) + " terms)" : "");
    case Term::Kind::Product:
        return joinTerms(t.operands, "·", digits, true, termText);
    case Term::Kind::Partial:
        return "∂" + termText(t.operands[0], digits) + "/∂" + termText(t.operands[1], digits);
    case Term::Kind::Power:
        return termText(t.operands[0], digits) + "^" + termText(t.operands[1], digits);
    }
    return "";
}

std::string equationText(const Equation& e) {
    std::string text;
    for (std::size_t n = 0; n < e.sides.size(); ++n) {
        if (n)
            text += " " + (n == 1 ? e.firstRelation : std::string("=")) + " ";
        text += termText(e.sides[n], e.digits);
    }
    for (const std::string& note : e.notes)
        text += "   (" + note + ")";
    return text;
}

} // namespace bp
