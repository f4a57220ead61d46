// Reading the autosave (session_file.h): the model part through parseModel, then the
// "session" member, every field checked with its line and column.
#include "io/json_reader.h"
#include "io/session_file.h"
#include "io/session_records.h"

#include <limits>

namespace bp {

using namespace json_reading;

namespace {

constexpr std::uintmax_t kMaxSessionBytes = 1024u << 20;
constexpr std::uint64_t kMaxSavedCount = std::uint64_t(1) << 53; // records, times, positions

bool flag(const Reader& r, const Value& object, const char* key) {
    const Value& v = r.required(object, key, "the session", "true or false");
    r.expect(v, Type::Bool, std::string("\"") + key + "\"", "true or false");
    return v.boolean;
}

std::string text(const Reader& r, const Value& object, const char* key) {
    return r.string(r.required(object, key, "the session", "a string"),
                    std::string("\"") + key + "\"", "a string");
}

std::uint64_t count(const Reader& r, const Value& object, const char* key,
                    std::uint64_t max = kMaxSavedCount) {
    return r.whole(r.required(object, key, "the session", "a whole number"),
                   std::string("\"") + key + "\"", 0, max);
}

double number(const Reader& r, const Value& object, const char* key) {
    return r.number(r.required(object, key, "the session", "a number"),
                    std::string("\"") + key + "\"");
}

const Value& object(const Reader& r, const Value& parent, const char* key) {
    const Value& v = r.required(parent, key, "the session", "an object");
    r.expect(v, Type::Object, std::string("\"") + key + "\"", "an object");
    return v;
}

const Value& array(const Reader& r, const Value& parent, const char* key) {
    return r.array(r.required(parent, key, "the session", "an array"),
                   std::string("\"") + key + "\"", "an array");
}

std::vector<std::string> strings(const Reader& r, const Value& parent, const char* key) {
    const Value& a = array(r, parent, key);
    return r.names(a, std::string("\"") + key + "\"", a.items.size(), "strings");
}

template <typename E, typename F>
E named(const Reader& r, const Value& parent, const char* key, F fromString) {
    const Value& v = r.required(parent, key, "the session", "a name");
    const std::optional<E> e = fromString(r.string(v, std::string("\"") + key + "\"", "a name"));
    if (!e)
        r.fail(v, std::string("\"") + key + "\" is " + shown(v) + ", which is not known");
    return *e;
}

DataSource readData(const Reader& r, const Value& v) {
    DataSource d;
    d.builtin = text(r, v, "builtin");
    d.file = text(r, v, "file");
    d.load.labelsPath = text(r, v, "labels_file");
    d.load.targets = strings(r, v, "targets");
    d.load.classify = flag(r, v, "classify");
    d.load.classes = strings(r, v, "classes");
    d.testFile = text(r, v, "test_file");
    d.testLabelsPath = text(r, v, "test_labels_file");
    d.noise = number(r, v, "noise");
    d.normalization = named<Normalizer::Kind>(r, v, "normalization", normalizerKindFromString);
    d.trainShare = number(r, v, "train_share");
    d.seed = count(r, v, "seed", UINT64_MAX);
    d.recordLimit = static_cast<long>(count(r, v, "record_limit"));
    d.shuffle = flag(r, v, "shuffle");
    return d;
}

Architecture readArchitecture(const Reader& r, const Value& v) {
    Architecture a;
    for (const Value& n : array(r, v, "sizes").items)
        a.sizes.push_back(static_cast<Eigen::Index>(r.whole(n, "a layer size", 1, 100000000)));
    a.hidden = named<Activation>(r, v, "hidden", activationFromString);
    a.output = named<Activation>(r, v, "output", activationFromString);
    a.loss = named<Loss>(r, v, "loss", lossFromString);
    a.init = named<Init>(r, v, "init", initFromString);
    a.uniformRange = number(r, v, "uniform_range");
    for (const Value& g : array(r, v, "per_layer").items) {
        const std::optional<Activation> act =
            activationFromString(r.string(g, "an activation", "a name"));
        if (!act)
            r.fail(g, "the activation " + shown(g) + " is not known");
        a.perLayer.push_back(*act);
    }
    return a;
}

Experiment readExperiment(const Reader& r, const Value& v) {
    Experiment e;
    e.data = readData(r, object(r, v, "data"));
    e.architecture = readArchitecture(r, object(r, v, "architecture"));
    e.precision = named<Precision>(r, v, "precision",
                                   [](const std::string& s) { return precisionFromString(s); });
    e.refitNormalizer = flag(r, v, "refit_normalizer");
    if (const Value* m = r.optional(v, "start_model"))
        e.model = parseModel(json::write(*m), r.fileName() + " (its starting model)");
    return e;
}

EpochStats readEpoch(const Reader& r, const Value& v) {
    EpochStats s;
    s.epoch = static_cast<int>(count(r, v, "epoch", std::numeric_limits<int>::max()));
    s.trainLoss = number(r, v, "train_loss");
    s.trainAccuracy = number(r, v, "train_accuracy");
    s.testLoss = number(r, v, "test_loss");
    s.testAccuracy = number(r, v, "test_accuracy");
    s.records = static_cast<long>(count(r, v, "records"));
    s.recordsPerSecond = number(r, v, "records_per_second");
    return s;
}

// A rows × (any, the same for every row) matrix: an array of rows of numbers.
Matrix readMatrix(const Reader& r, const Value& v, Eigen::Index rows, Eigen::Index maxCols) {
    r.array(v, "a matrix", "an array of rows");
    if (static_cast<Eigen::Index>(v.items.size()) != rows)
        r.fail(v, "the matrix has " + counted(v.items.size(), "row") + "; expected " +
                      std::to_string(rows));
    const Eigen::Index cols =
        rows == 0
            ? 0
            : static_cast<Eigen::Index>(r.array(v.items[0], "a row", "an array").items.size());
    if (cols > maxCols)
        r.fail(v.items[0], "the row has " + counted(cols, "number") + "; expected at most " +
                               std::to_string(maxCols));
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i) {
        const Value& row = v.items[static_cast<std::size_t>(i)];
        r.array(row, "a row", "an array");
        if (static_cast<Eigen::Index>(row.items.size()) != cols)
            r.fail(row, "the row has " + counted(row.items.size(), "number") + "; expected " +
                            std::to_string(cols) + " like the first");
        for (Eigen::Index j = 0; j < cols; ++j)
            m(i, j) = r.number(row.items[static_cast<std::size_t>(j)], "a matrix entry");
    }
    return m;
}

// One matrix per layer of `net` (or none), with `rows(layer)` rows.
template <typename Rows>
std::vector<Matrix> readMatrices(const Reader& r, const Value& parent, const char* key,
                                 const Network& net, Rows rows, Eigen::Index maxCols) {
    const Value& a = array(r, parent, key);
    std::vector<Matrix> out;
    if (a.items.empty())
        return out;
    if (static_cast<int>(a.items.size()) != net.depth())
        r.fail(a, std::string("\"") + key + "\" has " + counted(a.items.size(), "matrix") +
                      "; expected one per layer (" + std::to_string(net.depth()) + ")");
    for (int k = 1; k <= net.depth(); ++k)
        out.push_back(readMatrix(r, a.items[static_cast<std::size_t>(k - 1)], rows(net.layer(k)),
                                 maxCols < 0 ? net.layer(k).w.cols() : maxCols));
    return out;
}

TrainingStateT<double> readRun(const Reader& r, const Value& v, const Network& net) {
    TrainingStateT<double> s;
    s.epoch = static_cast<int>(count(r, v, "epoch", std::numeric_limits<int>::max()));
    s.position = static_cast<Eigen::Index>(count(r, v, "position"));
    s.recordsTrained = static_cast<long>(count(r, v, "records_trained"));
    s.epochLoss = number(r, v, "epoch_loss");
    s.epochCorrect = static_cast<long>(count(r, v, "epoch_correct"));
    s.epochSeen = static_cast<long>(count(r, v, "epoch_seen"));
    s.lastEpoch = readEpoch(r, object(r, v, "last_epoch"));
    const Value& schedule = object(r, v, "schedule");
    s.schedule.shuffle = flag(r, schedule, "shuffle");
    s.schedule.seed = count(r, schedule, "seed", UINT64_MAX);
    s.schedule.recordLimit = static_cast<Eigen::Index>(count(r, schedule, "record_limit"));
    const Value& random = array(r, v, "random");
    if (random.items.size() != s.random.size())
        r.fail(random, "\"random\" has " + counted(random.items.size(), "number") +
                           "; expected 4 (the generator's state)");
    for (std::size_t i = 0; i < s.random.size(); ++i)
        s.random[i] = r.whole(random.items[i], "a word of \"random\"", 0, UINT64_MAX);
    for (const Value& i : array(r, v, "order").items)
        s.order.push_back(
            static_cast<Eigen::Index>(r.whole(i, "an entry of \"order\"", 0, kMaxSavedCount)));
    const Value& batch = object(r, v, "batch");
    s.optimizer.count = static_cast<int>(count(r, batch, "count", std::numeric_limits<int>::max()));
    const auto rows = [](const Layer& l) { return l.w.rows(); };
    const auto inputs = [](const Layer& l) { return l.w.cols(); };
    constexpr Eigen::Index chunk = Optimizer::kChunk;
    s.optimizer.keptDz = readMatrices(r, batch, "kept_dJdz", net, rows, chunk);
    s.optimizer.keptX = readMatrices(r, batch, "kept_x", net, inputs, chunk);
    s.optimizer.partial = readMatrices(r, batch, "partial", net, rows, -1);
    s.optimizer.velocity = readMatrices(r, v, "velocity", net, rows, -1);
    return s;
}

DataFingerprint readFingerprint(const Reader& r, const Value& v) {
    DataFingerprint f;
    f.records = static_cast<long>(count(r, v, "records"));
    f.inputs = static_cast<long>(count(r, v, "inputs"));
    f.outputs = static_cast<long>(count(r, v, "outputs"));
    f.hash = count(r, v, "hash", UINT64_MAX);
    return f;
}

} // namespace

SavedSession parseSession(const std::string& text, const std::string& file) {
    SavedSession s;
    s.model = parseModel(text, file); // the weights now, the normaliser, the hyper-parameters
    const Reader r(file);
    const Value root = json::parse(text, file);
    const Value& v = r.required(root, kSessionMember, "the file",
                                "a \"session\" member (this model file is not a saved session)");
    r.expect(v, Type::Object, "\"session\"", "an object");
    const Value& version = r.required(v, "version", "the session", "\"version\": 1");
    if (r.whole(version, "the session's \"version\"", 1, UINT64_MAX) != kSessionVersion)
        r.fail(version, "session version " + version.text +
                            " is newer than this Backprop Studio understands (version 1)");
    s.experiment = readExperiment(r, object(r, v, "experiment"));
    const Value& train = object(r, v, "train_data");
    s.train = readFingerprint(r, train);
    if (const Value* records = r.optional(v, kTrainRecordsMember)) {
        s.trainRecords =
            std::make_shared<const Dataset>(readTrainRecords(r, *records, s.model.network));
        if (!(fingerprintOf(*s.trainRecords) == s.train))
            r.fail(*records, "the training records are not those of \"train_data\" (its "
                             "records, inputs, outputs and hash): the file was changed");
    }
    s.time = static_cast<std::int64_t>(count(r, v, "time"));
    s.phasesIntoRecord = static_cast<int>(count(r, v, "phases_into_record", 100000));
    s.run = readRun(r, object(r, v, "run"), s.model.network);
    s.run.network = s.model.network;
    if (!s.model.hyper)
        r.fail(root, "the model part has no \"training\" settings; a saved session needs them");
    s.run.hyper = *s.model.hyper;
    s.experiment.hyper = *s.model.hyper;
    if (const Value* w = r.optional(v, "window")) {
        r.expect(*w, Type::Object, "\"window\"", "an object");
        s.window = *w;
    }
    return s;
}

SavedSession loadSession(const std::string& path) {
    return parseSession(readJsonFile(path, "session", kMaxSessionBytes), path);
}

} // namespace bp
