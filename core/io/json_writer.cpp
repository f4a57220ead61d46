#include "io/json.h"
#include "io/json_utf8.h"

#include "math/error.h"

#include <cmath>

namespace bp::json {

namespace {

bool isScalar(const Value& v) {
    return v.type != Type::Array && v.type != Type::Object;
}

void writeValue(std::string& out, const Value& v, int indent);

void writeScalar(std::string& out, const Value& v) {
    switch (v.type) {
    case Type::Null:
        out += "null";
        break;
    case Type::Bool:
        out += v.boolean ? "true" : "false";
        break;
    case Type::Number:
        if (!v.text.empty()) {
            out += v.text;
        } else {
            if (!std::isfinite(v.number))
                throw InputError(std::string("cannot write the number ") +
                                 (std::isnan(v.number) ? "nan"
                                  : v.number > 0       ? "inf"
                                                       : "-inf") +
                                 " in JSON; only finite numbers can be saved");
            out += formatNumber(v.number);
        }
        break;
    case Type::String:
        out += quote(v.text);
        break;
    default:
        break;
    }
}

// An object of scalars short enough for one line, such as {"size": 2}.
bool fitsOnOneLine(const Value& v) {
    std::size_t length = 2;
    for (const Member& m : v.members) {
        if (!isScalar(m.value))
            return false;
        length += m.key.size() + 6 + (m.value.type == Type::String ? m.value.text.size() : 24);
    }
    return length <= 60;
}

void writeValue(std::string& out, const Value& v, int indent) {
    const std::string inner(static_cast<std::size_t>(indent + 2), ' ');
    if (v.type == Type::Array) {
        bool flat = true;
        for (const Value& item : v.items)
            flat = flat && isScalar(item);
        out += '[';
        for (std::size_t i = 0; i < v.items.size(); ++i) {
            out += i ? (flat ? ", " : ",\n") : (flat ? "" : "\n");
            if (!flat)
                out += inner;
            writeValue(out, v.items[i], indent + 2);
        }
        if (!flat && !v.items.empty())
            out += "\n" + std::string(static_cast<std::size_t>(indent), ' ');
        out += ']';
    } else if (v.type == Type::Object) {
        const bool flat = fitsOnOneLine(v);
        out += '{';
        for (std::size_t i = 0; i < v.members.size(); ++i) {
            out += i ? (flat ? ", " : ",\n") : (flat ? "" : "\n");
            if (!flat)
                out += inner;
            out += quote(v.members[i].key) + ": ";
            writeValue(out, v.members[i].value, indent + 2);
        }
        if (!flat && !v.members.empty())
            out += "\n" + std::string(static_cast<std::size_t>(indent), ' ');
        out += '}';
    } else {
        writeScalar(out, v);
    }
}

} // namespace

std::string write(const Value& v) {
    std::string out;
    writeValue(out, v, 0);
    out += '\n';
    return out;
}

std::string quote(const std::string& s) {
    static const char* hex = "0123456789abcdef";
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b >= 0x80) {
            const std::size_t n = utf8Length(s, i);
            if (n == 0) {
                out += "\xEF\xBF\xBD"; // U+FFFD for a byte that is not UTF-8
                ++i;
            } else {
                out.append(s, i, n);
                i += n;
            }
            continue;
        }
        switch (b) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (b < 0x20)
                out += std::string("\\u00") + hex[b >> 4] + hex[b & 15];
            else
                out += static_cast<char>(b);
        }
        ++i;
    }
    return out + "\"";
}

} // namespace bp::json
