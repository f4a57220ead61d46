#pragma once
// Spin boxes for settings with limits (core/math/setting_limits.h: the same as the CLI's).
// The box takes whatever number is typed; when it is outside the limit, the box is set
// to the nearest limit and `say` is told what happened, never silently. The tooltip
// names the range.
#include "math/setting_limits.h"

#include <functional>
#include <QString>

class QDoubleSpinBox;
class QSpinBox;

namespace bp {

using LimitNote = std::function<void(const QString&)>; // "" clears the note

void limitBox(QDoubleSpinBox* box, const Limit& limit, const LimitNote& say);
// A spin box for a setting: its range, arrow step and decimals (the Architecture dock's
// and the Fork dialog's hyper-parameters).
QDoubleSpinBox* decimalBox(double min, double max, double step, int decimals);
void limitBox(QSpinBox* box, const Limit& limit, const LimitNote& say);

// The message for a typed value outside the limit, e.g. "The learning rate a must be
// above 0 and at most 100 (as backprop-cli --lr): 100000 became 100."
QString limitMessage(const Limit& limit, double typed, double set);

} // namespace bp
