#include "charts/health_histogram_view.h"

#include "style/chart_style.h"

#include <algorithm>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace bp {

HealthHistogramView::HealthHistogramView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
}

void HealthHistogramView::setHistogram(const std::optional<Histogram>& h, const QString& title) {
    m_histogram = h;
    m_title = title;
    update();
}

QRectF HealthHistogramView::plotRect() const {
    const QFontMetricsF fm(font());
    return QRectF(rect()).adjusted(4, fm.height() * 1.3, -4, -fm.height() * 1.2);
}

QString HealthHistogramView::barTextAt(const QPointF& pos) const {
    if (!m_histogram)
        return {};
    const QRectF plot = plotRect();
    const std::size_t bins = m_histogram->counts().size();
    if (!plot.contains(pos) || bins == 0)
        return {};
    const auto i = std::min(
        bins - 1, static_cast<std::size_t>((pos.x() - plot.left()) / plot.width() * double(bins)));
    return QStringLiteral("%1: %2 values")
        .arg(QString::fromStdString(m_histogram->binText(i)))
        .arg(m_histogram->counts()[i]);
}

bool HealthHistogramView::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const QString text = barTextAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(e);
}

void HealthHistogramView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QPalette& pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Window));
    const QFontMetricsF fm(font());
    const QRectF plot = plotRect();
    p.fillRect(plot, pal.color(QPalette::Base));
    p.setPen(pal.color(QPalette::Text));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRectF(rect()).adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignTop, m_title);
    p.setFont(font());
    if (!m_histogram) {
        p.setPen(mutedTextColor(pal));
        p.drawText(plot, Qt::AlignCenter, tr("no sample yet"));
        return;
    }
    const std::vector<long>& counts = m_histogram->counts();
    const long most = std::max(1L, *std::max_element(counts.begin(), counts.end()));
    const double w = plot.width() / double(counts.size());
    const QColor bar = isDarkPalette(pal) ? QColor(0x56, 0xb4, 0xe9) : QColor(0x00, 0x72, 0xb2);
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] == 0)
            continue;
        const double h = plot.height() * double(counts[i]) / double(most); // count / largest
        p.fillRect(
            QRectF(plot.left() + w * double(i), plot.bottom() - h, std::max(1.0, w - 0.5), h), bar);
    }
    // The ends and the middle of the range under the bars, and the largest count.
    p.setPen(mutedTextColor(pal));
    const QRectF under(plot.left(), plot.bottom(), plot.width(), fm.height() * 1.2);
    p.drawText(under, Qt::AlignLeft | Qt::AlignVCenter,
               QString::fromStdString(m_histogram->binText(0)));
    p.drawText(under, Qt::AlignRight | Qt::AlignVCenter,
               QString::fromStdString(m_histogram->binText(counts.size() - 1)));
    p.drawText(under, Qt::AlignHCenter | Qt::AlignVCenter,
               QString::fromStdString(m_histogram->binText(counts.size() / 2)));
    QString note = tr("largest bin: %1").arg(most);
    if (m_histogram->nan() > 0)
        note += tr(", NaN %1").arg(m_histogram->nan());
    p.drawText(QRectF(rect()).adjusted(4, 0, -4, 0), Qt::AlignRight | Qt::AlignTop, note);
}

} // namespace bp
