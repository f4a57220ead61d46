#pragma once
// Loss and metrics: train and test loss per epoch, the per-record loss (its range
// per bucket as a band, and smoothed: an exponential moving average), and train/test
// accuracy in a second tab, over the same "records trained" axis. What arrives is
// kept in fixed budgets of buckets (smoothed_loss.h, loss_buckets.h), and the series
// are redrawn at most kRedrawMs apart, however fast training goes and however long it
// runs. Zoom and pan (see zoom_chart_view.h), hover for the exact value, a log-scale
// loss axis, PNG export.
#include "charts/smoothed_loss.h"
#include "session/snapshot.h"

#include <QVector>
#include <QWidget>
#include <vector>

class QAbstractAxis;
class QAreaSeries;
class QChart;
class QTabWidget;
class QTimer;
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

    static constexpr int kRedrawMs = 33; // at most ~30 redraws a second
    static constexpr int kEpochBuckets = 2048;

    // Per-record losses in order (TrainingSession::lossPoints).
    void appendLossPoints(const LossBuckets& points);
    void appendLossPoints(const QVector<LossPoint>& points); // one record each
    // Finished epochs (TrainingSession::epochsFinished). An epoch number not after the
    // last one shown replaces it and drops the later ones.
    void addEpochs(const EpochBuckets& epochs);
    void addEpoch(const EpochStats& stats);
    // The timeline went back (TrainingSession::rewound): keeps the first `lossesKept`
    // per-record points (those at records before it) and the epochs up to `epoch`.
    void rewindTo(long lossesKept, int epoch);
    void clear();
    // Draws what arrived now, without waiting for the next frame (tests, export).
    void redrawNow();
    bool redrawPending() const;
    int redraws() const { return m_redraws; } // how many times the series were redrawn

    void setLogScale(bool on); // loss axis logarithmic; values ≤ 0 are drawn at the axis floor
    bool logScale() const { return m_logScale; }
    void resetZoom(); // the full range of the data again
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presentation; }

    // Both charts as one PNG. On failure returns false and says why in *error.
    bool exportPng(const QString& path, QString* error = nullptr);

    // --- what is shown (for the main window's status and for tests) ---
    QChart* lossChart() const { return m_lossChart; }
    QChart* accuracyChart() const { return m_accuracyChart; }
    QLineSeries* trainLossSeries() const { return m_trainLoss; }
    QLineSeries* testLossSeries() const { return m_testLoss; }
    QLineSeries* recordLossSeries() const { return m_recordLoss; }   // smoothed per-record loss
    QAreaSeries* recordRangeSeries() const { return m_recordRange; } // min..max per bucket
    QLineSeries* trainAccuracySeries() const { return m_trainAccuracy; }
    QLineSeries* testAccuracySeries() const { return m_testAccuracy; }
    QAbstractAxis* lossAxis() const { return m_lossAxis; }
    QValueAxis* recordsAxis() const { return m_lossX; }
    const SmoothedLoss& smoothedLoss() const { return m_smoothed; }
    int epochCount() const; // epochs shown (in buckets of epochBucketWidth())
    const EpochBuckets& epochBuckets() const { return m_epochs; }
    QTabWidget* tabs() const { return m_tabs; }
    // The exact value under the mouse, as shown in the hover label (empty: none).
    QString hoverText() const;

    // --- a second run overlaid: a fork (loss_chart_overlay.cpp) ---
    // Starts the overlay: a second run's loss points and epochs, drawn from `from` records
    // trained on (the fork: the history before it is this run's, which a fork's restore
    // sends first) in a second style (dashed, its own colour), its series named after
    // `name` ("fork (a = 0.05)"); this run's are then named "main". The same bounded
    // buckets as this run's.
    void startOverlay(const QString& name, long from);
    void setOverlayName(const QString& name);
    void setOverlayFrom(long from); // drawn from there (0 after a reset of the fork)
    void appendOverlayLossPoints(const LossBuckets& points);
    void addOverlayEpochs(const EpochBuckets& epochs);
    void rewindOverlay(long lossesKept, int epoch);
    void clearOverlay(); // ends the overlay: its series leave the chart
    bool hasOverlay() const { return m_overlay.on; }
    QString overlayName() const { return m_overlay.name; }
    long overlayFrom() const { return m_overlay.from; }
    const SmoothedLoss& overlaySmoothedLoss() const { return m_overlay.smoothed; }
    const EpochBuckets& overlayEpochBuckets() const { return m_overlay.epochs; }
    QLineSeries* overlayRecordLossSeries() const { return m_overlay.record; }
    QLineSeries* overlayTrainLossSeries() const { return m_overlay.train; }
    QLineSeries* overlayTestLossSeries() const { return m_overlay.test; }

signals:
    void logScaleChanged(bool on);

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* createTools(); // the hover label, the log axis box and Reset zoom
    void createTabs(QWidget* tools);
    void addContextMenus();
    void buildCharts();
    void buildSeries();
    void buildLossChart();
    void buildAccuracyChart();
    void buildViews();
    void scheduleRedraw();
    void redraw();
    // Records trained at the end of each epoch bucket (the x axis), in order.
    std::vector<double> epochEnds() const;
    void connectHover(QLineSeries* series);
    void onHovered(QLineSeries* series, const QPointF& point, bool state);
    void rebuildEpochSeries();
    void rebuildRecordSeries();
    void replaceLossSeries(QLineSeries* series, const QVector<QPointF>& points);
    void fitRanges();             // loss_chart_axes.cpp
    double recordsExtent() const; // records trained so far: the end of the x axis's data
    double lossExtent() const;    // the highest loss the linear axis must show
    void fitRecordsAxis(double maxX);
    void fitLossAxis(double maxY);
    void fitAccuracyAxis();
    void syncX(QValueAxis* from, QValueAxis* to);
    void applyStyle();
    double lossFloor() const;  // the smallest value drawn on the log axis
    void buildOverlaySeries(); // loss_chart_overlay.cpp
    void rebuildOverlaySeries();
    void nameSeries(); // "main" and the fork's name while an overlay is on
    void styleOverlay();
    QString overlayHover(QLineSeries* series, const QPointF& point) const; // its hover text

    QChart* m_lossChart = nullptr;
    QChart* m_accuracyChart = nullptr;
    ZoomChartView* m_lossView = nullptr;
    ZoomChartView* m_accuracyView = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTimer* m_redrawTimer = nullptr;
    int m_redraws = 0;
    bool m_epochsDirty = false;
    QCheckBox* m_logBox = nullptr;
    QLabel* m_hoverLabel = nullptr;
    QLineSeries* m_trainLoss = nullptr;
    QLineSeries* m_testLoss = nullptr;
    QLineSeries* m_recordLoss = nullptr;
    QLineSeries* m_recordMin = nullptr; // the band's lower and upper edges
    QLineSeries* m_recordMax = nullptr;
    QAreaSeries* m_recordRange = nullptr;
    QLineSeries* m_trainAccuracy = nullptr;
    QLineSeries* m_testAccuracy = nullptr;
    QAbstractAxis* m_lossAxis = nullptr; // m_linearAxis or m_logAxis
    QValueAxis* m_linearAxis = nullptr;
    QLogValueAxis* m_logAxis = nullptr;
    QValueAxis* m_lossX = nullptr;
    QValueAxis* m_accuracyX = nullptr;
    QValueAxis* m_accuracyY = nullptr;

    SmoothedLoss m_smoothed;
    EpochBuckets m_epochs{kEpochBuckets};
    // The overlaid run (a fork): its buckets and its series, in the loss chart only.
    struct Overlay {
        bool on = false;
        QString name;
        long from = 0; // records trained at the fork: drawn from there
        SmoothedLoss smoothed;
        EpochBuckets epochs{kEpochBuckets};
        QLineSeries* record = nullptr; // per-record loss, smoothed
        QLineSeries* train = nullptr;  // epoch means
        QLineSeries* test = nullptr;
        bool epochsDirty = false;
    } m_overlay;
    bool m_logScale = false;
    bool m_presentation = false;
    bool m_userZoomed = false;
    bool m_syncing = false;
};

} // namespace bp
