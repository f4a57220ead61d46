#pragma once
// The per-record loss as an exponential moving average, kept to a few thousand
// points however long training runs: when the buffer is full every other point is
// dropped and from then on only every 2nd (4th, …) record is kept.
#include "snapshot.h"

#include <QPointF>
#include <QVector>

namespace bp {

class SmoothedLoss {
public:
    // alpha: weight of a new record in the average (0 < alpha ≤ 1); maxPoints: the
    // most points kept (decimation halves them when it is passed).
    explicit SmoothedLoss(double alpha = 0.02, int maxPoints = 4000);

    // Adds the records in order. Non-finite losses are counted but not averaged in.
    void append(const QVector<LossPoint>& points);
    // Forgets the points at or after record `record` (the timeline went back).
    void truncateFrom(long record);
    void clear();
    void setAlpha(double alpha); // clears nothing; applies to new records

    // (record, smoothed loss): the kept points, and the newest record last.
    QVector<QPointF> points() const;
    int stride() const { return m_stride; }     // records per kept point
    long recordsSeen() const { return m_seen; } // finite losses averaged in
    long nonFinite() const { return m_nonFinite; }
    double alpha() const { return m_alpha; }

private:
    void decimate();

    double m_alpha;
    int m_maxPoints;
    int m_stride = 1;
    long m_sinceKept = 0;
    long m_seen = 0;
    long m_nonFinite = 0;
    // Bias-corrected EMA (as TensorBoard smooths): m_sum / m_weight.
    double m_sum = 0;
    double m_weight = 0;
    QVector<QPointF> m_kept;
    bool m_hasTail = false;
    QPointF m_tail; // the newest record, when it was not kept
};

} // namespace bp
