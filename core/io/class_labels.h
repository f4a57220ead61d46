#pragma once
// Class labels (one text per record) -> class names, class indices and one-hot
// targets. Shared by the CSV and IDX readers.
#include "math/types.h"

#include <cstddef>
#include <string>
#include <vector>

namespace bp {

// More distinct labels than this in one column is an error: it almost always
// means a numeric column was taken for labels.
constexpr std::size_t kMaxClasses = 1000;

struct ClassEncoding {
    std::vector<std::string> classNames; // sorted; numerically when all are numbers
    std::vector<int> labels;             // class index of each kept record
    std::vector<std::size_t> kept;       // indices of the kept records, ascending
};

// Sorts the distinct labels and, when `subset` is non-empty, keeps only the
// records whose label is in it (the class names are then just those, still in
// sorted order). `file` and `source` (e.g. "column \"species\"") name where
// the labels came from in error messages.
ClassEncoding encodeClasses(const std::vector<std::string>& recordLabels,
                            const std::vector<std::string>& subset, const std::string& file,
                            const std::string& source);

// One row per class, one column per record: 1 in the row of the record's class.
Matrix oneHot(const std::vector<int>& labels, std::size_t classCount);

} // namespace bp
