#pragma once
// A small, strict JSON (RFC 8259) reader and writer for the model file. Every
// parsed value remembers its line and column so that messages can point at it.
// Numbers are read and written the same way in every process locale.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bp::json {

enum class Type { Null, Bool, Number, String, Array, Object };

// "null", "true or false", "a number", "a string", "an array", "an object".
std::string describe(Type t);

struct Member;

struct Value {
    Type type = Type::Null;
    bool boolean = false;
    double number = 0;           // Number: the nearest double to the token
    std::string text;            // String: the decoded UTF-8; Number: the token as written
    std::vector<Value> items;    // Array
    std::vector<Member> members; // Object, in file order, keys unique
    long line = 0;               // 1-based position of the value's first character
    long column = 0;             // (0 for values that were built, not parsed)

    static Value makeBool(bool b);
    static Value makeNumber(double d);         // written with 17 significant digits
    static Value makeInteger(std::uint64_t n); // written exactly
    static Value makeString(std::string s);
    static Value makeArray(std::vector<Value> items = {});
    static Value makeStringArray(const std::vector<std::string>& strings);
    static Value makeObject();

    bool is(Type t) const { return type == t; }
    const Value* find(const std::string& key) const; // Object member or nullptr
    // Appends a member and returns it; the reference lasts until the next add.
    Value& add(std::string key, Value v);
    // The number as an unsigned integer if its token is a plain integer
    // (digits only: no sign, fraction or exponent) that fits; nullopt otherwise.
    std::optional<std::uint64_t> asUnsigned() const;
};

struct Member {
    std::string key;
    Value value;
};

// Nesting deeper than this is rejected rather than risking the stack.
constexpr int kMaxDepth = 256;

// Parses one JSON value (an optional UTF-8 byte order mark and surrounding
// whitespace allowed). Throws InputError(fileName, line, column, what was
// expected) on malformed input, duplicate keys, invalid UTF-8, lone surrogates,
// numbers out of double range or nesting deeper than kMaxDepth.
Value parse(const std::string& text, const std::string& fileName);

// Pretty JSON with a two-space indent and a final newline. Arrays of scalars
// stay on one line. Throws InputError for non-finite numbers.
std::string write(const Value& v);

// "%.17g" (number_text.h), with '.' as the decimal
// point whatever the locale: parse(formatNumber(d)) gives d back bit for bit
// (including -0). Requires a finite d.
std::string formatNumber(double d);

// A JSON number token (the whole token) as a double, whatever the locale: ±infinity
// beyond double's range, ±0 below it (by the number's magnitude, whatever its exponent).
double parseNumber(const std::string& token);

// s as a JSON string literal, with quotes and escapes.
std::string quote(const std::string& s);

} // namespace bp::json
