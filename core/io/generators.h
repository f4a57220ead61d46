#pragma once
// Toy datasets for the lessons, drawn from a seeded bp::Random so that the same
// seed gives the same records everywhere. `noise` is the standard deviation of
// the Gaussian noise added to each coordinate (to the target for sine).
// Records are interleaved by class, so any prefix is balanced.
#include "math/dataset.h"

#include <cstdint>

namespace bp {

// Four clusters at the corners (0,0) (1,0) (0,1) (1,1); target x1 XOR x2 as a
// single 0/1 row, classNames {"0", "1"}. With noise 0: the truth table repeated.
Dataset generateXor(std::uint64_t seed, double noise, long records = 200);

// A disc of radius 0.5 (target 1) inside a ring from 0.7 to 1 (target 0),
// single 0/1 row.
Dataset generateCircle(std::uint64_t seed, double noise, long records = 300);

// Two interleaved spirals (1.75 turns, radius 0 to 1), single 0/1 row.
Dataset generateSpirals(std::uint64_t seed, double noise, long records = 400);

// `classes` Gaussian blobs centred on the unit circle, spread 0.2 + noise;
// one-hot targets, classNames "0", "1", ...
Dataset generateBlobs(std::uint64_t seed, double noise, long records = 300, int classes = 3);

// Regression: x uniform in [−π, π], target sin(x) + noise.
Dataset generateSine(std::uint64_t seed, double noise, long records = 200);

} // namespace bp
