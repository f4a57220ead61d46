#include "diff/diff_heatmap.h"

#include "graph/graph_tooltips.h"
#include "style/screen_text.h"

#include <algorithm>
#include <cmath>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace bp {

namespace {
// The cells [first, last) of `cells` that pixel p of `pixels` covers (at least one).
std::pair<Eigen::Index, Eigen::Index> block(int p, int pixels, Eigen::Index cells) {
    const Eigen::Index first = static_cast<Eigen::Index>(p) * cells / pixels;
    const Eigen::Index last = static_cast<Eigen::Index>(p + 1) * cells / pixels;
    return {first, std::max(last, first + 1)};
}

// |Δ| for choosing the cell a pixel shows: a non-finite Δ is the largest.
double weightOf(double delta) {
    return std::isfinite(delta) ? std::abs(delta) : HUGE_VAL;
}

// The cell of the largest |Δ| in rows [r0, r1) × columns [c0, c1).
std::pair<Eigen::Index, Eigen::Index> largestIn(const Matrix& d,
                                                std::pair<Eigen::Index, Eigen::Index> rows,
                                                std::pair<Eigen::Index, Eigen::Index> cols) {
    std::pair<Eigen::Index, Eigen::Index> best{rows.first, cols.first};
    double bestSize = -1;
    for (Eigen::Index i = rows.first; i < rows.second; ++i)
        for (Eigen::Index j = cols.first; j < cols.second; ++j)
            if (const double size = weightOf(d(i, j)); size > bestSize) {
                bestSize = size;
                best = {i, j};
            }
    return best;
}
} // namespace

DiffHeatmap::DiffHeatmap(QWidget* parent) : QWidget(parent) {
    setMouseTracking(false);
    setCursor(Qt::PointingHandCursor);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void DiffHeatmap::setLayer(std::shared_ptr<const WeightDiff> diff, int k, double range) {
    m_diff = std::move(diff);
    m_k = k;
    m_palette.setRange(range);
    updateGeometry();
    render();
    update();
}

const Matrix* DiffHeatmap::delta() const {
    if (!m_diff || m_k < 1 || m_k > static_cast<int>(m_diff->delta.size()))
        return nullptr;
    const Matrix& d = m_diff->delta[static_cast<std::size_t>(m_k - 1)];
    return d.size() > 0 ? &d : nullptr;
}

// A row per unit, at least 3 px (a 10-unit output layer is 30–60 px high), at most
// 100 px in all (a 128-unit layer gets about a pixel row per unit).
QSize DiffHeatmap::sizeHint() const {
    const Matrix* d = delta();
    const int rows = d ? static_cast<int>(d->rows()) : 1;
    const int height = std::clamp(rows * 6, 30, 100);
    return {400, height + 2};
}

QSize DiffHeatmap::minimumSizeHint() const {
    return {120, sizeHint().height()};
}

QRect DiffHeatmap::mapRect() const {
    return rect().adjusted(1, 1, -1, -1);
}

void DiffHeatmap::render() {
    const Matrix* d = delta();
    const QRect r = mapRect();
    if (!d || r.width() < 1 || r.height() < 1) {
        m_image = QImage();
        return;
    }
    m_image = QImage(r.size(), QImage::Format_RGB32);
    for (int py = 0; py < r.height(); ++py) {
        const auto rows = block(py, r.height(), d->rows());
        auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(py));
        for (int px = 0; px < r.width(); ++px) {
            const auto [i, j] = largestIn(*d, rows, block(px, r.width(), d->cols()));
            line[px] = m_palette.rgb((*d)(i, j));
        }
    }
}

bool DiffHeatmap::weightAt(QPoint p, int* node, int* column) const {
    const Matrix* d = delta();
    const QRect r = mapRect();
    if (!d || !r.contains(p))
        return false;
    const auto [i, j] = largestIn(*d, block(p.y() - r.top(), r.height(), d->rows()),
                                  block(p.x() - r.left(), r.width(), d->cols()));
    *node = static_cast<int>(i) + 1;
    *column = static_cast<int>(j);
    return true;
}

QPoint DiffHeatmap::pointOf(int node, int column) const {
    const Matrix* d = delta();
    const QRect r = mapRect();
    if (!d)
        return r.center();
    // The pixel whose block holds the cell: the inverse of block().
    const auto pixel = [](Eigen::Index cell, Eigen::Index cells, int pixels) {
        return static_cast<int>((2 * cell + 1) * pixels / (2 * cells));
    };
    return {r.left() + pixel(column, d->cols(), r.width()),
            r.top() + pixel(node - 1, d->rows(), r.height())};
}

void DiffHeatmap::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(rect().adjusted(0, 0, -1, -1));
    if (!m_image.isNull())
        p.drawImage(mapRect().topLeft(), m_image);
}

void DiffHeatmap::resizeEvent(QResizeEvent*) {
    render();
}

void DiffHeatmap::mousePressEvent(QMouseEvent* e) {
    int i = 0, j = 0;
    if (e->button() == Qt::LeftButton && weightAt(e->position().toPoint(), &i, &j))
        emit weightClicked(m_k, i, j);
}

bool DiffHeatmap::event(QEvent* e) {
    if (e->type() != QEvent::ToolTip)
        return QWidget::event(e);
    auto* help = static_cast<QHelpEvent*>(e);
    int i = 0, j = 0;
    if (!weightAt(help->pos(), &i, &j)) {
        QToolTip::hideText();
        return true;
    }
    const std::size_t l = static_cast<std::size_t>(m_k - 1);
    const auto r = static_cast<Eigen::Index>(i - 1);
    const auto c = static_cast<Eigen::Index>(j);
    // w_{i,j}(k): from → to, Δw = to − from (the engine's values, as diffWeights took them)
    QToolTip::showText(help->globalPos(),
                       tr("<b>w<sub>%1,%2</sub>(%3)</b>%4<br>%5 → %6<br>Δw = %7")
                           .arg(i)
                           .arg(j)
                           .arg(m_k)
                           .arg(j == 0 ? tr(" (bias)") : QString())
                           .arg(fullNumber(m_diff->from[l](r, c)), fullNumber(m_diff->to[l](r, c)),
                                fullNumber(m_diff->delta[l](r, c))),
                       this);
    return true;
}

} // namespace bp
