#include "math/setting_limits.h"

#include "math/explain.h"

namespace bp {

std::string rangeText(const Limit& l) {
    return l.openMin
               ? "above " + formatNumber(l.min, 10) + " and at most " + formatNumber(l.max, 10)
               : "from " + formatNumber(l.min, 10) + " to " + formatNumber(l.max, 10);
}

std::optional<std::string> outsideLimit(const Limit& l, double v) {
    if ((l.openMin ? v > l.min : v >= l.min) && v <= l.max)
        return std::nullopt;
    return std::string(l.option) + " must be " + rangeText(l) + "; got " + formatNumber(v, 10);
}

} // namespace bp
