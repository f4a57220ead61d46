#pragma once
// The one place the engine's number type is chosen. Double by default: the
// numbers on screen must match a hand computation. Float is the fast path.

#include <Eigen/Dense>

namespace bp {

// The engine's classes and functions are templates on the scalar T (float or
// double, instantiated in the .cpp files); these names are the double versions.
template <typename T> using MatrixT = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <typename T> using VectorT = Eigen::Matrix<T, Eigen::Dynamic, 1>;

using Scalar = double;
using Matrix = MatrixT<Scalar>;
using Vector = VectorT<Scalar>;

} // namespace bp
