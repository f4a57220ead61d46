#pragma once
// The formula panel: click a node and see its equations in the seed's notation
// with the live numbers in them; click an edge and see that weight, its gradient,
// its last Δw and a small chart of its recent history. Numbers come from the
// engine's text (core/math/explain.h) via node_explanation.h.
#include "charts/weight_history.h"
#include "session/snapshot.h"

#include <memory>
#include <QPointF>
#include <QString>
#include <QVector>
#include <QWidget>

class QChartView;
class QLabel;
class QLineSeries;
class QTextBrowser;
class QValueAxis;

namespace bp {

class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    enum class Selection { None, Node, Edge };

    explicit InspectorPanel(QWidget* parent = nullptr);

    // The values to explain. Also feeds the history of every watched edge.
    void setSnapshot(std::shared_ptr<const Snapshot> snapshot);
    // Node i (1-based, as in the seed) of layer k (0 = inputs, 1..L).
    void showNode(int layer, int node);
    // Weight w_{i,j}(k): node i (1-based) of layer k, input j (0 = the bias). Starts
    // watching the weight: its chart grows with every later snapshot.
    void showEdge(int layer, int node, int input);
    void clearSelection();
    // Larger fonts for a projector.
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presentation; }
    // Significant digits of every number (the engine's formatNumber); default 4.
    void setPrecision(int digits);

    Selection selection() const { return m_selection; }
    int selectedLayer() const { return m_layer; }
    int selectedNode() const { return m_node; }
    int selectedInput() const { return m_input; }
    // What the panel shows, as text (numbers exactly as displayed) and as HTML.
    QString plainText() const;
    QString html() const { return m_html; }
    // The points of the edge chart: (recordsTrained, w).
    QVector<QPointF> edgeHistory() const;
    // The edge chart's axes (for tests: their ranges and tick intervals).
    QValueAxis* historyAxisX() const { return m_axisX; }
    QValueAxis* historyAxisY() const { return m_axisY; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    void refreshChart();
    void applyFonts();

    QTextBrowser* m_text = nullptr;
    QLabel* m_chartLabel = nullptr;
    QChartView* m_chartView = nullptr;
    QLineSeries* m_series = nullptr;
    QValueAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;

    std::shared_ptr<const Snapshot> m_snapshot;
    WeightHistory m_history;
    Selection m_selection = Selection::None;
    int m_layer = 0;
    int m_node = 0;
    int m_input = 0;
    int m_precision = 4;
    bool m_presentation = false;
    QString m_html;
};

} // namespace bp
