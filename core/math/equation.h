#pragma once
// An equation of the seed's notation as data, not text: what core/math/explain.h
// builds from the engine's numbers, and what each renderer turns into marks:
// equation_text.h for backprop-cli, the Inspector's equation_html.h for the window
// (and, later, LaTeX and Markdown). A renderer walks the terms; nothing parses text,
// so a change of wording in the explanation cannot break a renderer.
//
//   z_1(1) = w_{1,0}(1) + Σ_j w_{1,j}(1)·x_j(0) = 0.35 + 0.15·0.05 + 0.2·0.1 = 0.3775
//   side 0   side 1 (a Sum of a Symbol and a Group)  side 2 (a Sum of Products)  side 3
#include <string>
#include <vector>

namespace bp {

struct Term {
    enum class Kind {
        Symbol,  // `name` with `indices` and, if set, the layer: z_1(1), w_{1,0}(1), y_k, Σ_j
        Number,  // `value`, a number from the engine, shown with the renderer's digits
        Word,    // `name` as it is: an operator (" − ", "/"), a bracket, a function (sigmoid)
        Group,   // the `operands` one after the other
        Sum,     // the `operands` joined by " + "; `ofTerms` > 0: the sum has that many
                 // terms in all, more than are shown ("+ … (N terms)")
        Product, // the `operands` joined by "·", a negative number among them in parentheses
        Partial, // ∂operands[0]/∂operands[1]
        Power,   // operands[0] raised to operands[1] (e to the z)
    };
    Kind kind = Kind::Group;
    std::string name;                 // Symbol, Word
    std::vector<std::string> indices; // Symbol: "1", "j"; two or more as in w_{i,j}
    int layer = kNoLayer;             // Symbol: the (k) after it
    double value = 0;                 // Number
    std::vector<Term> operands;       // Group, Sum, Product, Partial, Power
    long ofTerms = 0;                 // Sum

    static constexpr int kNoLayer = -1;
};

// sides[0] = sides[1] = …; the last side is the result. A weight's update reads
// w ← …, so its first relation is "←".
struct Equation {
    std::vector<Term> sides;
    std::string firstRelation = "=";
    std::vector<std::string> notes; // plain words about the equation ("g' = x(1 − x)")
    int digits = 4;                 // significant digits of every Number
};

// Builders, so that an explanation reads like the equation it writes. In a namespace of
// their own: their names are short (explain.cpp says `using namespace bp::terms`).
// The operands' renderings with separator between them, for every renderer (text,
// LaTeX, Markdown): a negative number is bracketed where bracketNegativeNumbers says,
// as in w · (−0.5).
std::string joinTerms(const std::vector<Term>& terms, const std::string& separator, int digits,
                      bool bracketNegativeNumbers, std::string (*render)(const Term&, int));

namespace terms {
Term symbol(const std::string& name, std::vector<std::string> indices = {},
            int layer = Term::kNoLayer);
Term nodeSymbol(const std::string& name, int i, int k); // z_i(k), x_i(k), δ_i(k)
Term weightSymbol(int i, int j, int k);                 // w_{i,j}(k)
Term number(double value);
Term word(const std::string& text);
Term group(std::vector<Term> operands);
Term sum(std::vector<Term> operands, long ofTerms = 0);
Term product(std::vector<Term> operands);
Term partial(Term of, Term by); // ∂of/∂by
Term power(Term base, Term exponent);
} // namespace terms

} // namespace bp
