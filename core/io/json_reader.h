#pragma once
// Reading JSON files with messages that name the file, the line and column, the field
// and what was expected: what the model file and the session file readers share.
#include "io/json.h"
#include "math/error.h"
#include "math/types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bp::json_reading {

using json::Type;
using json::Value;

template <typename N> inline std::string str(N n) {
    return std::to_string(n);
}
// "1 name", "3 names".
template <typename N> inline std::string counted(N n, const std::string& word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// A short rendering of a value for messages: the number or string itself, else its type.
inline std::string shown(const Value& v) {
    if (v.type == Type::Number)
        return v.text;
    if (v.type == Type::String && v.text.size() <= 40)
        return json::quote(v.text);
    if (v.type == Type::Bool)
        return v.boolean ? "true" : "false";
    return json::describe(v.type);
}

// Reading with messages that name the file, the line and column, the field and
// what was expected.
class Reader {
public:
    explicit Reader(const std::string& file) : m_file(file) {}
    const std::string& fileName() const { return m_file; }

    [[noreturn]] void fail(const Value& at, const std::string& message) const {
        throw InputError(m_file, at.line, at.column, message);
    }

    // The field `key` of an object; nullptr if absent or null (optional fields).
    const Value* optional(const Value& object, const char* key) const {
        const Value* v = object.find(key);
        return v && v->type != Type::Null ? v : nullptr;
    }

    const Value& required(const Value& object, const char* key, const std::string& where,
                          const std::string& expected) const {
        const Value* v = optional(object, key);
        if (!v)
            fail(object, where + " has no \"" + key + "\"; expected " + expected);
        return *v;
    }

    void expect(const Value& v, Type t, const std::string& what,
                const std::string& expected) const {
        if (v.type != t)
            fail(v, what + " is " + shown(v) + "; expected " + expected);
    }

    std::uint64_t whole(const Value& v, const std::string& what, std::uint64_t min,
                        std::uint64_t max) const {
        const std::string expected =
            "a whole number" + (max == UINT64_MAX && min > 0
                                    ? " of at least " + str(min)
                                    : " from " + str(min) + " to " + str(max));
        expect(v, Type::Number, what, expected);
        const std::optional<std::uint64_t> n = v.asUnsigned();
        if (!n || *n < min || *n > max)
            fail(v, what + " is " + v.text + "; expected " + expected);
        return *n;
    }

    double number(const Value& v, const std::string& what) const {
        expect(v, Type::Number, what, "a number");
        return v.number; // finite: the parser rejects numbers out of range
    }

    std::string string(const Value& v, const std::string& what, const std::string& expected) const {
        expect(v, Type::String, what, expected);
        return v.text;
    }

    const Value& array(const Value& v, const std::string& what, const std::string& expected) const {
        expect(v, Type::Array, what, expected);
        return v;
    }

    // An array of `count` strings.
    std::vector<std::string> names(const Value& v, const std::string& what, std::size_t count,
                                   const std::string& why) const {
        const std::string expected = counted(count, "name") + ", " + why;
        array(v, what, "an array of " + expected);
        if (v.items.size() != count)
            fail(v, what + " has " + counted(v.items.size(), "name") + "; expected " + expected);
        std::vector<std::string> out;
        for (std::size_t i = 0; i < count; ++i)
            out.push_back(string(v.items[i], what + " entry " + str(i + 1), "a string"));
        return out;
    }

    // An array of `length` numbers.
    Vector vector(const Value& v, const std::string& what, Eigen::Index length,
                  const std::string& why) const {
        const std::string expected = counted(length, "number") + ", " + why;
        array(v, what, "an array of " + expected);
        if (static_cast<Eigen::Index>(v.items.size()) != length)
            fail(v, what + " has " + counted(v.items.size(), "number") + "; expected " + expected);
        Vector out(length);
        for (Eigen::Index i = 0; i < length; ++i)
            out[i] = number(v.items[static_cast<std::size_t>(i)], what + " entry " + str(i + 1));
        return out;
    }

private:
    const std::string& m_file;
};

// The text of the JSON file at `path` (a `what`: "model", "session"), refusing a folder
// and a file over maxBytes; InputError(path, reason) when it cannot be read.
std::string readJsonFile(const std::string& path, const std::string& what, std::uintmax_t maxBytes);

} // namespace bp::json_reading
