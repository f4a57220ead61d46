#pragma once
// One layer's Δw(k) as a heatmap: a row per unit i, a column per input j (the bias
// w_{i,0}(k) first), coloured by the diverging palette (blue Δ < 0, red Δ > 0). When
// the matrix has more cells than the widget has pixels, a pixel shows the cell of its
// block with the largest |Δ|, so one large change never disappears in the scaling.
// Hovering names the weight with both values; a click emits it.
#include "graph/diverging_palette.h"
#include "session/weight_diff.h"

#include <memory>
#include <QImage>
#include <QWidget>

namespace bp {

class DiffHeatmap : public QWidget {
    Q_OBJECT
public:
    explicit DiffHeatmap(QWidget* parent = nullptr);

    // Layer k of `diff`, its colours scaled to ±range.
    void setLayer(std::shared_ptr<const WeightDiff> diff, int k, double range);
    int layer() const { return m_k; }
    // The weight (i, j) a point of the widget shows: the largest |Δ| of its block.
    // False outside the map.
    bool weightAt(QPoint p, int* node, int* column) const;
    // Where weight (i, j) is drawn (the centre of its pixel block).
    QPoint pointOf(int node, int column) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void weightClicked(int layer, int node, int column);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override; // tooltips

private:
    const Matrix* delta() const;
    QRect mapRect() const; // where the image goes (the whole widget but a frame)
    void render();         // m_image at the map's size

    std::shared_ptr<const WeightDiff> m_diff;
    int m_k = 0;
    DivergingPalette m_palette;
    QImage m_image;
};

} // namespace bp
