#include "charts/health_panel.h"

#include "charts/health_histogram_view.h"

#include <algorithm>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QShowEvent>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace bp {

HealthPanel::HealthPanel(QWidget* parent) : QWidget(parent) {
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(4, 2, 4, 2);
    auto* left = new QVBoxLayout;
    auto* controls = new QHBoxLayout;
    m_interval = new QSpinBox;
    m_interval->setObjectName(QStringLiteral("healthInterval"));
    m_interval->setRange(1, 1000000);
    m_interval->setValue(100);
    m_window = new QSpinBox;
    m_window->setObjectName(QStringLiteral("healthWindow"));
    m_window->setRange(1, 1000000);
    m_window->setValue(10);
    const QString how = tr("The session adds the last N of every S records trained to a window "
                           "and sends its figures when the window closes (docs/instruments.md).");
    m_interval->setToolTip(how);
    m_window->setToolTip(how);
    controls->addWidget(new QLabel(tr("Sample every")));
    controls->addWidget(m_interval);
    controls->addWidget(new QLabel(tr("records, over the last")));
    controls->addWidget(m_window);
    controls->addWidget(new QLabel(tr("records")));
    m_thinnedNote = new QLabel;
    m_thinnedNote->setObjectName(QStringLiteral("healthThinned"));
    controls->addSpacing(12);
    controls->addWidget(m_thinnedNote, 1);
    left->addLayout(controls);
    m_charts = new HealthCharts;
    left->addWidget(m_charts, 1);
    outer->addLayout(left, 3);

    auto* right = new QVBoxLayout;
    auto* layerRow = new QHBoxLayout;
    layerRow->addWidget(new QLabel(tr("Histograms of layer")));
    m_layer = new QComboBox;
    m_layer->setObjectName(QStringLiteral("healthLayer"));
    layerRow->addWidget(m_layer, 1);
    right->addLayout(layerRow);
    m_xHistogram = new HealthHistogramView;
    m_dJdzHistogram = new HealthHistogramView;
    right->addWidget(m_xHistogram, 1);
    right->addWidget(m_dJdzHistogram, 1);
    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setObjectName(QStringLiteral("healthTime"));
    m_slider->setRange(0, 0);
    m_slider->setToolTip(tr("Which sample the histograms show: left the oldest kept, right "
                            "the newest (the slider at its right end follows new samples)."));
    right->addWidget(m_slider);
    m_windowLabel = new QLabel;
    m_windowLabel->setObjectName(QStringLiteral("healthWindowLabel"));
    m_windowLabel->setWordWrap(true);
    right->addWidget(m_windowLabel);
    outer->addLayout(right, 1);

    m_redrawTimer = new QTimer(this);
    m_redrawTimer->setSingleShot(true);
    m_redrawTimer->setInterval(kRedrawMs);
    connect(m_redrawTimer, &QTimer::timeout, this, &HealthPanel::redraw);
    connect(m_interval, &QSpinBox::editingFinished, this, &HealthPanel::emitSampling);
    connect(m_window, &QSpinBox::editingFinished, this, &HealthPanel::emitSampling);
    connect(m_layer, &QComboBox::currentIndexChanged, this, &HealthPanel::showHistograms);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        m_followNewest = v == m_slider->maximum();
        showHistograms();
    });
    showHistograms();
}

long HealthPanel::interval() const {
    return m_interval->value();
}

long HealthPanel::window() const {
    return std::min(m_window->value(), m_interval->value());
}

void HealthPanel::setSampling(long interval, long window) {
    m_interval->setValue(static_cast<int>(interval));
    m_window->setValue(static_cast<int>(window));
    emitSampling();
}

void HealthPanel::emitSampling() {
    if (m_window->value() > m_interval->value())
        m_window->setValue(m_interval->value()); // the window lies within the interval
    emit samplingChanged(interval(), window());
}

void HealthPanel::addSamples(int run, const std::shared_ptr<const HealthSamples>& samples) {
    HealthHistory& h = m_runs[static_cast<std::size_t>(run)];
    for (const HealthSample& s : samples->samples)
        h.add(std::shared_ptr<const HealthSample>(samples, &s)); // aliasing: no copy yet
    scheduleRedraw();
}

void HealthPanel::addSamples(int run, const HealthSamples& samples) {
    addSamples(run, std::make_shared<const HealthSamples>(samples));
}

void HealthPanel::rewind(int run, long kept) {
    m_runs[static_cast<std::size_t>(run)].rewind(kept);
    scheduleRedraw();
}

void HealthPanel::clear(int run) {
    m_runs[static_cast<std::size_t>(run)].clear();
    scheduleRedraw();
}

void HealthPanel::clearAll() {
    for (int r = 0; r < kRuns; ++r)
        clear(r);
}

void HealthPanel::scheduleRedraw() {
    m_dirty = true;
    if (m_active && isVisible() && !m_redrawTimer->isActive())
        m_redrawTimer->start();
}

void HealthPanel::setActive(bool on) {
    m_active = on;
    if (on && m_dirty && !m_redrawTimer->isActive())
        m_redrawTimer->start();
}

bool HealthPanel::redrawPending() const {
    return m_dirty;
}

void HealthPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_active && m_dirty && !m_redrawTimer->isActive())
        m_redrawTimer->start();
}

void HealthPanel::redrawNow() {
    m_redrawTimer->stop();
    m_dirty = false;
    ++m_redraws;
    std::array<const HealthHistory*, kRuns> runs{};
    for (int r = 0; r < kRuns; ++r)
        runs[static_cast<std::size_t>(r)] = &m_runs[static_cast<std::size_t>(r)];
    m_charts->draw(runs);
    const HealthHistory& h = m_runs[0];
    m_thinnedNote->setText(h.stride() > 1
                               ? tr("(%1 samples kept: one in %2 of this run, and the newest)")
                                     .arg(h.samples().size())
                                     .arg(h.stride())
                               : QString());
    updateSlider();
    showHistograms();
}

void HealthPanel::redraw() {
    if (!m_active || !isVisible())
        return; // stays dirty: drawn when shown (setActive, showEvent)
    redrawNow();
}

void HealthPanel::updateSlider() {
    const auto& kept = m_runs[0].samples();
    const int layers = kept.empty() ? 0 : static_cast<int>(kept.back()->layers.size());
    if (m_layer->count() != layers) {
        const int was = m_layer->currentIndex();
        const QSignalBlocker block(m_layer);
        m_layer->clear();
        for (int k = 1; k <= layers; ++k)
            m_layer->addItem(tr("layer %1").arg(k));
        m_layer->setCurrentIndex(was >= 0 && was < layers ? was : 0);
    }
    const int last = std::max(0, static_cast<int>(kept.size()) - 1);
    const QSignalBlocker block(m_slider);
    const int value = m_slider->value();
    m_slider->setRange(0, last);
    m_slider->setValue(m_followNewest ? last : std::min(value, last));
}

std::shared_ptr<const HealthSample> HealthPanel::shownSample() const {
    const auto& kept = m_runs[0].samples();
    if (kept.empty())
        return nullptr;
    const int i = std::clamp(m_slider->value(), 0, static_cast<int>(kept.size()) - 1);
    return kept[static_cast<std::size_t>(i)];
}

void HealthPanel::showHistograms() {
    const std::shared_ptr<const HealthSample> s = shownSample();
    const int k = m_layer->currentIndex() + 1;
    if (!s || k < 1 || k > static_cast<int>(s->layers.size())) {
        m_xHistogram->setHistogram(std::nullopt, QStringLiteral("x(k)"));
        m_dJdzHistogram->setHistogram(std::nullopt, QStringLiteral("\u2202J/\u2202z(k)"));
        m_windowLabel->setText(tr("No sample yet: train (F5, F10) with this dock open."));
        return;
    }
    const LayerHealth& l = s->layers[static_cast<std::size_t>(k - 1)];
    m_xHistogram->setHistogram(l.x, QStringLiteral("x(%1)").arg(k));
    m_dJdzHistogram->setHistogram(l.dJdz, QStringLiteral("\u2202J/\u2202z(%1)").arg(k));
    const QString records = s->first == s->last
                                ? tr("record %1").arg(s->last)
                                : tr("records %1\u2013%2").arg(s->first).arg(s->last);
    m_windowLabel->setText(tr("Window over %1 trained (epoch %2): %3 values each.")
                               .arg(records)
                               .arg(s->epoch)
                               .arg(l.x.total()));
}

} // namespace bp
