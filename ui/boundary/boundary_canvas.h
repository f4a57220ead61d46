#pragma once
// Paints one PlaneResult: the output heatmap over the input plane, the 0.5
// boundary line, axes with ticks, the data points (train ● white edge, test ■
// dark edge, coloured by class or target), the current record ringed, a legend.
// It computes nothing; DecisionBoundaryView hands it finished results.
#include "boundary/plane_sampler.h"
#include "math/dataset.h"

#include <memory>
#include <optional>
#include <QStringList>
#include <QWidget>

namespace bp {

struct CanvasLegend {
    PlaneColoring coloring = PlaneColoring::Binary;
    double centre = 0.5;
    double range = 0.5;
    QStringList classNames; // for class colours and the legend
    QString xTitle;         // e.g. "x₁(0) · petal length"
    QString yTitle;
    QString title; // above the plot
};

class BoundaryCanvas : public QWidget {
    Q_OBJECT
public:
    explicit BoundaryCanvas(QWidget* parent = nullptr);

    void setResult(std::shared_ptr<const PlaneResult> result);
    void setData(std::shared_ptr<const Dataset> train, std::shared_ptr<const Dataset> test);
    void setLegend(const CanvasLegend& legend);
    void setCurrentRecord(long index);       // in the training data; −1: none
    void setMessage(const QString& message); // shown instead of the plot when not empty
    void setPresentationMode(bool on);

    // Paint: a left click on the plot emits paintClicked with the plane point under it (the
    // network's units), a right click removeClicked with the training record drawn
    // within kPickRadius pixels (the nearest). Off: clicks do nothing.
    void setPainting(bool on);
    bool painting() const { return m_painting; }
    static constexpr qreal kPickRadius = 8;
    // The plane point under `pixel`; empty outside the plot or before a result is shown.
    std::optional<QPointF> planeAt(QPointF pixel) const;
    // Where plane point (x1, x2) is drawn (needs a result on screen).
    QPointF pixelAt(double x1, double x2) const;
    // The training record drawn nearest to `pixel` within `radius` pixels; −1: none.
    long trainRecordNear(QPointF pixel, qreal radius) const;

    QSize sizeHint() const override { return {520, 420}; }
    QSize minimumSizeHint() const override { return {220, 160}; }

signals:
    void paintClicked(double x1, double x2);
    void removeClicked(long record);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QRectF plotRect(const QFontMetricsF& fm) const;
    void paintBoundary(QPainter& p, const QRectF& plot) const;
    void paintAxes(QPainter& p, const QRectF& plot) const;
    void paintPoints(QPainter& p, const QRectF& plot) const;
    void paintLegend(QPainter& p, const QRectF& area) const;
    qreal paintClassKey(QPainter& p, const QRectF& area, qreal y) const;
    qreal paintOutputBar(QPainter& p, const QRectF& area, qreal y) const;
    qreal paintBoundaryKey(QPainter& p, const QRectF& area, qreal y) const;
    void paintMarkerKey(QPainter& p, const QRectF& area, qreal y) const;
    QPointF toPixel(const QRectF& plot, double x1, double x2) const;
    QColor pointColor(const Dataset& d, Eigen::Index r) const;

    std::shared_ptr<const PlaneResult> m_result;
    std::shared_ptr<const Dataset> m_train;
    std::shared_ptr<const Dataset> m_test;
    CanvasLegend m_legend;
    long m_current = -1;
    QString m_message;
    bool m_presentation = false;
    bool m_painting = false;
};

} // namespace bp
