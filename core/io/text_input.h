#pragma once
// Helpers shared by the text readers (CSV, FANN): whole-file reading, number
// parsing that does not depend on the process locale, and quoting for messages.
#include "io/load_progress.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace bp {

// The whole file as bytes, read into one string of the file's size (held once); InputError
// naming the file if it cannot be read. Reports the bytes read on `progress`.
std::string readWholeFile(const std::string& path, const LoadProgress& progress = {});

// The last path component ("data/iris.csv" -> "iris.csv").
std::string fileNameOf(const std::string& path);

// `s` without the spaces, tabs and line breaks around it.
std::string trimmed(std::string_view s);

// s with ASCII letters in lower case (file extensions, header names); other bytes kept.
std::string lowered(std::string s);

enum class NumberText {
    Number,    // a finite number
    NotFinite, // nan, inf, infinity (any case) or a value too large for a double
    NotNumber  // anything else, including an empty field
};

// Parses the whole of `text` (surrounding spaces allowed) as a decimal number in
// the C locale: [+-]digits[.digits][e[+-]digits], or nan/inf. A decimal comma
// ("1,5") is accepted when `decimalComma` is set and the text holds no '.'.
NumberText parseNumber(std::string_view text, double& value, bool decimalComma = false);

// `text` in double quotes for an error message: at most 40 characters, control
// characters and invalid UTF-8 shown as \xNN.
std::string inQuotes(std::string_view text);

// 1-based column of byte `offset` in a line starting at byte `lineStart`,
// counting UTF-8 characters rather than bytes.
long columnOf(const std::string& text, std::size_t lineStart, std::size_t offset);

// The length of a leading UTF-8 byte order mark: 3 if `text` starts with one, else 0.
std::size_t byteOrderMarkLength(const std::string& text);

} // namespace bp
