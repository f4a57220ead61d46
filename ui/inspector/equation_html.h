#pragma once
// The engine's typed equations (core/math/equation.h) as rich text for Qt's HTML
// subset: subscripts as <sub> (z<sub>1</sub>(1), w<sub>1,0</sub>(1)), powers as <sup>
// (e<sup>z</sup>), every word escaped. Numbers are the engine's, written with
// formatNumber at the equation's digits.
#include "math/equation.h"

#include <QString>

namespace bp {

QString termHtml(const Term& t, int digits = 4);
// The sides joined by their relations, the result (the last side) in bold. The notes
// are left to the caller, which sets them apart.
QString equationHtml(const Equation& e);

} // namespace bp
