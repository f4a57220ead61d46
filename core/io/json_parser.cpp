#include "io/json.h"
#include "io/json_utf8.h"

#include "math/error.h"

#include <cmath>
#include <unordered_map>

namespace bp::json {

namespace {

class Parser {
public:
    Parser(const std::string& text, const std::string& file) : m_text(text), m_file(file) {}

    Value document() {
        if (m_text.compare(0, 3, "\xEF\xBB\xBF") == 0)
            m_pos = 3; // a UTF-8 byte order mark, as some editors write
        skipSpace();
        if (atEnd())
            fail("the file is empty; expected a JSON value");
        Value v = value();
        skipSpace();
        if (!atEnd())
            fail("expected the end of the file after the JSON value, found " + found());
        return v;
    }

private:
    const std::string& m_text;
    const std::string& m_file;
    std::size_t m_pos = 0;
    long m_line = 1;
    long m_column = 1;
    int m_depth = 0;

    [[noreturn]] void fail(const std::string& message) const {
        throw InputError(m_file, m_line, m_column, message);
    }
    [[noreturn]] void failAt(long line, long column, const std::string& message) const {
        throw InputError(m_file, line, column, message);
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return m_text[m_pos]; }

    // Moves past one byte. Columns count characters: UTF-8 continuation bytes add none.
    void advance() {
        const auto b = static_cast<unsigned char>(m_text[m_pos++]);
        if (b == '\n') {
            ++m_line;
            m_column = 1;
        } else if ((b & 0xC0) != 0x80) {
            ++m_column;
        }
    }

    std::string found() const {
        if (atEnd())
            return "the end of the file";
        const auto b = static_cast<unsigned char>(peek());
        if (b >= 0x21 && b < 0x7F)
            return std::string("'") + static_cast<char>(b) + "'";
        static const char* hex = "0123456789ABCDEF";
        return std::string("byte 0x") + hex[b >> 4] + hex[b & 15];
    }

    void skipSpace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            advance();
    }

    Value value() {
        skipSpace();
        if (atEnd())
            fail("unexpected end of the file; expected a value");
        Value v;
        v.line = m_line;
        v.column = m_column;
        const char c = peek();
        if (c == '{' || c == '[') {
            if (++m_depth > kMaxDepth)
                fail("arrays and objects are nested more than " + std::to_string(kMaxDepth) +
                     " levels deep");
            c == '{' ? object(v) : array(v);
            --m_depth;
        } else if (c == '"') {
            v.type = Type::String;
            v.text = string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            number(v);
        } else if (!literal(v)) {
            fail("expected a value (a number, a string, an array, an object, true, false or "
                 "null), found " +
                 found());
        }
        return v;
    }

    bool literal(Value& v) {
        static const struct {
            const char* word;
            Type type;
            bool value;
        } kWords[] = {
            {"true", Type::Bool, true}, {"false", Type::Bool, false}, {"null", Type::Null, false}};
        for (const auto& w : kWords) {
            const std::string word = w.word;
            if (m_text.compare(m_pos, word.size(), word) == 0) {
                for (std::size_t i = 0; i < word.size(); ++i)
                    advance();
                v.type = w.type;
                v.boolean = w.value;
                return true;
            }
        }
        return false;
    }

    void object(Value& v) {
        v.type = Type::Object;
        advance(); // '{'
        skipSpace();
        if (!atEnd() && peek() == '}') {
            advance();
            return;
        }
        std::unordered_map<std::string, std::pair<long, long>> seen; // key -> line, column
        for (;;) {
            skipSpace();
            if (atEnd() || peek() != '"')
                fail("expected a field name in double quotes, found " + found());
            const long line = m_line, column = m_column;
            std::string key = string();
            const auto [it, fresh] = seen.emplace(key, std::make_pair(line, column));
            if (!fresh)
                failAt(line, column,
                       "duplicate field " + quote(key) + " (first given at line " +
                           std::to_string(it->second.first) + ", column " +
                           std::to_string(it->second.second) + ")");
            skipSpace();
            if (atEnd() || peek() != ':')
                fail("expected ':' after the field name " + quote(key) + ", found " + found());
            advance();
            Value item = value();
            v.members.push_back({std::move(key), std::move(item)});
            skipSpace();
            if (!atEnd() && peek() == ',') {
                advance();
                continue;
            }
            if (!atEnd() && peek() == '}') {
                advance();
                return;
            }
            fail("expected ',' or '}' after a field of the object, found " + found());
        }
    }

    void array(Value& v) {
        v.type = Type::Array;
        advance(); // '['
        skipSpace();
        if (!atEnd() && peek() == ']') {
            advance();
            return;
        }
        for (;;) {
            v.items.push_back(value());
            skipSpace();
            if (!atEnd() && peek() == ',') {
                advance();
                continue;
            }
            if (!atEnd() && peek() == ']') {
                advance();
                return;
            }
            fail("expected ',' or ']' after an element of the array, found " + found());
        }
    }

    bool digitHere() const { return !atEnd() && peek() >= '0' && peek() <= '9'; }

    void digits(const char* after) {
        if (!digitHere())
            fail(std::string("expected a digit after ") + after + " in a number, found " + found());
        while (digitHere())
            advance();
    }

    void number(Value& v) {
        const std::size_t start = m_pos;
        if (peek() == '-')
            advance();
        if (!atEnd() && peek() == '0') {
            advance();
            if (digitHere())
                fail("a number may not start with 0 followed by more digits");
        } else {
            digits("'-'");
        }
        if (!atEnd() && peek() == '.') {
            advance();
            digits("'.'");
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            advance();
            if (!atEnd() && (peek() == '+' || peek() == '-'))
                advance();
            digits("the exponent 'e'");
        }
        v.type = Type::Number;
        v.text = m_text.substr(start, m_pos - start);
        v.number = parseNumber(v.text);
        if (!std::isfinite(v.number))
            failAt(v.line, v.column,
                   "the number " + v.text +
                       " is out of range (a double holds up to about 1.8e308)");
    }

    unsigned hex4() {
        unsigned u = 0;
        for (int i = 0; i < 4; ++i) {
            if (atEnd())
                fail("expected 4 hex digits after \\u, found the end of the file");
            const char c = peek();
            unsigned d = 0;
            if (c >= '0' && c <= '9')
                d = static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                d = static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                d = static_cast<unsigned>(c - 'A' + 10);
            else
                fail("expected 4 hex digits after \\u, found " + found());
            u = u * 16 + d;
            advance();
        }
        return u;
    }

    void escape(std::string& out) {
        const long line = m_line, column = m_column;
        advance(); // '\'
        if (atEnd())
            fail("unexpected end of the file in an escape sequence");
        const char c = peek();
        const char* from = "\"\\/bfnrt";
        const char* to = "\"\\/\b\f\n\r\t";
        for (int i = 0; from[i]; ++i)
            if (c == from[i]) {
                out += to[i];
                advance();
                return;
            }
        if (c != 'u')
            fail("unknown escape \\" + std::string(1, c) +
                 "; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        advance();
        std::uint32_t cp = hex4();
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            failAt(line, column, "a low surrogate \\u escape without a high surrogate before it");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (m_text.compare(m_pos, 2, "\\u") != 0)
                failAt(line, column,
                       "a high surrogate \\u escape must be followed by a low surrogate \\uDC00 to "
                       "\\uDFFF");
            advance();
            advance();
            const std::uint32_t low = hex4();
            if (low < 0xDC00 || low > 0xDFFF)
                failAt(line, column,
                       "a high surrogate \\u escape must be followed by a low surrogate \\uDC00 to "
                       "\\uDFFF");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(out, cp);
    }

    std::string string() {
        const long line = m_line, column = m_column;
        advance(); // '"'
        std::string out;
        for (;;) {
            if (atEnd())
                failAt(line, column, "this string has no closing '\"'");
            const auto b = static_cast<unsigned char>(peek());
            if (b == '"') {
                advance();
                return out;
            }
            if (b == '\\') {
                escape(out);
            } else if (b < 0x20) {
                fail("a control character (" + found() +
                     ") in a string; write it as an escape such as \\n or \\u0009");
            } else if (b < 0x80) {
                out += static_cast<char>(b);
                advance();
            } else {
                const std::size_t n = utf8Length(m_text, m_pos);
                if (n == 0)
                    fail("invalid UTF-8 (" + found() + ") in a string; save the file as UTF-8");
                out.append(m_text, m_pos, n);
                for (std::size_t i = 0; i < n; ++i)
                    advance();
            }
        }
    }
};

} // namespace

Value parse(const std::string& text, const std::string& fileName) {
    return Parser(text, fileName).document();
}

} // namespace bp::json
