#pragma once
// The Layer health dock: the per-layer instruments of the newest samples as small
// charts over records trained (health_charts.h), and below them the histograms of x(k)
// and ∂J/∂z(k) of one layer (a combo box) at one sample (a slider over the samples
// kept), with a label saying which records and epoch the window covers. Its own
// controls say how the session samples: every [100] records, over the last [10]
// (samplingChanged). Samples come from TrainingSession::healthSampled, for run 0 (this
// run) and, later, run 1 (a fork), each kept in a HealthHistory (bounded, thinned);
// the charts are redrawn at most every kRedrawMs, and not while hidden.
#include "charts/health_charts.h"
#include "charts/health_history.h"

#include <array>
#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;
class QTimer;

namespace bp {

class HealthHistogramView;

class HealthPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRuns = HealthCharts::kRuns;
    // At most 5 redraws a second: Qt Charts lays out (strokes) every line on each, 14
    // lines of up to HealthCharts::kMaxPoints for two layers.
    static constexpr int kRedrawMs = 200;

    explicit HealthPanel(QWidget* parent = nullptr);

    // --- the samples of run 0 (this run) or 1 (a fork) ---
    // (Each sample is kept sharing `samples` only while it is the newest off the stride.)
    void addSamples(int run, const std::shared_ptr<const HealthSamples>& samples);
    void addSamples(int run, const HealthSamples& samples); // copied
    // The timeline went back (TrainingSession::rewound): samples after `kept` records go.
    void rewind(int run, long kept);
    void clear(int run);
    void clearAll();
    const HealthHistory& history(int run) const { return m_runs[static_cast<std::size_t>(run)]; }

    // --- how the session samples (the dock's own controls) ---
    long interval() const;
    long window() const;
    void setSampling(long interval, long window);

    // Whether the panel is on screen (its dock shown and its tab in front): only then are
    // the charts redrawn; true until told otherwise.
    void setActive(bool on);
    bool active() const { return m_active; }
    // Draws what arrived now (tests, screenshots).
    void redrawNow();
    bool redrawPending() const;
    int redraws() const { return m_redraws; }

    // --- what is shown (tests) ---
    HealthCharts* charts() const { return m_charts; }
    QSlider* timeSlider() const { return m_slider; }
    QComboBox* layerBox() const { return m_layer; }
    QLabel* windowLabel() const { return m_windowLabel; }
    HealthHistogramView* xHistogram() const { return m_xHistogram; }
    HealthHistogramView* dJdzHistogram() const { return m_dJdzHistogram; }
    std::shared_ptr<const HealthSample> shownSample() const; // the histograms' window

signals:
    void samplingChanged(long interval, long window);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scheduleRedraw();
    void redraw();
    void updateSlider();
    void showHistograms();
    void emitSampling();

    std::array<HealthHistory, kRuns> m_runs;
    HealthCharts* m_charts = nullptr;
    QSpinBox* m_interval = nullptr;
    QSpinBox* m_window = nullptr;
    QLabel* m_thinnedNote = nullptr;
    QComboBox* m_layer = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_windowLabel = nullptr;
    HealthHistogramView* m_xHistogram = nullptr;
    HealthHistogramView* m_dJdzHistogram = nullptr;
    QTimer* m_redrawTimer = nullptr;
    bool m_dirty = false;
    bool m_active = true;
    bool m_followNewest = true; // the slider at its end follows the newest sample
    int m_redraws = 0;
};

} // namespace bp
