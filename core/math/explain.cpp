#include "math/explain.h"

#include "math/loss.h"
#include "math/number_text.h"

#include <cmath>
#include <cstdio>

namespace bp {

std::string formatNumber(double v, int precision) {
    if (v == 0)
        return "0";
    return significantText(v, precision); // '.' whatever the locale
}

namespace {
std::string sub(const char* name, int i, int k) {
    return std::string(name) + "_" + std::to_string(i) + "(" + std::to_string(k) + ")";
}
std::string w(int i, int j, int k) {
    return "w_{" + std::to_string(i) + "," + std::to_string(j) + "}(" + std::to_string(k) + ")";
}
// A number as a factor: negative numbers in parentheses.
std::string factor(double v, int precision) {
    const std::string s = formatNumber(v, precision);
    return v < 0 ? "(" + s + ")" : s;
}
std::string more(Eigen::Index shown, Eigen::Index total) {
    return shown < total ? " + … (" + std::to_string(total) + " terms)" : "";
}
std::string derivativeFormula(Activation a) {
    switch (a) {
    case Activation::Linear:
        return "1";
    case Activation::Sigmoid:
        return "x(1 − x)";
    case Activation::Tanh:
        return "1 − x²";
    case Activation::Relu:
        return "(1 if z > 0 else 0)";
    case Activation::LeakyRelu:
        return "(1 if z > 0 else 0.01)";
    case Activation::Softmax:
        return "x_i(δ_i − Σ_l δ_l x_l)";
    }
    return "";
}
} // namespace

std::string explainZ(const Network& net, const RecordValues& v, int k, int i,
                     const ExplainStyle& s) {
    const Layer& l = net.layer(k);
    const Vector& prev = v.x(k - 1);
    const Eigen::Index row = i - 1;
    std::string text = sub("z", i, k) + " = " + w(i, 0, k) + " + Σ_j " + "w_{" + std::to_string(i) +
                       ",j}(" + std::to_string(k) + ")·" + "x_j(" + std::to_string(k - 1) +
                       ") = " + formatNumber(l.w(row, 0), s.precision);
    const Eigen::Index shown = std::min<Eigen::Index>(prev.size(), s.maxTerms);
    for (Eigen::Index j = 0; j < shown; ++j)
        text += " + " + factor(l.w(row, j + 1), s.precision) + "·" + factor(prev[j], s.precision);
    text += more(shown, prev.size());
    return text + " = " + formatNumber(v.layer(k).z[row], s.precision);
}

std::string explainX(const Network& net, const RecordValues& v, int k, int i,
                     const ExplainStyle& s) {
    const Activation a = net.layer(k).activation;
    const Eigen::Index row = i - 1;
    std::string text = sub("x", i, k) + " = g(" + sub("z", i, k) + ") = " + toString(a) + "(" +
                       formatNumber(v.layer(k).z[row], s.precision) + ")";
    if (a == Activation::Softmax)
        text =
            sub("x", i, k) + " = e^" + sub("z", i, k) + " / Σ_l e^z_l(" + std::to_string(k) + ")";
    return text + " = " + formatNumber(v.layer(k).x[row], s.precision);
}

std::string explainLoss(const Network& net, const RecordValues& v, const ExplainStyle& s) {
    const Vector& f = v.output();
    const Vector& y = v.target;
    const Eigen::Index shown = std::min<Eigen::Index>(f.size(), s.maxTerms);
    std::string terms;
    std::string text;
    if (net.loss == Loss::Mse) {
        text = "J = ½ Σ_k (y_k − f_k)² = ½[";
        for (Eigen::Index k = 0; k < shown; ++k)
            terms += (k ? " + (" : "(") + formatNumber(y[k], s.precision) + " − " +
                     formatNumber(f[k], s.precision) + ")²";
        text += terms + more(shown, f.size()) + "]";
    } else if (net.layers.back().activation == Activation::Softmax) {
        text = "J = −Σ_k y_k ln f_k = −[";
        for (Eigen::Index k = 0; k < shown; ++k)
            terms += (k ? " + " : "") + formatNumber(y[k], s.precision) + "·ln " +
                     formatNumber(f[k], s.precision);
        text += terms + more(shown, f.size()) + "]";
    } else {
        text = "J = −Σ_k [y_k ln f_k + (1 − y_k) ln(1 − f_k)] = −[";
        for (Eigen::Index k = 0; k < shown; ++k)
            terms += (k ? " + " : "") + formatNumber(y[k], s.precision) + "·ln " +
                     formatNumber(f[k], s.precision) + " + " + formatNumber(1 - y[k], s.precision) +
                     "·ln " + formatNumber(1 - f[k], s.precision);
        text += terms + more(shown, f.size()) + "]";
    }
    return text + " = " + formatNumber(v.loss, s.precision);
}

std::string explainDelta(const Network& net, const RecordValues& v, int k, int i,
                         const ExplainStyle& s) {
    const Eigen::Index row = i - 1;
    const double delta = v.layer(k).delta[row];
    if (k == net.depth()) {
        const double y = v.target[row];
        const double f = v.output()[row];
        std::string text = sub("δ", i, k) + " = ∂J/∂" + sub("x", i, k) + " = ";
        if (net.loss == Loss::Mse)
            text += "−(y_" + std::to_string(i) + " − f_" + std::to_string(i) + ") = −(" +
                    formatNumber(y, s.precision) + " − " + formatNumber(f, s.precision) + ")";
        else if (net.layers.back().activation == Activation::Softmax)
            text += "−y/f = −" + formatNumber(y, s.precision) + "/" + formatNumber(f, s.precision);
        else
            text += "−y/f + (1 − y)/(1 − f) = −" + formatNumber(y, s.precision) + "/" +
                    formatNumber(f, s.precision) + " + " + formatNumber(1 - y, s.precision) + "/" +
                    formatNumber(1 - f, s.precision);
        return text + " = " + formatNumber(delta, s.precision);
    }
    const Layer& next = net.layer(k + 1);
    const Vector& dz = v.layer(k + 1).dJdz;
    std::string text = sub("δ", i, k) + " = Σ_l ∂J/∂z_l(" + std::to_string(k + 1) + ")·" + "w_{l," +
                       std::to_string(i) + "}(" + std::to_string(k + 1) + ") = ";
    const Eigen::Index shown = std::min<Eigen::Index>(dz.size(), s.maxTerms);
    for (Eigen::Index l = 0; l < shown; ++l)
        text +=
            (l ? " + " : "") + factor(dz[l], s.precision) + "·" + factor(next.w(l, i), s.precision);
    return text + more(shown, dz.size()) + " = " + formatNumber(delta, s.precision);
}

std::string explainDJdz(const Network& net, const RecordValues& v, int k, int i,
                        const ExplainStyle& s) {
    const Layer& l = net.layer(k);
    const Eigen::Index row = i - 1;
    const double dz = v.layer(k).dJdz[row];
    const std::string name = "∂J/∂" + sub("z", i, k);
    if (k == net.depth() && net.loss == Loss::CrossEntropy)
        return name + " = −(y_" + std::to_string(i) + " − f_" + std::to_string(i) + ") = −(" +
               formatNumber(v.target[row], s.precision) + " − " +
               formatNumber(v.output()[row], s.precision) + ") = " + formatNumber(dz, s.precision) +
               "   (" + toString(l.activation) + " + cross-entropy: the simplification holds)";
    if (l.activation == Activation::Softmax)
        return name + " = x_i(δ_i − Σ_l δ_l x_l) = " + formatNumber(dz, s.precision) +
               "   (softmax: through its full Jacobian)";
    Vector d;
    derivative(l.activation, v.layer(k).z, v.layer(k).x, d);
    std::string text = name + " = " + sub("δ", i, k) + "·∂" + sub("x", i, k) + "/∂" +
                       sub("z", i, k) + " = " + factor(v.layer(k).delta[row], s.precision) + "·" +
                       factor(d[row], s.precision) + " = " + formatNumber(dz, s.precision) +
                       "   (g' = " + derivativeFormula(l.activation) + ")";
    if (k == net.depth())
        text += outputSimplifies(net.loss, l.activation)
                    ? "   (linear + mse: equals −(y − f))"
                    : "   (" + toString(l.activation) + " + " + toString(net.loss) +
                          ": does not simplify to −(y − f))";
    return text;
}

std::string explainDJdw(const Network& net, const RecordValues& v, int k, int i, int j,
                        const ExplainStyle& s) {
    const Eigen::Index row = i - 1;
    const double dz = v.layer(k).dJdz[row];
    const double input = j == 0 ? 1.0 : v.x(k - 1)[j - 1];
    const std::string xName = j == 0 ? "1" : sub("x", j, k - 1);
    (void)net;
    return "∂J/∂" + w(i, j, k) + " = ∂J/∂" + sub("z", i, k) + "·" + xName + " = " +
           factor(dz, s.precision) + "·" + factor(input, s.precision) + " = " +
           formatNumber(v.layer(k).dJdw(row, j), s.precision);
}

std::string explainUpdate(int k, int i, int j, double before, double learningRate, double gradient,
                          double after, const ExplainStyle& s) {
    return w(i, j, k) + " ← w − a·∂J/∂w = " + formatNumber(before, s.precision) + " − " +
           formatNumber(learningRate, s.precision) + "·" + factor(gradient, s.precision) + " = " +
           formatNumber(after, s.precision);
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
