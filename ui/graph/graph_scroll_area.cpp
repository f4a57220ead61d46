#include "graph/graph_scroll_area.h"

#include "graph/network_view.h"

#include <algorithm>
#include <cmath>
#include <QLabel>
#include <QScrollBar>
#include <QTimer>
#include <QWheelEvent>

namespace bp {

namespace {
constexpr double kStep = 1.25; // one Ctrl++ or one wheel notch
}

GraphScrollArea::GraphScrollArea(NetworkView* view, QWidget* parent)
    : QScrollArea(parent), m_view(view) {
    setFrameShape(QFrame::NoFrame);
    setWidgetResizable(false); // the zoom sets the graph's size
    setWidget(view);
    setAlignment(Qt::AlignCenter);
    view->installEventFilter(this);
    m_note = new QLabel(this);
    m_note->setObjectName("graphNote");
    m_note->setWordWrap(true);
    m_note->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_note->setStyleSheet("QLabel { background: rgba(255, 248, 220, 235); color: #5a4500; "
                          "border: 1px solid #d4b24c; border-radius: 4px; padding: 3px 6px; }");
    m_note->hide();
    // The count changes while the graph paints (under Run up to 40 times a second): the
    // note follows at most 4 times a second, never from inside the paint.
    m_noteTimer.setSingleShot(true);
    m_noteTimer.setInterval(250);
    connect(&m_noteTimer, &QTimer::timeout, this, &GraphScrollArea::updateNote);
    connect(view, &NetworkView::edgeLabelsHiddenChanged, this, [this] {
        if (!m_noteTimer.isActive())
            m_noteTimer.start();
    });
}

void GraphScrollArea::setZoom(double zoom, QPoint anchor) {
    zoom = std::clamp(zoom, 1.0, kMaxZoom);
    if (std::abs(zoom - m_zoom) < 1e-9)
        return;
    if (anchor.x() < 0)
        anchor = viewport()->rect().center();
    // The graph point under the anchor, as a fraction of the graph, stays under it.
    const QPointF at = m_view->mapFrom(viewport(), anchor);
    const double fx = at.x() / std::max(1, m_view->width());
    const double fy = at.y() / std::max(1, m_view->height());
    m_zoom = zoom;
    m_stripKept = false; // a new size: the strip goes if nothing needs saying
    fitView();
    horizontalScrollBar()->setValue(static_cast<int>(fx * m_view->width() - anchor.x()));
    verticalScrollBar()->setValue(static_cast<int>(fy * m_view->height() - anchor.y()));
    updateNote();
}

void GraphScrollArea::zoomIn() {
    setZoom(m_zoom * kStep);
}

void GraphScrollArea::zoomOut() {
    setZoom(m_zoom / kStep);
}

void GraphScrollArea::zoomToFit() {
    setZoom(1);
}

void GraphScrollArea::fitView() {
    // At 100 % exactly the area (no scroll bars); zoomed, the graph laid out larger.
    const QSize area = maximumViewportSize();
    const QSize size = m_zoom <= 1 ? area
                                   : QSize(static_cast<int>(area.width() * m_zoom),
                                           static_cast<int>(area.height() * m_zoom));
    m_view->resize(size.expandedTo(QSize(1, 1)));
}

void GraphScrollArea::resizeEvent(QResizeEvent* event) {
    QScrollArea::resizeEvent(event);
    m_stripKept = false;
    fitView();
    updateNote();
}

bool GraphScrollArea::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view && event->type() == QEvent::Wheel) {
        auto* wheel = static_cast<QWheelEvent*>(event);
        if (wheel->modifiers() & Qt::ControlModifier) {
            const int notches = wheel->angleDelta().y() / 120;
            if (notches != 0)
                setZoom(m_zoom * std::pow(kStep, notches),
                        viewport()->mapFromGlobal(wheel->globalPosition().toPoint()));
            return true;
        }
    }
    return QScrollArea::eventFilter(watched, event);
}

void GraphScrollArea::updateNote() {
    const int hidden = m_view->edgeLabelsHidden();
    QString text;
    if (hidden > 0)
        text = (hidden == 1 ? tr("1 edge label hidden") : tr("%1 edge labels hidden").arg(hidden)) +
               tr(" for want of room: hover an edge for its value, or zoom in (Ctrl+wheel, "
                  "Ctrl++).");
    else if (m_stripKept) // once shown, the strip stays: the graph does not jump in size
        text = tr("Every edge label has room now.");
    if (m_zoom > 1)
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) +
                tr("Zoom %1 % (Ctrl+0 fits the window).").arg(std::lround(m_zoom * 100));
    m_stripKept = !text.isEmpty();
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
    // The note gets a strip of its own under the graph: it never covers the legend.
    int strip = 0;
    if (!text.isEmpty()) {
        m_note->setFixedWidth(std::max(120, width() - 16));
        m_note->adjustSize();
        strip = m_note->height() + 8;
        m_note->move(8, height() - m_note->height() - 4);
        m_note->raise();
    }
    if (viewportMargins().bottom() != strip) {
        setViewportMargins(0, 0, 0, strip);
        fitView();
    }
}

QString GraphScrollArea::noteText() const {
    return m_note->isVisible() ? m_note->text() : QString();
}

} // namespace bp
