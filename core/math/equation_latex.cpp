#include "math/equation_latex.h"

#include "math/explain.h"

#include <cctype>
#include <cstddef>
#include <utility>

namespace bp {

namespace {
// The seed's symbols that are not ASCII, in math mode and in text mode.
struct SymbolMark {
    const char* utf8;
    const char* math;
    const char* text;
};
constexpr SymbolMark kSymbols[] = {
    {"−", "-", "$-$"},
    {"·", "\\cdot ", "$\\cdot$"},
    {"²", "^{2}", "$^{2}$"},
    {"½", "\\tfrac{1}{2}", "$\\frac{1}{2}$"},
    {"Σ", "\\sum", "$\\Sigma$"},
    {"δ", "\\delta", "$\\delta$"},
    {"∂", "\\partial ", "$\\partial$"},
    {"≤", "\\le ", "$\\le$"},
    {"≪", "\\ll ", "$\\ll$"},
    {"∞", "\\infty ", "$\\infty$"},
    {"←", "\\leftarrow ", "$\\leftarrow$"},
    {"…", "\\ldots ", "\\ldots{}"},
};

// The symbol of kSymbols that `s` starts with at `at`, or nullptr.
const SymbolMark* symbolAt(const std::string& s, std::size_t at) {
    for (const SymbolMark& m : kSymbols) {
        const std::string u = m.utf8;
        if (s.compare(at, u.size(), u) == 0)
            return &m;
    }
    return nullptr;
}

// The length of the UTF-8 character that starts with byte `c`.
std::size_t utf8Length(unsigned char c) {
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

// ASCII characters LaTeX gives a meaning to, escaped (the same in math and text mode
// except for these two).
std::string escapedAscii(char c, bool math) {
    switch (c) {
    case '\\':
        return math ? "\\backslash " : "\\textbackslash{}";
    case '&':
    case '%':
    case '$':
    case '#':
    case '_':
    case '{':
    case '}':
        return std::string("\\") + c;
    case '~':
        return math ? "\\sim " : "\\textasciitilde{}";
    case '^':
        return math ? "\\hat{}" : "\\textasciicircum{}";
    default:
        return std::string(1, c);
    }
}

// A Word in math mode: the seed's symbols as commands, a function's name (two or more
// letters: sigmoid, tanh) upright, ln as \ln.
std::string latexWord(const std::string& w) {
    std::string out;
    for (std::size_t n = 0; n < w.size();) {
        const unsigned char c = static_cast<unsigned char>(w[n]);
        if (std::isalpha(c)) {
            std::size_t end = n;
            while (end < w.size() && std::isalpha(static_cast<unsigned char>(w[end])))
                ++end;
            const std::string letters = w.substr(n, end - n);
            out += letters.size() == 1 ? letters
                   : letters == "ln"   ? "\\ln "
                                       : "\\mathrm{" + letters + "}";
            n = end;
        } else if (const SymbolMark* m = symbolAt(w, n)) {
            out += m->math;
            n += std::string(m->utf8).size();
        } else if (c < 0x80) {
            out += escapedAscii(w[n], true);
            ++n;
        } else {
            out += "?"; // a character this renderer does not know
            n += utf8Length(c);
        }
    }
    return out;
}

// A number from the engine: 1.2e-05 as 1.2\times 10^{-5}.
std::string latexNumber(double value, int digits) {
    const std::string text = formatNumber(value, digits);
    if (text == "inf" || text == "+inf")
        return "\\infty";
    if (text == "-inf")
        return "-\\infty";
    if (text == "nan" || text == "-nan")
        return "\\mathrm{NaN}";
    const std::size_t e = text.find_first_of("eE");
    if (e == std::string::npos)
        return text;
    std::string exponent = text.substr(e + 1);
    if (!exponent.empty() && exponent[0] == '+')
        exponent.erase(0, 1);
    const bool negative = !exponent.empty() && exponent[0] == '-';
    std::size_t digitsStart = negative ? 1 : 0;
    while (digitsStart + 1 < exponent.size() && exponent[digitsStart] == '0')
        ++digitsStart; // 1e-05 → 10^{-5}
    return text.substr(0, e) + "\\times 10^{" + (negative ? "-" : "") +
           exponent.substr(digitsStart) + "}";
}

std::string symbolLatex(const Term& t) {
    std::string text = latexWord(t.name);
    if (!t.indices.empty()) {
        text += "_{";
        for (std::size_t n = 0; n < t.indices.size(); ++n)
            text += (n ? "," : "") + latexWord(t.indices[n]);
        text += "}";
    }
    if (t.layer != Term::kNoLayer)
        text += "(" + std::to_string(t.layer) + ")"; // the seed's (k), not a superscript
    return text;
}

std::string relation(const Equation& e, std::size_t side) {
    const std::string r = side == 1 ? e.firstRelation : std::string("=");
    return r == "←" ? "\\leftarrow" : latexWord(r);
}

const char* const kBlank = "\\underline{\\hspace{5em}}";
} // namespace

std::string latexTerm(const Term& t, int digits) {
    switch (t.kind) {
    case Term::Kind::Symbol:
        return symbolLatex(t);
    case Term::Kind::Number:
        return latexNumber(t.value, digits);
    case Term::Kind::Word:
        return latexWord(t.name);
    case Term::Kind::Group:
        return joinTerms(t.operands, "", digits, false, latexTerm);
    case Term::Kind::Sum:
        return joinTerms(t.operands, " + ", digits, false, latexTerm) +
               (t.ofTerms > 0 ? " + \\ldots\\ (\\text{" + std::to_string(t.ofTerms) + " terms})"
                              : "");
    case Term::Kind::Product:
        return joinTerms(t.operands, " \\cdot ", digits, true, latexTerm);
    case Term::Kind::Partial:
        return "\\frac{\\partial " + latexTerm(t.operands[0], digits) + "}{\\partial " +
               latexTerm(t.operands[1], digits) + "}";
    case Term::Kind::Power:
        return "{" + latexTerm(t.operands[0], digits) + "}^{" + latexTerm(t.operands[1], digits) +
               "}";
    }
    return "";
}

std::string latexSides(const Equation& e, bool blank) {
    std::string text;
    for (std::size_t n = 0; n < e.sides.size(); ++n) {
        if (n)
            text += " " + relation(e, n) + " ";
        const bool result = n + 1 == e.sides.size() && n > 0;
        text += blank && result ? kBlank : latexTerm(e.sides[n], e.digits);
    }
    return text;
}

std::string latexAlignedSides(const Equation& e, bool blank) {
    std::string text = e.sides.empty() ? "" : latexTerm(e.sides[0], e.digits);
    for (std::size_t n = 1; n < e.sides.size(); ++n) {
        const bool result = n + 1 == e.sides.size();
        text += (n > 1 ? " \\\\\n  " : " ") + std::string("&") + relation(e, n) + " " +
                (blank && result ? kBlank : latexTerm(e.sides[n], e.digits));
    }
    return text;
}

std::string latexText(const std::string& words) {
    std::string out;
    for (std::size_t n = 0; n < words.size();) {
        const unsigned char c = static_cast<unsigned char>(words[n]);
        if (const SymbolMark* m = symbolAt(words, n)) {
            out += m->text;
            n += std::string(m->utf8).size();
        } else if (c < 0x80) {
            out += escapedAscii(words[n], false);
            ++n;
        } else {
            out += "?";
            n += utf8Length(c);
        }
    }
    return out;
}

} // namespace bp
