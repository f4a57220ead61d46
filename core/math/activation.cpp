#include "math/activation.h"

#include "math/segments.h"

#include <cmath>
#include <type_traits>

namespace bp {

namespace {
struct Named {
    Activation a;
    const char* name;
};
constexpr Named kNames[] = {{Activation::Linear, "linear"},
                            {Activation::Sigmoid, "sigmoid"},
                            {Activation::Tanh, "tanh"},
                            {Activation::Relu, "relu"},
                            {Activation::LeakyRelu, "leaky_relu"},
                            {Activation::Softmax, "softmax"}};

// x = tanh z for a fixed-size segment of a layer. Eigen vectorises tanh for float
// only, and W3's 2-8-8-1 network in double spent half its time in libm's scalar tanh.
// For double: the rational approximation of the Cephes library (S. L. Moshier),
// tanh z = z + z·z²·P(z²)/Q(z²) for |z| ≤ 0.625, and tanh |z| = 1 − 2/(e^{2|z|} + 1)
// with z's sign above (no cancellation there: the fraction is below 0.45). Both are
// computed for the whole segment with Eigen's vectorised arithmetic and exp, then
// chosen value by value (Eigen's select would run the whole expression one value at a
// time). Within 2 ulp of libm's tanh (tst_core_gradients checks 4).
template <typename Z, typename X> void tanhInto(const Z& z, X x) {
    using T = typename Z::Scalar;
    if constexpr (std::is_same_v<T, float>) {
        x = z.tanh();
    } else {
        using Segment = Eigen::Array<T, Z::RowsAtCompileTime, 1>;
        const Segment z2 = z.square();
        const Segment p = (T(-9.64399179425052238628E-1) * z2 + T(-9.92877231001918586564E1)) * z2 +
                          T(-1.61468768441708447952E3);
        const Segment q =
            ((z2 + T(1.12811678491632931402E2)) * z2 + T(2.23548839060100448583E3)) * z2 +
            T(4.84406305325125486048E3);
        x = z + z * z2 * p / q;                                             // |z| ≤ 0.625
        const Segment away = T(1) - T(2) / ((T(2) * z.abs()).exp() + T(1)); // tanh |z|
        for (Eigen::Index i = 0; i < z.size(); ++i)
            if (std::abs(z[i]) > T(0.625))
                x[i] = std::copysign(away[i], z[i]);
    }
}

} // namespace

std::string toString(Activation a) {
    for (const Named& n : kNames)
        if (n.a == a)
            return n.name;
    return "?";
}

std::optional<Activation> activationFromString(const std::string& name) {
    for (const Named& n : kNames)
        if (name == n.name)
            return n.a;
    return std::nullopt;
}

std::string activationNames() {
    std::string s;
    for (const Named& n : kNames)
        s += (s.empty() ? "" : ", ") + std::string(n.name);
    return s;
}

template <typename T> void activate(Activation a, const VectorT<T>& z, VectorT<T>& x) {
    x.resize(z.size());
    switch (a) {
    case Activation::Linear:
        x = z;
        break;
    case Activation::Sigmoid:
        // 1 / (1 + e^−z), all nodes at once: for z ≪ 0, e^−z overflows to ∞ and x is 0.
        forSegments(z.size(), [&](auto s) { s.of(x) = (T(1) + (-s.of(z)).exp()).inverse(); });
        break;
    case Activation::Tanh:
        forSegments(z.size(), [&](auto s) { tanhInto(s.of(z), s.of(x)); });
        break;
    case Activation::Relu:
        x = z.array().max(T(0));
        break;
    case Activation::LeakyRelu:
        x = (z.array() > 0).select(z, T(kLeakySlope) * z);
        break;
    case Activation::Softmax: {
        // e^(z - max z) / Σ e^(z - max z): the shift keeps exp from overflowing.
        const T m = z.maxCoeff();
        x = (z.array() - m).exp();
        x /= x.sum();
        break;
    }
    }
}

template <typename T>
void derivative(Activation a, const VectorT<T>& z, const VectorT<T>& x, VectorT<T>& dxdz) {
    dxdz.resize(z.size());
    switch (a) {
    case Activation::Linear:
        dxdz.setOnes();
        break;
    case Activation::Sigmoid: // g' = g(1 - g)
        dxdz = x.array() * (T(1) - x.array());
        break;
    case Activation::Tanh: // g' = 1 - g²
        dxdz = T(1) - x.array().square();
        break;
    case Activation::Relu: // g' = 1 if z > 0 else 0
        dxdz = (z.array() > 0).select(VectorT<T>::Ones(z.size()), VectorT<T>::Zero(z.size()));
        break;
    case Activation::LeakyRelu:
        dxdz =
            (z.array() > 0)
                .select(VectorT<T>::Ones(z.size()), VectorT<T>::Constant(z.size(), T(kLeakySlope)));
        break;
    case Activation::Softmax: // diagonal of the Jacobian only: x_i (1 - x_i)
        dxdz = x.array() * (T(1) - x.array());
        break;
    }
}

template <typename T>
void chainThroughActivation(Activation a, const VectorT<T>& z, const VectorT<T>& x,
                            const VectorT<T>& delta, VectorT<T>& dJdz) {
    if (a == Activation::Softmax) {
        // ∂J/∂z_i = Σ_l δ_l ∂x_l/∂z_i = x_i (δ_i − Σ_l δ_l x_l)
        const T dot = delta.dot(x);
        dJdz = x.array() * (delta.array() - dot);
        return;
    }
    // ∂J/∂z_i = δ_i · ∂x_i/∂z_i, with ∂x_i/∂z_i as derivative() gives it, in one pass
    dJdz.resize(z.size());
    switch (a) {
    case Activation::Linear:
        dJdz = delta;
        break;
    case Activation::Sigmoid:
        forSegments(z.size(),
                    [&](auto s) { s.of(dJdz) = s.of(delta) * (s.of(x) * (T(1) - s.of(x))); });
        break;
    case Activation::Tanh:
        forSegments(z.size(),
                    [&](auto s) { s.of(dJdz) = s.of(delta) * (T(1) - s.of(x).square()); });
        break;
    case Activation::Relu:
        dJdz = delta.array() * (z.array() > 0).template cast<T>();
        break;
    case Activation::LeakyRelu:
        dJdz = (z.array() > 0).select(delta.array(), T(kLeakySlope) * delta.array());
        break;
    case Activation::Softmax:
        break; // handled above
    }
}

#define BP_INSTANTIATE(T)                                                                          \
    template void activate<T>(Activation, const VectorT<T>&, VectorT<T>&);                         \
    template void derivative<T>(Activation, const VectorT<T>&, const VectorT<T>&, VectorT<T>&);    \
    template void chainThroughActivation<T>(Activation, const VectorT<T>&, const VectorT<T>&,      \
                                            const VectorT<T>&, VectorT<T>&);
BP_INSTANTIATE(float)
BP_INSTANTIATE(double)
#undef BP_INSTANTIATE

} // namespace bp
