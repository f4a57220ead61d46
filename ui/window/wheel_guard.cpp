#include "window/wheel_guard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QWheelEvent>

namespace bp {

WheelGuard::WheelGuard(QObject* parent) : QObject(parent) {
    qApp->installEventFilter(this);
}

WheelGuard::~WheelGuard() {
    qApp->removeEventFilter(this);
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::Polish) {
        // Focus by click or Tab only: the wheel alone does not take it.
        if (auto* box = qobject_cast<QAbstractSpinBox*>(watched))
            box->setFocusPolicy(Qt::StrongFocus);
        else if (auto* combo = qobject_cast<QComboBox*>(watched))
            combo->setFocusPolicy(Qt::StrongFocus);
        return false;
    }
    if (event->type() != QEvent::Wheel)
        return false;
    auto* widget = qobject_cast<QWidget*>(watched);
    const bool guarded =
        qobject_cast<QAbstractSpinBox*>(watched) || qobject_cast<QComboBox*>(watched);
    if (!widget || !guarded || widget->hasFocus())
        return false;
    // Not focused: the wheel scrolls the nearest scroll area around the box. (Sent there
    // directly: Qt 6 does not pass a synthesized wheel event on to the parents.)
    QAbstractScrollArea* area = nullptr;
    for (QWidget* p = widget->parentWidget(); p && !area; p = p->parentWidget())
        area = qobject_cast<QAbstractScrollArea*>(p);
    if (area) {
        auto* wheel = static_cast<QWheelEvent*>(event);
        QWidget* viewport = area->viewport();
        QWheelEvent copy(viewport->mapFromGlobal(wheel->globalPosition()), wheel->globalPosition(),
                         wheel->pixelDelta(), wheel->angleDelta(), wheel->buttons(),
                         wheel->modifiers(), wheel->phase(), wheel->inverted(), wheel->source());
        QCoreApplication::sendEvent(viewport, &copy);
    }
    return true; // never to the box itself
}

} // namespace bp
