#pragma once
#include "math/types.h"

#include <optional>
#include <string>

namespace bp {

// g(z) of a layer's nodes: x_i(k) = g(z_i(k)).
enum class Activation { Linear, Sigmoid, Tanh, Relu, LeakyRelu, Softmax };

constexpr double kLeakySlope = 0.01;

std::string toString(Activation a); // "sigmoid", "leaky_relu", ...
std::optional<Activation> activationFromString(const std::string& name);
std::string activationNames(); // "linear, sigmoid, ..." for messages
// g'(z) as the explanation writes it: "x(1 − x)" for sigmoid (softmax: its Jacobian's
// product with δ, "x_i(δ_i − Σ_l δ_l x_l)").
std::string derivativeFormula(Activation a);

// x = g(z), element-wise (softmax: over the whole layer, computed stably).
template <typename T> void activate(Activation a, const VectorT<T>& z, VectorT<T>& x);

// ∂x_i/∂z_i for element-wise activations, from z and x = g(z):
// linear 1, sigmoid g(1-g), tanh 1-g², relu 1 if z > 0 else 0 (g'(0) = 0),
// leaky relu 1 if z > 0 else 0.01. Not defined for softmax (its Jacobian is not diagonal).
template <typename T>
void derivative(Activation a, const VectorT<T>& z, const VectorT<T>& x, VectorT<T>& dxdz);

// ∂J/∂z = (∂x/∂z)ᵀ ∂J/∂x for any activation; softmax uses its full Jacobian:
// ∂J/∂z_i = x_i (δ_i − Σ_l δ_l x_l).
template <typename T>
void chainThroughActivation(Activation a, const VectorT<T>& z, const VectorT<T>& x,
                            const VectorT<T>& delta, VectorT<T>& dJdz);

} // namespace bp
