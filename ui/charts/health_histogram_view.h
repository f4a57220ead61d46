#pragma once
// One histogram of the layer health (core/math/health_histogram.h): x(k) over its fixed
// bins of width 0.1, or ∂J/∂z(k) over its decades, as bars, the counts the core gave.
// Painted with QPainter (a Qt Charts bar series of 82 bars costs more than the dock's
// whole redraw budget); the bar under the mouse says its range and count in a tooltip.
#include "math/health_histogram.h"

#include <optional>
#include <QString>
#include <QWidget>

namespace bp {

class HealthHistogramView : public QWidget {
    Q_OBJECT
public:
    explicit HealthHistogramView(QWidget* parent = nullptr);

    // The histogram to show (none: an empty frame) and its title, e.g. "x(1)".
    void setHistogram(const std::optional<Histogram>& h, const QString& title);
    const std::optional<Histogram>& histogram() const { return m_histogram; }
    QString title() const { return m_title; }
    // The text of the bar at `pos`: "[0.1, 0.2): 12 values" (empty: none there).
    QString barTextAt(const QPointF& pos) const;

    QSize sizeHint() const override { return {320, 110}; }
    QSize minimumSizeHint() const override { return {160, 70}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override; // tooltips

private:
    QRectF plotRect() const;
    std::optional<Histogram> m_histogram;
    QString m_title;
};

} // namespace bp
