#pragma once
// The seed's equations with the live numbers in them, as typed terms
// (core/math/equation.h): what the CLI's `step` prints (equation_text.h) and the
// window's Inspector shows (ui/inspector/equation_html.h). Every number comes from the
// engine's RecordValues and Network; nothing is recomputed here except the
// arithmetic that an equation spells out.
#include "math/backprop.h"
#include "math/equation.h"
#include "math/network.h"

#include <string>

namespace bp {

struct ExplainStyle {
    int precision = 4; // significant digits of each number
    int maxTerms = 8;  // longer sums show the first terms, then "… (N terms)"
};

// A number with `precision` significant digits, '.' whatever the locale; 0 as "0".
std::string formatNumber(double v, int precision);

// Nodes are 1-based (i = 1..size) as in the seed; weights j = 0 (bias) .. inputs. The
// comments show each equation as equationText() writes it.

// z_1(1) = w_{1,0}(1) + Σ_j w_{1,j}(1)·x_j(0) = 0.35 + 0.15·0.05 + 0.2·0.1 = 0.3775
Equation explainZ(const Network& net, const RecordValues& v, int k, int i,
                  const ExplainStyle& s = {});
// x_1(1) = g(z_1(1)) = sigmoid(0.3775) = 0.5933
Equation explainX(const Network& net, const RecordValues& v, int k, int i,
                  const ExplainStyle& s = {});
// J = ½ Σ_k (y_k − f_k)² = ½[(0.01 − 0.7514)² + (0.99 − 0.7729)²] = 0.2984
Equation explainLoss(const Network& net, const RecordValues& v, const ExplainStyle& s = {});
// Output layer: δ_1(2) = ∂J/∂x_1(2) = −(y_1 − f_1) = −(0.01 − 0.7514) = 0.7414.
// Hidden layer: δ_1(1) = Σ_l ∂J/∂z_l(2)·w_{l,1}(2) = 0.1385·0.4 + (−0.03810)·0.5 = 0.03635
Equation explainDelta(const Network& net, const RecordValues& v, int k, int i,
                      const ExplainStyle& s = {});
// ∂J/∂z_1(2) = δ_1(2)·∂x_1(2)/∂z_1(2) = 0.7414·0.1868 = 0.1385, with a note when the
// output simplification −(y − f) holds and when it does not.
Equation explainDJdz(const Network& net, const RecordValues& v, int k, int i,
                     const ExplainStyle& s = {});
// ∂J/∂w_{1,1}(2) = ∂J/∂z_1(2)·x_1(1) = 0.1385·0.5933 = 0.08217
Equation explainDJdw(const Network& net, const RecordValues& v, int k, int i, int j,
                     const ExplainStyle& s = {});
// w_{1,1}(2) ← w − a·∂J/∂w = 0.4 − 0.5·0.08217 = 0.3589
Equation explainUpdate(int k, int i, int j, double before, double learningRate, double gradient,
                       double after, const ExplainStyle& s = {});

// Whether ∂J/∂z(L) = −(y − f) holds for this network's output and loss, in words.
std::string outputSimplificationNote(const Network& net);

} // namespace bp
