#pragma once
#include <QPalette>

namespace bp {

// The window's dark palette (View → Dark palette); tests render widgets with it
// to check that every colour still reads.
QPalette darkPalette();

} // namespace bp
