#include "graph/network_view.h"

#include "style/image_file.h"

#include "style/screen_text.h"

#include "graph/graph_frame.h"
#include "graph/graph_images.h"
#include "graph/graph_painter.h"
#include "graph/graph_tooltips.h"
#include "graph/health_marks.h"

#include <QBuffer>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <QTimerEvent>
#include <QToolTip>

namespace bp {

namespace {
constexpr int kFlashIntervalMs = 33;
constexpr double kFlashStep = 0.05; // about 0.7 s from full to still
const QSize kExportFallback(1600, 900);
} // namespace

NetworkView::NetworkView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::ClickFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void NetworkView::setSnapshot(std::shared_ptr<const Snapshot> snapshot) {
    const std::vector<int> before = layerSizes();
    m_snapshot = std::move(snapshot);
    if (layerSizes() != before)
        invalidateLayout();
    invalidatePlan();
    if (m_snapshot && m_snapshot->hasPhase && m_snapshot->lastPhase.kind == Phase::Kind::Update &&
        m_snapshot->serial != m_flashedSerial) {
        m_flashedSerial = m_snapshot->serial;
        m_options.flash = 1;
        m_flashTimer.start(kFlashIntervalMs, this);
    }
    refreshToolTip();
    update();
}

void NetworkView::setNodeMeasure(NodeMeasure measure) {
    if (m_options.nodeMeasure == measure)
        return;
    m_options.nodeMeasure = measure;
    refreshToolTip();
    update();
}

void NetworkView::setEdgeMeasure(EdgeMeasure measure) {
    if (m_options.edgeMeasure == measure)
        return;
    m_options.edgeMeasure = measure;
    invalidatePlan();
    update();
}

void NetworkView::setInputImageShape(int rows, int cols) {
    m_imageRows = std::max(0, rows);
    m_imageCols = std::max(0, cols);
    invalidateLayout();
    update();
}

void NetworkView::setHealthMarks(std::shared_ptr<const HealthSample> sample) {
    m_health = std::move(sample);
    update();
    refreshToolTip();
}

void NetworkView::setShowHealthMarks(bool on) {
    m_showHealth = on;
    update();
}

void NetworkView::setOutputNames(const QStringList& names) {
    m_outputNames = names;
    invalidateLayout(); // the output column makes room for them
    update();
}

void NetworkView::setSelectedNode(int layer, int node) {
    m_options.selected = GraphItem{layer, node, -1};
    invalidatePlan();
    update();
}

void NetworkView::setSelectedEdge(int layer, int node, int input) {
    m_options.selected = GraphItem{layer, node, input};
    invalidatePlan();
    update();
}

void NetworkView::clearSelection() {
    m_options.selected = GraphItem{};
    invalidatePlan();
    update();
}

void NetworkView::setPresentationMode(bool on) {
    if (m_presentation == on)
        return;
    m_presentation = on;
    invalidateLayout();
    updateGeometry();
    update();
}

std::vector<int> NetworkView::layerSizes() const {
    std::vector<int> sizes;
    if (!m_snapshot || m_snapshot->network.layers.empty())
        return sizes;
    const Network& net = m_snapshot->network;
    sizes.push_back(static_cast<int>(net.inputSize));
    for (const Layer& l : net.layers)
        sizes.push_back(static_cast<int>(l.size()));
    return sizes;
}

void NetworkView::imageShape(int* rows, int* cols) const {
    *rows = m_imageRows;
    *cols = m_imageCols;
    if (m_imageRows < 0) { // not set: the common case of MNIST-like data
        const bool mnist = m_snapshot && m_snapshot->network.inputSize == 784;
        *rows = mnist ? 28 : 0;
        *cols = mnist ? 28 : 0;
    }
}

QFont NetworkView::graphFont() const {
    QFont f = font();
    if (m_presentation)
        f.setPointSizeF(f.pointSizeF() * kPresentationScale);
    return f;
}

GraphLayout NetworkView::layoutFor(const QRectF& bounds, const QPaintDevice* device) const {
    int rows = 0;
    int cols = 0;
    imageShape(&rows, &cols);
    return layoutGraph(layerSizes(), rows, cols, bounds, graphFont(), device, m_outputNames,
                       m_presentation);
}

const GraphLayout& NetworkView::layout() const {
    if (!m_layoutValid) {
        m_layout = layoutFor(QRectF(rect()), this);
        m_layoutValid = true;
        m_planValid = false;
    }
    return m_layout;
}

const EdgePlan& NetworkView::plan() const {
    const GraphLayout& g = layout();
    if (!m_planValid) {
        m_plan =
            m_snapshot ? planEdges(*m_snapshot, m_snapshot->progress, g, m_options) : EdgePlan();
        m_planValid = true;
    }
    return m_plan;
}

void NetworkView::invalidateLayout() {
    m_layoutValid = false;
    m_planValid = false;
}

void NetworkView::invalidatePlan() {
    m_planValid = false;
}

void NetworkView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    GraphFrame frame;
    frame.snapshot = m_snapshot.get();
    frame.progress = m_snapshot ? m_snapshot->progress : RecordProgress();
    frame.layout = &layout();
    frame.plan = &plan();
    frame.options = m_options;
    frame.colours = palette();
    frame.health = m_showHealth ? m_health.get() : nullptr;
    const GraphPaintReport report = paintGraph(painter, frame);
    m_edgeLabelsShown = report.edgeLabelsShown;
    if (report.edgeLabelsHidden != m_edgeLabelsHidden) {
        m_edgeLabelsHidden = report.edgeLabelsHidden;
        emit edgeLabelsHiddenChanged(m_edgeLabelsHidden);
    }
}

void NetworkView::render(QPainter& painter, const QRectF& target) const {
    const GraphLayout g = layoutFor(target, painter.device());
    const EdgePlan edges =
        m_snapshot ? planEdges(*m_snapshot, m_snapshot->progress, g, m_options) : EdgePlan();
    GraphFrame frame;
    frame.snapshot = m_snapshot.get();
    frame.progress = m_snapshot ? m_snapshot->progress : RecordProgress();
    frame.layout = &g;
    frame.plan = &edges;
    frame.options = m_options;
    frame.options.flash = 0; // an export is a still frame
    frame.colours = palette();
    frame.health = m_showHealth ? m_health.get() : nullptr;
    painter.save();
    painter.fillRect(target, palette().color(QPalette::Window));
    paintGraph(painter, frame);
    painter.restore();
}

namespace {
QSize exportSize(const QWidget& w) {
    const QSize min = w.minimumSizeHint();
    return (w.width() >= min.width() && w.height() >= min.height()) ? w.size() : kExportFallback;
}
} // namespace

bool NetworkView::exportPng(const QString& path, QString* error) const {
    const QSize size = exportSize(*this);
    const qreal dpr = std::max<qreal>(1.0, devicePixelRatioF());
    QImage image(size * dpr, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    {
        QPainter painter(&image);
        render(painter, QRectF(QPointF(0, 0), QSizeF(size)));
    }
    return writeImageFile(image, path, "png", error);
}

bool NetworkView::exportSvg(const QString& path, QString* error) const {
    const QSize size = exportSize(*this);
    QByteArray svg; // rendered into memory, then written whole or not at all
    QBuffer buffer(&svg);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(logicalDpiY());
    generator.setTitle(QStringLiteral("Backprop Studio network graph"));
    QPainter painter;
    if (!painter.begin(&generator)) {
        if (error)
            *error = QStringLiteral("Could not write %1: the SVG cannot be made").arg(path);
        return false;
    }
    render(painter, QRectF(QPointF(0, 0), QSizeF(size)));
    painter.end();
    return writeDataFile(svg, path, error);
}

QImage NetworkView::incomingWeightsImage(int layer, int node, double* range) const {
    if (!m_snapshot)
        return {};
    int rows = 0;
    int cols = 0;
    imageShape(&rows, &cols);
    return bp::incomingWeightsImage(m_snapshot->network, layer, node, rows, cols, range);
}

LayerMode NetworkView::layerMode(int layer) const {
    const GraphLayout& g = layout();
    if (layer < 0 || layer > g.depth())
        return LayerMode::Labelled;
    return g.layers[static_cast<std::size_t>(layer)].mode;
}

QPointF NetworkView::nodeCentre(int layer, int node) const {
    const GraphLayout& g = layout();
    if (layer < 0 || layer > g.depth() || node < 0 ||
        node > g.layers[static_cast<std::size_t>(layer)].size)
        return {};
    return g.anchor(layer, node);
}

QPointF NetworkView::edgePoint(int layer, int node, int input, double t) const {
    const GraphLayout& g = layout();
    if (layer < 1 || layer > g.depth())
        return {};
    const QPointF a = nodeCentre(layer - 1, input);
    const QPointF b = nodeCentre(layer, node);
    return a + t * (b - a);
}

GraphItem NetworkView::itemAt(const QPointF& pos) const {
    const GraphItem node = layout().nodeAt(pos);
    if (node.layer >= 0)
        return node;
    return edgeAt(plan(), layout(), pos);
}

QString NetworkView::toolTipAt(const QPointF& pos) const {
    if (!m_snapshot)
        return {};
    const GraphItem item = itemAt(pos);
    const RecordProgress p = m_snapshot->progress;
    QString text;
    if (item.isNode())
        text = nodeToolTip(*m_snapshot, p, item.layer, item.node,
                           layerMode(0) == LayerMode::Image ? layout().imageCols : 0);
    if (item.isNode() && !text.isEmpty() && m_showHealth && m_health) {
        GraphFrame f; // the sample must fit the network the tooltip is about
        f.snapshot = m_snapshot.get();
        f.layout = &layout();
        f.health = m_health.get();
        if (healthMarksFit(f))
            text += unitHealthToolTip(*m_health, item.layer, item.node);
    }
    if (item.isEdge())
        text = edgeToolTip(*m_snapshot, p, item.layer, item.node, item.input);
    if (!text.isEmpty() && m_presentation)
        text = QStringLiteral("<div style=\"font-size:%1pt\">%2</div>")
                   .arg(font().pointSizeF() * kPresentationScale)
                   .arg(text);
    return text;
}

void NetworkView::refreshToolTip() {
    // A visible tooltip follows the newest snapshot, so its numbers are never stale.
    if (m_toolTipPos.x() < 0 || !QToolTip::isVisible())
        return;
    const QString text = toolTipAt(m_toolTipPos);
    if (text.isEmpty())
        QToolTip::hideText();
    else if (text != QToolTip::text())
        QToolTip::showText(mapToGlobal(m_toolTipPos), text, this);
}

bool NetworkView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            m_toolTipPos = QPoint(-1, -1);
            QToolTip::hideText();
            event->ignore();
        } else {
            m_toolTipPos = help->pos();
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(event);
}

void NetworkView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const GraphItem item = itemAt(event->position());
    if (item.isNode() && item.node >= 1) {
        setSelectedNode(item.layer, item.node);
        emit nodeClicked(item.layer, item.node);
    } else if (item.isEdge()) {
        setSelectedEdge(item.layer, item.node, item.input);
        emit edgeClicked(item.layer, item.node, item.input);
    }
    event->accept();
}

void NetworkView::resizeEvent(QResizeEvent* event) {
    invalidateLayout();
    QWidget::resizeEvent(event);
}

void NetworkView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        invalidateLayout();
    QWidget::changeEvent(event);
}

void NetworkView::timerEvent(QTimerEvent* event) {
    if (event->timerId() != m_flashTimer.timerId()) {
        QWidget::timerEvent(event);
        return;
    }
    m_options.flash = std::max(0.0, m_options.flash - kFlashStep);
    if (m_options.flash <= 0)
        m_flashTimer.stop(); // the timer stops itself when the flash has faded
    update();
}

QSize NetworkView::sizeHint() const {
    const qreal u = QFontMetricsF(graphFont()).height();
    return QSize(static_cast<int>(u * 60), static_cast<int>(u * 34));
}

QSize NetworkView::minimumSizeHint() const {
    const qreal u = QFontMetricsF(graphFont()).height();
    return QSize(static_cast<int>(u * 30), static_cast<int>(u * 18));
}

} // namespace bp
