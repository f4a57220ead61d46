#include "session/session_outbox.h"

#include <algorithm>

namespace bp {

void SessionOutbox::setSnapshot(std::shared_ptr<const Snapshot> s) {
    std::shared_ptr<const Snapshot> dropped; // released outside the lock
    std::lock_guard<std::mutex> lock(m_mutex);
    dropped = std::move(m_slot);
    m_slot = s;
    m_latest = std::move(s);
}

SessionMessage& SessionOutbox::tail(SessionMessage::Kind kind) {
    if (m_messages.empty() || m_messages.back().kind != kind) {
        SessionMessage m;
        m.kind = kind;
        m_messages.push_back(std::move(m));
    }
    return m_messages.back();
}

namespace {
// Appends `from` to `to`, bucket by bucket (to's budget may merge them further).
template <typename Bucket>
void appendBuckets(BucketList<Bucket>& to, const BucketList<Bucket>& from) {
    for (const Bucket& b : from.buckets())
        to.add(b);
}
} // namespace

void SessionOutbox::addPoints(const LossBuckets& points) {
    if (points.empty())
        return;
    std::lock_guard<std::mutex> lock(m_mutex);
    appendBuckets(tail(SessionMessage::Kind::LossPoints).points, points);
}

void SessionOutbox::addEpochs(const EpochBuckets& epochs) {
    if (epochs.empty())
        return;
    std::lock_guard<std::mutex> lock(m_mutex);
    appendBuckets(tail(SessionMessage::Kind::Epoch).epochs, epochs);
}

void SessionOutbox::addHealthSamples(std::vector<HealthSample>& samples) {
    std::vector<HealthSample> dropped; // released outside the lock
    std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<HealthSample>& pending = m_healthSamples.samples;
    for (HealthSample& s : samples)
        pending.push_back(std::move(s));
    samples.clear();
    // Thin the older half, keeping every other one of it and the newer half whole, until
    // at most kMaxPendingHealthSamples wait.
    while (pending.size() > kMaxPendingHealthSamples) {
        const std::size_t half = pending.size() / 2;
        std::size_t to = 0;
        for (std::size_t from = 0; from < pending.size(); ++from) {
            if (from < half && from % 2 == 1) {
                dropped.push_back(std::move(pending[from]));
                continue;
            }
            if (to != from)
                pending[to] = std::move(pending[from]);
            ++to;
        }
        m_healthSamples.thinned += static_cast<long>(pending.size() - to);
        pending.resize(to);
    }
}

void SessionOutbox::add(SessionMessage m) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m.kind == SessionMessage::Kind::Rewound) {
        std::vector<HealthSample>& pending = m_healthSamples.samples;
        while (!pending.empty() && pending.back().last > m.records)
            pending.pop_back();
    }
    if (m.kind == SessionMessage::Kind::Refused) {
        if (m_pendingRefusals >= kMaxPendingRefusals)
            return;
        ++m_pendingRefusals;
    }
    m_messages.push_back(std::move(m));
}

void SessionOutbox::take(std::vector<SessionMessage>& messages,
                         std::shared_ptr<const Snapshot>& snapshot,
                         std::shared_ptr<const HealthSamples>& healthSamples) {
    auto fresh = std::make_shared<HealthSamples>(); // allocated outside the lock
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_healthSamples.samples.empty()) {
        healthSamples.reset();
    } else {
        std::swap(*fresh, m_healthSamples);
        healthSamples = std::move(fresh);
    }
    messages.swap(m_messages);
    m_messages.clear();
    snapshot = std::move(m_slot);
    m_slot.reset();
    m_pendingRefusals = 0;
}

std::shared_ptr<const Snapshot> SessionOutbox::latest() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_latest;
}

} // namespace bp
