#include "panels/limited_box.h"

#include "math/explain.h"

#include <algorithm>
#include <cmath>
#include <QDoubleSpinBox>
#include <QSpinBox>

namespace bp {

namespace {
QString text(double v) {
    return QString::fromStdString(formatNumber(v, 10));
}

int decimalsOf(const QDoubleSpinBox* box) {
    return box->decimals();
}
int decimalsOf(const QSpinBox*) {
    return 0;
}

QString tooltipFor(const Limit& limit, const QString& before) {
    QString range = QString::fromStdString(rangeText(limit));
    range[0] = range[0].toUpper();
    range =
        QObject::tr("%1 (backprop-cli %2 takes the same range).").arg(range, QString(limit.option));
    return before.isEmpty() ? range : before + QStringLiteral("\n") + range;
}

// Wide enough for anything typed: the limit is applied with a message, not by the box.
constexpr double kTypedRange = 1e12;

template <typename Box> void watch(Box* box, const Limit& limit, const LimitNote& say) {
    box->setToolTip(tooltipFor(limit, box->toolTip()));
    QObject::connect(box, &Box::editingFinished, box, [box, limit, say] {
        const double typed = box->value();
        // An open minimum (a learning rate of 0) becomes the smallest value the box shows.
        const double step = std::pow(10.0, -decimalsOf(box));
        const double low = limit.openMin ? limit.min + step : limit.min;
        const double set =
            typed <= limit.min && limit.openMin ? low : std::clamp(typed, low, limit.max);
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
    return QObject::tr("%1 must be %2 (as backprop-cli %3): %4 became %5.")
        .arg(what, QString::fromStdString(rangeText(limit)), QString(limit.option), text(typed),
             text(set));
}

void limitBox(QDoubleSpinBox* box, const Limit& limit, const LimitNote& say) {
    box->setRange(std::min(limit.min, -kTypedRange), kTypedRange);
    watch(box, limit, say);
}

void limitBox(QSpinBox* box, const Limit& limit, const LimitNote& say) {
    box->setRange(std::numeric_limits<int>::min() / 2, std::numeric_limits<int>::max() / 2);
    watch(box, limit, say);
}

QDoubleSpinBox* decimalBox(double min, double max, double step, int decimals) {
    auto* b = new QDoubleSpinBox;
    b->setRange(min, max);
    b->setSingleStep(step);
    b->setDecimals(decimals);
    return b;
}

} // namespace bp
