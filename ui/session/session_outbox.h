#pragma once
// What the worker has for the GUI, between the two threads: the newest snapshot
// (older unconsumed ones are replaced) and an ordered list of messages (loss
// points, epoch stats, rewinds, diffs, refusals). The mutex is held only to swap
// pointers and append; never while training. Bounded whoever is slow: loss points
// and epochs wait as buckets (loss_buckets.h), at most kWireBuckets of each per
// message, so a stuck GUI costs a fixed amount of memory, and what it takes later is
// a summary of every record and every epoch, not a backlog.
#include "session/health_sample.h"
#include "session/loss_buckets.h"
#include "session/saved_run.h"
#include "session/snapshot.h"
#include "session/weight_diff.h"
#include "session/weight_path.h"

#include <mutex>
#include <vector>

namespace bp {

// Buckets per message: records (and epochs) per bucket double when more are pending.
constexpr std::size_t kWireBuckets = 4096;

struct SessionMessage {
    enum class Kind { LossPoints, Epoch, Rewound, Diff, Saved, Refused, WeightPath };
    Kind kind = Kind::LossPoints;
    LossBuckets points{kWireBuckets};       // LossPoints: per-record losses, in order
    EpochBuckets epochs{kWireBuckets};      // Epoch: finished epochs, in order
    long records = 0;                       // Rewound: recordsTrained now
    int epochCount = 0;                     // Rewound: completed epochs now
    std::shared_ptr<const WeightDiff> diff; // Diff
    std::shared_ptr<const SavedRun> saved;  // Saved
    std::shared_ptr<const WeightPath> path; // WeightPath
    QString text;                           // Refused
};

class SessionOutbox {
public:
    static constexpr int kMaxPendingRefusals = 1 << 12;
    static constexpr std::size_t kMaxPendingHealthSamples = 256; // and so per delivery

    // --- the worker ---
    void setSnapshot(std::shared_ptr<const Snapshot> s);
    // Per-record losses and finished epochs, summarised by the worker (outside the lock).
    void addPoints(const LossBuckets& points);
    void addEpochs(const EpochBuckets& epochs);
    // Closed health windows, in order, moved out of `samples` (left empty). Beyond
    // kMaxPendingHealthSamples pending, every other one of the older half is dropped
    // (again, until at most that many wait).
    void addHealthSamples(std::vector<HealthSample>& samples);
    // A rewind, a diff or a refusal. A rewind drops the pending health samples whose last
    // record is no longer on the timeline (last > m.records).
    void add(SessionMessage m);

    // --- the consumer ---
    // Everything pending, in order, and the newest snapshot not taken yet (or null), and
    // the health samples pending (null if none): all still on the timeline, newer than
    // any rewind among the messages.
    void take(std::vector<SessionMessage>& messages, std::shared_ptr<const Snapshot>& snapshot,
              std::shared_ptr<const HealthSamples>& healthSamples);
    std::shared_ptr<const Snapshot> latest() const;

private:
    SessionMessage& tail(SessionMessage::Kind kind); // with the mutex held

    mutable std::mutex m_mutex;
    std::shared_ptr<const Snapshot> m_slot;   // not taken yet
    std::shared_ptr<const Snapshot> m_latest; // the newest, taken or not
    std::vector<SessionMessage> m_messages;
    HealthSamples m_healthSamples;
    int m_pendingRefusals = 0;
};

} // namespace bp
