#pragma once
// The one place the engine's number type is chosen. Double by default: the
// numbers on screen must match a hand computation.
#include <Eigen/Dense>

namespace bp {

using Scalar = double;
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

} // namespace bp
