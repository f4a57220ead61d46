#pragma once
// What the worker has for the GUI, between the two threads: the newest snapshot
// (older unconsumed ones are replaced) and an ordered list of messages (loss
// points, epoch stats, rewinds, diffs, refusals). The mutex is held only to swap
// pointers and append; never while training. Bounded: if nobody takes, loss points
// are thinned out (every other one, keeping their record numbers) and old epoch
// stats dropped, so a stuck GUI costs memory in proportion to nothing.
#include "snapshot.h"
#include "weight_diff.h"

#include <mutex>
#include <vector>

namespace bp {

struct SessionMessage {
    enum class Kind { LossPoints, Epoch, Rewound, Diff, Refused };
    Kind kind = Kind::LossPoints;
    QVector<LossPoint> points;              // LossPoints
    QVector<EpochStats> epochs;             // Epoch: finished epochs, in order
    long records = 0;                       // Rewound: recordsTrained now
    int epochCount = 0;                     // Rewound: completed epochs now
    std::shared_ptr<const WeightDiff> diff; // Diff
    QString text;                           // Refused
};

class SessionOutbox {
public:
    static constexpr int kMaxPendingPoints = 1 << 20;
    static constexpr int kMaxPendingEpochs = 1 << 16;
    static constexpr int kMaxPendingRefusals = 1 << 12;

    // --- the worker ---
    void setSnapshot(std::shared_ptr<const Snapshot> s);
    void addPoints(QVector<LossPoint>& points); // moves them in; `points` is left empty
    void add(SessionMessage m);

    // --- the consumer ---
    // Everything pending, in order, and the newest snapshot not taken yet (or null).
    void take(std::vector<SessionMessage>& messages, std::shared_ptr<const Snapshot>& snapshot);
    std::shared_ptr<const Snapshot> latest() const;

private:
    void thinPoints(); // with the mutex held

    mutable std::mutex m_mutex;
    std::shared_ptr<const Snapshot> m_slot;   // not taken yet
    std::shared_ptr<const Snapshot> m_latest; // the newest, taken or not
    std::vector<SessionMessage> m_messages;
    int m_pendingPoints = 0;
    int m_pendingEpochs = 0;
    int m_pendingRefusals = 0;
};

} // namespace bp
