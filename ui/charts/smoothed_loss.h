#pragma once
// The per-record loss as the chart keeps it: at most a fixed number of buckets of
// consecutive records (loss_buckets.h), each with the mean, the least and the
// greatest loss and the smoothed loss (an exponential moving average, exact at the
// bucket's last record). One record per bucket until the budget is full, then
// neighbours merge in pairs, however long training runs.
#include "session/loss_buckets.h"
#include "session/snapshot.h"

#include <QPointF>
#include <QVector>

namespace bp {

class SmoothedLoss {
public:
    // alpha: the weight of a new record in the average (0 < alpha ≤ 1). The session's
    // buckets of several records are summarised for kLossSmoothing; one-record buckets
    // (and LossPoints) suit any alpha. maxBuckets: the most buckets kept.
    explicit SmoothedLoss(double alpha = kLossSmoothing, int maxBuckets = 2048);

    void append(const LossBuckets& buckets);       // from the session, in order
    void append(const QVector<LossPoint>& points); // one bucket per record
    // Forgets the buckets that hold records at or after `record` (the timeline went back).
    void truncateFrom(long record);
    void clear();

    const std::vector<LossBucket>& buckets() const { return m_buckets.buckets(); }
    // (last record of a bucket, smoothed loss after it), for the buckets with a finite loss.
    QVector<QPointF> points() const;
    long width() const { return m_buckets.width(); } // records a bucket collects now
    long recordsSeen() const;                        // finite losses averaged in
    long nonFinite() const;

private:
    void add(LossBucket b);

    double m_alpha;
    LossBuckets m_buckets;
    // Bias-corrected EMA (as TensorBoard smooths): m_sum / m_weight.
    double m_sum = 0;
    double m_weight = 0;
};

} // namespace bp
