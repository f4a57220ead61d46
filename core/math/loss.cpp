#include "math/loss.h"

#include <cmath>
#include <limits>

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
template <typename T> T softplus(T t) {
    return t > 0 ? t + std::log1p(std::exp(-t)) : std::log1p(std::exp(t));
}
} // namespace

template <typename T>
T lossValue(Loss loss, Activation output, const VectorT<T>& z, const VectorT<T>& f,
            const VectorT<T>& y) {
    if (loss == Loss::Mse)
        return T(0.5) * (y - f).squaredNorm(); // J = ½ Σ (y_k − f_k)²
    T j = 0;
    if (output == Activation::Softmax) {
        // −Σ y_k ln f_k with ln f_k = z_k − logsumexp(z), exact even where f_k underflows to 0.
        const T m = z.maxCoeff();
        const T logSum = m + std::log((z.array() - m).exp().sum());
        for (Eigen::Index k = 0; k < y.size(); ++k)
            if (y[k] != 0)
                j -= y[k] * (z[k] - logSum);
        return j;
    }
    // Sigmoid: ln f = −softplus(−z), ln(1 − f) = −softplus(z).
    for (Eigen::Index k = 0; k < y.size(); ++k)
        j += y[k] * softplus(-z[k]) + (T(1) - y[k]) * softplus(z[k]);
    return j;
}

template <typename T>
void outputDelta(Loss loss, Activation output, const VectorT<T>& f, const VectorT<T>& y,
                 VectorT<T>& delta) {
    if (loss == Loss::Mse) {
        delta = -(y - f); // δ_k(L) = −(y_k − f_k)
        return;
    }
    // Clamp f away from 0 and 1 only to keep δ finite for display; ∂J/∂z of these
    // pairs is computed directly as f − y (see outputSimplifies) and never divides.
    const T eps = std::numeric_limits<T>::min();
    delta.resize(f.size());
    for (Eigen::Index k = 0; k < f.size(); ++k) {
        const T fk = std::max(f[k], eps);
        if (output == Activation::Softmax)
            delta[k] = -y[k] / fk; // ∂/∂f_k of −Σ y ln f
        else
            delta[k] = -y[k] / fk + (T(1) - y[k]) / std::max(T(1) - f[k], eps);
    }
}

bool outputSimplifies(Loss loss, Activation output) {
    if (loss == Loss::Mse)
        return output == Activation::Linear;
    return output == Activation::Sigmoid || output == Activation::Softmax;
}

template float lossValue<float>(Loss, Activation, const VectorT<float>&, const VectorT<float>&,
                                const VectorT<float>&);
template double lossValue<double>(Loss, Activation, const VectorT<double>&, const VectorT<double>&,
                                  const VectorT<double>&);
template void outputDelta<float>(Loss, Activation, const VectorT<float>&, const VectorT<float>&,
                                 VectorT<float>&);
template void outputDelta<double>(Loss, Activation, const VectorT<double>&, const VectorT<double>&,
                                  VectorT<double>&);

} // namespace bp
