#pragma once
// Small heatmaps like TensorFlow Playground's: for every node, x_i(k) over the
// same input plane as the decision boundary, one row per layer. Click a tile to
// select that node (e.g. in the inspector).
#include "boundary/plane_sampler.h"

#include <memory>
#include <QWidget>
#include <vector>

namespace bp {

class NeuronHeatmapStrip : public QWidget {
    Q_OBJECT
public:
    explicit NeuronHeatmapStrip(QWidget* parent = nullptr);

    // Node images of a finished result; `activations` names each layer (1..L) in the headers.
    void setResult(std::shared_ptr<const PlaneResult> result,
                   const std::vector<QString>& layerNames);
    void setPresentationMode(bool on);
    int tileCount() const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;

signals:
    void neuronActivated(int layer, int node);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Tile {
        QRectF rect; // the image
        const NeuronImage* neuron;
    };
    struct Header {
        QPointF at;
        QString text;
    };
    // Places tiles for `width`; returns the height used.
    qreal layout(qreal width, std::vector<Tile>* tiles, std::vector<Header>* headers) const;
    qreal tileSize() const;

    std::shared_ptr<const PlaneResult> m_result;
    std::vector<QString> m_layerNames;
    std::vector<Tile> m_tiles;
    std::vector<Header> m_headers;
    bool m_presentation = false;
};

} // namespace bp
