#pragma once
// The loss slice of one weight: J over the training set against the weight, with the
// trained value marked and, when the weight is edited, the what-if value.
#include "math/loss_slice.h"

#include <optional>
#include <QChartView>

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace bp {

class LossSliceChart : public QChartView {
    Q_OBJECT
public:
    explicit LossSliceChart(QWidget* parent = nullptr);

    // The curve, its weight's name for the axis, the trained point (w, J) and the edited
    // one (if any).
    void showSlice(const LossSlice& slice, const QString& weightName, QPointF trained,
                   std::optional<QPointF> edited);
    void clearSlice(const QString& message);
    int pointCount() const;

private:
    QLineSeries* m_curve;
    QScatterSeries* m_trained;
    QScatterSeries* m_edited;
    QValueAxis* m_x;
    QValueAxis* m_y;
};

} // namespace bp
