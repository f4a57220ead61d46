#pragma once
// Recycles snapshots: a snapshot the GUI lets go of goes back to the pool, and
// the worker fills it again by copy-assignment, which for a network of the same
// shape copies into the existing buffers instead of allocating ~100k weights anew.
#include "session/snapshot.h"

#include <memory>
#include <mutex>
#include <vector>

namespace bp {

class SnapshotPool : public std::enable_shared_from_this<SnapshotPool> {
public:
    static std::shared_ptr<SnapshotPool> create() {
        return std::shared_ptr<SnapshotPool>(new SnapshotPool);
    }
    // A snapshot to fill (old contents, right shape most of the time). Its deleter
    // hands it back to the pool, or deletes it if the pool is gone.
    std::shared_ptr<Snapshot> acquire();

private:
    SnapshotPool() = default;
    void recycle(Snapshot* s);

    static constexpr std::size_t kKeep = 4; // the worker's, the slot's, the GUI's, one spare
    std::mutex m_mutex;                     // held only to push or pop a pointer
    std::vector<std::unique_ptr<Snapshot>> m_free;
};

} // namespace bp
