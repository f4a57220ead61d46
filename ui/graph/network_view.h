#pragma once
// The central network graph of Backprop Studio: layers left to right in the seed's
// notation, node fill = x, ring and badge = δ (or ∂J/∂z), edges = w (or ∂J/∂w), the
// phase of the last step highlighted, tooltips with exact values. Draws from the
// newest snapshot only: setSnapshot stores it and schedules a repaint, nothing more.
// Large layers are drawn compactly (cells, the input as an image, thinned edges) so a
// frame of 784-128-10 paints in a few milliseconds. See docs/graph-view.md.
#include "graph/edge_plan.h"
#include "graph/graph_layout.h"
#include "graph/graph_options.h"
#include "session/health_sample.h"
#include "session/snapshot.h"

#include <memory>
#include <QBasicTimer>
#include <QImage>
#include <QWidget>

namespace bp {

class NetworkView : public QWidget {
    Q_OBJECT

public:
    explicit NetworkView(QWidget* parent = nullptr);

    // The snapshot to draw (may be null). Never paints synchronously and never blocks.
    void setSnapshot(std::shared_ptr<const Snapshot> snapshot);
    std::shared_ptr<const Snapshot> snapshot() const { return m_snapshot; }

    // What a node's ring and badge show: δ = ∂J/∂x (the seed's) or ∂J/∂z.
    void setNodeMeasure(NodeMeasure measure);
    NodeMeasure nodeMeasure() const { return m_options.nodeMeasure; }
    // What colours and widens the edges: w, or ∂J/∂w of the record in progress.
    void setEdgeMeasure(EdgeMeasure measure);
    EdgeMeasure edgeMeasure() const { return m_options.edgeMeasure; }
    // The input layer as a rows × cols image (row-major). (0, 0): not an image. Until
    // this is called, 784 inputs are taken as 28 × 28 and anything else as no image.
    void setInputImageShape(int rows, int cols);
    // The class of each output node (empty: none), shown beside the output layer's dots.
    void setOutputNames(const QStringList& names);
    // The newest health sample (null: none): dead and saturated units marked, a legend
    // key for each kind marked, the unit's figures in its tooltip (health_marks.h). Shown
    // only while it fits the network drawn and setShowHealthMarks is on (the default).
    void setHealthMarks(std::shared_ptr<const HealthSample> sample);
    std::shared_ptr<const HealthSample> healthMarks() const { return m_health; }
    void setShowHealthMarks(bool on);
    bool showsHealthMarks() const { return m_showHealth; }

    // Selection, drawn highlighted: layer 0 is the input layer, nodes are 1-based,
    // input 0 is the bias. Clicking selects too. A selected unit of layer 1 of an image
    // input shows its incoming weights as an image under the input image.
    void setSelectedNode(int layer, int node);
    void setSelectedEdge(int layer, int node, int input);
    void clearSelection();
    GraphItem selection() const { return m_options.selected; }

    // Larger fonts (×1.6) for a projector; everything else scales with them.
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presentation; }

    // Paints the graph into `target` of any painter (export, screenshots), laid out
    // for that rectangle and that device.
    using QWidget::render;
    void render(QPainter& painter, const QRectF& target) const;
    // The graph at the widget's size (1600×900 if it is smaller than its minimum size)
    // as a PNG at the screen's device pixel ratio, or as an SVG. On failure: false and
    // *error says why.
    bool exportPng(const QString& path, QString* error = nullptr) const;
    bool exportSvg(const QString& path, QString* error = nullptr) const;

    // The incoming weights w_{i,j}(k) (bias left out) of node i of layer k as a rows×cols
    // image of the input shape, on the symmetric colour range *range (±); null if the
    // node does not exist or its inputs are not an image.
    QImage incomingWeightsImage(int layer, int node, double* range = nullptr) const;

    // --- for tests and the inspector ---
    LayerMode layerMode(int layer) const;
    QPointF nodeCentre(int layer, int node) const; // node 0: the bias node of that layer
    // A point on edge w_{i,j}(k), a fraction t of the way from its input to its node.
    QPointF edgePoint(int layer, int node, int input, double t = 0.5) const;
    GraphItem itemAt(const QPointF& pos) const;  // node first, then drawn edges
    QString toolTipAt(const QPointF& pos) const; // the hover text there (rich text)

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // Edge labels the last paint left out for want of room (the view around the
    // graph says so and offers zoom).
    int edgeLabelsHidden() const { return m_edgeLabelsHidden; }
    int edgeLabelsShown() const { return m_edgeLabelsShown; }

signals:
    void edgeLabelsHiddenChanged(int hidden);
    void nodeClicked(int layer, int node);
    void edgeClicked(int layer, int node, int input);

protected:
    bool event(QEvent* event) override; // tooltips
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void timerEvent(QTimerEvent* event) override; // the update flash fading out

private:
    std::vector<int> layerSizes() const;
    void imageShape(int* rows, int* cols) const;
    QFont graphFont() const;
    GraphLayout layoutFor(const QRectF& bounds, const QPaintDevice* device) const;
    const GraphLayout& layout() const; // for the widget's rect, cached
    const EdgePlan& plan() const;      // for the cached layout and the snapshot, cached
    void invalidateLayout();
    void invalidatePlan();
    void refreshToolTip();

    std::shared_ptr<const Snapshot> m_snapshot;
    std::shared_ptr<const HealthSample> m_health;
    bool m_showHealth = true;
    GraphOptions m_options;
    int m_imageRows = -1; // −1: not set (784 → 28×28)
    QStringList m_outputNames;
    int m_imageCols = -1;
    bool m_presentation = false;
    int m_edgeLabelsHidden = 0;
    int m_edgeLabelsShown = 0;
    QBasicTimer m_flashTimer;
    quint64 m_flashedSerial = 0;
    QPoint m_toolTipPos{-1, -1};

    mutable GraphLayout m_layout;
    mutable bool m_layoutValid = false;
    mutable EdgePlan m_plan;
    mutable bool m_planValid = false;
};

} // namespace bp
