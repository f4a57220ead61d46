#include "charts/zoom_chart_view.h"

#include <cmath>
#include <QChart>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

namespace bp {

ZoomChartView::ZoomChartView(QChart* chart, QWidget* parent) : QChartView(chart, parent) {
    setRubberBand(QChartView::RectangleRubberBand);
    setRenderHint(QPainter::Antialiasing);
    setFocusPolicy(Qt::StrongFocus);
}

void ZoomChartView::zoomAt(const QPointF& at, double factor) {
    if (factor <= 0)
        return;
    const QRectF plot = chart()->plotArea();
    // The new visible rectangle, in widget coordinates, keeps `at` where it is.
    const QPointF anchor = plot.contains(at) ? at : plot.center();
    const QSizeF size = plot.size() / factor;
    const QPointF topLeft = anchor - (anchor - plot.topLeft()) / factor;
    chart()->zoomIn(QRectF(topLeft, size));
    emit userZoomed();
}

void ZoomChartView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        event->ignore();
        return;
    }
    zoomAt(chart()->mapFromScene(mapToScene(event->position().toPoint())), std::pow(1.25, steps));
    event->accept();
}

void ZoomChartView::mousePressEvent(QMouseEvent* event) {
    m_pressPos = event->pos();
    const bool pan = event->button() == Qt::MiddleButton ||
                     (event->button() == Qt::LeftButton && event->modifiers() & Qt::ShiftModifier);
    if (pan) {
        m_panning = true;
        m_lastPan = event->pos();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) { // the context menu, not QChartView's zoom-out
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void ZoomChartView::mouseMoveEvent(QMouseEvent* event) {
    if (m_panning) {
        const QPoint d = event->pos() - m_lastPan;
        m_lastPan = event->pos();
        chart()->scroll(-d.x(), d.y());
        emit userZoomed();
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void ZoomChartView::mouseReleaseEvent(QMouseEvent* event) {
    if (m_panning) {
        m_panning = false;
        unsetCursor();
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton && (event->pos() - m_pressPos).manhattanLength() > 4)
        emit userZoomed(); // the rubber band zoomed in
}

void ZoomChartView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        emit resetRequested();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

void ZoomChartView::keyPressEvent(QKeyEvent* event) {
    const QPointF centre = chart()->plotArea().center();
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAt(centre, 1.25);
        break;
    case Qt::Key_Minus:
        zoomAt(centre, 0.8);
        break;
    case Qt::Key_Left:
        chart()->scroll(-chart()->plotArea().width() / 10, 0);
        emit userZoomed();
        break;
    case Qt::Key_Right:
        chart()->scroll(chart()->plotArea().width() / 10, 0);
        emit userZoomed();
        break;
    case Qt::Key_Up:
        chart()->scroll(0, chart()->plotArea().height() / 10);
        emit userZoomed();
        break;
    case Qt::Key_Down:
        chart()->scroll(0, -chart()->plotArea().height() / 10);
        emit userZoomed();
        break;
    case Qt::Key_Home:
    case Qt::Key_0:
        emit resetRequested();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace bp
