#pragma once
// A QChartView that zooms and pans: drag a rectangle (rubber band) to zoom in,
// the wheel zooms around the cursor, middle-drag or Shift+drag pans, arrow keys
// pan, +/− zoom, double-click or Home asks for the full view again.
#include <QChartView>
#include <QPoint>

namespace bp {

class ZoomChartView : public QChartView {
    Q_OBJECT
public:
    explicit ZoomChartView(QChart* chart, QWidget* parent = nullptr);

    // Zooms by `factor` (> 1 in, < 1 out) keeping the chart point under `at` in place.
    void zoomAt(const QPointF& at, double factor);

signals:
    void userZoomed();     // the user changed the visible range
    void resetRequested(); // double-click or Home: show everything again

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    bool m_panning = false;
    QPoint m_lastPan;
    QPoint m_pressPos;
};

} // namespace bp
