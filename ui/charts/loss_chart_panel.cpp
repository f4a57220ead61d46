// The loss and metrics panel: its charts and tools, what arrives, its style and its
// export. The series: loss_chart_series.cpp; the axes: loss_chart_axes.cpp; the hover:
// loss_chart_hover.cpp.
#include "charts/loss_chart_panel.h"

#include "charts/zoom_chart_view.h"
#include "style/chart_style.h"
#include "style/image_file.h"

#include <QAction>
#include <QAreaSeries>
#include <QChart>
#include <QCheckBox>
#include <QCoreApplication>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

namespace bp {

namespace {

const QColor kTrainColor(31, 119, 180); // blue
const QColor kTestColor(230, 120, 20);  // orange
const QColor kRecordColor(140, 140, 150);
const QColor kRangeColor(140, 140, 150, 70); // the per-record loss band, behind the lines

QLineSeries* makeSeries(const QString& name, const QColor& color) {
    auto* s = new QLineSeries;
    s->setName(name);
    s->setColor(color);
    return s;
}

} // namespace

LossChartPanel::LossChartPanel(QWidget* parent) : QWidget(parent) {
    buildCharts();
    createTabs(createTools());

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_tabs, 1);

    m_redrawTimer = new QTimer(this);
    m_redrawTimer->setSingleShot(true);
    m_redrawTimer->setInterval(kRedrawMs);
    connect(m_redrawTimer, &QTimer::timeout, this, &LossChartPanel::redraw);

    addContextMenus();
    applyStyle();
    fitRanges();
}

QWidget* LossChartPanel::createTools() {
    m_logBox = new QCheckBox(tr("Logarithmic loss axis"), this);
    auto* reset = new QPushButton(tr("Reset zoom"), this);
    reset->setToolTip(tr("Show all the data again (also: double-click the chart, or Home)"));
    m_hoverLabel = new QLabel(this);
    m_hoverLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hoverLabel->setText(tr("Drag or wheel to zoom, Shift+drag to pan; hover a line for its "
                             "value."));
    connect(m_logBox, &QCheckBox::toggled, this, &LossChartPanel::setLogScale);
    connect(reset, &QPushButton::clicked, this, &LossChartPanel::resetZoom);

    // The tools sit beside the tabs, so the charts get every other pixel of the dock.
    auto* bar = new QWidget(this);
    auto* barLayout = new QHBoxLayout(bar);
    barLayout->setContentsMargins(0, 0, 4, 0);
    barLayout->addWidget(m_hoverLabel, 1);
    barLayout->addWidget(m_logBox);
    barLayout->addWidget(reset);
    m_hoverLabel->setMinimumWidth(0);
    m_hoverLabel->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    return bar;
}

void LossChartPanel::createTabs(QWidget* tools) {
    // Loss and accuracy each get the dock's whole height: stacked, at the default window
    // size, neither had room for its axis labels.
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_lossView, tr("Loss"));
    m_tabs->addTab(m_accuracyView, tr("Accuracy"));
    m_tabs->setTabVisible(1, false); // until an epoch has an accuracy
    m_tabs->setCornerWidget(tools, Qt::TopRightCorner);
}

// Each chart's right-click menu (Reset zoom, the log axis) and its zoom signals.
void LossChartPanel::addContextMenus() {
    for (ZoomChartView* view : {m_lossView, m_accuracyView}) {
        connect(view, &ZoomChartView::userZoomed, this, [this] { m_userZoomed = true; });
        connect(view, &ZoomChartView::resetRequested, this, &LossChartPanel::resetZoom);
        auto* resetAction = new QAction(tr("Reset zoom"), view);
        connect(resetAction, &QAction::triggered, this, &LossChartPanel::resetZoom);
        auto* logAction = new QAction(tr("Logarithmic loss axis"), view);
        logAction->setCheckable(true);
        connect(logAction, &QAction::toggled, this, &LossChartPanel::setLogScale);
        connect(this, &LossChartPanel::logScaleChanged, logAction, &QAction::setChecked);
        view->addAction(resetAction);
        view->addAction(logAction);
        view->setContextMenuPolicy(Qt::ActionsContextMenu);
    }
}

void LossChartPanel::buildCharts() {
    buildSeries();
    buildLossChart();
    buildAccuracyChart();
    buildViews();
}

void LossChartPanel::buildSeries() {
    m_trainLoss = makeSeries(tr("train loss (epoch mean)"), kTrainColor);
    m_testLoss = makeSeries(tr("test loss"), kTestColor);
    m_recordLoss = makeSeries(tr("per-record loss, smoothed"), kRecordColor);
    m_recordMin = new QLineSeries(this);
    m_recordMax = new QLineSeries(this);
    m_recordRange = new QAreaSeries(m_recordMax, m_recordMin);
    m_recordRange->setName(tr("per-record loss, range"));
    m_recordRange->setColor(kRangeColor);
    m_recordRange->setBorderColor(kRangeColor);
    m_trainAccuracy = makeSeries(tr("train accuracy"), kTrainColor);
    m_testAccuracy = makeSeries(tr("test accuracy"), kTestColor);
}

void LossChartPanel::buildLossChart() {
    m_lossChart = new QChart;
    m_lossChart->addSeries(m_recordRange); // first: drawn below the lines
    m_lossChart->addSeries(m_recordLoss);
    m_lossChart->addSeries(m_trainLoss);
    m_lossChart->addSeries(m_testLoss);
    m_lossX = new QValueAxis;
    m_lossX->setTitleText(tr("records trained"));
    m_lossX->setLabelFormat(QStringLiteral("%.0f"));
    m_lossX->setTickCount(6);
    m_lossChart->addAxis(m_lossX, Qt::AlignBottom);
    m_linearAxis = new QValueAxis;
    m_linearAxis->setTitleText(tr("loss J"));
    m_linearAxis->setLabelFormat(QStringLiteral("%.3g"));
    m_linearAxis->setTickCount(6);
    m_logAxis = new QLogValueAxis;
    m_logAxis->setTitleText(tr("loss J (log scale)"));
    m_logAxis->setBase(10);
    m_logAxis->setLabelFormat(QStringLiteral("%g"));
    m_logAxis->setMinorTickCount(-1);
    m_logAxis->setRange(1e-3, 1);
    m_lossAxis = m_linearAxis;
    // Both axes stay in the chart (removing one leaves its drawing behind until the
    // event loop runs); the hidden one has no series.
    m_lossChart->addAxis(m_linearAxis, Qt::AlignLeft);
    m_lossChart->addAxis(m_logAxis, Qt::AlignLeft);
    m_logAxis->setVisible(false);
    for (QLineSeries* s : {m_recordLoss, m_trainLoss, m_testLoss}) {
        s->attachAxis(m_lossX);
        s->attachAxis(m_lossAxis);
        connectHover(s);
    }
    m_recordRange->attachAxis(m_lossX);
    m_recordRange->attachAxis(m_lossAxis);
    m_lossChart->legend()->setAlignment(Qt::AlignTop);
    m_lossChart->setMargins(QMargins(4, 0, 8, 0));
    m_lossChart->layout()->setContentsMargins(0, 0, 0, 0);
    buildOverlaySeries(); // a fork's, hidden until one starts
}

void LossChartPanel::buildAccuracyChart() {
    m_accuracyChart = new QChart;
    m_accuracyChart->addSeries(m_trainAccuracy);
    m_accuracyChart->addSeries(m_testAccuracy);
    m_accuracyX = new QValueAxis;
    m_accuracyX->setTitleText(tr("records trained"));
    m_accuracyX->setLabelFormat(QStringLiteral("%.0f"));
    m_accuracyX->setTickCount(6);
    m_accuracyY = new QValueAxis;
    m_accuracyY->setLabelFormat(QStringLiteral("%.0f %%")); // the legend says "accuracy"
    m_accuracyChart->addAxis(m_accuracyX, Qt::AlignBottom);
    m_accuracyChart->addAxis(m_accuracyY, Qt::AlignLeft);
    for (QLineSeries* s : {m_trainAccuracy, m_testAccuracy}) {
        s->attachAxis(m_accuracyX);
        s->attachAxis(m_accuracyY);
        connectHover(s);
    }
    m_accuracyChart->legend()->setAlignment(Qt::AlignTop);
    m_accuracyChart->setMargins(QMargins(4, 0, 8, 0));
    m_accuracyChart->layout()->setContentsMargins(0, 0, 0, 0);
}

void LossChartPanel::buildViews() {
    m_lossView = new ZoomChartView(m_lossChart, this);
    m_accuracyView = new ZoomChartView(m_accuracyChart, this);
    m_lossView->setMinimumHeight(120); // the axes and their labels, and no more: 1280×800 fits
    m_accuracyView->setMinimumHeight(120);
    // Both charts show the same stretch of training.
    connect(m_lossX, &QValueAxis::rangeChanged, this, [this] { syncX(m_lossX, m_accuracyX); });
    connect(m_accuracyX, &QValueAxis::rangeChanged, this, [this] { syncX(m_accuracyX, m_lossX); });
}

void LossChartPanel::syncX(QValueAxis* from, QValueAxis* to) {
    if (m_syncing)
        return;
    m_syncing = true;
    to->setRange(from->min(), from->max());
    m_syncing = false;
}

void LossChartPanel::appendLossPoints(const LossBuckets& points) {
    if (points.empty())
        return;
    m_smoothed.append(points);
    scheduleRedraw();
}

void LossChartPanel::appendLossPoints(const QVector<LossPoint>& points) {
    if (points.isEmpty())
        return;
    m_smoothed.append(points);
    scheduleRedraw();
}

void LossChartPanel::addEpochs(const EpochBuckets& epochs) {
    for (const EpochBucket& b : epochs.buckets()) {
        // An epoch again (after a rewind) replaces the one shown and those after it.
        m_epochs.dropBackWhile(
            [&b](const EpochBucket& old) { return old.lastEpoch >= b.firstEpoch; });
        m_epochs.add(b);
    }
    m_epochsDirty = true;
    scheduleRedraw();
}

void LossChartPanel::addEpoch(const EpochStats& stats) {
    EpochBuckets one(1);
    one.add(EpochBucket(stats));
    addEpochs(one);
}

int LossChartPanel::epochCount() const {
    return m_epochs.empty() ? 0 : m_epochs.buckets().back().lastEpoch;
}

void LossChartPanel::rewindTo(long lossesKept, int epoch) {
    m_smoothed.truncateFrom(lossesKept);
    m_epochs.dropBackWhile([epoch](const EpochBucket& b) { return b.lastEpoch > epoch; });
    m_epochsDirty = true;
    scheduleRedraw();
}

void LossChartPanel::clear() {
    m_smoothed.clear();
    m_epochs.clear();
    m_userZoomed = false;
    m_epochsDirty = true;
    redraw(); // at once: a new run starts from an empty chart
}

void LossChartPanel::scheduleRedraw() {
    if (!m_redrawTimer->isActive())
        m_redrawTimer->start();
}

bool LossChartPanel::redrawPending() const {
    return m_redrawTimer->isActive();
}

void LossChartPanel::redrawNow() {
    if (m_redrawTimer->isActive())
        redraw();
}

void LossChartPanel::redraw() {
    m_redrawTimer->stop();
    ++m_redraws;
    rebuildRecordSeries();
    if (m_epochsDirty)
        rebuildEpochSeries();
    m_epochsDirty = false;
    rebuildOverlaySeries();
    fitRanges();
}

void LossChartPanel::setPresentationMode(bool on) {
    if (m_presentation == on)
        return;
    m_presentation = on;
    applyStyle();
}

void LossChartPanel::applyStyle() {
    styleChart(m_lossChart, palette(), font(), m_presentation);
    styleChart(m_accuracyChart, palette(), font(), m_presentation);
    const double width = m_presentation ? 3.5 : 2.2;
    for (QLineSeries* s : {m_trainLoss, m_testLoss, m_trainAccuracy, m_testAccuracy}) {
        QPen pen = s->pen();
        pen.setWidthF(width);
        s->setPen(pen);
        s->setMarkerSize(m_presentation ? 5 : 3.5);
    }
    QPen pen = m_recordLoss->pen();
    pen.setWidthF(m_presentation ? 2.0 : 1.3);
    m_recordLoss->setPen(pen);
    styleOverlay();
    QFont f = font();
    if (m_presentation)
        f.setPointSizeF(f.pointSizeF() * 1.5);
    m_hoverLabel->setFont(f);
    m_logBox->setFont(f);
}

void LossChartPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyStyle();
}

bool LossChartPanel::exportPng(const QString& path, QString* error) {
    // What arrived up to now, laid out now: a toggle or resize just before must show.
    redrawNow();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    // The loss chart, and the accuracy chart below it when there is one (each is in
    // its own tab on screen; the file shows both).
    const QImage loss = m_lossView->grab().toImage();
    QImage image = loss;
    if (m_tabs->isTabVisible(1) && !loss.isNull()) {
        m_accuracyView->resize(m_lossView->size());
        const QImage accuracy = m_accuracyView->grab().toImage();
        image = QImage(loss.width(), loss.height() + accuracy.height(), loss.format());
        image.setDevicePixelRatio(loss.devicePixelRatio());
        image.fill(palette().color(QPalette::Window));
        QPainter painter(&image);
        painter.drawImage(QPoint(0, 0), loss);
        painter.drawImage(QPointF(0, loss.height() / loss.devicePixelRatio()), accuracy);
    }
    return writeImageFile(image, path, "png", error);
}

} // namespace bp
