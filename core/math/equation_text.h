#pragma once
// An equation as plain text, in the seed's ASCII-friendly notation: subscripts after
// "_" (z_1(1)), several in braces (w_{1,0}(1)), powers after "^" (e^z_1(2)). What
// backprop-cli step prints.
#include "math/equation.h"

#include <string>

namespace bp {

std::string termText(const Term& t, int digits);
// The sides joined by their relations, then each note as "   (note)".
std::string equationText(const Equation& e);

} // namespace bp
