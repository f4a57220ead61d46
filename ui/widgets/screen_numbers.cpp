#include "screen_numbers.h"

#include <cmath>

namespace bp {

QString countText(double v) {
    if (!std::isfinite(v))
        return QStringLiteral("?");
    const double rounded = std::round(std::abs(v));
    QString digits = QString::number(rounded, 'f', 0);
    for (int at = digits.size() - 3; at > 0; at -= 3)
        digits.insert(at, QChar(0x202F)); // a narrow no-break space
    return v < 0 && rounded > 0 ? QChar(0x2212) + digits : digits;
}

} // namespace bp
