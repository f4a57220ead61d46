#pragma once
// For the widget tests: the 2-2-2 hand network (inputs 0.05, 0.10, targets 0.01,
// 0.99), a TrainingRun over its one record, and Snapshots made from the run the
// way the session makes them (network, values, phases, hyper, Δw of the update).
#include "hand_network.h"
#include "math/training.h"
#include "session/snapshot.h"

#include <memory>
#include <vector>

namespace bp::test {

// Steps a TrainingRun phase by phase and snapshots it after each step.
class SnapshotMaker {
public:
    explicit SnapshotMaker(Network net = handNetwork(), double learningRate = 0.5)
        : SnapshotMaker(std::move(net), handData(), learningRate) {}
    // Any network and data, records in file order.
    SnapshotMaker(Network net, std::shared_ptr<const Dataset> data, double learningRate)
        : m_run(std::move(net), std::move(data), hyperWith(learningRate), Schedule{false, 1, 0}) {}

    std::shared_ptr<const Snapshot> snapshot() const {
        auto s = std::make_shared<Snapshot>();
        s->serial = ++m_serial;
        s->network = m_run.network();
        s->values = m_run.values();
        s->hasPhase = m_stepped;
        s->lastPhase = m_last;
        s->nextPhase = m_run.nextPhase();
        s->epoch = m_run.epoch();
        s->recordIndex = m_run.lastRecordIndex();
        s->recordsTrained = m_run.recordsTrained();
        s->recordsPerEpoch = m_run.recordsPerEpoch();
        s->hyper = m_run.hyper();
        s->lastUpdate = m_lastUpdate;
        s->lastUpdateRecords = m_lastUpdateRecords;
        const bool justUpdated = m_stepped && m_last.kind == Phase::Kind::Update;
        if (justUpdated)
            s->weightsBefore = m_weightsBefore;
        s->progress =
            progressAfter(m_stepped, m_last, s->recordIndex >= 0, s->network.depth(), justUpdated);
        s->shownRecord = s->recordIndex >= 0 ? s->recordIndex : long(m_run.recordIndex());
        return s;
    }

    // One phase; returns the snapshot after it.
    std::shared_ptr<const Snapshot> step() {
        const Network before = m_run.network();
        const StepResult r = m_run.stepPhase();
        m_stepped = true;
        m_last = r.phase;
        if (r.updated) {
            m_lastUpdate.clear();
            m_weightsBefore.clear();
            for (int k = 1; k <= before.depth(); ++k) {
                m_lastUpdate.push_back(m_run.network().layer(k).w - before.layer(k).w); // Δw
                m_weightsBefore.push_back(before.layer(k).w);
            }
            m_lastUpdateRecords = m_run.recordsTrained();
        }
        return snapshot();
    }
    // Steps until the phase `p` has run.
    std::shared_ptr<const Snapshot> stepThrough(Phase p) {
        std::shared_ptr<const Snapshot> s;
        do
            s = step();
        while (m_last != p);
        return s;
    }

    TrainingRun& run() { return m_run; }

private:
    static Hyper hyperWith(double a) {
        Hyper h;
        h.learningRate = a;
        return h;
    }
    TrainingRun m_run;
    bool m_stepped = false;
    Phase m_last;
    std::vector<Matrix> m_lastUpdate;
    std::vector<Matrix> m_weightsBefore;
    long m_lastUpdateRecords = -1;
    mutable quint64 m_serial = 0;
};

} // namespace bp::test
