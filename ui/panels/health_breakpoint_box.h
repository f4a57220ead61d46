#pragma once
// The Controls dock's "Pause on a layer's health" group: the health breakpoints
// (Breakpoints::health, docs/session.md) — which layer, the dead fraction, the update
// ratio's interval, the gradient norm's bounds — and the window of records the
// instruments are computed over (the last N of every S records).
#include "session/breakpoints.h"

#include <QGroupBox>

class QCheckBox;
class QDoubleSpinBox;
class QGridLayout;
class QSpinBox;

namespace bp {

class HealthBreakpointBox : public QGroupBox {
    Q_OBJECT
public:
    explicit HealthBreakpointBox(QWidget* parent = nullptr);

    HealthBreakpoints value() const;
    void setValue(const HealthBreakpoints& b);

signals:
    void changed();

private:
    void addLayerRow(QGridLayout* grid);
    void addInstrumentRows(QGridLayout* grid);
    void addWindowRow(QGridLayout* grid);
    void connectAll();

    QSpinBox* m_layer = nullptr; // 0: any layer
    QCheckBox* m_deadOn = nullptr;
    QDoubleSpinBox* m_dead = nullptr;
    QCheckBox* m_ratioOn = nullptr;
    QSpinBox* m_ratioLow = nullptr; // exponents: 10^value
    QSpinBox* m_ratioHigh = nullptr;
    QCheckBox* m_gradientAboveOn = nullptr;
    QDoubleSpinBox* m_gradientAbove = nullptr;
    QCheckBox* m_gradientBelowOn = nullptr;
    QSpinBox* m_gradientBelow = nullptr; // exponent
    QSpinBox* m_window = nullptr;        // N
    QSpinBox* m_interval = nullptr;      // S
};

} // namespace bp
