#pragma once
#include "math/dataset.h"

#include <string>
#include <vector>

namespace bp {

// The records of a classification dataset whose class is in `classes` (the
// seed's labels_include), one-hot over just those classes in sorted order.
// InputError if `data` is not classification or no class matches.
Dataset keepClasses(const Dataset& data, const std::vector<std::string>& classes);

} // namespace bp
