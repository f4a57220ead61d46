#pragma once
#include "math/network.h"

#include <functional>

namespace bp {

struct GradientCheck {
    double worstRelativeError = 0; // |backprop − numeric| / max(|backprop|, |numeric|, 1e-6)
    int layer = 0;                 // where: w_{i,j}(layer)
    Eigen::Index i = 0, j = 0;
    double backprop = 0; // ∂J/∂w from backward()
    double numeric = 0;  // from central finite differences
    Eigen::Index weightsChecked = 0;
    // Weights whose difference quotient straddles a ReLU corner (z = 0) even at h/1000:
    // there is no derivative to compare, so they are counted here and left out.
    Eigen::Index weightsAtKink = 0;
    Eigen::Index weightsTotal = 0; // weights of the network; > weightsChecked if stopped
    bool stopped() const { return weightsChecked < weightsTotal; }
};

// Called before each weight with (weights checked, weights in all); returning false
// stops the check there (the result then covers the weights checked so far).
using CheckProgress = std::function<bool(Eigen::Index done, Eigen::Index total)>;

// Compares ∂J/∂w_{i,j}(k) from backprop with the central difference
// [8(J(w+h) − J(w−h)) − (J(w+2h) − J(w−2h))] / 12h for every weight of `net` on
// one record (input x(0), target y). Where a ReLU-like node's z would cross 0 inside
// the stencil, h shrinks tenfold (up to three times).
GradientCheck gradientCheck(const Network& net, const Vector& input, const Vector& target,
                            double h = 1e-3, const CheckProgress& progress = {});

} // namespace bp
