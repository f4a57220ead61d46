#include "style/screen_text.h"

#include "math/explain.h"

#include <cmath>

namespace bp {

QString subscript(int n) {
    QString out;
    for (QChar c : QString::number(n))
        out += c.isDigit() ? QChar(0x2080 + c.digitValue()) : QChar(0x208B); // ₀ … ₉, ₋
    return out;
}

QString screenNumber(double v, int digits) {
    QString s = QString::fromStdString(formatNumber(v, digits));
    if (s.startsWith(QLatin1Char('-')))
        s.replace(0, 1, QChar(0x2212));
    return s;
}

QString signedNumber(double v, int digits) {
    if (v == 0)
        return QStringLiteral("0");
    const QString magnitude = QString::fromStdString(formatNumber(std::abs(v), digits));
    return (v < 0 ? QString(QChar(0x2212)) : QStringLiteral("+")) + magnitude;
}

QString countText(double v) {
    if (!std::isfinite(v))
        return QStringLiteral("?");
    const double rounded = std::round(std::abs(v));
    QString digits = QString::number(rounded, 'f', 0);
    for (int at = digits.size() - 3; at > 0; at -= 3)
        digits.insert(at, QChar(0x202F)); // a narrow no-break space
    return v < 0 && rounded > 0 ? QChar(0x2212) + digits : digits;
}

double roundStep(double span, int intervals) {
    if (!(span > 0) || !std::isfinite(span) || intervals < 1)
        return 1;
    const double raw = span / intervals;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0})
        if (m * p >= raw)
            return m * p;
    return 10 * p;
}

} // namespace bp
