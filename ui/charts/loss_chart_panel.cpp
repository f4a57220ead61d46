#include "charts/loss_chart_panel.h"

#include "charts/zoom_chart_view.h"
#include "math/explain.h"
#include "style/chart_style.h"

#include <algorithm>
#include <cmath>
#include <QAction>
#include <QAreaSeries>
#include <QChart>
#include <QCheckBox>
#include <QCoreApplication>
#include <QCursor>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

namespace bp {

namespace {

const QColor kTrainColor(31, 119, 180); // blue
const QColor kTestColor(230, 120, 20);  // orange
const QColor kRecordColor(140, 140, 150);
const QColor kRangeColor(140, 140, 150, 70); // the per-record loss band, behind the lines

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

    // Loss and accuracy each get the dock's whole height: stacked, at the default window
    // size, neither had room for its axis labels.
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_lossView, tr("Loss"));
    m_tabs->addTab(m_accuracyView, tr("Accuracy"));
    m_tabs->setTabVisible(1, false); // until an epoch has an accuracy
    m_tabs->setCornerWidget(bar, Qt::TopRightCorner);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_tabs, 1);

    m_redrawTimer = new QTimer(this);
    m_redrawTimer->setSingleShot(true);
    m_redrawTimer->setInterval(kRedrawMs);
    connect(m_redrawTimer, &QTimer::timeout, this, &LossChartPanel::redraw);

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
    applyStyle();
    fitRanges();
}

void LossChartPanel::buildCharts() {
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
        const std::vector<double> ends = epochEnds();
        QVector<QPointF> xs;
        for (double x : ends)
            xs.append(QPointF(x, 0));
        const std::size_t i = static_cast<std::size_t>(nearestByX(xs, point.x()));
        const EpochBucket& b = m_epochs.buckets()[i];
        const QString where = b.units() == 1 ? tr("Epoch %1 (%2 records trained)")
                                                   .arg(b.lastEpoch)
                                                   .arg(static_cast<long>(ends[i]))
                                             : tr("Epochs %1–%2 (%3 records trained)")
                                                   .arg(b.firstEpoch)
                                                   .arg(b.lastEpoch)
                                                   .arg(static_cast<long>(ends[i]));
        // One epoch: its figure; several: their mean and range.
        const auto figure = [&b](const Spread& v, double scale, const QString& unit) {
            if (b.units() == 1 || v.n <= 1)
                return number(scale * v.mean()) + unit;
            return tr("%1%2 (mean; %3 to %4)")
                .arg(number(scale * v.mean()), unit, number(scale * v.min), number(scale * v.max));
        };
        if (series == m_trainLoss)
            text = where + tr(" · train loss J = %1").arg(figure(b.trainLoss, 1, QString()));
        else if (series == m_testLoss)
            text = where + tr(" · test loss J = %1").arg(figure(b.testLoss, 1, QString()));
        else if (series == m_trainAccuracy)
            text = where + tr(" · train accuracy %1").arg(figure(b.trainAccuracy, 100, " %"));
        else if (series == m_testAccuracy)
            text = where + tr(" · test accuracy %1").arg(figure(b.testAccuracy, 100, " %"));
    }
    if (text.isEmpty())
        return;
    m_hoverLabel->setText(text);
    QToolTip::showText(QCursor::pos(), text, this);
}

QString LossChartPanel::hoverText() const {
    return m_hoverLabel->text();
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
    fitRanges();
}

std::vector<double> LossChartPanel::epochEnds() const {
    std::vector<double> ends;
    ends.reserve(m_epochs.size());
    double records = 0;
    for (const EpochBucket& b : m_epochs.buckets())
        ends.push_back(records += static_cast<double>(b.records));
    return ends;
}

double LossChartPanel::lossFloor() const {
    double lo = std::numeric_limits<double>::infinity();
    for (const LossBucket& b : m_smoothed.buckets()) {
        if (b.loss.n > 0 && b.loss.min > 0)
            lo = std::min(lo, b.loss.min);
        if (b.smoothed > 0)
            lo = std::min(lo, b.smoothed);
    }
    for (const EpochBucket& e : m_epochs.buckets())
        for (const Spread* v : {&e.trainLoss, &e.testLoss})
            if (v->n > 0 && v->min > 0)
                lo = std::min(lo, v->min);
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
    const QVector<QPointF> smoothed = m_smoothed.points();
    replaceLossSeries(m_recordLoss, smoothed);
    // A line needs two points: the first records' are drawn as markers until then.
    m_recordLoss->setPointsVisible(smoothed.size() <= 2);
    // The band: each bucket's least and greatest loss over the records it holds.
    QVector<QPointF> lower, upper;
    lower.reserve(static_cast<qsizetype>(2 * m_smoothed.buckets().size()));
    upper.reserve(lower.capacity());
    for (const LossBucket& b : m_smoothed.buckets()) {
        if (b.loss.n == 0)
            continue;
        for (double x : {static_cast<double>(b.first), static_cast<double>(b.end() - 1)}) {
            lower.append(QPointF(x, b.loss.min));
            upper.append(QPointF(x, b.loss.max));
        }
    }
    replaceLossSeries(m_recordMin, lower);
    replaceLossSeries(m_recordMax, upper);
}

void LossChartPanel::rebuildEpochSeries() {
    // One point per bucket of epochs: the epoch's own figures, or the mean of several.
    QVector<QPointF> train, test, trainAcc, testAcc;
    const std::vector<double> ends = epochEnds();
    for (std::size_t i = 0; i < ends.size(); ++i) {
        const EpochBucket& e = m_epochs.buckets()[i];
        if (e.trainLoss.n > 0)
            train.append(QPointF(ends[i], e.trainLoss.mean()));
        if (e.testLoss.n > 0)
            test.append(QPointF(ends[i], e.testLoss.mean()));
        if (e.trainAccuracy.n > 0)
            trainAcc.append(QPointF(ends[i], 100 * e.trainAccuracy.mean()));
        if (e.testAccuracy.n > 0)
            testAcc.append(QPointF(ends[i], 100 * e.testAccuracy.mean()));
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
    m_tabs->setTabVisible(1, accuracy);
}

void LossChartPanel::fitRanges() {
    if (m_userZoomed)
        return;
    double maxX = 0;
    double maxY = 0;
    const std::vector<LossBucket>& records = m_smoothed.buckets();
    if (!records.empty())
        maxX = static_cast<double>(records.back().end());
    // The lines whole; the band up to the 95th percentile of its buckets' maxima, so
    // one early spike does not flatten the curve (the band runs off the top there;
    // hover and the log axis show it).
    std::vector<double> peaks;
    peaks.reserve(records.size());
    for (const LossBucket& b : records) {
        if (b.loss.n > 0 && std::isfinite(b.loss.max))
            peaks.push_back(b.loss.max);
        if (std::isfinite(b.smoothed))
            maxY = std::max(maxY, b.smoothed);
    }
    if (!peaks.empty()) {
        const auto at = peaks.begin() + static_cast<std::ptrdiff_t>(0.95 * (peaks.size() - 1));
        std::nth_element(peaks.begin(), at, peaks.end());
        maxY = std::max(maxY, *at);
    }
    const std::vector<double> ends = epochEnds();
    if (!ends.empty())
        maxX = std::max(maxX, ends.back());
    for (const EpochBucket& e : m_epochs.buckets())
        for (const Spread* v : {&e.trainLoss, &e.testLoss})
            if (v->n > 0 && std::isfinite(v->max))
                maxY = std::max(maxY, v->max);
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
    for (const EpochBucket& e : m_epochs.buckets())
        for (const Spread* a : {&e.trainAccuracy, &e.testAccuracy})
            if (a->n > 0)
                lowest = std::min(lowest, 100 * a->min);
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
    for (QAbstractSeries* series : std::initializer_list<QAbstractSeries*>{
             m_recordRange, m_recordLoss, m_trainLoss, m_testLoss}) {
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
