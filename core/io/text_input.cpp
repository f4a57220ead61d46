#include "io/text_input.h"

#include "math/error.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace bp {

std::string lowered(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string readWholeFile(const std::string& path, const LoadProgress& progress) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(path, "cannot read the file: it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path, std::string("cannot open the file: ") + std::strerror(errno));
    // Straight into a string of the file's size: a stream buffer copied out with str()
    // held the text twice at its peak.
    const std::uintmax_t size =
        std::filesystem::is_regular_file(path, ec) ? std::filesystem::file_size(path, ec) : 0;
    std::string bytes(ec ? 0 : static_cast<std::size_t>(size), '\0');
    ByteProgress meter(progress, bytes.size());
    constexpr std::size_t kChunk = std::size_t(1) << 20;
    std::size_t got = 0;
    while (got < bytes.size() && in) {
        in.read(bytes.data() + got,
                static_cast<std::streamsize>(std::min(kChunk, bytes.size() - got)));
        got += static_cast<std::size_t>(in.gcount());
        meter.at(got);
    }
    bytes.resize(got);
    // Whatever is beyond the size asked for (a file still growing, a pipe).
    std::array<char, 1 << 16> chunk;
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        bytes.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad())
        throw InputError(path, "cannot read the file");
    meter.done();
    return bytes;
}

std::string fileNameOf(const std::string& path) {
    const std::size_t slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string trimmed(std::string_view s) {
    const std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos)
        return {};
    const std::size_t e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

static bool isSpace(char c) {
    return c == ' ' || c == '\t';
}

static bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// A result_out_of_range from from_chars is an overflow or an underflow. The
// decimal magnitude (digits before the point plus the exponent) tells which.
static bool overflows(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+'))
        ++i;
    while (i < text.size() && text[i] == '0')
        ++i;
    long magnitude = 0;
    bool significant = false;
    for (; i < text.size() && isDigit(text[i]); ++i) {
        ++magnitude;
        significant = true;
    }
    if (i < text.size() && text[i] == '.') {
        for (++i; i < text.size() && isDigit(text[i]); ++i) {
            if (!significant && text[i] == '0')
                --magnitude;
            else
                significant = true;
        }
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool negative = false;
        if (i < text.size() && (text[i] == '-' || text[i] == '+'))
            negative = text[i++] == '-';
        // Capped far above any count of digits a file can hold (a cap of 10^6 made
        // 1 and 2,000,000 zeros "e-3000000" an overflow), and far below overflowing.
        long exponent = 0;
        for (; i < text.size() && isDigit(text[i]); ++i)
            exponent = std::min(exponent * 10 + (text[i] - '0'), 1000000000000000L);
        magnitude += negative ? -exponent : exponent;
    }
    return magnitude > 0;
}

NumberText parseNumber(std::string_view text, double& value, bool decimalComma) {
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    if (text.empty())
        return NumberText::NotNumber;
    std::string converted;
    if (decimalComma && text.find('.') == std::string_view::npos) {
        const std::size_t comma = text.find(',');
        if (comma != std::string_view::npos &&
            text.find(',', comma + 1) == std::string_view::npos) {
            converted = std::string(text);
            converted[comma] = '.';
            text = converted;
        }
    }
    if (text.front() == '+') {
        // from_chars takes no '+'; a second sign after it is not a number.
        text.remove_prefix(1);
        if (text.empty() || text.front() == '+' || text.front() == '-')
            return NumberText::NotNumber;
    }
    double parsed = 0.0;
    const char* end = text.data() + text.size();
    const std::from_chars_result r =
        std::from_chars(text.data(), end, parsed, std::chars_format::general);
    if (r.ec == std::errc::invalid_argument || r.ptr != end)
        return NumberText::NotNumber;
    if (r.ec == std::errc::result_out_of_range) {
        if (overflows(text))
            return NumberText::NotFinite;
        value = text.front() == '-' ? -0.0 : 0.0;
        return NumberText::Number;
    }
    if (!std::isfinite(parsed))
        return NumberText::NotFinite;
    value = parsed;
    return NumberText::Number;
}

// Length of the valid UTF-8 sequence at `i`, or 0.
static std::size_t utf8Length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4;
    else
        return 0;
    if (i + n > s.size())
        return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
            return 0;
    return n;
}

std::string inQuotes(std::string_view text) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out = "\"";
    std::size_t characters = 0;
    std::size_t i = 0;
    for (; i < text.size() && characters < 40; ++characters) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
            ++i;
        } else if (const std::size_t n = c >= 0x80 ? utf8Length(text, i) : 0; n > 0) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xF];
            ++i;
        }
    }
    out += '"';
    if (i < text.size())
        out += "...";
    return out;
}

long columnOf(const std::string& text, std::size_t lineStart, std::size_t offset) {
    long column = 1;
    for (std::size_t i = lineStart; i < offset && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            ++column;
    return column;
}

std::size_t byteOrderMarkLength(const std::string& text) {
    return text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
}

} // namespace bp
