#include "precision.h"

namespace bp {

QString toText(Precision p) {
    return p == Precision::Float ? QStringLiteral("float") : QStringLiteral("double");
}

std::optional<Precision> precisionFromText(const QString& text) {
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("double"))
        return Precision::Double;
    if (t == QLatin1String("float"))
        return Precision::Float;
    return std::nullopt;
}

} // namespace bp
