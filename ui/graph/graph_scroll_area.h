#pragma once
// The network graph in the centre of the window, with zoom. At 100 % the graph fills
// the area exactly; zoomed in (Ctrl+wheel, Ctrl++ / Ctrl+−, Ctrl+0 to fit) it is laid
// out larger, so that labels that found no room fit, and scrolls. A note in the
// strip under it says when the graph left edge labels out and how to see them (once
// shown, the strip stays until the next resize or zoom, so that under Run the graph
// does not change size as labels come and go).
#include <QScrollArea>
#include <QTimer>

class QLabel;

namespace bp {

class NetworkView;

class GraphScrollArea : public QScrollArea {
    Q_OBJECT
public:
    static constexpr double kMaxZoom = 4.0;

    explicit GraphScrollArea(NetworkView* view, QWidget* parent = nullptr);

    double zoom() const { return m_zoom; }
    // 1 = fit; keeps the graph point under `anchor` (viewport coordinates) in place.
    void setZoom(double zoom, QPoint anchor = QPoint(-1, -1));
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    QString noteText() const; // the note under the graph ("" when none is shown)

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override; // Ctrl+wheel

private:
    void fitView();
    void updateNote();

    NetworkView* m_view;
    QLabel* m_note;
    double m_zoom = 1;
    QTimer m_noteTimer;
    bool m_stripKept = false; // the strip stays once shown, until a resize or zoom
};

} // namespace bp
