#include "math/prediction.h"

#include "math/explain.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace bp {

std::optional<double> readTypedNumber(const std::string& raw, int* decimals) {
    // Trim, and take "−" (U+2212) for "-" and a decimal comma for a point.
    std::string text;
    for (std::size_t n = 0; n < raw.size(); ++n) {
        if (raw.compare(n, 3, "\xE2\x88\x92") == 0) {
            text += '-';
            n += 2;
        } else if (raw[n] == ',') {
            text += '.';
        } else if (raw[n] != ' ' && raw[n] != '\t') {
            text += raw[n];
        }
    }
    if (text.empty())
        return std::nullopt;
    // sign, digits [. digits] [e|E [sign] digits]: the decimals are those after the point,
    // moved by the exponent.
    std::size_t n = 0;
    if (text[n] == '-' || text[n] == '+')
        ++n;
    int intDigits = 0, fraction = 0;
    while (n < text.size() && std::isdigit(static_cast<unsigned char>(text[n])))
        ++n, ++intDigits;
    if (n < text.size() && text[n] == '.') {
        ++n;
        while (n < text.size() && std::isdigit(static_cast<unsigned char>(text[n])))
            ++n, ++fraction;
    }
    if (intDigits + fraction == 0)
        return std::nullopt;
    long exponent = 0;
    if (n < text.size() && (text[n] == 'e' || text[n] == 'E')) {
        ++n;
        const std::size_t start = n;
        if (n < text.size() && (text[n] == '-' || text[n] == '+'))
            ++n;
        const std::size_t digitsStart = n;
        while (n < text.size() && std::isdigit(static_cast<unsigned char>(text[n])))
            ++n;
        if (n == digitsStart || n - digitsStart > 3)
            return std::nullopt;
        exponent = std::strtol(text.substr(start, n - start).c_str(), nullptr, 10);
    }
    if (n != text.size())
        return std::nullopt;
    double value = 0; // from_chars: '.' whatever the locale
    const char* begin = text.c_str() + (text[0] == '+' ? 1 : 0);
    if (std::from_chars(begin, text.c_str() + text.size(), value).ec != std::errc{} ||
        !std::isfinite(value))
        return std::nullopt;
    if (decimals)
        *decimals = static_cast<int>(fraction - exponent);
    return value;
}

std::optional<PredictionGrade> gradePrediction(const std::string& typed, double actual) {
    PredictionGrade g;
    const std::optional<double> value = readTypedNumber(typed, &g.decimals);
    if (!value)
        return std::nullopt;
    g.typed = *value;
    const double off = std::abs(g.typed - actual);
    g.relativeError = actual != 0 ? off / std::abs(actual) : off;
    // Exact: |typed − actual| ≤ half a unit of the last decimal typed (what rounding the
    // engine's value to those decimals gives), with room for the binary representation.
    const double halfUnit = 0.5 * std::pow(10.0, -g.decimals);
    if (off <= halfUnit * (1 + 1e-9))
        g.kind = PredictionGrade::Kind::Exact;
    else if (g.relativeError <= kCloseWithin)
        g.kind = PredictionGrade::Kind::Close;
    else
        g.kind = PredictionGrade::Kind::Wrong;
    return g;
}

std::string gradeText(const PredictionGrade& g) {
    // 2 significant digits below 10% (0.012%, 8.5%), whole percents above (435%).
    const double pct = 100 * g.relativeError;
    const std::string percent =
        (pct < 10 ? formatNumber(pct, 2) : std::to_string(std::llround(std::min(pct, 1e15)))) + "%";
    switch (g.kind) {
    case PredictionGrade::Kind::Exact:
        return g.decimals > 0 ? "exact (to " + std::to_string(g.decimals) +
                                    (g.decimals == 1 ? " decimal)" : " decimals)")
                              : "exact (to the digits typed)";
    case PredictionGrade::Kind::Close:
        return "close: " + percent + " off";
    case PredictionGrade::Kind::Wrong:
        return "wrong: " + percent + " off";
    }
    return "";
}

} // namespace bp
