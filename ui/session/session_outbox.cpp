#include "session_outbox.h"

#include <algorithm>

namespace bp {

void SessionOutbox::setSnapshot(std::shared_ptr<const Snapshot> s) {
    std::shared_ptr<const Snapshot> dropped; // released outside the lock
    std::lock_guard<std::mutex> lock(m_mutex);
    dropped = std::move(m_slot);
    m_slot = s;
    m_latest = std::move(s);
}

void SessionOutbox::addPoints(QVector<LossPoint>& points) {
    if (points.isEmpty())
        return;
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pendingPoints += static_cast<int>(points.size());
    if (!m_messages.empty() && m_messages.back().kind == SessionMessage::Kind::LossPoints) {
        m_messages.back().points += points;
        points.clear();
    } else {
        SessionMessage m;
        m.kind = SessionMessage::Kind::LossPoints;
        m.points.swap(points);
        m_messages.push_back(std::move(m));
    }
    if (m_pendingPoints > kMaxPendingPoints)
        thinPoints();
}

void SessionOutbox::thinPoints() {
    m_pendingPoints = 0;
    for (SessionMessage& m : m_messages) {
        if (m.kind != SessionMessage::Kind::LossPoints)
            continue;
        qsizetype kept = 0;
        for (qsizetype i = 0; i < m.points.size(); i += 2)
            m.points[kept++] = m.points[i];
        m.points.resize(kept);
        m_pendingPoints += static_cast<int>(kept);
    }
}

void SessionOutbox::add(SessionMessage m) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m.kind == SessionMessage::Kind::Epoch) {
        m_pendingEpochs += static_cast<int>(m.epochs.size());
        // Nobody takes them: drop the oldest pending epochs (the loss curve keeps their points).
        for (SessionMessage& old : m_messages) {
            if (m_pendingEpochs <= kMaxPendingEpochs)
                break;
            if (old.kind != SessionMessage::Kind::Epoch)
                continue;
            const qsizetype drop =
                std::min<qsizetype>(old.epochs.size(), m_pendingEpochs - kMaxPendingEpochs);
            old.epochs.remove(0, drop);
            m_pendingEpochs -= static_cast<int>(drop);
        }
    } else if (m.kind == SessionMessage::Kind::Refused) {
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
    m_pendingPoints = 0;
    m_pendingEpochs = 0;
    m_pendingRefusals = 0;
}

std::shared_ptr<const Snapshot> SessionOutbox::latest() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_latest;
}

} // namespace bp
