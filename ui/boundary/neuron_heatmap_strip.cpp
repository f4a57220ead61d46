#include "boundary/neuron_heatmap_strip.h"

#include "style/screen_text.h"

#include "style/chart_style.h"

#include <QMouseEvent>
#include <QPainter>

namespace bp {

NeuronHeatmapStrip::NeuronHeatmapStrip(QWidget* parent) : QWidget(parent) {
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setMouseTracking(false);
}

void NeuronHeatmapStrip::setResult(std::shared_ptr<const PlaneResult> result,
                                   const std::vector<QString>& layerNames) {
    m_result = std::move(result);
    m_layerNames = layerNames;
    layout(width(), &m_tiles, &m_headers);
    updateGeometry();
    update();
}

void NeuronHeatmapStrip::setPresentationMode(bool on) {
    m_presentation = on;
    QFont f = parentWidget() ? parentWidget()->font() : font();
    if (on)
        f.setPointSizeF(f.pointSizeF() * 1.5);
    setFont(f);
    layout(width(), &m_tiles, &m_headers);
    updateGeometry();
    update();
}

int NeuronHeatmapStrip::tileCount() const {
    return m_result ? static_cast<int>(m_result->neurons.size()) : 0;
}

qreal NeuronHeatmapStrip::tileSize() const {
    return m_presentation ? 96 : 64;
}

qreal NeuronHeatmapStrip::layout(qreal width, std::vector<Tile>* tiles,
                                 std::vector<Header>* headers) const {
    if (tiles)
        tiles->clear();
    if (headers)
        headers->clear();
    if (!m_result || m_result->neurons.empty())
        return 0;
    const QFontMetricsF fm(font());
    const qreal t = tileSize();
    const qreal gap = 8;
    const qreal labelHeight = fm.height() + 2;
    qreal y = 4;
    qreal x = 4;
    int layer = -1;
    for (const NeuronImage& n : m_result->neurons) {
        if (n.layer != layer) { // a new row per layer, with its header
            if (layer != -1)
                y += t + labelHeight + gap;
            layer = n.layer;
            const std::size_t idx = static_cast<std::size_t>(layer - 1);
            const QString name = idx < m_layerNames.size() ? m_layerNames[idx] : QString();
            if (headers)
                headers->push_back({QPointF(4, y + fm.ascent()), name});
            y += fm.height() + 2;
            x = 4;
        } else if (x + t > width - 4) { // wrap
            x = 4;
            y += t + labelHeight + gap;
        }
        if (tiles)
            tiles->push_back({QRectF(x, y, t, t), &n});
        x += t + gap;
    }
    return y + t + labelHeight + 4;
}

int NeuronHeatmapStrip::heightForWidth(int width) const {
    return static_cast<int>(std::ceil(layout(width, nullptr, nullptr)));
}

QSize NeuronHeatmapStrip::sizeHint() const {
    return {400, heightForWidth(width() > 0 ? width() : 400)};
}

void NeuronHeatmapStrip::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    layout(width(), &m_tiles, &m_headers);
}

void NeuronHeatmapStrip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(font());
    const QColor text = palette().color(QPalette::WindowText);
    const QColor muted = mutedTextColor(palette());
    p.setPen(muted);
    for (const Header& h : m_headers)
        p.drawText(h.at, h.text);
    for (const Tile& tile : m_tiles) {
        p.drawImage(tile.rect, tile.neuron->image);
        p.setPen(QPen(muted, 1));
        p.setBrush(Qt::NoBrush);
        p.drawRect(tile.rect);
        const QString label = QStringLiteral("x") + subscript(tile.neuron->node) +
                              QStringLiteral("(%1)").arg(tile.neuron->layer) +
                              (tile.neuron->dead ? tr(" dead") : QString());
        p.setPen(tile.neuron->dead ? QColor(200, 60, 40) : text);
        p.drawText(QRectF(tile.rect.left() - 4, tile.rect.bottom() + 1, tile.rect.width() + 8,
                          fm.height()),
                   Qt::AlignHCenter | Qt::AlignTop, label);
    }
}

void NeuronHeatmapStrip::mousePressEvent(QMouseEvent* event) {
    for (const Tile& tile : m_tiles)
        if (tile.rect.contains(event->position())) {
            emit neuronActivated(tile.neuron->layer, tile.neuron->node);
            return;
        }
    QWidget::mousePressEvent(event);
}

} // namespace bp
