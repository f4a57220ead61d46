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

#include <algorithm>
#include <cstring>
#include <memory>
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

// An xor-shaped session (2 inputs, 1 output) whose training records are `records`,
// kept in the file as painted records are.
SavedSession sessionKeeping(const Dataset& records) {
    Experiment e;
    e.data.builtin = "xor";
    e.architecture.sizes = {2, 3, 1};
    e.architecture.output = Activation::Sigmoid;
    e.architecture.loss = Loss::CrossEntropy;
    const PreparedExperiment p = prepareExperiment(e);
    SavedSession s = freshSession(p);
    s.trainRecords = std::make_shared<const Dataset>(records);
    s.train = fingerprintOf(records);
    return s;
}

// Five records: two from the file, three painted (source row −1), values chosen to need
// all 17 digits (1/3, 0.1, −1/√2), the smallest denormal and the largest double.
Dataset paintedRecords(Storage storage) {
    Dataset d;
    d.name = "xor";
    d.inputNames = {"x1", "x2"};
    d.targetNames = {"xor"};
    d.classNames = {"0", "1"};
    const double wide[5][2] = {{0, 1},
                               {1.0 / 3, -2.5e-7},
                               {0.1, 1.7976931348623157e308},
                               {-0.70710678118654757, 4.9406564584124654e-324},
                               {1.0000000000000002, -1e-300}};
    const float narrow[5][2] = {{0, 1},
                                {1.0f / 3, -2.5e-7f},
                                {0.1f, 3.4028235e38f},
                                {-0.70710677f, 1.4e-45f},
                                {1.0000001f, -1e-30f}};
    d.inputs = FeatureMatrix(storage, 2, 5);
    for (int r = 0; r < 5; ++r)
        for (int i = 0; i < 2; ++i)
            d.inputs.set(i, r, storage == Storage::Float ? double(narrow[r][i]) : wide[r][i]);
    d.labels = {1, 1, 0, 1, 0};
    d.targets.resize(1, 5);
    for (int r = 0; r < 5; ++r)
        d.targets(0, r) = d.labels[static_cast<std::size_t>(r)];
    d.sourceRows = {3, 4, -1, -1, -1};
    return d;
}

bool sameBits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

// "file:line:column" of byte `at` of `text` (lines and columns from 1).
std::string placeOf(const std::string& file, const std::string& text, std::size_t at) {
    const std::size_t lineStart = text.rfind('\n', at == 0 ? 0 : at - 1);
    const long line = 1 + static_cast<long>(std::count(text.begin(), text.begin() + at, '\n'));
    const long column =
        static_cast<long>(at - (lineStart == std::string::npos ? 0 : lineStart + 1)) + 1;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
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

    // The painted training records come back bit for bit: every input (in its storage),
    // target, class, name and source row; the text written again is the same text.
    void storedRecordsReadBackBitForBit_data() {
        QTest::addColumn<bool>("floats");
        QTest::newRow("double") << false;
        QTest::newRow("float") << true;
    }
    void storedRecordsReadBackBitForBit() {
        QFETCH(bool, floats);
        const Dataset d = paintedRecords(floats ? Storage::Float : Storage::Double);
        const std::string text = sessionToJson(sessionKeeping(d));
        QVERIFY(text.find("\"train_records\": {") != std::string::npos);
        const SavedSession back = parseSession(text, "auto.json");
        QVERIFY(back.trainRecords);
        const Dataset& b = *back.trainRecords;
        QCOMPARE(b.records(), Eigen::Index(5));
        QVERIFY(b.inputs.storage() == d.inputs.storage());
        for (int r = 0; r < 5; ++r) {
            for (int i = 0; i < 2; ++i)
                QVERIFY2(sameBits(b.inputs(i, r), d.inputs(i, r)),
                         qPrintable(QString("input %1 of record %2").arg(i).arg(r)));
            QVERIFY(sameBits(b.targets(0, r), d.targets(0, r)));
        }
        QCOMPARE(b.inputs(1, 3), floats ? double(1.4e-45f) : 4.9406564584124654e-324);
        QVERIFY(b.labels == std::vector<int>({1, 1, 0, 1, 0}));
        QVERIFY(b.sourceRows == std::vector<long>({3, 4, -1, -1, -1}));
        QVERIFY(b.classNames == d.classNames && b.inputNames == d.inputNames &&
                b.targetNames == d.targetNames);
        QCOMPARE(QString::fromStdString(b.name), QString("xor"));
        QVERIFY(back.train == fingerprintOf(d));
        QVERIFY(sessionToJson(back) == text);
    }

    // Without painted records (a file of before): no member written, none read.
    void noStoredRecordsWithoutPainting() {
        const PreparedExperiment p = digits(100);
        const std::string text = sessionToJson(freshSession(p));
        QVERIFY(text.find("train_records") == std::string::npos);
        QVERIFY(!parseSession(text, "auto.json").trainRecords);
    }

    // Each bad record is refused where it is: the file, line and column of the value, and
    // what was expected. `find` is replaced by `by` (after "train_records"); the error
    // points at `at` in `by`.
    void badStoredRecordsNameTheLineAndColumn_data() {
        QTest::addColumn<QString>("find");
        QTest::addColumn<QString>("by");
        QTest::addColumn<QString>("at");
        QTest::addColumn<QString>("expected");
        QTest::newRow("class out of range")
            << "\"labels\": [1, 1, 0, 1, 0]"
            << "\"labels\": [1, 1, 2, 1, 0]"
            << "2, 1, 0]"
            << "the class of record 2 is 2; expected a whole number from 0 to 1";
        QTest::newRow("class negative")
            << "\"labels\": [1, 1, 0, 1, 0]"
            << "\"labels\": [1, -1, 0, 1, 0]"
            << "-1"
            << "the class of record 1 is -1; expected a whole number from 0 to 1";
        QTest::newRow("a class too few")
            << "\"labels\": [1, 1, 0, 1, 0]"
            << "\"labels\": [1, 1, 0, 1]"
            << "["
            << "\"labels\" has 4 class indices; expected 5, one per record";
        QTest::newRow("too few inputs")
            << "[0, 1]"
            << "[0]"
            << "[0]"
            << "the inputs of record 0 has 1 number; expected 2 numbers, one per input node of "
               "the network";
        QTest::newRow("too many targets")
            << "[1],\n"
            << "[1, 0],\n"
            << "[1, 0]"
            << "the targets of record 0 has 2 numbers; expected 1 number, one per output node of "
               "the network";
        QTest::newRow("not finite") << "[0, 1]"
                                    << "[0, 1e999]"
                                    << "1e999"
                                    << "out of range";
        QTest::newRow("a text for a number") << "[0, 1]"
                                             << "[0, \"one\"]"
                                             << "\"one\""
                                             << "expected a number";
        QTest::newRow("not a float") << "\"storage\": \"double\""
                                     << "\"storage\": \"float\""
                                     << "0.33333333333333331"
                                     << "expected a float value (the inputs are stored as float)";
        QTest::newRow("unknown storage")
            << "\"storage\": \"double\""
            << "\"storage\": \"bytes\""
            << "\"bytes\""
            << "\"storage\" is \"bytes\"; expected \"double\" or \"float\"";
        QTest::newRow("one value changed")
            << "[0, 1]"
            << "[0, 0.5]"
            << "{"
            << "the training records are not those of \"train_data\"";
    }
    void badStoredRecordsNameTheLineAndColumn() {
        QFETCH(QString, find);
        QFETCH(QString, by);
        QFETCH(QString, at);
        QFETCH(QString, expected);
        std::string text = sessionToJson(sessionKeeping(paintedRecords(Storage::Double)));
        const std::size_t records = text.find("\"train_records\": {");
        QVERIFY(records != std::string::npos);
        const std::size_t where = text.find(find.toStdString(), records);
        QVERIFY2(where != std::string::npos, qPrintable(find));
        text.replace(where, static_cast<std::size_t>(find.size()), by.toStdString());
        // "{": the records' object itself; otherwise the value inside the replacement (or,
        // for the float check, the first value that is not a float, further on).
        const std::size_t point = at == "{" ? records + std::strlen("\"train_records\": ")
                                  : by.contains(at)
                                      ? where + static_cast<std::size_t>(by.indexOf(at))
                                      : text.find(at.toStdString(), where);
        QVERIFY(point != std::string::npos);
        std::string message;
        try {
            parseSession(text, "auto.json");
            message = "accepted";
        } catch (const InputError& e) {
            message = e.what();
        }
        const std::string place = placeOf("auto.json", text, point);
        QVERIFY2(message.rfind(place, 0) == 0, (place + " | " + message).c_str());
        QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
    }

    // A file cut short inside the records: refused at its end, nothing half read.
    void truncatedRecordsAreRefused() {
        const std::string text = sessionToJson(sessionKeeping(paintedRecords(Storage::Double)));
        const std::size_t cut = text.find("[0.10000000000000001");
        QVERIFY(cut != std::string::npos);
        const std::string shortened = text.substr(0, cut + 5);
        std::string message = "accepted";
        try {
            parseSession(shortened, "auto.json");
        } catch (const InputError& e) {
            message = e.what();
        }
        const long lines =
            1 + static_cast<long>(std::count(shortened.begin(), shortened.end(), '\n'));
        QVERIFY2(message.rfind("auto.json:" + std::to_string(lines) + ":", 0) == 0,
                 message.c_str());
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
