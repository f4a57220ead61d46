#pragma once
// The loss slice of two weights: J over the training set on a grid as a heatmap, the
// trained point, the edited one and the path training took (the session's history
// replayed: TrainingSession::requestWeightPath, oldest first).
#include "math/loss_slice.h"

#include <optional>
#include <QVector>
#include <QWidget>

namespace bp {

class LossHeatmap : public QWidget {
    Q_OBJECT
public:
    explicit LossHeatmap(QWidget* parent = nullptr);

    void showGrid(const LossGrid& grid, const QString& nameX, const QString& nameY, QPointF trained,
                  const QVector<QPointF>& path);
    void clearGrid();
    bool hasGrid() const { return m_grid.has_value(); }

protected:
    void paintEvent(QPaintEvent* event) override;
    QSize sizeHint() const override { return {320, 260}; }

private:
    std::optional<LossGrid> m_grid;
    QString m_nameX, m_nameY;
    QPointF m_trained;
    QVector<QPointF> m_path;
};

} // namespace bp
