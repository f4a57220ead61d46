#pragma once
// The number type training computes in, for the engine, the session, the window, the
// CLI and the benchmarks alike. Double is the default: on a small network the numbers
// on screen must match a hand computation. Float is the fast path for big networks
// (TrainingRunT<float>); a float run's values are widened, exactly, wherever they
// are shown or saved.
#include <optional>
#include <string>
#include <string_view>

namespace bp {

enum class Precision { Double, Float };

std::string toString(Precision p); // "double" or "float", as backprop-cli train --precision
// "double" or "float" (any case, surrounding spaces ignored); nullopt otherwise.
std::optional<Precision> precisionFromString(std::string_view text);

} // namespace bp
