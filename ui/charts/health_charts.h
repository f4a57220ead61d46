#pragma once
// The Layer health dock's small charts: one per instrument (health_instruments.h), a
// line per layer k ("layer 1", "layer 2", …) over records trained, for up to two runs:
// run 0 solid, run 1 (a fork, later) dashed and lighter, "(fork)" in the legend. The
// points are the kept samples of each run's HealthHistory (at most kMaxKept per series).
#include "charts/health_history.h"
#include "charts/health_instruments.h"

#include <array>
#include <QWidget>
#include <vector>

class QAbstractAxis;
class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace bp {

class HealthCharts : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRuns = 2;
    // Points drawn per line at most: every n-th kept sample (and the newest) beyond it.
    static constexpr int kMaxPoints = 250;

    explicit HealthCharts(QWidget* parent = nullptr);

    // Every series from the runs' kept samples (null: a run with none).
    void draw(const std::array<const HealthHistory*, kRuns>& runs);

    QChart* chart(HealthInstrument i) const;
    // Run `run`'s line of layer k (1-based) in instrument i's chart; null if none yet.
    QLineSeries* series(int run, HealthInstrument i, int layer) const;
    QLabel* legend() const { return m_legend; }
    static QColor layerColor(int layer, bool dark); // k = 1, 2, …

protected:
    void changeEvent(QEvent* event) override; // palette: the charts restyled

private:
    struct Plot {
        HealthInstrument instrument = HealthInstrument::GradientNorm;
        QChart* chart = nullptr;
        QChartView* view = nullptr;
        QValueAxis* x = nullptr;
        QAbstractAxis* y = nullptr;
        std::array<std::vector<QLineSeries*>, kRuns> series; // [run][k − 1]
    };
    void ensureSeries(int run, int layers);
    void restyle();
    void updateLegend();
    void setRanges(Plot& plot, double xMin, double xMax, double yMin, double yMax);

    std::vector<Plot> m_plots;
    std::array<int, kRuns> m_layers{}; // series per run, per chart
    QLabel* m_legend = nullptr;
};

} // namespace bp
