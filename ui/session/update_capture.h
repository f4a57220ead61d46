#pragma once
// Δw of the last update, for the update view, and the weights before it, for the
// record's own numbers: when armed, the trainer copies the weights before an update
// phase; after it, Δw(k) = w(k) after − w(k) before, in double, of the widened weights
// (the difference of what the screen shows before and after). Copying costs a pass
// over the weights, so a fast run arms it only for the update a snapshot will show.
#include "math/network.h"

#include <chrono>
#include <QtGlobal>
#include <vector>

namespace bp {

template <typename T> class UpdateCapture {
public:
    using Clock = std::chrono::steady_clock;

    // Whether the next update phase is captured.
    bool armed() const { return m_armed; }
    void setArmed(bool on) { m_armed = on; }
    void armAt(Clock::time_point now) { // for the next snapshot
        m_armed = true;
        m_armedAt = now;
    }
    Clock::time_point armedAt() const { return m_armedAt; }
    // An update was captured since the last snapshot.
    bool fresh() const { return m_fresh; }
    void setFresh(bool on) { m_fresh = on; }
    // What the last capture cost (the copy before and Δw after): it paces the snapshots.
    Clock::duration cost() const { return m_cost; }
    void forgetCost() { m_cost = Clock::duration::zero(); }

    // Before an update phase: the weights as they are.
    void copyBefore(const NetworkT<T>& net);
    // After it (at history time `updateTime`, with `recordsAfter` records trained):
    // Δw from the weights now and the copy.
    void takeDifference(const NetworkT<T>& after, qint64 updateTime, long recordsAfter);
    // The time since copyBefore() is what a capture costs (a training step's capture;
    // replays are not timed).
    void noteCost() { m_cost = Clock::now() - m_copyStart; }
    // The copy before, for a replay to fill (History::restore).
    std::vector<MatrixT<T>>* beforeBuffer() { return &m_before; }
    void clear(); // no update known

    // Δw(k) of the captured update (empty: none), its time and the records trained then.
    const std::vector<Matrix>& lastUpdate() const { return m_lastUpdate; }
    qint64 capturedAt() const { return m_capturedAt; }
    long recordsAfter() const { return m_recordsAfter; }
    // The weights before the captured update, while capturedAt() is the last update.
    const std::vector<MatrixT<T>>& weightsBefore() const { return m_before; }

private:
    bool m_armed = false;
    bool m_fresh = false;
    Clock::time_point m_armedAt;
    Clock::time_point m_copyStart;
    Clock::duration m_cost{};
    std::vector<MatrixT<T>> m_before;
    std::vector<Matrix> m_lastUpdate;
    qint64 m_capturedAt = -1; // time of the update phase m_lastUpdate belongs to
    long m_recordsAfter = -1;
};

} // namespace bp
