#include "math/equation.h"

#include <utility>

namespace bp {

namespace {
Term withOperands(Term::Kind kind, std::vector<Term> operands) {
    Term t;
    t.kind = kind;
    t.operands = std::move(operands);
    return t;
}
} // namespace

std::string joinTerms(const std::vector<Term>& terms, const std::string& separator, int digits,
                      bool bracketNegativeNumbers, std::string (*render)(const Term&, int)) {
    std::string text;
    for (std::size_t n = 0; n < terms.size(); ++n) {
        const Term& t = terms[n];
        const bool bracket = bracketNegativeNumbers && t.kind == Term::Kind::Number && t.value < 0;
        text +=
            (n ? separator : "") + (bracket ? "(" + render(t, digits) + ")" : render(t, digits));
    }
    return text;
}

namespace terms {

Term symbol(const std::string& name, std::vector<std::string> indices, int layer) {
    Term t;
    t.kind = Term::Kind::Symbol;
    t.name = name;
    t.indices = std::move(indices);
    t.layer = layer;
    return t;
}

Term nodeSymbol(const std::string& name, int i, int k) {
    return symbol(name, {std::to_string(i)}, k);
}

Term weightSymbol(int i, int j, int k) {
    return symbol("w", {std::to_string(i), std::to_string(j)}, k);
}

Term number(double value) {
    Term t;
    t.kind = Term::Kind::Number;
    t.value = value;
    return t;
}

Term word(const std::string& text) {
    Term t;
    t.kind = Term::Kind::Word;
    t.name = text;
    return t;
}

Term group(std::vector<Term> operands) {
    return withOperands(Term::Kind::Group, std::move(operands));
}

Term sum(std::vector<Term> operands, long ofTerms) {
    Term t = withOperands(Term::Kind::Sum, std::move(operands));
    t.ofTerms = ofTerms;
    return t;
}

Term product(std::vector<Term> operands) {
    return withOperands(Term::Kind::Product, std::move(operands));
}

Term partial(Term of, Term by) {
    return withOperands(Term::Kind::Partial, {std::move(of), std::move(by)});
}

Term power(Term base, Term exponent) {
    return withOperands(Term::Kind::Power, {std::move(base), std::move(exponent)});
}

} // namespace terms

} // namespace bp
