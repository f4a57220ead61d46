#include "limited_box.h"

#include "explain.h"

#include <algorithm>
#include <QDoubleSpinBox>
#include <QSpinBox>

namespace bp {

namespace {
QString text(double v) {
    return QString::fromStdString(formatNumber(v, 10));
}

QString tooltipFor(const Limit& limit, const QString& before) {
    const QString range = QObject::tr("From %1 to %2 (backprop-cli %3 takes the same range).")
                              .arg(text(limit.min), text(limit.max), QString(limit.option));
    return before.isEmpty() ? range : before + QStringLiteral("\n") + range;
}

// Wide enough for anything typed: the limit is applied with a message, not by the box.
constexpr double kTypedRange = 1e12;

template <typename Box> void watch(Box* box, const Limit& limit, const LimitNote& say) {
    box->setToolTip(tooltipFor(limit, box->toolTip()));
    QObject::connect(box, &Box::editingFinished, box, [box, limit, say] {
        const double typed = box->value();
        const double set = std::clamp(typed, limit.min, limit.max);
        if (set != typed) {
            box->setValue(static_cast<decltype(box->value())>(set));
            say(limitMessage(limit, typed, set));
        } else {
            say(QString());
        }
    });
}
} // namespace

QString limitMessage(const Limit& limit, double typed, double set) {
    QString what = QString::fromUtf8(limit.what);
    what[0] = what[0].toUpper();
    return QObject::tr("%1 is limited to %2 – %3 (as backprop-cli %4): %5 became %6.")
        .arg(what, text(limit.min), text(limit.max), QString(limit.option), text(typed), text(set));
}

void limitBox(QDoubleSpinBox* box, const Limit& limit, const LimitNote& say) {
    box->setRange(std::min(limit.min, -kTypedRange), kTypedRange);
    watch(box, limit, say);
}

void limitBox(QSpinBox* box, const Limit& limit, const LimitNote& say) {
    box->setRange(std::numeric_limits<int>::min() / 2, std::numeric_limits<int>::max() / 2);
    watch(box, limit, say);
}

} // namespace bp
