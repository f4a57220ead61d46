#pragma once
// A dataset as CSV that the CSV reader (csv_reader.h) reads back to the same values: a
// header row (the input names, then "class" or the target names), one record per line,
// the numbers in their shortest form that reads back to the same double (std::to_chars:
// '.' as the decimal point whatever the locale), the class of a record by its name.
// Fields with a comma, a quote, a line break or spaces at an end are quoted (RFC 4180).
#include "math/dataset.h"

#include <string>

namespace bp {

// The header's names: the data's own input and target names where it has them, else
// x1, x2, … and (classification) "class" or (regression) y1, y2, ….
std::vector<std::string> csvHeader(const Dataset& d);

// The whole file's text. Classification data: one class column of names (the reader
// takes a column of integer names as classes only with LoadOptions::classify).
std::string csvText(const Dataset& d);

// csvText written whole through AtomicFile (atomic_file.h): the file appears complete
// or not at all. InputError(path, …) on a write error.
void writeCsv(const Dataset& d, const std::string& path);

} // namespace bp
