// Included before every source file when GCC 12 builds with AVX-512 (see the top-level
// CMakeLists.txt). GCC 12's own AVX-512 header initialises its "undefined" registers
// from themselves, and -Wmaybe-uninitialized (or -Wuninitialized, where the compiler is
// sure) then warns wherever Eigen or the kernels use them (GCC bug 105593, fixed in
// GCC 13). Including the header here, with those warnings off for its own lines, keeps
// them on for the project's code.
#pragma once
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
