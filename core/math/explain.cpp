#include "math/explain.h"

#include "math/loss.h"
#include "math/number_text.h"

#include <utility>

namespace bp {

std::string formatNumber(double v, int precision) {
    if (v == 0)
        return "0";
    return significantText(v, precision); // '.' whatever the locale
}

using namespace terms;

namespace {
std::string str(int n) {
    return std::to_string(n);
}
Equation equation(std::vector<Term> sides, const ExplainStyle& s) {
    Equation e;
    e.sides = std::move(sides);
    e.digits = s.precision;
    return e;
}
// How many of n terms a sum shows, and its ofTerms: n when some are left out.
Eigen::Index shownOf(Eigen::Index n, const ExplainStyle& s) {
    return std::min<Eigen::Index>(n, s.maxTerms);
}
long ofTerms(Eigen::Index shown, Eigen::Index n) {
    return shown < n ? static_cast<long>(n) : 0;
}
// −(a − b), with a and b symbols or numbers: the output's −(y − f).
Term negatedDifference(Term a, Term b) {
    return group({word("−("), std::move(a), word(" − "), std::move(b), word(")")});
}
} // namespace

Equation explainZ(const Network& net, const RecordValues& v, int k, int i, const ExplainStyle& s) {
    const Layer& l = net.layer(k);
    const Vector& prev = v.x(k - 1);
    const Eigen::Index row = i - 1;
    // z_i(k) = w_{i,0}(k) + Σ_j w_{i,j}(k)·x_j(k−1)
    const Term formula =
        sum({weightSymbol(i, 0, k),
             group({symbol("Σ", {"j"}), word(" "),
                    product({symbol("w", {str(i), "j"}, k), symbol("x", {"j"}, k - 1)})})});
    const Eigen::Index shown = shownOf(prev.size(), s);
    std::vector<Term> terms{number(l.w(row, 0))};
    for (Eigen::Index j = 0; j < shown; ++j)
        terms.push_back(product({number(l.w(row, j + 1)), number(prev[j])}));
    return equation({nodeSymbol("z", i, k), formula, sum(terms, ofTerms(shown, prev.size())),
                     number(v.layer(k).z[row])},
                    s);
}

Equation explainX(const Network& net, const RecordValues& v, int k, int i, const ExplainStyle& s) {
    const Activation a = net.layer(k).activation;
    const Eigen::Index row = i - 1;
    const Term x = nodeSymbol("x", i, k);
    const Term result = number(v.layer(k).x[row]);
    if (a == Activation::Softmax) // x_i(k) = e^z_i(k) / Σ_l e^z_l(k)
        return equation(
            {x,
             group({power(word("e"), nodeSymbol("z", i, k)), word(" / "), symbol("Σ", {"l"}),
                    word(" "), power(word("e"), symbol("z", {"l"}, k))}),
             result},
            s);
    // x_i(k) = g(z_i(k))
    return equation({x, group({word("g("), nodeSymbol("z", i, k), word(")")}),
                     group({word(toString(a) + "("), number(v.layer(k).z[row]), word(")")}),
                     result},
                    s);
}

namespace {
// J = ½ Σ_k (y_k − f_k)²
Equation squaredErrorLoss(const Vector& y, const Vector& f, Eigen::Index shown) {
    std::vector<Term> terms;
    for (Eigen::Index k = 0; k < shown; ++k)
        terms.push_back(group({word("("), number(y[k]), word(" − "), number(f[k]), word(")²")}));
    Equation e;
    e.sides = {symbol("J"),
               group({word("½ "), symbol("Σ", {"k"}), word(" ("), symbol("y", {"k"}), word(" − "),
                      symbol("f", {"k"}), word(")²")}),
               group({word("½["), sum(terms, ofTerms(shown, f.size())), word("]")})};
    return e;
}
// J = −Σ_k y_k ln f_k (softmax outputs)
Equation categoricalCrossEntropy(const Vector& y, const Vector& f, Eigen::Index shown) {
    std::vector<Term> terms;
    for (Eigen::Index k = 0; k < shown; ++k)
        terms.push_back(group({number(y[k]), word("·ln "), number(f[k])}));
    Equation e;
    e.sides = {symbol("J"),
               group({word("−"), symbol("Σ", {"k"}), word(" "), symbol("y", {"k"}), word(" ln "),
                      symbol("f", {"k"})}),
               group({word("−["), sum(terms, ofTerms(shown, f.size())), word("]")})};
    return e;
}
// J = −Σ_k [y_k ln f_k + (1 − y_k) ln(1 − f_k)] (sigmoid outputs)
Equation binaryCrossEntropy(const Vector& y, const Vector& f, Eigen::Index shown) {
    std::vector<Term> terms;
    for (Eigen::Index k = 0; k < shown; ++k)
        terms.push_back(group({number(y[k]), word("·ln "), number(f[k]), word(" + "),
                               number(1 - y[k]), word("·ln "), number(1 - f[k])}));
    Equation e;
    e.sides = {symbol("J"),
               group({word("−"), symbol("Σ", {"k"}), word(" ["), symbol("y", {"k"}), word(" ln "),
                      symbol("f", {"k"}), word(" + (1 − "), symbol("y", {"k"}), word(") ln(1 − "),
                      symbol("f", {"k"}), word(")]")}),
               group({word("−["), sum(terms, ofTerms(shown, f.size())), word("]")})};
    return e;
}
} // namespace

Equation explainLoss(const Network& net, const RecordValues& v, const ExplainStyle& s) {
    const Vector& f = v.output();
    const Eigen::Index shown = shownOf(f.size(), s);
    Equation e = net.loss == Loss::Mse ? squaredErrorLoss(v.target, f, shown)
                 : net.layers.back().activation == Activation::Softmax
                     ? categoricalCrossEntropy(v.target, f, shown)
                     : binaryCrossEntropy(v.target, f, shown);
    e.sides.push_back(number(v.loss));
    e.digits = s.precision;
    return e;
}

namespace {
// δ_i(L) = ∂J/∂x_i(L), from the loss's derivative at the output f_i.
Equation outputDeltaOf(const Network& net, const RecordValues& v, int i, const ExplainStyle& s) {
    const int L = net.depth();
    const Eigen::Index row = i - 1;
    const double y = v.target[row], f = v.output()[row];
    std::vector<Term> sides{nodeSymbol("δ", i, L), partial(symbol("J"), nodeSymbol("x", i, L))};
    if (net.loss == Loss::Mse) { // ½(y − f)²: −(y − f)
        sides.push_back(negatedDifference(symbol("y", {str(i)}), symbol("f", {str(i)})));
        sides.push_back(negatedDifference(number(y), number(f)));
    } else if (net.layers.back().activation == Activation::Softmax) { // −y ln f: −y/f
        sides.push_back(word("−y/f"));
        sides.push_back(group({word("−"), number(y), word("/"), number(f)}));
    } else { // −[y ln f + (1 − y) ln(1 − f)]: −y/f + (1 − y)/(1 − f)
        sides.push_back(word("−y/f + (1 − y)/(1 − f)"));
        sides.push_back(group({word("−"), number(y), word("/"), number(f), word(" + "),
                               number(1 - y), word("/"), number(1 - f)}));
    }
    sides.push_back(number(v.layer(L).delta[row]));
    return equation(std::move(sides), s);
}
} // namespace

Equation explainDelta(const Network& net, const RecordValues& v, int k, int i,
                      const ExplainStyle& s) {
    if (k == net.depth())
        return outputDeltaOf(net, v, i, s);
    // δ_i(k) = Σ_l ∂J/∂z_l(k+1)·w_{l,i}(k+1)
    const Layer& next = net.layer(k + 1);
    const Vector& dz = v.layer(k + 1).dJdz;
    const Term formula = group({symbol("Σ", {"l"}), word(" "),
                                product({partial(symbol("J"), symbol("z", {"l"}, k + 1)),
                                         symbol("w", {"l", str(i)}, k + 1)})});
    const Eigen::Index shown = shownOf(dz.size(), s);
    std::vector<Term> terms;
    for (Eigen::Index l = 0; l < shown; ++l)
        terms.push_back(product({number(dz[l]), number(next.w(l, i))}));
    return equation({nodeSymbol("δ", i, k), formula, sum(terms, ofTerms(shown, dz.size())),
                     number(v.layer(k).delta[i - 1])},
                    s);
}

Equation explainDJdz(const Network& net, const RecordValues& v, int k, int i,
                     const ExplainStyle& s) {
    const Layer& l = net.layer(k);
    const Eigen::Index row = i - 1;
    const Term name = partial(symbol("J"), nodeSymbol("z", i, k));
    const Term result = number(v.layer(k).dJdz[row]);
    if (k == net.depth() && net.loss == Loss::CrossEntropy) { // ∂J/∂z_i(L) = −(y_i − f_i)
        Equation e =
            equation({name, negatedDifference(symbol("y", {str(i)}), symbol("f", {str(i)})),
                      negatedDifference(number(v.target[row]), number(v.output()[row])), result},
                     s);
        e.notes.push_back(toString(l.activation) + " + cross-entropy: the simplification holds");
        return e;
    }
    if (l.activation == Activation::Softmax) { // ∂J/∂z_i = x_i(δ_i − Σ_l δ_l x_l)
        Equation e =
            equation({name,
                      group({symbol("x", {"i"}), word("("), symbol("δ", {"i"}), word(" − "),
                             symbol("Σ", {"l"}), word(" "), symbol("δ", {"l"}), word(" "),
                             symbol("x", {"l"}), word(")")}),
                      result},
                     s);
        e.notes.push_back("softmax: through its full Jacobian");
        return e;
    }
    // ∂J/∂z_i(k) = δ_i(k)·∂x_i(k)/∂z_i(k), with ∂x/∂z = g'(z) from the activation's definition
    Vector dxdz;
    derivative(l.activation, v.layer(k).z, v.layer(k).x, dxdz);
    Equation e = equation(
        {name,
         product({nodeSymbol("δ", i, k), partial(nodeSymbol("x", i, k), nodeSymbol("z", i, k))}),
         product({number(v.layer(k).delta[row]), number(dxdz[row])}), result},
        s);
    e.notes.push_back("g' = " + derivativeFormula(l.activation));
    if (k == net.depth())
        e.notes.push_back(outputSimplifies(net.loss, l.activation)
                              ? "linear + mse: equals −(y − f)"
                              : toString(l.activation) + " + " + toString(net.loss) +
                                    ": does not simplify to −(y − f)");
    return e;
}

Equation explainDJdw(const Network&, const RecordValues& v, int k, int i, int j,
                     const ExplainStyle& s) {
    const Eigen::Index row = i - 1;
    // ∂J/∂w_{i,j}(k) = ∂J/∂z_i(k)·x_j(k−1), with x_0(k−1) = 1 for the bias
    const Term x = j == 0 ? number(1) : nodeSymbol("x", j, k - 1);
    const double input = j == 0 ? 1.0 : v.x(k - 1)[j - 1];
    return equation({partial(symbol("J"), weightSymbol(i, j, k)),
                     product({partial(symbol("J"), nodeSymbol("z", i, k)), x}),
                     product({number(v.layer(k).dJdz[row]), number(input)}),
                     number(v.layer(k).dJdw(row, j))},
                    s);
}

Equation explainUpdate(int k, int i, int j, double before, double learningRate, double gradient,
                       double after, const ExplainStyle& s) {
    // w_{i,j}(k) ← w − a·∂J/∂w
    Equation e = equation(
        {weightSymbol(i, j, k),
         group(
             {symbol("w"), word(" − "), product({symbol("a"), partial(symbol("J"), symbol("w"))})}),
         group({number(before), word(" − "), product({number(learningRate), number(gradient)})}),
         number(after)},
        s);
    e.firstRelation = "←";
    return e;
}
std::string outputSimplificationNote(const Network& net) {
    const Activation out = net.layers.back().activation;
    // The seed's text claims −(y − f) for sigmoid units; its code computes output − y
    // at its sigmoid outputs: that is cross-entropy's gradient, not ½-squared error's.
    const bool sigmoid = out == Activation::Sigmoid;
    if (outputSimplifies(net.loss, out))
        return "∂J/∂z(L) = −(y − f) holds here (" + toString(out) + " output with " +
               toString(net.loss) + ")." +
               (sigmoid ? " This is what the seed's code computes at its sigmoid outputs "
                          "(output − y): its code in effect trains with cross-entropy."
                        : "");
    return "∂J/∂z(L) = −(y − f) does NOT hold here (" + toString(out) + " output with " +
           toString(net.loss) + "): ∂J/∂z = δ·g'(z) is computed in full." +
           (sigmoid && net.loss == Loss::Mse
                ? " With ½-squared error ∂J/∂z = (f − y)·f(1 − f); the seed's text claims "
                  "−(y − f) for sigmoid units, which holds with cross-entropy (its code's "
                  "output − y)."
                : "");
}

} // namespace bp
