#include "math/activation.h"

#include "math/segments.h"

#include <cmath>
#include <type_traits>

namespace bp {

namespace {

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

// One definition per activation: its name, x = g(z), and g'(z) from z and x = g(z)
// side by side, with g' as the explanation writes it. g and dg take a segment of a
// layer as an Eigen array; the forward pass (activate), the backward pass
// (chainThroughActivation), derivative() and the explanation all use these.
template <typename T> struct LinearFn {
    static constexpr const char* name = "linear";
    static constexpr const char* dgText = "1";
    template <typename Z, typename X> static void g(const Z& z, X x) { x = z; }
    template <typename Z, typename X> static auto dg(const Z& z, const X&) {
        return Eigen::Array<T, Z::RowsAtCompileTime, 1>::Ones(z.size());
    }
};
template <typename T> struct SigmoidFn {
    static constexpr const char* name = "sigmoid";
    static constexpr const char* dgText = "x(1 − x)";
    // 1 / (1 + e^−z): for z ≪ 0, e^−z overflows to ∞ and x is 0.
    template <typename Z, typename X> static void g(const Z& z, X x) {
        x = (T(1) + (-z).exp()).inverse();
    }
    template <typename Z, typename X> static auto dg(const Z&, const X& x) {
        return x * (T(1) - x); // g' = g(1 − g)
    }
};
template <typename T> struct TanhFn {
    static constexpr const char* name = "tanh";
    static constexpr const char* dgText = "1 − x²";
    template <typename Z, typename X> static void g(const Z& z, X x) { tanhInto(z, x); }
    template <typename Z, typename X> static auto dg(const Z&, const X& x) {
        return T(1) - x.square(); // g' = 1 − g²
    }
};
template <typename T> struct ReluFn {
    static constexpr const char* name = "relu";
    static constexpr const char* dgText = "(1 if z > 0 else 0)";
    template <typename Z, typename X> static void g(const Z& z, X x) { x = z.max(T(0)); }
    template <typename Z, typename X> static auto dg(const Z& z, const X&) {
        return (z > T(0)).template cast<T>(); // g'(0) = 0
    }
};
template <typename T> struct LeakyReluFn {
    static constexpr const char* name = "leaky_relu";
    static constexpr const char* dgText = "(1 if z > 0 else 0.01)";
    template <typename Z, typename X> static void g(const Z& z, X x) {
        x = (z > T(0)).select(z, T(kLeakySlope) * z);
    }
    template <typename Z, typename X> static auto dg(const Z& z, const X&) {
        using Values = Eigen::Array<T, Z::RowsAtCompileTime, 1>;
        return (z > T(0)).select(Values::Ones(z.size()),
                                 Values::Constant(z.size(), T(kLeakySlope)));
    }
};
// Softmax is not element-wise: g is over the whole layer (activate) and g' is its full
// Jacobian (chainThroughActivation). dg is the Jacobian's diagonal, x_i(1 − x_i).
template <typename T> struct SoftmaxFn {
    static constexpr const char* name = "softmax";
    static constexpr const char* dgText = "x_i(δ_i − Σ_l δ_l x_l)";
    template <typename Z, typename X> static auto dg(const Z&, const X& x) {
        return x * (T(1) - x);
    }
};

// f(definition) with the definition of a.
template <typename T, typename F> auto withDefinition(Activation a, F f) {
    switch (a) {
    case Activation::Linear:
        return f(LinearFn<T>{});
    case Activation::Sigmoid:
        return f(SigmoidFn<T>{});
    case Activation::Tanh:
        return f(TanhFn<T>{});
    case Activation::Relu:
        return f(ReluFn<T>{});
    case Activation::LeakyRelu:
        return f(LeakyReluFn<T>{});
    case Activation::Softmax:
        break;
    }
    return f(SoftmaxFn<T>{});
}

constexpr Activation kAll[] = {Activation::Linear, Activation::Sigmoid,   Activation::Tanh,
                               Activation::Relu,   Activation::LeakyRelu, Activation::Softmax};

} // namespace

std::string toString(Activation a) {
    return withDefinition<double>(a, [](auto def) { return std::string(def.name); });
}

std::optional<Activation> activationFromString(const std::string& name) {
    for (Activation a : kAll)
        if (name == toString(a))
            return a;
    return std::nullopt;
}

std::string activationNames() {
    std::string s;
    for (Activation a : kAll)
        s += (s.empty() ? "" : ", ") + toString(a);
    return s;
}

std::string derivativeFormula(Activation a) {
    return withDefinition<double>(a, [](auto def) { return std::string(def.dgText); });
}

template <typename T> void activate(Activation a, const VectorT<T>& z, VectorT<T>& x) {
    x.resize(z.size());
    if (a == Activation::Softmax) {
        // e^(z − max z) / Σ e^(z − max z): the shift keeps exp from overflowing.
        const T m = z.maxCoeff();
        x = (z.array() - m).exp();
        x /= x.sum();
        return;
    }
    withDefinition<T>(a, [&](auto def) {
        if constexpr (!std::is_same_v<decltype(def), SoftmaxFn<T>>)
            forSegments(z.size(), [&](auto s) { def.g(s.of(z), s.of(x)); }); // x = g(z)
    });
}

template <typename T>
void derivative(Activation a, const VectorT<T>& z, const VectorT<T>& x, VectorT<T>& dxdz) {
    dxdz.resize(z.size());
    withDefinition<T>(a, [&](auto def) {
        forSegments(z.size(), [&](auto s) { s.of(dxdz) = def.dg(s.of(z), s.of(x)); });
    });
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
    // ∂J/∂z_i = δ_i · g'(z_i), in one pass
    dJdz.resize(z.size());
    withDefinition<T>(a, [&](auto def) {
        forSegments(z.size(), [&](auto s) { s.of(dJdz) = s.of(delta) * def.dg(s.of(z), s.of(x)); });
    });
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
