#pragma once
// Loss and metrics: train and test loss per epoch, the per-record loss smoothed
// (exponential moving average), and train/test accuracy in a second chart below,
// over the same "records trained" axis. Points arrive in batches and each batch
// redraws a series once. Zoom and pan (see zoom_chart_view.h), hover for the exact
// value, a log-scale loss axis, PNG export.
#include "smoothed_loss.h"
#include "snapshot.h"

#include <QVector>
#include <QWidget>
#include <vector>

class QAbstractAxis;
class QChart;
class QCheckBox;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace bp {

class ZoomChartView;

class LossChartPanel : public QWidget {
    Q_OBJECT
public:
    explicit LossChartPanel(QWidget* parent = nullptr);

    // Per-record losses in order (TrainingSession::lossPoints): one series update per call.
    void appendLossPoints(const QVector<LossPoint>& points);
    // A finished epoch (TrainingSession::epochFinished). An epoch number not after the
    // last one shown replaces it and drops the later ones.
    void addEpoch(const EpochStats& stats);
    // The timeline went back (TrainingSession::rewound): drops per-record points at or
    // after `recordsTrained` and epochs after `epoch`.
    void rewindTo(long recordsTrained, int epoch);
    void clear();

    void setLogScale(bool on); // loss axis logarithmic; values ≤ 0 are drawn at the axis floor
    bool logScale() const { return m_logScale; }
    void resetZoom();                // the full range of the data again
    void setSmoothing(double alpha); // EMA weight of a new record; default 0.02
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presentation; }

    // Both charts as one PNG. On failure returns false and says why in *error.
    bool exportPng(const QString& path, QString* error = nullptr);

    // --- what is shown (for the main window's status and for tests) ---
    QChart* lossChart() const { return m_lossChart; }
    QChart* accuracyChart() const { return m_accuracyChart; }
    QLineSeries* trainLossSeries() const { return m_trainLoss; }
    QLineSeries* testLossSeries() const { return m_testLoss; }
    QLineSeries* recordLossSeries() const { return m_recordLoss; } // smoothed per-record loss
    QLineSeries* trainAccuracySeries() const { return m_trainAccuracy; }
    QLineSeries* testAccuracySeries() const { return m_testAccuracy; }
    QAbstractAxis* lossAxis() const { return m_lossAxis; }
    QValueAxis* recordsAxis() const { return m_lossX; }
    const SmoothedLoss& smoothedLoss() const { return m_smoothed; }
    int epochCount() const { return static_cast<int>(m_epochs.size()); }
    // The exact value under the mouse, as shown in the hover label (empty: none).
    QString hoverText() const;

signals:
    void logScaleChanged(bool on);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct EpochPoint {
        EpochStats stats;
        double records = 0; // records trained at the end of the epoch (the x axis)
    };
    void buildCharts();
    void connectHover(QLineSeries* series);
    void onHovered(QLineSeries* series, const QPointF& point, bool state);
    void rebuildEpochSeries();
    void rebuildRecordSeries();
    void replaceLossSeries(QLineSeries* series, const QVector<QPointF>& points);
    void fitRanges();
    void syncX(QValueAxis* from, QValueAxis* to);
    void applyStyle();
    double lossFloor() const; // the smallest value drawn on the log axis

    QChart* m_lossChart = nullptr;
    QChart* m_accuracyChart = nullptr;
    ZoomChartView* m_lossView = nullptr;
    ZoomChartView* m_accuracyView = nullptr;
    QWidget* m_chartArea = nullptr;
    QCheckBox* m_logBox = nullptr;
    QLabel* m_hoverLabel = nullptr;
    QLineSeries* m_trainLoss = nullptr;
    QLineSeries* m_testLoss = nullptr;
    QLineSeries* m_recordLoss = nullptr;
    QLineSeries* m_trainAccuracy = nullptr;
    QLineSeries* m_testAccuracy = nullptr;
    QAbstractAxis* m_lossAxis = nullptr; // m_linearAxis or m_logAxis
    QValueAxis* m_linearAxis = nullptr;
    QLogValueAxis* m_logAxis = nullptr;
    QValueAxis* m_lossX = nullptr;
    QValueAxis* m_accuracyX = nullptr;
    QValueAxis* m_accuracyY = nullptr;

    SmoothedLoss m_smoothed;
    std::vector<EpochPoint> m_epochs;
    bool m_logScale = false;
    bool m_presentation = false;
    bool m_userZoomed = false;
    bool m_syncing = false;
};

} // namespace bp
