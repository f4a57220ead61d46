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

void SessionOutbox::add(SessionMessage m) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m.kind == SessionMessage::Kind::Refused) {
        if (m_pendingRefusals >= kMaxPendingRefusals)
            return;
        ++m_pendingRefusals;
    }
    m_messages.push_back(std::move(m));
}

void SessionOutbox::take(std::vector<SessionMessage>& messages,
                         std::shared_ptr<const Snapshot>& snapshot) {
    std::lock_guard<std::mutex> lock(m_mutex);
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
