#pragma once
// Spin boxes and combo boxes take the mouse wheel only when they have the focus
// (clicked or tabbed into). Otherwise the wheel scrolls what they sit in, e.g. the
// Architecture dock, instead of changing the seed under the pointer on the way.
#include <QObject>

namespace bp {

class WheelGuard : public QObject {
    Q_OBJECT
public:
    // Watches every widget of the application while it lives.
    explicit WheelGuard(QObject* parent = nullptr);
    ~WheelGuard() override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace bp
