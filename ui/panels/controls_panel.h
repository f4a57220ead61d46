#pragma once
// The Controls dock: buttons for the Train menu's actions (step phase, record,
// batch, epoch, back, run, pause, reset), the speed, and the breakpoints.
#include "session/breakpoints.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QSlider;
class QSpinBox;
class QVBoxLayout;

namespace bp {

class HealthBreakpointBox;

class ControlsPanel : public QWidget {
    Q_OBJECT
public:
    // `actions` in the order the buttons appear.
    ControlsPanel(const QList<QAction*>& actions, QWidget* parent = nullptr);

    Breakpoints breakpoints() const;
    void setBreakpoints(const Breakpoints& b);
    double speed() const; // records per second; 0 = as fast as possible
    void setSpeed(double recordsPerSecond);

signals:
    void breakpointsChanged(const bp::Breakpoints& b);
    void speedChanged(double recordsPerSecond);

private:
    void addStepButtons(QVBoxLayout* layout, const QList<QAction*>& actions);
    void addSpeedRow(QVBoxLayout* layout);
    QGroupBox* createPauseGroup();
    void connectBreakpoints();
    void emitBreakpoints();
    void showSpeed();

    QSlider* m_speed = nullptr;
    QLabel* m_speedLabel = nullptr;
    QCheckBox* m_nonFinite = nullptr;
    QCheckBox* m_lossAboveOn = nullptr;
    QDoubleSpinBox* m_lossAbove = nullptr;
    QCheckBox* m_risingOn = nullptr;
    QSpinBox* m_rising = nullptr;
    QCheckBox* m_gradientOn = nullptr;
    QDoubleSpinBox* m_gradient = nullptr;
    QCheckBox* m_recordOn = nullptr;
    QSpinBox* m_record = nullptr;
    QCheckBox* m_misclassified = nullptr;
    HealthBreakpointBox* m_health = nullptr;
};

} // namespace bp
