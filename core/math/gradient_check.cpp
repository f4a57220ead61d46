#include "math/gradient_check.h"

#include "math/backprop.h"

#include <algorithm>
#include <cmath>

namespace bp {

namespace {
bool hasKink(Activation a) {
    return a == Activation::Relu || a == Activation::LeakyRelu;
}

// True if a perturbed pass put some ReLU-like node on the other side of its kink
// at z = 0 from where the unperturbed pass had it: the difference quotient then
// straddles a corner and says nothing about the derivative.
bool crossedKink(const Network& net, const RecordValues& base, const RecordValues& now) {
    for (int k = 1; k <= net.depth(); ++k) {
        if (!hasKink(net.layer(k).activation))
            continue;
        const Vector& z0 = base.layer(k).z;
        const Vector& z1 = now.layer(k).z;
        for (Eigen::Index i = 0; i < z0.size(); ++i)
            if ((z0[i] > 0) != (z1[i] > 0))
                return true;
    }
    return false;
}
} // namespace

namespace {
struct Numeric {
    double slope = 0;  // ∂J/∂w by finite differences
    bool kink = false; // every stencil tried straddled a ReLU corner
};

// ∂J/∂w_{i,j}(k) by the five-point central difference, error O(h⁴):
// (8·(J(w + h) − J(w − h)) − (J(w + 2h) − J(w − 2h))) / 12h, with a smaller h where the
// stencil would straddle a ReLU corner. The weight is put back as it was.
Numeric numericSlope(Network& net, RecordValues& v, const RecordValues& analytic, int k,
                     Eigen::Index i, Eigen::Index j, double h) {
    Matrix& w = net.layer(k).w;
    const Scalar saved = w(i, j);
    Numeric n;
    auto lossAt = [&](double offset) {
        w(i, j) = saved + static_cast<Scalar>(offset);
        forward(net, v);
        computeLoss(net, v);
        n.kink = n.kink || crossedKink(net, analytic, v);
        return static_cast<double>(v.loss);
    };
    for (int attempt = 0; attempt < 4; ++attempt, h /= 10) {
        n.kink = false;
        n.slope = (8.0 * (lossAt(h) - lossAt(-h)) - (lossAt(2 * h) - lossAt(-2 * h))) / (12.0 * h);
        if (!n.kink)
            break;
    }
    w(i, j) = saved;
    return n;
}

// The worst relative error so far: |backprop − numeric| / max(|backprop|, |numeric|, 1e-6).
void compare(GradientCheck& result, int k, Eigen::Index i, Eigen::Index j, double backprop,
             double numeric) {
    const double scale = std::max({std::abs(backprop), std::abs(numeric), 1e-6});
    double rel = std::abs(backprop - numeric) / scale;
    if (std::isnan(rel))
        rel = INFINITY;
    if (rel > result.worstRelativeError || result.layer == 0) {
        result.worstRelativeError = rel;
        result.layer = k;
        result.i = i;
        result.j = j;
        result.backprop = backprop;
        result.numeric = numeric;
    }
}
} // namespace

GradientCheck gradientCheck(const Network& original, const Vector& input, const Vector& target,
                            double h0, const CheckProgress& progress) {
    Network net = original;
    RecordValues v;
    prepare(net, v);
    v.input = input;
    v.target = target;
    forward(net, v);
    backward(net, v);
    const RecordValues analytic = v;

    GradientCheck result;
    result.worstRelativeError = 0;
    for (int k = 1; k <= net.depth(); ++k)
        result.weightsTotal += net.layer(k).w.size();
    for (int k = 1; k <= net.depth(); ++k)
        for (Eigen::Index i = 0; i < net.layer(k).w.rows(); ++i)
            for (Eigen::Index j = 0; j < net.layer(k).w.cols(); ++j) {
                if (progress && !progress(result.weightsChecked, result.weightsTotal))
                    return result; // stopped: the weights checked so far
                const Numeric numeric = numericSlope(net, v, analytic, k, i, j, h0);
                ++result.weightsChecked;
                if (numeric.kink) { // still at a corner: no derivative to compare
                    ++result.weightsAtKink;
                    continue;
                }
                compare(result, k, i, j, analytic.layer(k).dJdw(i, j), numeric.slope);
            }
    return result;
}

} // namespace bp
