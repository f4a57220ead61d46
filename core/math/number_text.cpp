#include "math/number_text.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace bp {

namespace {
std::string chars(double v, std::chars_format format, int precision) {
    char buf[400]; // a fixed-format double with 17 decimals fits in 330
    const std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, v, format, precision);
    return r.ec == std::errc() ? std::string(buf, r.ptr) : std::string("?");
}
} // namespace

std::string significantText(double v, int digits) {
    return chars(v, std::chars_format::general, digits < 1 ? 1 : digits);
}

std::string roundTripText(double v) {
    return chars(v, std::chars_format::general, 17); // exactly "%.17g" in the C locale
}

std::string fixedText(double v, int decimals) {
    return chars(v, std::chars_format::fixed, decimals < 0 ? 0 : decimals);
}

std::optional<double> parseDouble(std::string_view text) {
    double v = 0;
    const char* end = text.data() + text.size();
    const std::from_chars_result r =
        std::from_chars(text.data(), end, v, std::chars_format::general);
    if (r.ptr != end || text.empty())
        return std::nullopt;
    if (r.ec == std::errc::result_out_of_range) {
        // Which way: a large exponent (or many digits) overflows, a small one underflows.
        const bool negative = text.front() == '-';
        const std::size_t e = text.find_first_of("eE");
        const bool tiny = e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
        const double magnitude = tiny ? 0.0 : std::numeric_limits<double>::infinity();
        return negative ? -magnitude : magnitude;
    }
    if (r.ec != std::errc())
        return std::nullopt;
    return v;
}

} // namespace bp
