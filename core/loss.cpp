#include "loss.h"

#include <cmath>

namespace bp {

std::string toString(Loss l) {
    return l == Loss::Mse ? "mse" : "cross_entropy";
}

std::optional<Loss> lossFromString(const std::string& name) {
    if (name == "mse")
        return Loss::Mse;
    if (name == "cross_entropy")
        return Loss::CrossEntropy;
    return std::nullopt;
}

bool lossFitsOutput(Loss loss, Activation output) {
    return loss == Loss::Mse || output == Activation::Sigmoid || output == Activation::Softmax;
}

namespace {
// ln(1 + e^t) without overflow.
Scalar softplus(Scalar t) {
    return t > 0 ? t + std::log1p(std::exp(-t)) : std::log1p(std::exp(t));
}
} // namespace

Scalar lossValue(Loss loss, Activation output, const Vector& z, const Vector& f, const Vector& y) {
    if (loss == Loss::Mse)
        return Scalar(0.5) * (y - f).squaredNorm(); // J = ½ Σ (y_k − f_k)²
    Scalar j = 0;
    if (output == Activation::Softmax) {
        // −Σ y_k ln f_k with ln f_k = z_k − logsumexp(z), exact even where f_k underflows to 0.
        const Scalar m = z.maxCoeff();
        const Scalar logSum = m + std::log((z.array() - m).exp().sum());
        for (Eigen::Index k = 0; k < y.size(); ++k)
            if (y[k] != 0)
                j -= y[k] * (z[k] - logSum);
        return j;
    }
    // Sigmoid: ln f = −softplus(−z), ln(1 − f) = −softplus(z).
    for (Eigen::Index k = 0; k < y.size(); ++k)
        j += y[k] * softplus(-z[k]) + (Scalar(1) - y[k]) * softplus(z[k]);
    return j;
}

void outputDelta(Loss loss, Activation output, const Vector& f, const Vector& y, Vector& delta) {
    if (loss == Loss::Mse) {
        delta = -(y - f); // δ_k(L) = −(y_k − f_k)
        return;
    }
    // Clamp f away from 0 and 1 only to keep δ finite for display; ∂J/∂z of these
    // pairs is computed directly as f − y (see outputSimplifies) and never divides.
    const Scalar eps = std::numeric_limits<Scalar>::min();
    delta.resize(f.size());
    for (Eigen::Index k = 0; k < f.size(); ++k) {
        const Scalar fk = std::max(f[k], eps);
        if (output == Activation::Softmax)
            delta[k] = -y[k] / fk; // ∂/∂f_k of −Σ y ln f
        else
            delta[k] = -y[k] / fk + (Scalar(1) - y[k]) / std::max(Scalar(1) - f[k], eps);
    }
}

bool outputSimplifies(Loss loss, Activation output) {
    if (loss == Loss::Mse)
        return output == Activation::Linear;
    return output == Activation::Sigmoid || output == Activation::Softmax;
}

} // namespace bp
