#include "panels/controls_panel.h"
#include "math/explain.h"
#include "panels/health_breakpoint_box.h"

#include <cmath>
#include <QAction>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace bp {

namespace {
// The speed slider: positions 0..60 map to 1, 1.6, … 10⁶ records/s on a log
// scale; the last position is "as fast as possible".
constexpr int kSpeedSteps = 61;
double speedAt(int position) {
    if (position >= kSpeedSteps - 1)
        return 0;
    return std::pow(10.0, position / 10.0);
}
int positionFor(double speed) {
    if (speed <= 0)
        return kSpeedSteps - 1;
    return std::clamp(static_cast<int>(std::lround(10.0 * std::log10(speed))), 0, kSpeedSteps - 2);
}

QDoubleSpinBox* numberBox(double min, double max, double value, int decimals) {
    auto* box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setValue(value);
    return box;
}
} // namespace

ControlsPanel::ControlsPanel(const QList<QAction*>& actions, QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    addStepButtons(layout, actions);
    addSpeedRow(layout);
    layout->addWidget(createPauseGroup());
    m_health = new HealthBreakpointBox;
    layout->addWidget(m_health);
    layout->addStretch(1);
    connectBreakpoints();
}

// One button per action, two to a row.
void ControlsPanel::addStepButtons(QVBoxLayout* layout, const QList<QAction*>& actions) {
    auto* buttons = new QGridLayout;
    int n = 0;
    for (QAction* a : actions) {
        auto* b = new QToolButton;
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        buttons->addWidget(b, n / 2, n % 2);
        ++n;
    }
    layout->addLayout(buttons);
}

void ControlsPanel::addSpeedRow(QVBoxLayout* layout) {
    auto* speedRow = new QHBoxLayout;
    speedRow->addWidget(new QLabel(tr("Speed")));
    m_speed = new QSlider(Qt::Horizontal);
    m_speed->setRange(0, kSpeedSteps - 1);
    m_speed->setValue(kSpeedSteps - 1);
    m_speed->setToolTip(tr("Records per second while running (log scale); far right: as fast as "
                           "possible"));
    speedRow->addWidget(m_speed, 1);
    m_speedLabel = new QLabel;
    m_speedLabel->setMinimumWidth(fontMetrics().horizontalAdvance("1,000,000 rec/s"));
    speedRow->addWidget(m_speedLabel);
    layout->addLayout(speedRow);
    connect(m_speed, &QSlider::valueChanged, this, [this] {
        showSpeed();
        emit speedChanged(speed());
    });
    showSpeed();
}

// The breakpoints: each condition with its box and, where it has one, its threshold.
QGroupBox* ControlsPanel::createPauseGroup() {
    auto* group = new QGroupBox(tr("Pause when"));
    auto* form = new QGridLayout(group);
    m_nonFinite = new QCheckBox(tr("a value becomes NaN or Inf"));
    m_nonFinite->setChecked(true);
    form->addWidget(m_nonFinite, 0, 0, 1, 2);
    m_lossAboveOn = new QCheckBox(tr("a record's loss J exceeds"));
    m_lossAbove = numberBox(0, 1e12, 10, 4);
    form->addWidget(m_lossAboveOn, 1, 0);
    form->addWidget(m_lossAbove, 1, 1);
    m_risingOn = new QCheckBox(tr("epoch loss rises, epochs in a row"));
    m_rising = new QSpinBox;
    m_rising->setRange(1, 1000);
    m_rising->setValue(2);
    form->addWidget(m_risingOn, 2, 0);
    form->addWidget(m_rising, 2, 1);
    m_gradientOn = new QCheckBox(tr("gradient norm ‖∂J/∂w‖ exceeds"));
    m_gradient = numberBox(0, 1e12, 100, 3);
    form->addWidget(m_gradientOn, 3, 0);
    form->addWidget(m_gradient, 3, 1);
    m_recordOn = new QCheckBox(tr("record number is next"));
    m_record = new QSpinBox;
    m_record->setRange(0, 100000000);
    form->addWidget(m_recordOn, 4, 0);
    form->addWidget(m_record, 4, 1);
    m_misclassified = new QCheckBox(tr("a record is misclassified"));
    form->addWidget(m_misclassified, 5, 0, 1, 2);
    return group;
}

void ControlsPanel::connectBreakpoints() {
    for (QCheckBox* c :
         {m_nonFinite, m_lossAboveOn, m_risingOn, m_gradientOn, m_recordOn, m_misclassified})
        connect(c, &QCheckBox::toggled, this, &ControlsPanel::emitBreakpoints);
    for (QDoubleSpinBox* b : {m_lossAbove, m_gradient})
        connect(b, &QDoubleSpinBox::valueChanged, this, &ControlsPanel::emitBreakpoints);
    for (QSpinBox* b : {m_rising, m_record})
        connect(b, &QSpinBox::valueChanged, this, &ControlsPanel::emitBreakpoints);
    connect(m_health, &HealthBreakpointBox::changed, this, &ControlsPanel::emitBreakpoints);
}

Breakpoints ControlsPanel::breakpoints() const {
    Breakpoints b;
    b.nonFinite = m_nonFinite->isChecked();
    if (m_lossAboveOn->isChecked())
        b.lossAbove = m_lossAbove->value();
    if (m_risingOn->isChecked())
        b.lossRisingEpochs = m_rising->value();
    if (m_gradientOn->isChecked())
        b.gradientNormAbove = m_gradient->value();
    if (m_recordOn->isChecked())
        b.record = m_record->value();
    b.misclassified = m_misclassified->isChecked();
    b.health = m_health->value();
    return b;
}

void ControlsPanel::setBreakpoints(const Breakpoints& b) {
    const QSignalBlocker block(this);
    m_nonFinite->setChecked(b.nonFinite);
    m_lossAboveOn->setChecked(b.lossAbove.has_value());
    if (b.lossAbove)
        m_lossAbove->setValue(*b.lossAbove);
    m_risingOn->setChecked(b.lossRisingEpochs.has_value());
    if (b.lossRisingEpochs)
        m_rising->setValue(*b.lossRisingEpochs);
    m_gradientOn->setChecked(b.gradientNormAbove.has_value());
    if (b.gradientNormAbove)
        m_gradient->setValue(*b.gradientNormAbove);
    m_recordOn->setChecked(b.record.has_value());
    if (b.record)
        m_record->setValue(static_cast<int>(*b.record));
    m_misclassified->setChecked(b.misclassified);
    m_health->setValue(b.health);
}

void ControlsPanel::emitBreakpoints() {
    emit breakpointsChanged(breakpoints());
}

double ControlsPanel::speed() const {
    return speedAt(m_speed->value());
}

void ControlsPanel::setSpeed(double recordsPerSecond) {
    m_speed->setValue(positionFor(recordsPerSecond));
}

void ControlsPanel::showSpeed() {
    const double s = speed();
    m_speedLabel->setText(s <= 0 ? tr("max")
                                 : QString::fromStdString(formatNumber(s, 3)) + tr(" rec/s"));
}

} // namespace bp
