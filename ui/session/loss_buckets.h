#pragma once
// The per-record loss and the epoch figures, summarised so that what travels to the
// GUI and what a chart keeps has a fixed size however long training runs.
//
// A bucket summarises consecutive records (or epochs): how many, the sum, the least
// and the greatest value, so a chart can draw the mean with a min/max envelope and
// no spike is lost. A BucketList keeps at most `capacity` buckets: when a new one
// would pass it, neighbours merge in pairs and every bucket from then on holds twice
// as many records (or epochs). See docs/session.md, "What the GUI receives".
#include "session/snapshot.h"

#include <cstddef>
#include <limits>
#include <vector>

namespace bp {

// The weight of a new record in the smoothed per-record loss (an exponential moving
// average): ema ← (1 − α)·ema + α·J. The worker and the chart use the same α, so the
// smoothed value at the end of every bucket is exact.
constexpr double kLossSmoothing = 0.02;

// n values: their sum, least and greatest (n = 0: none).
struct Spread {
    long n = 0;
    double sum = 0;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();

    void add(double v);
    void merge(const Spread& other);
    double mean() const { return n > 0 ? sum / static_cast<double>(n) : 0; }
};

// Consecutive records' losses. `first` is recordsTrained when the first one's loss
// was computed (the chart's x); non-finite losses are counted, not summed.
struct LossBucket {
    long first = 0;
    long count = 0;     // records in the bucket
    long nonFinite = 0; // of which NaN or ±Inf
    int epoch = 0;      // 1-based epoch of the last record
    Spread loss;        // of the finite losses
    // Σ (1 − α)^(finite losses after r) · J_r over the finite losses r of the bucket:
    // the bucket's share of the moving average (α = kLossSmoothing). With it
    // ema_after = (1 − α)^n · ema_before + α · discounted, n = loss.n, exactly.
    double discounted = 0;
    // Set by SmoothedLoss, not on the wire: the bias-corrected average after the
    // bucket's last record, and the weight Σ α(1 − α)^i it was divided by.
    double smoothed = 0;
    double weight = 0;

    long end() const { return first + count; } // one past the last record
    long units() const { return count; }
    void add(const LossPoint& p);
    void merge(const LossBucket& later); // `later` starts where this one ends
};

// Consecutive epochs' figures. One epoch: n = 1 in each spread that it has (test
// figures only with a test set, accuracy only for classification).
struct EpochBucket {
    int firstEpoch = 0; // 1-based
    int lastEpoch = 0;
    long records = 0; // records trained in these epochs
    Spread trainLoss, testLoss, trainAccuracy, testAccuracy;
    EpochStats last; // the last epoch's own figures

    explicit EpochBucket(const EpochStats& s = {});
    long units() const { return lastEpoch - firstEpoch + 1; }
    void merge(const EpochBucket& later);
};

template <typename Bucket> class BucketList {
public:
    explicit BucketList(std::size_t capacity = 2048) : m_capacity(capacity < 4 ? 4 : capacity) {}

    // After the last bucket: into it while it holds fewer than width() units, else as
    // a new bucket; past the capacity, neighbours merge in pairs and the width doubles.
    void add(const Bucket& b) {
        if (!m_buckets.empty() && m_buckets.back().units() < m_width) {
            m_buckets.back().merge(b);
            return;
        }
        m_buckets.push_back(b);
        if (m_buckets.size() > m_capacity)
            coarsen();
    }
    // One unit (a LossPoint for loss buckets): the same, without building a bucket for it.
    template <typename Unit> void addOne(const Unit& u) {
        if (m_buckets.empty() || m_buckets.back().units() >= m_width) {
            if (m_buckets.size() >= m_capacity)
                coarsen();
            if (m_buckets.empty() || m_buckets.back().units() >= m_width)
                m_buckets.emplace_back();
        }
        m_buckets.back().add(u);
    }
    // Drops buckets from the back while `drop(bucket)` says so.
    template <typename Pred> void dropBackWhile(Pred drop) {
        while (!m_buckets.empty() && drop(m_buckets.back()))
            m_buckets.pop_back();
    }
    void clear() {
        m_buckets.clear();
        m_width = 1;
    }
    const std::vector<Bucket>& buckets() const { return m_buckets; }
    bool empty() const { return m_buckets.empty(); }
    std::size_t size() const { return m_buckets.size(); }
    long width() const { return m_width; } // units a bucket collects before the next starts

private:
    void coarsen() {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < m_buckets.size(); i += 2) {
            Bucket b = m_buckets[i];
            if (i + 1 < m_buckets.size())
                b.merge(m_buckets[i + 1]);
            m_buckets[kept++] = b;
        }
        m_buckets.resize(kept);
        m_width *= 2;
    }

    std::size_t m_capacity;
    long m_width = 1;
    std::vector<Bucket> m_buckets;
};

using LossBuckets = BucketList<LossBucket>;
using EpochBuckets = BucketList<EpochBucket>;

} // namespace bp

Q_DECLARE_METATYPE(bp::LossBuckets)
Q_DECLARE_METATYPE(bp::EpochBuckets)
