#include "session/loss_buckets.h"

#include <algorithm>
#include <cmath>

namespace bp {

void Spread::add(double v) {
    ++n;
    sum += v;
    min = std::min(min, v);
    max = std::max(max, v);
}

void Spread::merge(const Spread& other) {
    n += other.n;
    sum += other.sum;
    min = std::min(min, other.min);
    max = std::max(max, other.max);
}

void LossBucket::add(const LossPoint& p) {
    if (count == 0)
        first = p.record;
    ++count;
    epoch = p.epoch;
    if (!std::isfinite(p.loss)) {
        ++nonFinite;
        return;
    }
    loss.add(p.loss);
    discounted = (1 - kLossSmoothing) * discounted + p.loss; // one more record after the others
}

void LossBucket::merge(const LossBucket& later) {
    if (count == 0) {
        *this = later;
        return;
    }
    count += later.count;
    nonFinite += later.nonFinite;
    epoch = later.epoch;
    // The earlier records are discounted once more for each finite loss of `later`.
    const double f = later.loss.n == 1
                         ? 1 - kLossSmoothing
                         : std::pow(1 - kLossSmoothing, static_cast<double>(later.loss.n));
    discounted = f * discounted + later.discounted;
    loss.merge(later.loss);
    smoothed = later.smoothed;
    weight = later.weight;
}

namespace {
void addIfKnown(Spread& s, double v, bool known) {
    if (known && std::isfinite(v))
        s.add(v);
}
} // namespace

EpochBucket::EpochBucket(const EpochStats& s)
    : firstEpoch(s.epoch), lastEpoch(s.epoch), records(s.records), last(s) {
    addIfKnown(trainLoss, s.trainLoss, true);
    addIfKnown(testLoss, s.testLoss, s.testLoss >= 0);
    addIfKnown(trainAccuracy, s.trainAccuracy, s.trainAccuracy >= 0);
    addIfKnown(testAccuracy, s.testAccuracy, s.testAccuracy >= 0);
}

void EpochBucket::merge(const EpochBucket& later) {
    lastEpoch = later.lastEpoch;
    records += later.records;
    trainLoss.merge(later.trainLoss);
    testLoss.merge(later.testLoss);
    trainAccuracy.merge(later.trainAccuracy);
    testAccuracy.merge(later.testAccuracy);
    last = later.last;
}

} // namespace bp
