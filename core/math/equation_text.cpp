#include "math/equation_text.h"

#include "math/explain.h"

namespace bp {

namespace {
std::string joined(const std::vector<Term>& terms, const std::string& separator, int digits,
                   bool bracketNegativeNumbers) {
    std::string text;
    for (std::size_t n = 0; n < terms.size(); ++n) {
        const Term& t = terms[n];
        const bool bracket = bracketNegativeNumbers && t.kind == Term::Kind::Number && t.value < 0;
        text += (n ? separator : "") +
                (bracket ? "(" + termText(t, digits) + ")" : termText(t, digits));
    }
    return text;
}

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
        return joined(t.operands, "", digits, false);
    case Term::Kind::Sum:
        return joined(t.operands, " + ", digits, false) +
               (t.ofTerms > 0 ? " + … (" + std::to_string(t.ofTerms) + " terms)" : "");
    case Term::Kind::Product:
        return joined(t.operands, "·", digits, true);
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
