#include "whatif/loss_slice_chart.h"

#include "style/chart_style.h"

#include <algorithm>
#include <cmath>
#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

namespace bp {

LossSliceChart::LossSliceChart(QWidget* parent)
    : QChartView(new QChart, parent), m_curve(new QLineSeries), m_trained(new QScatterSeries),
      m_edited(new QScatterSeries), m_x(new QValueAxis), m_y(new QValueAxis) {
    setRenderHint(QPainter::Antialiasing);
    QChart* c = chart();
    styleChart(c, palette(), font(), false);
    m_curve->setName(tr("J over the training set"));
    m_trained->setName(tr("trained"));
    m_edited->setName(tr("what if"));
    m_trained->setMarkerSize(10);
    m_edited->setMarkerSize(10);
    m_edited->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    for (QAbstractSeries* s :
         {static_cast<QAbstractSeries*>(m_curve), static_cast<QAbstractSeries*>(m_trained),
          static_cast<QAbstractSeries*>(m_edited)})
        c->addSeries(s);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    for (QXYSeries* s : {static_cast<QXYSeries*>(m_curve), static_cast<QXYSeries*>(m_trained),
                         static_cast<QXYSeries*>(m_edited)}) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_y->setTitleText(tr("J"));
    for (QValueAxis* a : {m_x, m_y}) {
        a->setLabelFormat("%.3g");
        a->setTickCount(5);
    }
    c->legend()->hide(); // the note under the chart names the marks
    c->setMargins(QMargins(2, 2, 2, 2));
    setMinimumHeight(130);
}

void LossSliceChart::showSlice(const LossSlice& slice, const QString& weightName, QPointF trained,
                               std::optional<QPointF> edited) {
    QList<QPointF> points;
    double lo = trained.y(), hi = trained.y();
    for (std::size_t p = 0; p < slice.loss.size(); ++p) {
        if (!std::isfinite(slice.loss[p]))
            continue;
        points.append({slice.values[p], slice.loss[p]});
        lo = std::min(lo, slice.loss[p]);
        hi = std::max(hi, slice.loss[p]);
    }
    m_curve->replace(points);
    m_trained->replace(QList<QPointF>{trained});
    m_edited->replace(edited ? QList<QPointF>{*edited} : QList<QPointF>{});
    if (edited) {
        lo = std::min(lo, edited->y());
        hi = std::max(hi, edited->y());
    }
    double xlo = slice.values.empty() ? trained.x() - 1 : slice.values.front();
    double xhi = slice.values.empty() ? trained.x() + 1 : slice.values.back();
    if (edited) {
        xlo = std::min(xlo, edited->x());
        xhi = std::max(xhi, edited->x());
    }
    const double pad = hi > lo ? 0.05 * (hi - lo) : 0.5;
    m_x->setRange(xlo, xhi);
    m_y->setRange(std::max(0.0, lo - pad), hi + pad);
    m_x->setTitleText(weightName);
    chart()->setTitle({});
}

void LossSliceChart::clearSlice(const QString& message) {
    m_curve->clear();
    m_trained->clear();
    m_edited->clear();
    chart()->setTitle(message);
}

int LossSliceChart::pointCount() const {
    return static_cast<int>(m_curve->count());
}

} // namespace bp
