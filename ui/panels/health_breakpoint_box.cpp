#include "panels/health_breakpoint_box.h"

#include <cmath>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace bp {

namespace {
// A power of ten by its exponent: the box shows "1e-5".
QSpinBox* exponentBox(int min, int max, int value) {
    auto* box = new QSpinBox;
    box->setRange(min, max);
    box->setPrefix(QStringLiteral("1e"));
    box->setValue(value);
    return box;
}
double power(const QSpinBox* box) {
    return std::pow(10.0, box->value());
}
int exponentOf(double v) {
    return static_cast<int>(std::lround(std::log10(v)));
}
QSpinBox* countBox(int min, int max, int value) {
    auto* box = new QSpinBox;
    box->setRange(min, max);
    box->setValue(value);
    return box;
}
QHBoxLayout* row(std::initializer_list<QWidget*> widgets) {
    auto* r = new QHBoxLayout;
    r->setContentsMargins(0, 0, 0, 0);
    for (QWidget* w : widgets)
        r->addWidget(w);
    return r;
}
} // namespace

HealthBreakpointBox::HealthBreakpointBox(QWidget* parent)
    : QGroupBox(tr("Pause on a layer's health"), parent) {
    auto* grid = new QGridLayout(this);
    addLayerRow(grid);
    addInstrumentRows(grid);
    addWindowRow(grid);
    connectAll();
}

void HealthBreakpointBox::addLayerRow(QGridLayout* grid) {
    m_layer = new QSpinBox;
    m_layer->setRange(0, 999);
    m_layer->setSpecialValueText(tr("any"));
    m_layer->setToolTip(tr("The layer k watched (1 is the first after the input), or any"));
    grid->addWidget(new QLabel(tr("in layer")), 0, 0);
    grid->addWidget(m_layer, 0, 1);
}

void HealthBreakpointBox::addInstrumentRows(QGridLayout* grid) {
    m_deadOn = new QCheckBox(tr("dead fraction exceeds"));
    m_deadOn->setToolTip(tr("ReLU units with z ≤ 0 on every record of the window"));
    m_dead = new QDoubleSpinBox;
    m_dead->setRange(0, 1);
    m_dead->setDecimals(2);
    m_dead->setSingleStep(0.05);
    m_dead->setValue(0.5);
    grid->addWidget(m_deadOn, 1, 0);
    grid->addWidget(m_dead, 1, 1);
    m_ratioOn = new QCheckBox(tr("update ratio leaves"));
    m_ratioOn->setToolTip(tr("a · ‖mean ∂J/∂w(k)‖ / ‖w(k)‖ outside [low, high]; about 1e-3 "
                             "is healthy"));
    m_ratioLow = exponentBox(-12, 3, -5);
    m_ratioHigh = exponentBox(-12, 3, -2);
    auto* to = new QLabel(tr("to"));
    grid->addWidget(m_ratioOn, 2, 0);
    grid->addLayout(row({m_ratioLow, to, m_ratioHigh}), 2, 1);
    m_gradientAboveOn = new QCheckBox(tr("gradient norm exceeds"));
    m_gradientAboveOn->setToolTip(tr("‖mean ∂J/∂w(k)‖ over the window"));
    m_gradientAbove = new QDoubleSpinBox;
    m_gradientAbove->setRange(0, 1e12);
    m_gradientAbove->setDecimals(3);
    m_gradientAbove->setValue(10);
    grid->addWidget(m_gradientAboveOn, 3, 0);
    grid->addWidget(m_gradientAbove, 3, 1);
    m_gradientBelowOn = new QCheckBox(tr("gradient norm falls below"));
    m_gradientBelowOn->setToolTip(m_gradientAboveOn->toolTip());
    m_gradientBelow = exponentBox(-30, 3, -8);
    grid->addWidget(m_gradientBelowOn, 4, 0);
    grid->addWidget(m_gradientBelow, 4, 1);
}

// The window: the last N of every S records (HealthSampler); N at most S.
void HealthBreakpointBox::addWindowRow(QGridLayout* grid) {
    m_window = countBox(1, 1000000, 10);
    m_interval = countBox(1, 1000000, 100);
    m_window->setToolTip(tr("The instruments are computed over the last N of every S records "
                            "trained, and checked after the window's last record. Keep N at a "
                            "tenth of S or less: a window of every record costs a quarter of "
                            "the speed."));
    m_interval->setToolTip(m_window->toolTip());
    grid->addWidget(new QLabel(tr("over the last")), 5, 0);
    grid->addLayout(
        row({m_window, new QLabel(tr("of every")), m_interval, new QLabel(tr("records"))}), 5, 1);
    grid->setColumnStretch(1, 1);
}

void HealthBreakpointBox::connectAll() {
    for (QCheckBox* c : {m_deadOn, m_ratioOn, m_gradientAboveOn, m_gradientBelowOn})
        connect(c, &QCheckBox::toggled, this, &HealthBreakpointBox::changed);
    for (QDoubleSpinBox* b : {m_dead, m_gradientAbove})
        connect(b, &QDoubleSpinBox::valueChanged, this, &HealthBreakpointBox::changed);
    for (QSpinBox* b : {m_layer, m_ratioLow, m_ratioHigh, m_gradientBelow, m_window, m_interval})
        connect(b, &QSpinBox::valueChanged, this, &HealthBreakpointBox::changed);
    connect(m_interval, &QSpinBox::valueChanged, m_window, &QSpinBox::setMaximum);
    m_window->setMaximum(m_interval->value());
}

HealthBreakpoints HealthBreakpointBox::value() const {
    HealthBreakpoints b;
    b.layer = m_layer->value();
    if (m_deadOn->isChecked())
        b.deadAbove = m_dead->value();
    if (m_ratioOn->isChecked()) {
        b.ratioBelow = power(m_ratioLow);
        b.ratioAbove = power(m_ratioHigh);
    }
    if (m_gradientAboveOn->isChecked())
        b.gradientAbove = m_gradientAbove->value();
    if (m_gradientBelowOn->isChecked())
        b.gradientBelow = power(m_gradientBelow);
    b.interval = m_interval->value();
    b.window = std::min(m_window->value(), m_interval->value());
    return b;
}

void HealthBreakpointBox::setValue(const HealthBreakpoints& b) {
    const QSignalBlocker block(this);
    m_layer->setValue(b.layer);
    m_deadOn->setChecked(b.deadAbove.has_value());
    if (b.deadAbove)
        m_dead->setValue(*b.deadAbove);
    m_ratioOn->setChecked(b.ratioBelow || b.ratioAbove);
    if (b.ratioBelow && *b.ratioBelow > 0)
        m_ratioLow->setValue(exponentOf(*b.ratioBelow));
    if (b.ratioAbove && *b.ratioAbove > 0)
        m_ratioHigh->setValue(exponentOf(*b.ratioAbove));
    m_gradientAboveOn->setChecked(b.gradientAbove.has_value());
    if (b.gradientAbove)
        m_gradientAbove->setValue(*b.gradientAbove);
    m_gradientBelowOn->setChecked(b.gradientBelow.has_value());
    if (b.gradientBelow && *b.gradientBelow > 0)
        m_gradientBelow->setValue(exponentOf(*b.gradientBelow));
    m_interval->setValue(static_cast<int>(b.interval));
    m_window->setValue(static_cast<int>(b.window));
}

} // namespace bp
