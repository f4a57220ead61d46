#include "session/snapshot_pool.h"

namespace bp {

std::shared_ptr<Snapshot> SnapshotPool::acquire() {
    std::unique_ptr<Snapshot> s;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_free.empty()) {
            s = std::move(m_free.back());
            m_free.pop_back();
        }
    }
    if (!s)
        s = std::make_unique<Snapshot>();
    std::weak_ptr<SnapshotPool> pool = weak_from_this();
    return std::shared_ptr<Snapshot>(s.release(), [pool](Snapshot* p) {
        if (std::shared_ptr<SnapshotPool> alive = pool.lock())
            alive->recycle(p);
        else
            delete p;
    });
}

void SnapshotPool::recycle(Snapshot* s) {
    std::unique_ptr<Snapshot> owned(s);
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_free.size() < kKeep)
        m_free.push_back(std::move(owned));
}

} // namespace bp
