#pragma once
// Two-dimensional data: the network's output over the input plane with the data
// points (the decision boundary), and below it one small heatmap per node, x_i(k)
// over the same plane (as TensorFlow Playground shows them).
//
// The images are computed off the GUI thread (QtConcurrent::run on a copy of the
// network); the GUI thread only paints finished images. While one is computing,
// only the newest request waits: snapshots that arrive meanwhile replace it.
// Snapshots whose weights did not change start nothing, and computations start at
// most every 40 ms (about 25 images a second while training runs).
#include "boundary/plane_sampler.h"
#include "session/snapshot.h"

#include <memory>
#include <optional>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

class QAbstractButton;
class QComboBox;
class QLabel;
class QPushButton;
class QScrollArea;

namespace bp {

class BoundaryCanvas;
class NeuronHeatmapStrip;

class DecisionBoundaryView : public QWidget {
    Q_OBJECT
public:
    explicit DecisionBoundaryView(QWidget* parent = nullptr);
    ~DecisionBoundaryView() override;

    // The data to draw, in the coordinates the network sees (normalised if the data
    // were). The plane is their range plus a margin. Needs 2 inputs; otherwise
    // the view says why it shows nothing.
    void setData(std::shared_ptr<const Dataset> train, std::shared_ptr<const Dataset> test);
    // The network to draw, and the current record (ringed).
    void setSnapshot(std::shared_ptr<const Snapshot> snapshot);
    void setResolution(int samplesPerSide); // default 100
    void setShowNeurons(bool on);           // the per-node heatmaps (default on)
    void setPresentationMode(bool on);
    // New training records on the same plane (points painted or removed): the plane's
    // bounds stay unless a record falls outside them.
    void setTrainingData(std::shared_ptr<const Dataset> train);

    // --- Paint (painted_points.h): the bar above the plot ---
    // On, a left click on the plot asks for a point of the chosen class there
    // (paintRequested), a right click for the removal of the training point under it.
    void setPainting(bool on);
    bool painting() const;
    bool paintable() const; // classification with 2 inputs (else the bar says why not)
    int paintClass() const; // the class index chosen
    void setPaintClass(int c);
    QAbstractButton* paintButton() const;
    QComboBox* paintClassBox() const { return m_paintClass; }
    QPushButton* exportButton() const { return m_export; }
    QString paintNote() const; // the bar's hint or why painting is off

    // --- the last finished result ---
    std::shared_ptr<const PlaneResult> result() const { return m_result; }
    QImage outputImage() const;
    PlaneBounds plane() const { return m_bounds; }
    bool isComputing() const;
    bool applicable() const; // the data have 2 inputs and the network fits them
    int computationsStarted() const { return m_started; }
    BoundaryCanvas* canvas() const { return m_canvas; }
    NeuronHeatmapStrip* neuronStrip() const { return m_strip; }

signals:
    void imagesUpdated(quint64 serial);                 // a finished result is on screen
    void neuronActivated(int layer, int node);          // a node heatmap was clicked
    void paintRequested(double x1, double x2, int cls); // the network's units
    void removeRequested(long record);                  // a training record index
    void exportRequested();                             // "Export points…"

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void fitStrip();
    void requestCompute();
    void startPending();
    void onFinished();
    void updateLegend();
    QString whyNotApplicable() const;
    void createPaintBar();
    void updatePaintBar();
    void fixPaintBarHeight(); // the bar keeps one height (paint_bar.cpp)

    BoundaryCanvas* m_canvas = nullptr;
    NeuronHeatmapStrip* m_strip = nullptr;
    QLabel* m_stripTitle = nullptr;
    QScrollArea* m_stripArea = nullptr;
    QWidget* m_paintBar = nullptr;
    QAbstractButton* m_paint = nullptr;
    QComboBox* m_paintClass = nullptr;
    QLabel* m_paintHint = nullptr;
    QPushButton* m_export = nullptr;
    static constexpr qint64 kMinIntervalMs = 40;
    QFutureWatcher<PlaneResult> m_watcher;
    QTimer m_throttle;
    QElapsedTimer m_sinceStart;
    std::optional<PlaneRequest> m_pending;
    std::shared_ptr<const PlaneResult> m_result;
    std::shared_ptr<const Dataset> m_train;
    std::shared_ptr<const Dataset> m_test;
    std::shared_ptr<const Snapshot> m_snapshot;
    std::optional<Network> m_requested; // the network of the newest request
    PlaneBounds m_bounds;
    PlaneRequest m_base; // colouring, centre, range for the current data
    int m_resolution = 100;
    int m_started = 0;
    quint64 m_serial = 0;
    bool m_running = false; // a computation was started and its result not yet taken
    bool m_showNeurons = true;
    bool m_presentation = false;
};

} // namespace bp
