#pragma once
// Predict, then check: a student types a value before the phase that computes it
// runs; afterwards the engine's value grades it (docs/teaching.md).
//
//   exact  the engine's value rounded to the decimals typed is the number typed
//          ("0.3775" for 0.37750000: exact to 4 decimals; "0.38" is exact to 2)
//   close  not exact, but within 1% of the engine's value (relative error shown)
//   wrong  anything else
#include <optional>
#include <string>

namespace bp {

struct PredictionGrade {
    enum class Kind { Exact, Close, Wrong };
    Kind kind = Kind::Wrong;
    double typed = 0;         // the number the student typed
    int decimals = 0;         // decimals typed (after the exponent: "1.5e-3" has 4)
    double relativeError = 0; // |typed − actual| / |actual| (absolute when actual = 0)
};

// Relative error below which a prediction that is not exact counts as close.
constexpr double kCloseWithin = 0.01;

// A number as a student types it: "0.3775", "-0.0381", ",5" and "0,5" (a decimal
// comma), "1.5e-3", "−0.2" (a typographic minus). nullopt if it is not a number;
// `decimals` receives the decimals it was typed to.
std::optional<double> readTypedNumber(const std::string& text, int* decimals = nullptr);

// The grade of `typed` against the engine's `actual`; nullopt if `typed` is not a number.
std::optional<PredictionGrade> gradePrediction(const std::string& typed, double actual);

// "exact (to 4 decimals)", "close: 0.31% off", "wrong: 12% off".
std::string gradeText(const PredictionGrade& g);

} // namespace bp
