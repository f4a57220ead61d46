#include "inspector/inspector_panel.h"

#include "style/screen_text.h"

#include "inspector/equation_html.h"
#include "inspector/node_explanation.h"
#include "style/chart_style.h"

#include <algorithm>
#include <cmath>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLabel>
#include <QLineSeries>
#include <QScrollBar>
#include <QTextBrowser>
#include <QValueAxis>
#include <QVBoxLayout>

namespace bp {

namespace {

// 1, 2, 2.5 or 5 × 10ⁿ: about four intervals over `span`.
// The data's own range, with ticks on round values inside it. The interval is set
// so that the axis never lays out the new range with the old interval: a range grown
// from 0..1 to 0..2,000,000 at the old 0.25 would be 8 million ticks (the window froze
// so under Run with a weight selected).
void setAxis(QValueAxis* axis, double lo, double hi, double minStep = 0) {
    const double step = std::max(roundStep(hi - lo, 4), minStep);
    if (step > axis->tickInterval()) { // coarser ticks first, then the wider range
        axis->setTickInterval(step);
        axis->setRange(lo, hi);
    } else { // the narrower range first, then finer ticks
        axis->setRange(lo, hi);
        axis->setTickInterval(step);
    }
}

QColor accentColor(const QPalette& palette) {
    return isDarkPalette(palette) ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1f, 0x5f, 0xa8);
}
} // namespace

InspectorPanel::InspectorPanel(QWidget* parent) : QWidget(parent) {
    m_text = new QTextBrowser(this);
    m_text->setOpenLinks(false);
    m_text->setFrameShape(QFrame::NoFrame);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_series = new QLineSeries;
    m_series->setName(tr("w"));
    m_series->setPointsVisible(true);
    m_axisX = new QValueAxis;
    m_axisX->setTitleText(tr("records trained"));
    m_axisX->setLabelFormat(QStringLiteral("%.0f"));
    m_axisX->setTickType(QValueAxis::TicksDynamic);
    m_axisX->setTickAnchor(0);
    m_axisY = new QValueAxis;
    m_axisY->setLabelFormat(QStringLiteral("%.4g"));
    m_axisY->setTickType(QValueAxis::TicksDynamic);
    m_axisY->setTickAnchor(0);
    auto* chart = new QChart;
    chart->addSeries(m_series);
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_chartView = new QChartView(chart, this);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(170);
    m_chartLabel = new QLabel(this);
    m_chartLabel->setTextFormat(Qt::RichText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_text, 3);
    layout->addWidget(m_chartLabel);
    layout->addWidget(m_chartView, 1);
    m_chartLabel->hide();
    m_chartView->hide();
    applyFonts();
    refresh();
}

void InspectorPanel::setSnapshot(std::shared_ptr<const Snapshot> snapshot) {
    m_snapshot = std::move(snapshot);
    if (m_snapshot)
        m_history.record(*m_snapshot);
    refresh();
}

void InspectorPanel::showNode(int layer, int node) {
    m_selection = Selection::Node;
    m_layer = layer;
    m_node = node;
    m_input = 0;
    refresh();
}

void InspectorPanel::showEdge(int layer, int node, int input) {
    m_selection = Selection::Edge;
    m_layer = layer;
    m_node = node;
    m_input = input;
    m_history.watch({layer, node, input});
    if (m_snapshot)
        m_history.record(*m_snapshot);
    refresh();
}

void InspectorPanel::clearSelection() {
    m_selection = Selection::None;
    refresh();
}

void InspectorPanel::setPresentationMode(bool on) {
    if (m_presentation == on)
        return;
    m_presentation = on;
    applyFonts();
    refresh();
}

void InspectorPanel::setPrecision(int digits) {
    m_precision = std::clamp(digits, 2, 15);
    refresh();
}

QString InspectorPanel::plainText() const {
    return m_text->toPlainText();
}

QVector<QPointF> InspectorPanel::edgeHistory() const {
    return m_history.points({m_layer, m_node, m_input});
}

void InspectorPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        m_html.clear(); // colours are baked into the HTML
        applyFonts();
        refresh();
    }
}

void InspectorPanel::applyFonts() {
    QFont f = font();
    if (m_presentation)
        f.setPointSizeF(f.pointSizeF() * kPresentationScale);
    m_text->document()->setDefaultFont(f);
    m_chartLabel->setFont(f);
    styleChart(m_chartView->chart(), palette(), font(), m_presentation);
    m_series->setColor(accentColor(palette()));
}

void InspectorPanel::refresh() {
    QString html;
    ExplanationOptions options;
    options.style.precision = m_precision;
    options.mutedColor = mutedTextColor(palette()).name();
    options.accentColor = accentColor(palette()).name();
    const bool edge = m_selection == Selection::Edge;
    if (!m_snapshot || m_snapshot->network.depth() == 0) {
        html = QStringLiteral("<p style='color:%1'>%2</p>")
                   .arg(options.mutedColor, tr("No network yet: set up a run to inspect it."));
    } else if (m_selection == Selection::None) {
        html = QStringLiteral("<p style='color:%1'>%2</p>")
                   .arg(options.mutedColor,
                        tr("Click a node to see its equations with the live numbers, or an "
                           "edge to see that weight and its history."));
    } else if (edge) {
        html = edgeExplanationHtml(*m_snapshot, m_layer, m_node, m_input, options);
    } else {
        html = nodeExplanationHtml(*m_snapshot, m_layer, m_node, options);
    }
    if (html != m_html) {
        // Keep the reader's place while live values change under it.
        const int scroll = m_text->verticalScrollBar()->value();
        m_html = html;
        m_text->setHtml(html);
        m_text->verticalScrollBar()->setValue(scroll);
    }
    m_chartLabel->setVisible(edge);
    m_chartView->setVisible(edge);
    auto* box = static_cast<QVBoxLayout*>(layout());
    box->setStretchFactor(m_text, edge ? 1 : 3); // an edge's text is short: room for its chart
    box->setStretchFactor(m_chartView, edge ? 1 : 0);
    if (edge)
        refreshChart();
}

void InspectorPanel::refreshChart() {
    const QVector<QPointF> points = edgeHistory();
    m_series->replace(points);
    m_chartLabel->setText(tr("%1 as training goes on (%2 values since you selected it; the "
                             "last %3 are kept)")
                              .arg(termHtml(terms::weightSymbol(m_node, m_input, m_layer)))
                              .arg(points.size())
                              .arg(m_history.capacity()));
    if (points.isEmpty()) {
        setAxis(m_axisX, 0, 4, 1);
        setAxis(m_axisY, -1, 1);
        return;
    }
    double lo = points.front().y();
    double hi = lo;
    for (const QPointF& p : points) {
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
    }
    const double pad = hi > lo ? (hi - lo) * 0.08 : std::max(std::abs(hi) * 0.05, 0.01);
    setAxis(m_axisY, lo - pad, hi + pad);
    const double x0 = points.front().x();
    const double x1 = points.back().x();
    // Records are whole numbers: at least 4 wide with ticks a whole record or more apart
    // (two points a record apart once read "0, 1, 1" at ticks 0.25 apart).
    const double right = std::max(x1, x0 + 4);
    const double xPad = (right - x0) * 0.02; // first and last point off the frame
    setAxis(m_axisX, x0 - xPad, right + xPad, 1);
    m_series->setPointsVisible(points.size() <= 60);
}

} // namespace bp
