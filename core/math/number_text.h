#pragma once
// Numbers as text, the same in every locale: '.' as the decimal point whatever
// setlocale says (QApplication adopts the user's locale on Unix, so printf and strtod
// would write and read "0,5" under de_DE). Everything core writes or reads — model
// JSON, the trace CSV, the explanations, CSV and FANN data — goes through here, on
// std::to_chars / std::from_chars.
#include <optional>
#include <string>
#include <string_view>

namespace bp {

// As printf's "%.*g" in the C locale: `digits` significant digits, trailing zeros off.
std::string significantText(double v, int digits);
// "%.17g" in the C locale: reads back to v bit for bit, -0 included.
std::string roundTripText(double v);
// As printf's "%.*f" in the C locale.
std::string fixedText(double v, int decimals);
// The whole of `text` as a number (from_chars' grammar: no leading '+', no spaces);
// nullopt if it is not one. Out of double's range: ±infinity above it, ±0 below.
std::optional<double> parseDouble(std::string_view text);

} // namespace bp
