#include "charts/health_charts.h"

#include "style/chart_style.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

namespace bp {

namespace {
QFont smallFont(const QFont& f) {
    QFont s = f;
    s.setPointSizeF(f.pointSizeF() * 0.85);
    return s;
}
} // namespace

QColor HealthCharts::layerColor(int layer, bool dark) {
    // Okabe and Ito's colours (told apart with every kind of colour blindness): blue,
    // orange, green, pink, vermillion, sky blue; lighter ones on a dark background.
    static const QColor light[] = {QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00),
                                   QColor(0x00, 0x9e, 0x73), QColor(0xcc, 0x79, 0xa7),
                                   QColor(0xd5, 0x5e, 0x00), QColor(0x56, 0xb4, 0xe9)};
    static const QColor onDark[] = {QColor(0x56, 0xb4, 0xe9), QColor(0xf0, 0xb4, 0x3c),
                                    QColor(0x3c, 0xc8, 0x9b), QColor(0xe0, 0x9c, 0xc4),
                                    QColor(0xf0, 0x7e, 0x32), QColor(0x9c, 0xd4, 0xf4)};
    const int i = (layer - 1) % 6;
    return dark ? onDark[i] : light[i];
}

HealthCharts::HealthCharts(QWidget* parent) : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    for (int n = 0; n < kHealthInstruments; ++n) {
        Plot p;
        p.instrument = instrumentAt(n);
        p.chart = new QChart;
        p.chart->setTitle(instrumentTitle(p.instrument));
        p.chart->legend()->hide();
        p.chart->setMargins(QMargins(2, 0, 4, 0));
        p.chart->layout()->setContentsMargins(0, 0, 0, 0);
        p.x = new QValueAxis;
        p.x->setLabelFormat(QStringLiteral("%.0f"));
        p.x->setTickCount(3);
        p.chart->addAxis(p.x, Qt::AlignBottom);
        if (instrumentLogScale(p.instrument)) {
            auto* y = new QLogValueAxis;
            y->setBase(10);
            y->setLabelFormat(QStringLiteral("%.0e"));
            p.y = y;
        } else {
            auto* y = new QValueAxis;
            y->setTickCount(3);
            y->setLabelFormat(instrumentIsFraction(p.instrument) ? QStringLiteral("%.1f")
                                                                 : QStringLiteral("%.3g"));
            p.y = y;
        }
        p.chart->addAxis(p.y, Qt::AlignLeft);
        setRanges(p, 0, 1, 0, 1);
        p.view = new QChartView(p.chart);
        p.view->setRenderHint(QPainter::Antialiasing);
        p.view->setMinimumSize(150, 90);
        grid->addWidget(p.view, n / 4, n % 4);
        m_plots.push_back(p);
    }
    m_legend = new QLabel;
    m_legend->setObjectName(QStringLiteral("healthLegend"));
    m_legend->setWordWrap(true);
    m_legend->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_legend->setTextFormat(Qt::RichText);
    grid->addWidget(m_legend, 1, 3);
    for (int c = 0; c < 4; ++c)
        grid->setColumnStretch(c, 1);
    restyle();
    updateLegend();
}

QChart* HealthCharts::chart(HealthInstrument i) const {
    return m_plots[static_cast<std::size_t>(i)].chart;
}

QLineSeries* HealthCharts::series(int run, HealthInstrument i, int layer) const {
    const auto& s = m_plots[static_cast<std::size_t>(i)].series[static_cast<std::size_t>(run)];
    return layer >= 1 && layer <= static_cast<int>(s.size())
               ? s[static_cast<std::size_t>(layer - 1)]
               : nullptr;
}

void HealthCharts::ensureSeries(int run, int layers) {
    const auto r = static_cast<std::size_t>(run);
    if (m_layers[r] == layers)
        return;
    const bool dark = isDarkPalette(palette());
    for (Plot& p : m_plots) {
        for (QLineSeries* s : p.series[r]) {
            p.chart->removeSeries(s);
            delete s;
        }
        p.series[r].clear();
        for (int k = 1; k <= layers; ++k) {
            auto* s = new QLineSeries;
            s->setName(run == 0 ? QStringLiteral("layer %1").arg(k)
                                : QStringLiteral("layer %1 (fork)").arg(k));
            QPen pen(run == 0
                         ? layerColor(k, dark)
                         : mixColors(layerColor(k, dark), palette().color(QPalette::Base), 0.35));
            // Cosmetic and 1 pixel wide: drawn by the raster engine's fast line path, not
            // stroked as a polygon (joins cost an atan2 per point: 14 lines of 1000 points
            // were 10% of the GUI thread).
            pen.setCosmetic(true);
            pen.setWidthF(1);
            if (run == 1)
                pen.setStyle(Qt::DashLine);
            s->setPen(pen);
            p.chart->addSeries(s);
            s->attachAxis(p.x);
            s->attachAxis(p.y);
            p.series[r].push_back(s);
        }
    }
    m_layers[r] = layers;
    updateLegend();
}

void HealthCharts::setRanges(Plot& p, double xMin, double xMax, double yMin, double yMax) {
    if (!(xMax > xMin))
        xMax = xMin + 1;
    p.x->setRange(xMin, xMax);
    if (instrumentLogScale(p.instrument)) {
        // Whole decades around the values (one each side of a single value), within
        // 1e-30..1e30 (a log axis must not reach 0 or ∞).
        double lo = std::clamp(std::floor(std::log10(yMin)), -30.0, 29.0);
        double hi = std::clamp(std::ceil(std::log10(yMax)), lo + 1, 30.0);
        if (hi <= lo) {
            lo -= 1;
            hi += 1;
        }
        // At most about three labels in a small chart: a label every `step` decades.
        const double step = std::max(1.0, std::ceil((hi - lo) / 3));
        lo = std::floor(lo / step) * step;
        hi = std::ceil(hi / step) * step;
        auto* y = static_cast<QLogValueAxis*>(p.y);
        y->setBase(std::pow(10.0, step));
        y->setMinorTickCount(step == 1 ? 8 : 0); // 2·10^e … 9·10^e when a decade is labelled
        // A hair beyond the decades: Qt's first label is at ceil(log(min) / log(base)),
        // which rounding can push one label up (the lowest label went missing).
        y->setRange(std::pow(10.0, lo) * (1 - 1e-9), std::pow(10.0, hi) * (1 + 1e-9));
        return;
    }
    if (instrumentIsFraction(p.instrument)) {
        p.y->setRange(0.0, 1.0);
        return;
    }
    const double pad = yMax > yMin ? (yMax - yMin) * 0.08 : std::max(0.05, std::abs(yMax) * 0.1);
    auto* y = static_cast<QValueAxis*>(p.y);
    y->setRange(yMin - pad, yMax + pad);
    y->applyNiceNumbers(); // round ticks: 0.2, 0.4, … rather than 0.295, 0.573
}

void HealthCharts::draw(const std::array<const HealthHistory*, kRuns>& runs) {
    double xMin = std::numeric_limits<double>::infinity();
    double xMax = -xMin;
    for (int r = 0; r < kRuns; ++r) {
        const HealthHistory* h = runs[static_cast<std::size_t>(r)];
        int layers = 0;
        if (h && !h->samples().empty()) {
            layers = static_cast<int>(h->samples().back()->layers.size());
            xMin = std::min(xMin, double(h->samples().front()->last));
            xMax = std::max(xMax, double(h->samples().back()->last));
        }
        ensureSeries(r, layers);
    }
    if (!(xMin <= xMax))
        xMin = xMax = 0;
    for (Plot& p : m_plots) {
        const bool log = instrumentLogScale(p.instrument);
        // The range of the values first (a log axis draws values ≤ 0 at its floor).
        double yMin = std::numeric_limits<double>::infinity();
        double yMax = -yMin;
        bool zeros = false; // values ≤ 0 on a log axis
        for (int r = 0; r < kRuns; ++r) {
            const HealthHistory* h = runs[static_cast<std::size_t>(r)];
            if (!h)
                continue;
            for (const auto& s : h->samples())
                for (const LayerHealth& l : s->layers) {
                    const double v = instrumentValue(l, p.instrument);
                    zeros = zeros || (log && v <= 0);
                    if (!std::isfinite(v) || (log && v <= 0))
                        continue;
                    yMin = std::min(yMin, v);
                    yMax = std::max(yMax, v);
                }
        }
        if (!(yMin <= yMax) || !std::isfinite(yMin) || !std::isfinite(yMax))
            yMin = yMax = log ? 1 : 0;
        const double floor = log ? std::pow(10.0, std::floor(std::log10(yMin)) - 1) : 0;
        // The axes first: each change of range re-lays out every line of the chart (Qt
        // Charts strokes each for its shape), so the lines are replaced only once after.
        setRanges(p, xMin, xMax, zeros ? floor : yMin, yMax);
        for (int r = 0; r < kRuns; ++r) {
            const HealthHistory* h = runs[static_cast<std::size_t>(r)];
            const auto& lines = p.series[static_cast<std::size_t>(r)];
            for (std::size_t k = 0; k < lines.size(); ++k) {
                QList<QPointF> points;
                const std::size_t kept = h ? h->samples().size() : 0;
                const std::size_t every = (kept + kMaxPoints - 1) / kMaxPoints; // ≥ 1 if any
                if (h)
                    for (std::size_t n = 0; n < kept; ++n) {
                        if (n % every != 0 && n + 1 != kept)
                            continue; // bounded points per line, the newest always drawn
                        const auto& s = h->samples()[n];
                        if (k >= s->layers.size())
                            continue;
                        double v = instrumentValue(s->layers[k], p.instrument);
                        if (!std::isfinite(v))
                            continue; // NaN or ∞ (a zero weight norm): no point
                        if (log && v <= 0)
                            v = floor; // 0 on a log axis: at its floor
                        points.append(QPointF(double(s->last), v));
                    }
                lines[k]->replace(points);
            }
        }
    }
}

void HealthCharts::restyle() {
    const QFont small = smallFont(font());
    for (Plot& p : m_plots) {
        styleChart(p.chart, palette(), small, false);
        QFont title = small;
        title.setBold(true);
        p.chart->setTitleFont(title);
    }
}

void HealthCharts::updateLegend() {
    const bool dark = isDarkPalette(palette());
    QString html = QStringLiteral("<b>%1</b><br>").arg(tr("a line per layer k:"));
    for (int r = 0; r < kRuns; ++r)
        for (int k = 1; k <= m_layers[static_cast<std::size_t>(r)]; ++k) {
            const QColor c = layerColor(k, dark);
            html +=
                QStringLiteral("<span style=\"color:%1\">%2</span>&nbsp;%3 &nbsp; ")
                    .arg(c.name(),
                         r == 0 ? QStringLiteral("\u2501\u2501") : QStringLiteral("\u254d\u254d"),
                         r == 0 ? tr("layer %1").arg(k) : tr("layer %1 (fork)").arg(k));
        }
    if (m_layers[0] == 0 && m_layers[1] == 0)
        html += tr("no sample yet");
    html += QStringLiteral("<br><span style=\"color:%1\">%2</span>")
                .arg(mutedTextColor(palette()).name(),
                     tr("x: records trained. Log axes: norms and ratio; a 0 is drawn at the "
                        "axis floor."));
    m_legend->setText(html);
}

void HealthCharts::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        restyle();
        const bool dark = isDarkPalette(palette());
        for (Plot& p : m_plots)
            for (int r = 0; r < kRuns; ++r)
                for (std::size_t k = 0; k < p.series[static_cast<std::size_t>(r)].size(); ++k) {
                    QLineSeries* line = p.series[static_cast<std::size_t>(r)][k];
                    QPen pen = line->pen(); // its style and width kept
                    const QColor c = layerColor(static_cast<int>(k) + 1, dark);
                    pen.setColor(r == 0 ? c : mixColors(c, palette().color(QPalette::Base), 0.35));
                    line->setPen(pen);
                }
        updateLegend();
    }
}

} // namespace bp
