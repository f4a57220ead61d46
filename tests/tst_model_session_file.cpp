// The saved session (core/io/session_file.h, TrainingRunT::state/restore): a run saved
// at a record start, written, read back and restored goes on bit for bit as the run it
// came from — online and in mini-batches (records kept as columns, and folded into a
// partial sum past 32), with momentum and L2, in double and in float, across epoch ends.
// Bad files are refused with the line and column.
#include "io/experiment.h"
#include "io/session_file.h"
#include "math/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <stdexcept>

using namespace bp;

namespace {

PreparedExperiment digits(long recordLimit = 0) {
    Experiment e;
    e.data.builtin = "digits";
    e.data.normalization = Normalizer::Kind::MinMax;
    e.data.recordLimit = recordLimit;
    e.data.seed = 7;
    e.architecture.sizes = {64, 12, 10};
    e.architecture.hidden = Activation::Tanh;
    e.architecture.output = Activation::Softmax;
    e.architecture.loss = Loss::CrossEntropy;
    e.hyper.learningRate = 0.05;
    return prepareExperiment(e);
}

template <typename T> bool sameBits(const MatrixT<T>& a, const MatrixT<T>& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(T) * static_cast<std::size_t>(a.size())) == 0;
}

template <typename T> bool sameWeights(const TrainingRunT<T>& a, const TrainingRunT<T>& b) {
    for (int k = 1; k <= a.network().depth(); ++k)
        if (!sameBits(a.network().layer(k).w, b.network().layer(k).w))
            return false;
    return true;
}

template <typename T> void stepRecords(TrainingRunT<T>& run, long n) {
    for (long i = 0; i < n; ++i)
        run.stepRecord();
}

// The state of `run` through the file format and back, as the autosave does it.
template <typename T>
TrainingStateT<T> throughFile(const TrainingRunT<T>& run, const PreparedExperiment& p) {
    SavedSession s;
    s.experiment = p.experiment;
    s.train = fingerprintOf(*p.train);
    s.time = 1234;
    s.model = p.modelFor(p.network, run.hyper());
    if constexpr (std::is_same_v<T, float>)
        s.run = widenState(run.state());
    else
        s.run = run.state();
    const SavedSession back = parseSession(sessionToJson(s), "autosave.json");
    if (back.time != 1234 || !(back.train == s.train))
        throw std::runtime_error("the time or the fingerprint did not come back");
    if constexpr (std::is_same_v<T, float>)
        return narrowState(back.run);
    else
        return back.run;
}

// The session of a run that has not started.
SavedSession freshSession(const PreparedExperiment& p) {
    const TrainingRun run(p.network, p.train, Hyper{}, p.schedule);
    SavedSession s;
    s.experiment = p.experiment;
    s.model = p.modelFor(p.network, run.hyper());
    s.run = run.state();
    return s;
}

} // namespace

class TestSessionFile : public QObject {
    Q_OBJECT

    template <typename T> void continuesBitForBit(const Hyper& hyper, long before, long after) {
        const PreparedExperiment p = digits(500);
        const NetworkT<T> net = castNetwork<T>(p.network);
        TrainingRunT<T> original(net, p.train, hyper, p.schedule);
        stepRecords(original, before);
        const TrainingStateT<T> saved = throughFile(original, p);

        // A run made afresh with another starting network: restore() replaces it all.
        NetworkT<T> other = net;
        other.layer(1).w.setConstant(T(0.25));
        TrainingRunT<T> restored(other, p.train, Hyper{}, p.schedule);
        restored.restore(saved);
        QCOMPARE(restored.position(), original.position());
        QCOMPARE(restored.recordIndex(), original.recordIndex());
        QCOMPARE(restored.optimizer().pending(), original.optimizer().pending());
        QVERIFY(sameWeights(restored, original));

        stepRecords(original, after);
        stepRecords(restored, after);
        QVERIFY2(sameWeights(restored, original), "the weights drifted apart after the restore");
        QCOMPARE(restored.epoch(), original.epoch());
        QCOMPARE(restored.recordsTrained(), original.recordsTrained());
        QVERIFY(restored.order() == original.order()); // the shuffles after the restore
        QCOMPARE(restored.runningStats().trainLoss, original.runningStats().trainLoss);
        QCOMPARE(restored.lastEpoch().trainLoss, original.lastEpoch().trainLoss);
        for (int k = 1; k <= net.depth(); ++k)
            QVERIFY(sameBits(restored.optimizer().velocity()[k - 1],
                             original.optimizer().velocity()[k - 1]));
    }

private slots:
    void onlineDouble() {
        Hyper h;
        h.learningRate = 0.05;
        continuesBitForBit<double>(h, 730, 900); // epoch 2 at the save, epoch 4 after
    }
    void onlineFloatWithMomentum() {
        Hyper h;
        h.learningRate = 0.05;
        h.momentum = 0.9;
        continuesBitForBit<float>(h, 321, 800);
    }
    void batchKeptColumns() {
        // 8 records a batch, saved with 5 of them kept as columns.
        Hyper h;
        h.batchSize = 8;
        h.momentum = 0.5;
        h.l2 = 1e-3;
        continuesBitForBit<double>(h, 8 * 20 + 5, 700);
    }
    void batchFoldedPartialSums() {
        // 100 records a batch, saved after 70: 64 folded into partial sums, 6 kept.
        Hyper h;
        h.batchSize = 100;
        h.learningRate = 0.5;
        continuesBitForBit<double>(h, 70, 600);
        continuesBitForBit<float>(h, 70 + 500, 600); // in the second epoch
    }

    void stateOnlyAtRecordStart() {
        const PreparedExperiment p = digits();
        TrainingRun run(p.network, p.train, Hyper{}, p.schedule);
        run.stepPhase();
        QVERIFY_THROWS_EXCEPTION(InputError, run.state());
    }

    void restoreRefusesWhatDoesNotFit() {
        const PreparedExperiment p = digits();
        TrainingRun run(p.network, p.train, Hyper{}, p.schedule);
        stepRecords(run, 3);
        const TrainingState good = run.state();
        auto refused = [&](TrainingState s, const char* expected) {
            TrainingRun fresh(p.network, p.train, Hyper{}, p.schedule);
            try {
                fresh.restore(s);
            } catch (const InputError& e) {
                QVERIFY2(std::strstr(e.what(), expected), e.what());
                return;
            }
            QFAIL("restore() accepted a state that does not fit");
        };
        TrainingState s = good;
        s.order[0] = s.order[1];
        refused(s, "not a permutation");
        s = good;
        s.order.pop_back();
        refused(s, "entries; the data has");
        s = good;
        s.position = static_cast<Eigen::Index>(p.train->records());
        refused(s, "outside the epoch");
        s = good;
        s.network.layers.pop_back();
        refused(s, "layers, activations or loss");
        s = good;
        s.random = {0, 0, 0, 0};
        refused(s, "all zero");
        s = good;
        s.optimizer.count = 3; // says 3 records are pending, holds none
        refused(s, "do not add up");
    }

    void badFilesNameTheLineAndColumn() {
        const PreparedExperiment p = digits();
        SavedSession s = freshSession(p);
        const std::string good = sessionToJson(s);
        auto message = [](const std::string& text) -> std::string {
            try {
                parseSession(text, "auto.json");
            } catch (const InputError& e) {
                return e.what();
            }
            return "accepted";
        };
        // A model file without the session member.
        const std::string model = modelToJson(s.model);
        QVERIFY2(message(model).find("not a saved session") != std::string::npos,
                 message(model).c_str());
        // The random state with three words: the message points at the array.
        std::string t = good;
        const std::size_t at = t.find("\"random\": [");
        QVERIFY(at != std::string::npos);
        const std::size_t comma = t.find(',', at);
        t.erase(comma, t.find(',', comma + 1) - comma);
        const std::string m = message(t);
        QVERIFY2(m.find("auto.json:") == 0 && m.find("expected 4") != std::string::npos, m.c_str());
        const long line = 1 + static_cast<long>(std::count(good.begin(), good.begin() + at, '\n'));
        QVERIFY2(m.find(":" + std::to_string(line) + ":") != std::string::npos, m.c_str());
        // An unknown activation name in the architecture.
        t = good;
        const std::size_t hidden = t.find("\"hidden\": \"tanh\"");
        QVERIFY(hidden != std::string::npos);
        t.replace(hidden, std::strlen("\"hidden\": \"tanh\""), "\"hidden\": \"swish\"");
        QVERIFY2(message(t).find("\"swish\", which is not known") != std::string::npos,
                 message(t).c_str());
    }

    void fingerprintSeesOneChangedValue() {
        const PreparedExperiment p = digits();
        Dataset changed = *p.train;
        const DataFingerprint before = fingerprintOf(changed);
        changed.targets(0, 5) += 1e-12;
        QVERIFY(!(fingerprintOf(changed) == before));
        QCOMPARE(fingerprintOf(*p.train).hash, before.hash);
    }

    void saveIsAtomic() {
        QTemporaryDir dir;
        const PreparedExperiment p = digits();
        SavedSession s = freshSession(p);
        const std::string path = dir.filePath("auto.json").toStdString();
        saveSession(s, path);
        const SavedSession back = loadSession(path);
        QVERIFY(back.run.order == s.run.order);
        // An unsavable state (a NaN weight) leaves the file as it was.
        s.run.network.layer(1).w(0, 0) = std::numeric_limits<double>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(InputError, saveSession(s, path));
        QVERIFY(loadSession(path).run.order == back.run.order);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }
};

QTEST_APPLESS_MAIN(TestSessionFile)
#include "tst_model_session_file.moc"
