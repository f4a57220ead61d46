#include "math/precision.h"

#include <algorithm>
#include <cctype>

namespace bp {

std::string toString(Precision p) {
    return p == Precision::Float ? "float" : "double";
}

std::optional<Precision> precisionFromString(std::string_view text) {
    const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!text.empty() && space(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && space(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    std::string t(text);
    std::transform(t.begin(), t.end(), t.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (t == "double")
        return Precision::Double;
    if (t == "float")
        return Precision::Float;
    return std::nullopt;
}

} // namespace bp
