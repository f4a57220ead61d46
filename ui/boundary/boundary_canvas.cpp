#include "boundary/boundary_canvas.h"

#include "style/screen_text.h"

#include "graph/diverging_palette.h"
#include "math/explain.h"
#include "style/chart_style.h"

#include <algorithm>
#include <cmath>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace bp {

namespace {

constexpr int kMaxPointsDrawn = 20000;

QString tickText(double v) {
    return std::abs(v) < 1e-12 ? QStringLiteral("0") : screenNumber(v, 3);
}

// Where the iso-line crosses between two samples (0..1 from a to b).
double crossing(double a, double b) {
    return a == b ? 0.5 : a / (a - b);
}

} // namespace

BoundaryCanvas::BoundaryCanvas(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void BoundaryCanvas::setResult(std::shared_ptr<const PlaneResult> result) {
    m_result = std::move(result);
    update();
}

void BoundaryCanvas::setData(std::shared_ptr<const Dataset> train,
                             std::shared_ptr<const Dataset> test) {
    m_train = std::move(train);
    m_test = std::move(test);
    update();
}

void BoundaryCanvas::setLegend(const CanvasLegend& legend) {
    m_legend = legend;
    update();
}

void BoundaryCanvas::setCurrentRecord(long index) {
    if (m_current == index)
        return;
    m_current = index;
    update();
}

void BoundaryCanvas::setMessage(const QString& message) {
    m_message = message;
    update();
}

void BoundaryCanvas::setPresentationMode(bool on) {
    m_presentation = on;
    QFont f = parentWidget() ? parentWidget()->font() : font();
    if (on)
        f.setPointSizeF(f.pointSizeF() * 1.5);
    setFont(f);
    update();
}

void BoundaryCanvas::setPainting(bool on) {
    m_painting = on;
    setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    // A right click removes a point then, rather than opening the window's dock menu.
    setContextMenuPolicy(on ? Qt::PreventContextMenu : Qt::DefaultContextMenu);
}

std::optional<QPointF> BoundaryCanvas::planeAt(QPointF pixel) const {
    if (!m_message.isEmpty() || !m_result || m_result->image.isNull())
        return std::nullopt;
    const QRectF plot = plotRect(QFontMetricsF(font()));
    if (!plot.contains(pixel) || plot.width() <= 0 || plot.height() <= 0)
        return std::nullopt;
    // The inverse of toPixel.
    const PlaneBounds& b = m_result->bounds;
    return QPointF(b.xMin + (pixel.x() - plot.left()) / plot.width() * b.width(),
                   b.yMax - (pixel.y() - plot.top()) / plot.height() * b.height());
}

QPointF BoundaryCanvas::pixelAt(double x1, double x2) const {
    if (!m_result)
        return {};
    return toPixel(plotRect(QFontMetricsF(font())), x1, x2);
}

long BoundaryCanvas::trainRecordNear(QPointF pixel, qreal radius) const {
    if (!m_result || !m_train || m_train->inputSize() != 2)
        return -1;
    const QRectF plot = plotRect(QFontMetricsF(font()));
    long best = -1;
    qreal bestDistance = radius * radius;
    for (Eigen::Index r = 0; r < m_train->records(); ++r) {
        const QPointF d = toPixel(plot, m_train->inputs(0, r), m_train->inputs(1, r)) - pixel;
        const qreal distance = d.x() * d.x() + d.y() * d.y();
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = static_cast<long>(r);
        }
    }
    return best;
}

void BoundaryCanvas::mousePressEvent(QMouseEvent* event) {
    if (!m_painting)
        return QWidget::mousePressEvent(event);
    const QPointF at = event->position();
    if (event->button() == Qt::LeftButton) {
        if (const std::optional<QPointF> p = planeAt(at))
            emit paintClicked(p->x(), p->y());
    } else if (event->button() == Qt::RightButton) {
        const long r = trainRecordNear(at, m_presentation ? kPickRadius * 1.5 : kPickRadius);
        if (r >= 0)
            emit removeClicked(r);
    }
    event->accept();
}

QRectF BoundaryCanvas::plotRect(const QFontMetricsF& fm) const {
    qreal legendWidth = fm.horizontalAdvance(QStringLiteral("current record")) + 40;
    for (const QString& name : m_legend.classNames)
        legendWidth = std::max(legendWidth, fm.horizontalAdvance(name) + 40);
    legendWidth = std::min(legendWidth, width() * 0.35);
    const qreal left = fm.horizontalAdvance(QStringLiteral("\u22120.00")) + fm.height() + 14;
    const qreal top = fm.height() * 1.8;
    const qreal bottom = fm.height() * 2.6 + 6;
    QRectF area(left, top, width() - left - legendWidth - 16, height() - top - bottom);
    if (!m_result || area.width() <= 10 || area.height() <= 10)
        return area;
    // Equal units on both axes unless the plane is very elongated.
    const double aspect = m_result->bounds.width() / m_result->bounds.height();
    if (aspect > 0.25 && aspect < 4) {
        QSizeF size = area.size();
        if (size.width() / size.height() > aspect)
            size.setWidth(size.height() * aspect);
        else
            size.setHeight(size.width() / aspect);
        area = QRectF(area.left(), area.top(), size.width(), size.height());
    }
    return area;
}

QPointF BoundaryCanvas::toPixel(const QRectF& plot, double x1, double x2) const {
    const PlaneBounds& b = m_result->bounds;
    return {plot.left() + (x1 - b.xMin) / b.width() * plot.width(),
            plot.top() + (b.yMax - x2) / b.height() * plot.height()};
}

void BoundaryCanvas::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(palette().color(QPalette::WindowText));
    if (!m_message.isEmpty() || !m_result || m_result->image.isNull()) {
        const QString text =
            m_message.isEmpty() ? tr("Computing the output over the plane…") : m_message;
        p.drawText(rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap, text);
        return;
    }
    const QFontMetricsF fm(font());
    const QRectF plot = plotRect(fm);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(plot, m_result->image);
    paintBoundary(p, plot);
    p.setPen(QPen(
        mixColors(palette().color(QPalette::Window), palette().color(QPalette::WindowText), 0.6),
        1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot);
    paintPoints(p, plot);
    paintAxes(p, plot);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRectF(plot.left(), 0, width() - plot.left(), fm.height() * 1.6),
               Qt::AlignLeft | Qt::AlignVCenter, m_legend.title);
    p.setFont(font());
    paintLegend(p,
                QRectF(plot.right() + 14, plot.top(), width() - plot.right() - 16, plot.height()));
}

void BoundaryCanvas::paintBoundary(QPainter& p, const QRectF& plot) const {
    // The iso-line f = 0.5 (marching squares over the sample grid).
    const PlaneResult& r = *m_result;
    if (r.coloring != PlaneColoring::Binary || r.outputs < 1)
        return;
    const int n = r.resolution;
    auto value = [&](int col, int row) {
        return r.values[static_cast<std::size_t>((row * n + col) * r.outputs)] - 0.5;
    };
    auto pixel = [&](double col, double row) {
        return QPointF(plot.left() + (col + 0.5) / n * plot.width(),
                       plot.top() + (row + 0.5) / n * plot.height());
    };
    QVector<QLineF> lines;
    for (int row = 0; row + 1 < n; ++row)
        for (int col = 0; col + 1 < n; ++col) {
            const double a = value(col, row), b = value(col + 1, row);
            const double c = value(col + 1, row + 1), d = value(col, row + 1);
            QPointF hits[4];
            int count = 0;
            if ((a < 0) != (b < 0))
                hits[count++] = pixel(col + crossing(a, b), row);
            if ((b < 0) != (c < 0))
                hits[count++] = pixel(col + 1, row + crossing(b, c));
            if ((c < 0) != (d < 0))
                hits[count++] = pixel(col + 1 - crossing(c, d), row + 1);
            if ((d < 0) != (a < 0))
                hits[count++] = pixel(col, row + 1 - crossing(d, a));
            if (count >= 2)
                lines.append(QLineF(hits[0], hits[1]));
            if (count == 4)
                lines.append(QLineF(hits[2], hits[3]));
        }
    p.setPen(QPen(QColor(30, 30, 30, 200), m_presentation ? 3.0 : 2.0));
    p.drawLines(lines);
}

void BoundaryCanvas::paintAxes(QPainter& p, const QRectF& plot) const {
    const QFontMetricsF fm(font());
    const QColor text = palette().color(QPalette::WindowText);
    p.setPen(text);
    const PlaneBounds& b = m_result->bounds;
    const double xs = roundStep(b.width(), plot.width() > 400 ? 6 : 4);
    for (double v = std::ceil(b.xMin / xs) * xs; v <= b.xMax + 1e-9; v += xs) {
        const QPointF at = toPixel(plot, v, b.yMin);
        p.drawLine(at, at + QPointF(0, 4));
        const QString label = tickText(v);
        const qreal w = fm.horizontalAdvance(label);
        p.drawText(QPointF(at.x() - w / 2, at.y() + 4 + fm.ascent()), label);
    }
    const double ys = roundStep(b.height(), plot.height() > 400 ? 6 : 4);
    for (double v = std::ceil(b.yMin / ys) * ys; v <= b.yMax + 1e-9; v += ys) {
        const QPointF at = toPixel(plot, b.xMin, v);
        p.drawLine(at, at - QPointF(4, 0));
        const QString label = tickText(v);
        const qreal w = fm.horizontalAdvance(label);
        p.drawText(QPointF(at.x() - 6 - w, at.y() + fm.ascent() / 2 - 1), label);
    }
    // Axis titles.
    p.drawText(QRectF(plot.left(), plot.bottom() + 4 + fm.height(), plot.width(), fm.height() + 4),
               Qt::AlignCenter, m_legend.xTitle);
    p.save();
    p.translate(fm.height() * 0.2, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, 0, plot.height(), fm.height() + 2), Qt::AlignCenter,
               m_legend.yTitle);
    p.restore();
}

QColor BoundaryCanvas::pointColor(const Dataset& d, Eigen::Index r) const {
    if (d.isClassification() && r < static_cast<Eigen::Index>(d.labels.size()))
        return classColor(d.labels[static_cast<std::size_t>(r)],
                          static_cast<int>(d.classNames.size()));
    const DivergingPalette palette(m_legend.range);
    return palette.color(d.targets(0, r) - m_legend.centre);
}

void BoundaryCanvas::paintPoints(QPainter& p, const QRectF& plot) const {
    const double radius = m_presentation ? 6.5 : 4.5;
    p.save();
    p.setClipRect(plot.adjusted(-radius, -radius, radius, radius));
    auto draw = [&](const Dataset& d, bool train) {
        if (d.inputSize() != 2)
            return;
        const Eigen::Index n = d.records();
        const Eigen::Index step = std::max<Eigen::Index>(1, n / kMaxPointsDrawn);
        p.setPen(QPen(train ? QColor(Qt::white) : QColor(20, 20, 20), train ? 1.3 : 1.6));
        for (Eigen::Index r = 0; r < n; r += step) {
            const QPointF at = toPixel(plot, d.inputs(0, r), d.inputs(1, r));
            p.setBrush(pointColor(d, r));
            if (train)
                p.drawEllipse(at, radius, radius);
            else
                p.drawRect(QRectF(at.x() - radius * 0.9, at.y() - radius * 0.9, radius * 1.8,
                                  radius * 1.8));
        }
    };
    if (m_train)
        draw(*m_train, true);
    if (m_test)
        draw(*m_test, false);
    if (m_train && m_current >= 0 && m_current < m_train->records() && m_train->inputSize() == 2) {
        const QPointF at =
            toPixel(plot, m_train->inputs(0, m_current), m_train->inputs(1, m_current));
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(Qt::white, m_presentation ? 6 : 4.5));
        p.drawEllipse(at, radius * 2.2, radius * 2.2);
        p.setPen(QPen(QColor(20, 20, 20), m_presentation ? 3 : 2));
        p.drawEllipse(at, radius * 2.2, radius * 2.2);
    }
    p.restore();
}

void BoundaryCanvas::paintLegend(QPainter& p, const QRectF& area) const {
    const QColor text = palette().color(QPalette::WindowText);
    qreal y = area.top();
    p.setPen(text);
    if (m_legend.coloring == PlaneColoring::Classes)
        y = paintClassKey(p, area, y);
    else
        y = paintOutputBar(p, area, y);
    paintMarkerKey(p, area, y);
}

// One swatch per class (the first 12), under "class (largest output)"; returns the y below.
qreal BoundaryCanvas::paintClassKey(QPainter& p, const QRectF& area, qreal y) const {
    const QFontMetricsF fm(font());
    const QColor text = palette().color(QPalette::WindowText);
    const qreal line = fm.height() * 1.25;
    const CanvasLegend& l = m_legend;
    p.drawText(QPointF(area.left(), y + fm.ascent()), tr("class (largest output)"));
    y += line;
    const int classes = static_cast<int>(l.classNames.size());
    for (int c = 0; c < std::min(classes, 12); ++c) {
        p.setBrush(classColor(c, classes));
        p.setPen(Qt::NoPen);
        p.drawRect(QRectF(area.left(), y + 2, fm.height() - 4, fm.height() - 4));
        p.setPen(text);
        p.drawText(QPointF(area.left() + fm.height() + 2, y + fm.ascent()), l.classNames[c]);
        y += line;
    }
    return y;
}

// The output's colour bar with its ends and middle, then (binary) the boundary's look;
// returns the y below.
qreal BoundaryCanvas::paintOutputBar(QPainter& p, const QRectF& area, qreal y) const {
    const QFontMetricsF fm(font());
    const QColor text = palette().color(QPalette::WindowText);
    const qreal line = fm.height() * 1.25;
    const CanvasLegend& l = m_legend;
    // A vertical colour bar: centre + range at the top, centre − range at the bottom.
    const DivergingPalette palette(l.range);
    const qreal barHeight = std::min<qreal>(area.height() * 0.45, fm.height() * 7);
    p.drawText(QPointF(area.left(), y + fm.ascent()),
               l.coloring == PlaneColoring::Binary ? tr("output f") : tr("output f"));
    y += line;
    const QRectF bar(area.left(), y, fm.height() * 0.9, barHeight);
    QLinearGradient g(bar.topLeft(), bar.bottomLeft());
    for (int s = 0; s <= 10; ++s)
        g.setColorAt(s / 10.0, mixColors(palette.color(l.range * (1 - s / 5.0)), Qt::white, 0.28));
    p.setBrush(g);
    p.setPen(QPen(text, 0.8));
    p.drawRect(bar);
    const QString top = tickText(l.centre + l.range);
    const QString mid = tickText(l.centre);
    const QString bottom = tickText(l.centre - l.range);
    QString topName, bottomName;
    if (l.coloring == PlaneColoring::Binary && l.classNames.size() == 2) {
        // "1 · class 1", or the class's name when it has one ("1 · versicolor").
        auto named = [](const QString& name) {
            bool number = false;
            name.toDouble(&number);
            return QStringLiteral(" · ") + (number ? QObject::tr("class %1").arg(name) : name);
        };
        topName = named(l.classNames[1]);
        bottomName = named(l.classNames[0]);
    }
    const qreal tx = bar.right() + 5;
    p.drawText(QPointF(tx, bar.top() + fm.ascent() * 0.8), top + topName);
    p.drawText(QPointF(tx, bar.center().y() + fm.ascent() / 2 - 1), mid);
    p.drawText(QPointF(tx, bar.bottom()), bottom + bottomName);
    y = bar.bottom() + line * 0.8;
    if (l.coloring == PlaneColoring::Binary)
        y = paintBoundaryKey(p, area, y);
    return y;
}

// The boundary as it looks on the map: a dark line on a pale patch; returns the y below.
qreal BoundaryCanvas::paintBoundaryKey(QPainter& p, const QRectF& area, qreal y) const {
    const QFontMetricsF fm(font());
    const QColor text = palette().color(QPalette::WindowText);
    const qreal line = fm.height() * 1.25;
    const QRectF patch(area.left(), y + 2, fm.height() * 1.2, fm.height() - 4);
    p.setPen(Qt::NoPen);
    p.setBrush(DivergingPalette::neutralColor());
    p.drawRect(patch);
    p.setPen(QPen(QColor(30, 30, 30, 200), 2));
    p.drawLine(QPointF(patch.left() + 1, patch.center().y()),
               QPointF(patch.right() - 1, patch.center().y()));
    p.setPen(text);
    p.drawText(QPointF(patch.right() + 5, y + fm.ascent()), tr("f = 0.5"));
    return y + line;
}

// Markers: train, test (when there is a test set) and the current record.
void BoundaryCanvas::paintMarkerKey(QPainter& p, const QRectF& area, qreal y) const {
    const QFontMetricsF fm(font());
    const QColor text = palette().color(QPalette::WindowText);
    const qreal line = fm.height() * 1.25;
    y += line * 0.4;
    const double r = m_presentation ? 6.0 : 4.5;
    const QColor marker = mixColors(text, palette().color(QPalette::Window), 0.35);
    p.setBrush(marker);
    p.setPen(QPen(Qt::white, 1.3));
    p.drawEllipse(QPointF(area.left() + r + 1, y + fm.height() / 2), r, r);
    p.setPen(text);
    p.drawText(QPointF(area.left() + 2 * r + 6, y + fm.ascent()), tr("train"));
    y += line;
    if (m_test && m_test->records() > 0) {
        p.setPen(QPen(QColor(20, 20, 20), 1.6));
        p.drawRect(QRectF(area.left() + 1, y + fm.height() / 2 - r * 0.9, r * 1.8, r * 1.8));
        p.setPen(text);
        p.drawText(QPointF(area.left() + 2 * r + 6, y + fm.ascent()), tr("test"));
        y += line;
    }
    if (m_current >= 0) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(text, 2));
        p.drawEllipse(QPointF(area.left() + r + 1, y + fm.height() / 2), r, r);
        p.drawText(QPointF(area.left() + 2 * r + 6, y + fm.ascent()), tr("current record"));
    }
}

} // namespace bp
