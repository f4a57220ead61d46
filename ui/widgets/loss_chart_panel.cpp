#include "loss_chart_panel.h"

#include "chart_style.h"
#include "explain.h"
#include "zoom_chart_view.h"

#include <algorithm>
#include <cmath>
#include <QAction>
#include <QChart>
#include <QCheckBox>
#include <QCoreApplication>
#include <QCursor>
#include <QEvent>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

namespace bp {

namespace {

const QColor kTrainColor(31, 119, 180); // blue
const QColor kTestColor(230, 120, 20);  // orange
const QColor kRecordColor(140, 140, 150);

QString number(double v) {
    return QString::fromStdString(formatNumber(v, 4));
}

// A round axis maximum ≥ v (v > 0) and the tick count that puts ticks on round values.
struct NiceMax {
    double max = 1;
    int ticks = 6;
};
NiceMax niceMax(double v) {
    if (!(v > 0) || !std::isfinite(v))
        return {};
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    // (mantissa, intervals): 1.2 → 0, 0.2, …, 1.2 (6 intervals), 1.5 → 0, 0.5, 1, 1.5, …
    static const std::pair<double, int> kSteps[] = {{1, 5},   {1.2, 6}, {1.5, 3}, {2, 4},
                                                    {2.5, 5}, {3, 6},   {4, 4},   {5, 5},
                                                    {6, 6},   {8, 4},   {10, 5}};
    for (const auto& [m, intervals] : kSteps)
        if (m * p >= v * (1 - 1e-12))
            return {m * p, intervals + 1};
    return {10 * p, 6};
}

// Index of the point whose x is nearest to x (points sorted by x).
int nearestByX(const QVector<QPointF>& points, double x) {
    if (points.isEmpty())
        return -1;
    const auto it = std::lower_bound(points.begin(), points.end(), x,
                                     [](const QPointF& p, double v) { return p.x() < v; });
    int i = static_cast<int>(it - points.begin());
    if (i >= points.size())
        return points.size() - 1;
    if (i > 0 && x - points[i - 1].x() < points[i].x() - x)
        --i;
    return i;
}

QLineSeries* makeSeries(const QString& name, const QColor& color) {
    auto* s = new QLineSeries;
    s->setName(name);
    s->setColor(color);
    return s;
}

} // namespace

LossChartPanel::LossChartPanel(QWidget* parent) : QWidget(parent) {
    buildCharts();

    m_logBox = new QCheckBox(tr("Logarithmic loss axis"), this);
    auto* reset = new QPushButton(tr("Reset zoom"), this);
    reset->setToolTip(tr("Show all the data again (also: double-click the chart, or Home)"));
    m_hoverLabel = new QLabel(this);
    m_hoverLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hoverLabel->setText(tr("Drag to zoom, wheel to zoom, Shift+drag to pan; hover a line "
                             "for its value."));
    connect(m_logBox, &QCheckBox::toggled, this, &LossChartPanel::setLogScale);
    connect(reset, &QPushButton::clicked, this, &LossChartPanel::resetZoom);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_logBox);
    bar->addWidget(reset);
    bar->addWidget(m_hoverLabel, 1);

    m_chartArea = new QWidget(this);
    auto* charts = new QVBoxLayout(m_chartArea);
    charts->setContentsMargins(0, 0, 0, 0);
    charts->setSpacing(0);
    charts->addWidget(m_lossView, 3);
    charts->addWidget(m_accuracyView, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_chartArea, 1);

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
    m_accuracyView->hide();
    applyStyle();
    fitRanges();
}

void LossChartPanel::buildCharts() {
    m_trainLoss = makeSeries(tr("train loss (epoch mean)"), kTrainColor);
    m_testLoss = makeSeries(tr("test loss"), kTestColor);
    m_recordLoss = makeSeries(tr("per-record loss, smoothed"), kRecordColor);
    m_trainAccuracy = makeSeries(tr("train accuracy"), kTrainColor);
    m_testAccuracy = makeSeries(tr("test accuracy"), kTestColor);

    m_lossChart = new QChart;
    m_lossChart->addSeries(m_recordLoss); // first: drawn below the epoch lines
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
    m_lossChart->legend()->setAlignment(Qt::AlignTop);
    m_lossChart->setMargins(QMargins(6, 2, 6, 2));

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
    m_accuracyChart->setMargins(QMargins(6, 2, 6, 2));

    m_lossView = new ZoomChartView(m_lossChart, this);
    m_accuracyView = new ZoomChartView(m_accuracyChart, this);
    m_lossView->setMinimumHeight(110);
    m_accuracyView->setMinimumHeight(80);
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

void LossChartPanel::connectHover(QLineSeries* series) {
    connect(series, &QLineSeries::hovered, this,
            [this, series](const QPointF& point, bool state) { onHovered(series, point, state); });
}

void LossChartPanel::onHovered(QLineSeries* series, const QPointF& point, bool state) {
    if (!state) {
        QToolTip::hideText();
        return;
    }
    QString text;
    if (series == m_recordLoss) {
        const QVector<QPointF> pts = m_smoothed.points();
        const int i = nearestByX(pts, point.x());
        if (i >= 0)
            text = tr("Record %1 · per-record loss, smoothed: J ≈ %2")
                       .arg(static_cast<long>(pts[i].x()))
                       .arg(number(pts[i].y()));
    } else if (!m_epochs.empty()) {
        QVector<QPointF> xs;
        for (const EpochPoint& e : m_epochs)
            xs.append(QPointF(e.records, 0));
        const int i = nearestByX(xs, point.x());
        const EpochStats& s = m_epochs[static_cast<std::size_t>(i)].stats;
        const QString where =
            tr("Epoch %1 (%2 records trained)")
                .arg(s.epoch)
                .arg(static_cast<long>(m_epochs[static_cast<std::size_t>(i)].records));
        if (series == m_trainLoss)
            text = where + tr(" · train loss J = %1").arg(number(s.trainLoss));
        else if (series == m_testLoss)
            text = where + tr(" · test loss J = %1").arg(number(s.testLoss));
        else if (series == m_trainAccuracy)
            text = where + tr(" · train accuracy %1 %").arg(number(100 * s.trainAccuracy));
        else if (series == m_testAccuracy)
            text = where + tr(" · test accuracy %1 %").arg(number(100 * s.testAccuracy));
    }
    if (text.isEmpty())
        return;
    m_hoverLabel->setText(text);
    QToolTip::showText(QCursor::pos(), text, this);
}

QString LossChartPanel::hoverText() const {
    return m_hoverLabel->text();
}

void LossChartPanel::appendLossPoints(const QVector<LossPoint>& points) {
    if (points.isEmpty())
        return;
    m_smoothed.append(points);
    rebuildRecordSeries(); // one replace() for the whole batch
    fitRanges();
}

void LossChartPanel::addEpoch(const EpochStats& stats) {
    while (!m_epochs.empty() && m_epochs.back().stats.epoch >= stats.epoch)
        m_epochs.pop_back();
    const double before = m_epochs.empty() ? 0 : m_epochs.back().records;
    m_epochs.push_back({stats, before + static_cast<double>(stats.records)});
    rebuildEpochSeries();
    fitRanges();
}

void LossChartPanel::rewindTo(long recordsTrained, int epoch) {
    m_smoothed.truncateFrom(recordsTrained);
    while (!m_epochs.empty() && m_epochs.back().stats.epoch > epoch)
        m_epochs.pop_back();
    rebuildRecordSeries();
    rebuildEpochSeries();
    fitRanges();
}

void LossChartPanel::clear() {
    m_smoothed.clear();
    m_epochs.clear();
    m_userZoomed = false;
    rebuildRecordSeries();
    rebuildEpochSeries();
    fitRanges();
}

void LossChartPanel::setSmoothing(double alpha) {
    m_smoothed.setAlpha(alpha);
}

double LossChartPanel::lossFloor() const {
    double lo = std::numeric_limits<double>::infinity();
    for (const QPointF& p : m_smoothed.points())
        if (p.y() > 0)
            lo = std::min(lo, p.y());
    for (const EpochPoint& e : m_epochs) {
        if (e.stats.trainLoss > 0)
            lo = std::min(lo, e.stats.trainLoss);
        if (e.stats.testLoss > 0)
            lo = std::min(lo, e.stats.testLoss);
    }
    return std::isfinite(lo) ? lo / 2 : 1e-3;
}

void LossChartPanel::replaceLossSeries(QLineSeries* series, const QVector<QPointF>& points) {
    if (!m_logScale) {
        series->replace(points);
        return;
    }
    // A log axis cannot show 0 or less: such points sit on the floor (the hover
    // label still gives their true value).
    const double floor = lossFloor();
    QVector<QPointF> clamped = points;
    for (QPointF& p : clamped)
        if (!(p.y() >= floor))
            p.setY(floor);
    series->replace(clamped);
}

void LossChartPanel::rebuildRecordSeries() {
    replaceLossSeries(m_recordLoss, m_smoothed.points());
}

void LossChartPanel::rebuildEpochSeries() {
    QVector<QPointF> train, test, trainAcc, testAcc;
    for (const EpochPoint& e : m_epochs) {
        if (std::isfinite(e.stats.trainLoss))
            train.append(QPointF(e.records, e.stats.trainLoss));
        if (e.stats.testLoss >= 0)
            test.append(QPointF(e.records, e.stats.testLoss));
        if (e.stats.trainAccuracy >= 0)
            trainAcc.append(QPointF(e.records, 100 * e.stats.trainAccuracy));
        if (e.stats.testAccuracy >= 0)
            testAcc.append(QPointF(e.records, 100 * e.stats.testAccuracy));
    }
    replaceLossSeries(m_trainLoss, train);
    replaceLossSeries(m_testLoss, test);
    m_trainAccuracy->replace(trainAcc);
    m_testAccuracy->replace(testAcc);
    const bool markers = m_epochs.size() <= 60;
    for (QLineSeries* s : {m_trainLoss, m_testLoss, m_trainAccuracy, m_testAccuracy})
        s->setPointsVisible(markers);
    m_testLoss->setVisible(!test.isEmpty());
    m_testAccuracy->setVisible(!testAcc.isEmpty());
    const bool accuracy = !trainAcc.isEmpty() || !testAcc.isEmpty();
    m_accuracyView->setVisible(accuracy);
    // One "records trained" title under the lower chart is enough.
    m_lossX->setTitleVisible(!accuracy);
}

void LossChartPanel::fitRanges() {
    if (m_userZoomed)
        return;
    double maxX = 0;
    double maxY = 0;
    const QVector<QPointF> records = m_smoothed.points();
    if (!records.isEmpty())
        maxX = records.back().x() + 1;
    for (const QPointF& p : records)
        if (std::isfinite(p.y()))
            maxY = std::max(maxY, p.y());
    for (const EpochPoint& e : m_epochs) {
        maxX = std::max(maxX, e.records);
        if (std::isfinite(e.stats.trainLoss))
            maxY = std::max(maxY, e.stats.trainLoss);
        if (std::isfinite(e.stats.testLoss))
            maxY = std::max(maxY, e.stats.testLoss);
    }
    // At least 10 records wide: whole-number labels stay distinct (0, 2, 4, … before any
    // training, not 0, 0, 0, 1, 1, 1).
    const NiceMax x = niceMax(std::max(maxX, 10.0));
    m_lossX->setRange(0, x.max);
    m_lossX->setTickCount(x.ticks);
    m_accuracyX->setTickCount(x.ticks);
    m_accuracyX->setRange(m_lossX->min(), m_lossX->max());
    if (m_logScale) {
        const double lo = std::pow(10.0, std::floor(std::log10(lossFloor())));
        double hi = std::pow(10.0, std::ceil(std::log10(std::max(maxY, lo * 10))));
        if (hi <= lo)
            hi = lo * 10;
        m_lossAxis->setRange(lo * 0.999, hi * 1.001); // keeps the end decades' labels
    } else {
        const NiceMax y = niceMax(maxY > 0 ? maxY * 1.02 : 1.0);
        m_linearAxis->setRange(0, y.max);
        m_linearAxis->setTickCount(y.ticks);
    }
    // Accuracy: from a round value below the lowest point to 100 %, a little headroom
    // so markers at 100 % are not cut.
    double lowest = 100;
    for (const EpochPoint& e : m_epochs)
        for (double a : {e.stats.trainAccuracy, e.stats.testAccuracy})
            if (a >= 0)
                lowest = std::min(lowest, 100 * a);
    const double lo = std::max(0.0, std::floor((lowest - 5) / 10) * 10);
    m_accuracyY->setTickType(QValueAxis::TicksDynamic);
    m_accuracyY->setTickAnchor(0);
    m_accuracyY->setTickInterval(100 - lo > 50 ? 20 : 10);
    m_accuracyY->setRange(lo, 100 + (100 - lo) * 0.05);
}

void LossChartPanel::resetZoom() {
    m_lossChart->zoomReset();
    m_accuracyChart->zoomReset();
    m_userZoomed = false;
    fitRanges();
}

void LossChartPanel::setLogScale(bool on) {
    if (m_logScale == on)
        return;
    m_logScale = on;
    QAbstractAxis* old = m_lossAxis;
    m_lossAxis = on ? static_cast<QAbstractAxis*>(m_logAxis) : m_linearAxis;
    for (QLineSeries* series : {m_recordLoss, m_trainLoss, m_testLoss}) {
        series->detachAxis(old);
        series->attachAxis(m_lossAxis);
    }
    old->setVisible(false);
    m_lossAxis->setVisible(true);
    // Fit first, so the clamped series never meet an axis range that excludes them.
    m_userZoomed = false;
    fitRanges();
    rebuildRecordSeries();
    rebuildEpochSeries();
    applyStyle();
    {
        const QSignalBlocker block(m_logBox);
        m_logBox->setChecked(on);
    }
    emit logScaleChanged(on);
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
    // Lay the charts out now: a toggle or resize just before must show in the file.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const QImage image = m_chartArea->grab().toImage();
    QImageWriter writer(path, "png");
    if (image.isNull() || !writer.write(image)) {
        if (error)
            *error = tr("Could not write the chart to %1: %2")
                         .arg(path, image.isNull() ? tr("the chart has no size yet")
                                                   : writer.errorString());
        return false;
    }
    return true;
}

} // namespace bp
