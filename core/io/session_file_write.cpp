// Writing the autosave (session_file.h): the model file, plus the "session" member.
#include "io/atomic_file.h"
#include "io/json.h"
#include "io/session_file.h"
#include "io/session_records.h"
#include "math/error.h"

#include <cstring>

namespace bp {

using json::Value;

namespace {

Value integer(long long n) {
    if (n < 0)
        throw InputError("cannot save the session: a count is negative (" + std::to_string(n) +
                         ")");
    return Value::makeInteger(static_cast<std::uint64_t>(n));
}

// A matrix as an array of rows.
Value matrixValue(const Matrix& m) {
    Value rows = Value::makeArray();
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        Value row = Value::makeArray();
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            row.items.push_back(Value::makeNumber(m(i, j)));
        rows.items.push_back(std::move(row));
    }
    return rows;
}

Value matrices(const std::vector<Matrix>& ms) {
    Value a = Value::makeArray();
    for (const Matrix& m : ms)
        a.items.push_back(matrixValue(m));
    return a;
}

Value dataValue(const DataSource& d) {
    Value v = Value::makeObject();
    v.add("builtin", Value::makeString(d.builtin));
    v.add("file", Value::makeString(d.file));
    v.add("labels_file", Value::makeString(d.load.labelsPath));
    v.add("targets", Value::makeStringArray(d.load.targets));
    v.add("classify", Value::makeBool(d.load.classify));
    v.add("classes", Value::makeStringArray(d.load.classes));
    v.add("test_file", Value::makeString(d.testFile));
    v.add("test_labels_file", Value::makeString(d.testLabelsPath));
    v.add("noise", Value::makeNumber(d.noise));
    v.add("normalization", Value::makeString(toString(d.normalization)));
    v.add("train_share", Value::makeNumber(d.trainShare));
    v.add("seed", Value::makeInteger(d.seed));
    v.add("record_limit", integer(d.recordLimit));
    v.add("shuffle", Value::makeBool(d.shuffle));
    return v;
}

Value architectureValue(const Architecture& a) {
    Value v = Value::makeObject();
    Value sizes = Value::makeArray();
    for (const Eigen::Index n : a.sizes)
        sizes.items.push_back(integer(n));
    v.add("sizes", std::move(sizes));
    v.add("hidden", Value::makeString(toString(a.hidden)));
    v.add("output", Value::makeString(toString(a.output)));
    v.add("loss", Value::makeString(toString(a.loss)));
    v.add("init", Value::makeString(toString(a.init)));
    v.add("uniform_range", Value::makeNumber(a.uniformRange));
    Value perLayer = Value::makeArray();
    for (const Activation g : a.perLayer)
        perLayer.items.push_back(Value::makeString(toString(g)));
    v.add("per_layer", std::move(perLayer));
    return v;
}

Value experimentValue(const Experiment& e) {
    Value v = Value::makeObject();
    v.add("data", dataValue(e.data));
    v.add("architecture", architectureValue(e.architecture));
    v.add("precision", Value::makeString(toString(e.precision)));
    v.add("refit_normalizer", Value::makeBool(e.refitNormalizer));
    if (e.model)
        v.add("start_model", json::parse(modelToJson(*e.model), "the starting model"));
    return v;
}

Value epochValue(const EpochStats& s) {
    Value v = Value::makeObject();
    v.add("epoch", integer(s.epoch));
    v.add("train_loss", Value::makeNumber(s.trainLoss));
    v.add("train_accuracy", Value::makeNumber(s.trainAccuracy));
    v.add("test_loss", Value::makeNumber(s.testLoss));
    v.add("test_accuracy", Value::makeNumber(s.testAccuracy));
    v.add("records", integer(s.records));
    v.add("records_per_second", Value::makeNumber(s.recordsPerSecond));
    return v;
}

Value runValue(const TrainingStateT<double>& r) {
    Value v = Value::makeObject();
    v.add("epoch", integer(r.epoch));
    v.add("position", integer(r.position));
    v.add("records_trained", integer(r.recordsTrained));
    v.add("epoch_loss", Value::makeNumber(r.epochLoss));
    v.add("epoch_correct", integer(r.epochCorrect));
    v.add("epoch_seen", integer(r.epochSeen));
    v.add("last_epoch", epochValue(r.lastEpoch));
    Value& schedule = v.add("schedule", Value::makeObject());
    schedule.add("shuffle", Value::makeBool(r.schedule.shuffle));
    schedule.add("seed", Value::makeInteger(r.schedule.seed));
    schedule.add("record_limit", integer(r.schedule.recordLimit));
    Value random = Value::makeArray();
    for (const std::uint64_t word : r.random)
        random.items.push_back(Value::makeInteger(word));
    v.add("random", std::move(random));
    Value order = Value::makeArray();
    for (const Eigen::Index i : r.order)
        order.items.push_back(integer(i));
    v.add("order", std::move(order));
    Value& batch = v.add("batch", Value::makeObject());
    batch.add("count", integer(r.optimizer.count));
    batch.add("kept_dJdz", matrices(r.optimizer.keptDz));
    batch.add("kept_x", matrices(r.optimizer.keptX));
    batch.add("partial", matrices(r.optimizer.partial));
    v.add("velocity", matrices(r.optimizer.velocity));
    return v;
}

Value fingerprintValue(const DataFingerprint& f) {
    Value v = Value::makeObject();
    v.add("records", integer(f.records));
    v.add("inputs", integer(f.inputs));
    v.add("outputs", integer(f.outputs));
    v.add("hash", Value::makeInteger(f.hash));
    return v;
}

} // namespace

DataFingerprint fingerprintOf(const Dataset& data) {
    DataFingerprint f;
    f.records = static_cast<long>(data.records());
    f.inputs = static_cast<long>(data.inputSize());
    f.outputs = static_cast<long>(data.outputSize());
    std::uint64_t h = 14695981039346656037ULL; // FNV-1a's offset and prime, a word at a time
    auto mix = [&h](double value) {
        std::uint64_t word;
        std::memcpy(&word, &value, sizeof word);
        h = (h ^ word) * 1099511628211ULL;
    };
    Vector x(data.inputSize());
    for (Eigen::Index r = 0; r < data.records(); ++r) {
        data.inputs.copyColumn(r, x);
        for (Eigen::Index i = 0; i < x.size(); ++i)
            mix(x[i]);
        for (Eigen::Index i = 0; i < data.outputSize(); ++i)
            mix(data.targets(i, r));
    }
    f.hash = h;
    return f;
}

std::string sessionToJson(const SavedSession& s) {
    Model model = s.model;
    model.network = s.run.network;
    model.hyper = s.run.hyper;
    Value root = json::parse(modelToJson(model), "the session's model");
    Value& session = root.add(kSessionMember, Value::makeObject());
    session.add("version", Value::makeInteger(kSessionVersion));
    session.add("experiment", experimentValue(s.experiment));
    session.add("train_data", fingerprintValue(s.train));
    if (s.trainRecords)
        session.add(kTrainRecordsMember, trainRecordsValue(*s.trainRecords));
    session.add("time", integer(s.time));
    session.add("phases_into_record", integer(s.phasesIntoRecord));
    session.add("run", runValue(s.run));
    if (!s.window.is(json::Type::Null))
        session.add("window", s.window);
    return json::write(root);
}

void saveSession(const SavedSession& s, const std::string& path) {
    std::string text;
    try {
        text = sessionToJson(s);
    } catch (const InputError& e) {
        throw InputError(path, std::string("cannot save the session: ") + e.what());
    }
    AtomicFile file(path, "the session");
    file.write(text);
    file.commit();
}

template <typename To, typename From>
static TrainingStateT<To> castState(const TrainingStateT<From>& s) {
    TrainingStateT<To> t;
    t.network = castNetwork<To>(s.network);
    t.hyper = s.hyper;
    t.schedule = s.schedule;
    t.random = s.random;
    t.order = s.order;
    t.epoch = s.epoch;
    t.position = s.position;
    t.recordsTrained = s.recordsTrained;
    t.epochLoss = s.epochLoss;
    t.epochCorrect = s.epochCorrect;
    t.epochSeen = s.epochSeen;
    t.lastEpoch = s.lastEpoch;
    t.optimizer.count = s.optimizer.count;
    auto cast = [](const std::vector<MatrixT<From>>& from, std::vector<MatrixT<To>>& to) {
        for (const MatrixT<From>& m : from)
            to.push_back(m.template cast<To>());
    };
    cast(s.optimizer.keptDz, t.optimizer.keptDz);
    cast(s.optimizer.keptX, t.optimizer.keptX);
    cast(s.optimizer.partial, t.optimizer.partial);
    cast(s.optimizer.velocity, t.optimizer.velocity);
    return t;
}

TrainingStateT<double> widenState(const TrainingStateT<float>& s) {
    return castState<double>(s);
}
TrainingStateT<float> narrowState(const TrainingStateT<double>& s) {
    return castState<float>(s);
}

} // namespace bp
