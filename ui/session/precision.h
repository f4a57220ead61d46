#pragma once
// The number type a training session computes in. Double is the default: on a
// small network the numbers on screen must match a hand computation. Float is the
// fast path (issue 5). Either way the GUI gets doubles: a float session's values
// are widened, exactly, before they leave the worker.
#include <optional>
#include <QString>

namespace bp {

enum class Precision { Double, Float };

QString toText(Precision p); // "double" or "float", as backprop-cli's --precision
// "double" or "float" (any case, surrounding spaces ignored); nullopt otherwise.
std::optional<Precision> precisionFromText(const QString& text);

} // namespace bp
