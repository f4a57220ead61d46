#pragma once
// UTF-8 for the JSON reader and writer (json_parser.cpp, json_writer.cpp); internal to
// bp_io, not part of json.h.
#include <cstddef>
#include <cstdint>
#include <string>

namespace bp::json {

// Appends code point cp (at most U+10FFFF) to out as UTF-8.
void appendUtf8(std::string& out, std::uint32_t cp);

// Length of the valid UTF-8 sequence at s[i] (2..4 bytes, for a lead byte ≥ 0x80),
// or 0 if it is not valid (overlong, surrogate, beyond U+10FFFF, cut short).
std::size_t utf8Length(const std::string& s, std::size_t i);

} // namespace bp::json
