#pragma once
// Shared by the tst_session_* tests: small data and networks, and a probe that
// records what a TrainingSession emits.
#include "random_data.h"
#include "session/training_session.h"

#include <QElapsedTimer>
#include <QtTest>

// QCOMPARE cannot print a Phase: ADL finds bp::toString(Phase), which returns std::string.
#define COMPARE_PHASE(actual, expected)                                                            \
    QVERIFY2((actual) == (expected),                                                               \
             (bp::toString(actual) + " != " + bp::toString(expected)).c_str())

namespace bp::testing {

inline Network net3452(std::uint64_t seed) {
    Architecture a;
    a.sizes = {3, 4, 5, 2};
    a.hidden = Activation::Tanh;
    a.output = Activation::Sigmoid;
    a.loss = Loss::Mse;
    return makeNetwork(a, seed);
}

inline bool sameWeights(const Network& a, const Network& b) {
    if (a.layers.size() != b.layers.size())
        return false;
    for (std::size_t k = 0; k < a.layers.size(); ++k)
        if (a.layers[k].w.rows() != b.layers[k].w.rows() ||
            a.layers[k].w.cols() != b.layers[k].w.cols() || a.layers[k].w != b.layers[k].w)
            return false;
    return true;
}

inline bool sameValues(const RecordValues& a, const RecordValues& b) {
    if (a.layers.size() != b.layers.size() || a.input != b.input || a.target != b.target ||
        a.loss != b.loss)
        return false;
    for (std::size_t k = 0; k < a.layers.size(); ++k) {
        const LayerValues& x = a.layers[k];
        const LayerValues& y = b.layers[k];
        if (x.z != y.z || x.x != y.x || x.delta != y.delta || x.dJdz != y.dJdz || x.dJdw != y.dJdw)
            return false;
    }
    return true;
}

// Records everything a session emits, in order.
class Probe : public QObject {
public:
    explicit Probe(TrainingSession& s) : m_session(s) {
        connect(&s, &TrainingSession::snapshotReady, this,
                [this](std::shared_ptr<const Snapshot> snap) {
                    snapshots.push_back(snap);
                    last = std::move(snap);
                });
        // While the test keeps up, a bucket holds one record (or epoch): its own figures.
        connect(&s, &TrainingSession::lossPoints, this, [this](const LossBuckets& p) {
            for (const LossBucket& b : p.buckets()) {
                buckets.push_back(b);
                if (b.count == 1)
                    points.append({b.first, b.epoch, b.nonFinite ? std::nan("") : b.loss.sum});
                else
                    ++coarseBuckets;
            }
            ++pointBatches;
        });
        connect(&s, &TrainingSession::epochsFinished, this, [this](const EpochBuckets& e) {
            for (const EpochBucket& b : e.buckets()) {
                epochs.push_back(b.last);
                if (b.units() > 1)
                    ++coarseBuckets;
            }
        });
        connect(&s, &TrainingSession::refused, this,
                [this](const QString& r) { refusals.push_back(r); });
        connect(&s, &TrainingSession::rewound, this, [this](long records, int epoch) {
            rewinds.push_back({records, epoch});
            // What a chart does with it: drop what is no longer on the timeline.
            while (!points.isEmpty() && points.back().record >= records)
                points.pop_back();
            while (!buckets.empty() && buckets.back().first >= records)
                buckets.pop_back();
        });
        connect(&s, &TrainingSession::diffReady, this,
                [this](std::shared_ptr<const WeightDiff> d) { diffs.push_back(std::move(d)); });
        connect(&s, &TrainingSession::weightPathReady, this,
                [this](std::shared_ptr<const WeightPath> w) { paths.push_back(std::move(w)); });
    }

    // Waits until the snapshot for command `ticket` arrived (or `ms` passed).
    bool waitFor(quint64 ticket, int ms = 10000) {
        QElapsedTimer t;
        t.start();
        while (!(last && last->command >= ticket)) {
            if (t.elapsed() > ms)
                return false;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            QTest::qWait(1);
        }
        return true;
    }
    // Waits until `pred` holds, processing events.
    template <typename Pred> bool waitUntil(Pred pred, int ms = 10000) {
        QElapsedTimer t;
        t.start();
        while (!pred()) {
            if (t.elapsed() > ms)
                return false;
            QTest::qWait(2);
        }
        return true;
    }
    bool waitPaused(int ms = 10000) {
        return waitUntil([this] { return last && !last->running; }, ms);
    }

    std::vector<std::shared_ptr<const Snapshot>> snapshots;
    std::shared_ptr<const Snapshot> last;
    QVector<LossPoint> points;       // from the one-record buckets
    std::vector<LossBucket> buckets; // every bucket, in order
    int coarseBuckets = 0;           // buckets of more than one record or epoch
    int pointBatches = 0;
    std::vector<EpochStats> epochs;
    QStringList refusals;
    std::vector<std::pair<long, int>> rewinds;
    std::vector<std::shared_ptr<const WeightDiff>> diffs;
    std::vector<std::shared_ptr<const WeightPath>> paths;

private:
    TrainingSession& m_session;
};

} // namespace bp::testing
