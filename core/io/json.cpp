#include "io/json.h"

#include "io/text_input.h"
#include "math/number_text.h"

#include <cmath>

namespace bp::json {

std::string describe(Type t) {
    switch (t) {
    case Type::Null:
        return "null";
    case Type::Bool:
        return "true or false";
    case Type::Number:
        return "a number";
    case Type::String:
        return "a string";
    case Type::Array:
        return "an array";
    case Type::Object:
        return "an object";
    }
    return "?";
}

Value Value::makeBool(bool b) {
    Value v;
    v.type = Type::Bool;
    v.boolean = b;
    return v;
}

Value Value::makeNumber(double d) {
    Value v;
    v.type = Type::Number;
    v.number = d;
    return v;
}

Value Value::makeInteger(std::uint64_t n) {
    Value v;
    v.type = Type::Number;
    v.number = static_cast<double>(n);
    v.text = std::to_string(n);
    return v;
}

Value Value::makeString(std::string s) {
    Value v;
    v.type = Type::String;
    v.text = std::move(s);
    return v;
}

Value Value::makeArray(std::vector<Value> items) {
    Value v;
    v.type = Type::Array;
    v.items = std::move(items);
    return v;
}

Value Value::makeStringArray(const std::vector<std::string>& strings) {
    Value a = makeArray();
    for (const std::string& s : strings)
        a.items.push_back(makeString(s));
    return a;
}

Value Value::makeObject() {
    Value v;
    v.type = Type::Object;
    return v;
}

const Value* Value::find(const std::string& key) const {
    for (const Member& m : members)
        if (m.key == key)
            return &m.value;
    return nullptr;
}

Value& Value::add(std::string key, Value v) {
    members.push_back({std::move(key), std::move(v)});
    return members.back().value;
}

std::optional<std::uint64_t> Value::asUnsigned() const {
    if (type != Type::Number || text.empty() || text.size() > 20)
        return std::nullopt;
    std::uint64_t n = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (n > (UINT64_MAX - digit) / 10)
            return std::nullopt;
        n = n * 10 + digit;
    }
    return n;
}

double parseNumber(const std::string& token) {
    // text_input.h's reading (from_chars: '.' whatever the locale) of a grammar that
    // holds JSON's. Out of range it tells an overflow from an underflow by the
    // number's decimal magnitude, not by the sign of its exponent: "0.000…1" (400
    // zeros) is 0, and 1 followed by 400 zeros and "e-1" is infinite, not 0.
    double value = 0.0;
    switch (bp::parseNumber(token, value)) {
    case NumberText::Number:
        return value;
    case NumberText::NotFinite:
        return token.front() == '-' ? -HUGE_VAL : HUGE_VAL;
    case NumberText::NotNumber:
        break;
    }
    return std::nan("");
}

std::string formatNumber(double d) {
    return roundTripText(d); // reads back bit for bit, '.' whatever the locale
}

} // namespace bp::json
