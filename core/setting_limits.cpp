#include "setting_limits.h"

#include "explain.h"

namespace bp {

std::string rangeText(const Limit& l) {
    return "from " + formatNumber(l.min, 10) + " to " + formatNumber(l.max, 10);
}

std::optional<std::string> outsideLimit(const Limit& l, double v) {
    if (v >= l.min && v <= l.max)
        return std::nullopt;
    return std::string(l.option) + " must be " + rangeText(l) + "; got " + formatNumber(v, 10);
}

} // namespace bp
