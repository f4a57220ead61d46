#include "boundary/decision_boundary_view.h"

#include "style/screen_text.h"

#include "boundary/boundary_canvas.h"
#include "boundary/neuron_heatmap_strip.h"

#include <algorithm>
#include <QLabel>
#include <QScrollArea>
#include <QtConcurrent>
#include <QVBoxLayout>

namespace bp {

namespace {

QString axisTitle(const Dataset* d, int input) {
    QString title = QStringLiteral("x") + subscript(input) + QStringLiteral("(0)");
    if (!d || static_cast<int>(d->inputNames.size()) < input)
        return title;
    // The input's own name, unless it only repeats the symbol ("x1", "x_1").
    const QString name = QString::fromStdString(d->inputNames[static_cast<std::size_t>(input - 1)]);
    const QString plain = QString(name).remove(QLatin1Char('_'));
    if (!name.isEmpty() &&
        plain.compare(QStringLiteral("x%1").arg(input), Qt::CaseInsensitive) != 0)
        title += QStringLiteral(" · ") + name;
    return title;
}

} // namespace

DecisionBoundaryView::DecisionBoundaryView(QWidget* parent) : QWidget(parent) {
    m_canvas = new BoundaryCanvas(this);
    m_strip = new NeuronHeatmapStrip;
    m_stripTitle = new QLabel(tr("Each node's output x<sub>i</sub>(k) over the same plane: "
                                 "red high, blue low (click one to inspect it)"),
                              this);
    m_stripTitle->setTextFormat(Qt::RichText);
    m_stripTitle->setWordWrap(true); // a one-line title held the whole right dock at its width
    m_stripArea = new QScrollArea(this);
    m_stripArea->setWidget(m_strip);
    m_stripArea->setWidgetResizable(true);
    m_stripArea->setFrameShape(QFrame::NoFrame);
    m_stripArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    createPaintBar();
    layout->addWidget(m_paintBar);
    layout->addWidget(m_canvas, 3);
    layout->addWidget(m_stripTitle);
    layout->addWidget(m_stripArea, 0);
    connect(&m_watcher, &QFutureWatcher<PlaneResult>::finished, this,
            &DecisionBoundaryView::onFinished);
    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, &DecisionBoundaryView::startPending);
    connect(m_strip, &NeuronHeatmapStrip::neuronActivated, this,
            &DecisionBoundaryView::neuronActivated);
    m_canvas->setMessage(tr("Load a dataset with two inputs to see the decision boundary."));
}

DecisionBoundaryView::~DecisionBoundaryView() {
    m_pending.reset();
    m_throttle.stop();
    m_watcher.waitForFinished(); // the task holds only copies; wait so it ends with us
}

void DecisionBoundaryView::setData(std::shared_ptr<const Dataset> train,
                                   std::shared_ptr<const Dataset> test) {
    m_train = std::move(train);
    m_test = std::move(test);
    m_bounds = planeForData(m_train.get(), m_test.get());
    m_canvas->setData(m_train, m_test);
    m_requested.reset(); // the plane changed: draw again
    m_result.reset();
    m_canvas->setResult(nullptr);
    updateLegend();
    updatePaintBar();
    requestCompute();
}

void DecisionBoundaryView::setTrainingData(std::shared_ptr<const Dataset> train) {
    bool inside = train && train->inputSize() == 2 && train->records() > 0;
    if (inside) {
        const Matrix x = train->inputs.toMatrix(); // 2 × records: small
        inside = x.row(0).minCoeff() >= m_bounds.xMin && x.row(0).maxCoeff() <= m_bounds.xMax &&
                 x.row(1).minCoeff() >= m_bounds.yMin && x.row(1).maxCoeff() <= m_bounds.yMax;
    }
    if (!inside)
        return setData(std::move(train), m_test);
    m_train = std::move(train); // the same plane: the images on screen stay right
    m_canvas->setData(m_train, m_test);
    updateLegend();
    updatePaintBar();
}

void DecisionBoundaryView::setSnapshot(std::shared_ptr<const Snapshot> snapshot) {
    m_snapshot = std::move(snapshot);
    m_canvas->setCurrentRecord(m_snapshot ? m_snapshot->recordIndex : -1);
    if (m_snapshot && m_requested && *m_requested == m_snapshot->network)
        return; // same weights: the images on screen are still right
    updateLegend();
    requestCompute();
}

void DecisionBoundaryView::setResolution(int samplesPerSide) {
    m_resolution = std::clamp(samplesPerSide, 8, 512);
    m_requested.reset();
    requestCompute();
}

void DecisionBoundaryView::setShowNeurons(bool on) {
    m_showNeurons = on;
    m_stripArea->setVisible(on);
    m_requested.reset();
    requestCompute();
    m_stripTitle->setVisible(on);
}

void DecisionBoundaryView::fitStrip() {
    // All node heatmaps without scrolling when they fit in 30 % of the height (and a
    // few rows at most: the strip scrolls), so the dock never holds the window's
    // bottom docks below the height their charts need.
    const int wanted = m_strip->heightForWidth(m_stripArea->viewport()->width());
    const int rows = fontMetrics().height() * 7;
    // (Not 30 % of this view's own height: that fed back into the dock's minimum, and
    // with the paint bar above the plot the window's docks changed height by a few pixels
    // after every relayout.)
    m_stripArea->setMinimumHeight(std::min({wanted, rows}));
}

void DecisionBoundaryView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitStrip();
}

void DecisionBoundaryView::setPresentationMode(bool on) {
    m_presentation = on;
    m_canvas->setPresentationMode(on);
    m_strip->setPresentationMode(on);
    QFont f = font();
    if (on)
        f.setPointSizeF(f.pointSizeF() * 1.5);
    m_stripTitle->setFont(f);
    fixPaintBarHeight();
    fitStrip();
}

QImage DecisionBoundaryView::outputImage() const {
    return m_result ? m_result->image : QImage();
}

bool DecisionBoundaryView::isComputing() const {
    return m_running || m_pending.has_value();
}

QString DecisionBoundaryView::whyNotApplicable() const {
    if (!m_train)
        return tr("Load a dataset with two inputs to see the decision boundary.");
    if (m_train->inputSize() != 2)
        return tr("The decision boundary is drawn for data with two inputs; %1 has %2.")
            .arg(QString::fromStdString(m_train->name))
            .arg(m_train->inputSize());
    if (!m_snapshot || m_snapshot->network.depth() == 0)
        return tr("Set up a network to see its output over the plane.");
    if (m_snapshot->network.inputSize != 2)
        return tr("The network takes %1 inputs; the data have 2.")
            .arg(m_snapshot->network.inputSize);
    return {};
}

bool DecisionBoundaryView::applicable() const {
    return whyNotApplicable().isEmpty();
}

void DecisionBoundaryView::updateLegend() {
    CanvasLegend legend;
    PlaneRequest base;
    const Dataset* d = m_train.get();
    const Network* net = m_snapshot ? &m_snapshot->network : nullptr;
    const int outputs = net ? static_cast<int>(net->outputSize()) : 1;
    if (d && d->isClassification()) {
        for (const std::string& c : d->classNames)
            legend.classNames << QString::fromStdString(c);
        base.coloring = outputs > 1 ? PlaneColoring::Classes : PlaneColoring::Binary;
        base.centre = 0.5;
        base.range = 0.5;
    } else {
        base.coloring = PlaneColoring::Regression;
        double lo = 0, hi = 1;
        if (d && d->records() > 0 && d->outputSize() > 0) {
            lo = d->targets.row(0).minCoeff();
            hi = d->targets.row(0).maxCoeff();
        }
        base.centre = (lo + hi) / 2;
        base.range = hi > lo ? (hi - lo) / 2 : 1;
    }
    legend.coloring = base.coloring;
    legend.centre = base.centre;
    legend.range = base.range;
    legend.xTitle = axisTitle(d, 1);
    legend.yTitle = axisTitle(d, 2);
    QString what = base.coloring == PlaneColoring::Classes
                       ? tr("Predicted class over the input plane")
                       : tr("Output f over the input plane");
    if (base.coloring == PlaneColoring::Regression && outputs > 1)
        what += tr(" (output 1 of %1)").arg(outputs);
    if (m_snapshot)
        what += tr(" · %1 records trained").arg(m_snapshot->recordsTrained);
    legend.title = what;
    m_base = base;
    m_canvas->setLegend(legend);
}

void DecisionBoundaryView::requestCompute() {
    const QString why = whyNotApplicable();
    m_canvas->setMessage(why);
    if (!why.isEmpty()) {
        m_pending.reset();
        return;
    }
    PlaneRequest request = m_base;
    request.network = m_snapshot->network;
    request.bounds = m_bounds;
    request.resolution = m_resolution;
    request.maxNeurons = m_showNeurons ? 64 : 0;
    request.serial = ++m_serial;
    m_requested = request.network;
    m_pending = std::move(request); // replaces any older waiting request
    startPending();
}

void DecisionBoundaryView::startPending() {
    if (!m_pending || m_running)
        return; // onFinished starts it
    // At most kMinIntervalMs between starts: live training sends ~40 snapshots a second,
    // the eye needs fewer, and the worker needs the core.
    const qint64 wait = m_sinceStart.isValid() ? kMinIntervalMs - m_sinceStart.elapsed() : 0;
    if (wait > 0) {
        if (!m_throttle.isActive())
            m_throttle.start(static_cast<int>(wait));
        return;
    }
    const PlaneRequest request = std::move(*m_pending);
    m_pending.reset();
    ++m_started;
    m_running = true; // until onFinished has handled the result
    m_sinceStart.start();
    m_watcher.setFuture(QtConcurrent::run([request]() { return samplePlane(request); }));
}

void DecisionBoundaryView::onFinished() {
    auto result = std::make_shared<PlaneResult>(m_watcher.result());
    m_running = false;
    startPending();
    // A result for another plane (the data changed meanwhile) is not shown.
    if (!(result->bounds == m_bounds) || !applicable())
        return;
    m_result = result;
    m_canvas->setResult(m_result);
    std::vector<QString> names;
    const int depth = static_cast<int>(m_result->activations.size());
    for (int k = 1; k <= depth; ++k)
        names.push_back(tr("layer %1 · %2%3")
                            .arg(k)
                            .arg(QString::fromStdString(
                                toString(m_result->activations[static_cast<std::size_t>(k - 1)])))
                            .arg(k == depth ? tr(" · output") : QString()));
    m_strip->setResult(m_result, names);
    fitStrip();
    emit imagesUpdated(m_result->serial);
}

} // namespace bp
