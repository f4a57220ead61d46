// The session file's "train_records" (session_records.h): a dataset as its rows of
// inputs and targets, its class of each record, its names and where each record came from.
#include "io/session_records.h"

#include <cmath>
#include <functional>
#include <limits>

namespace bp {

using namespace json_reading;

namespace {

constexpr double kMaxSourceRow = 9007199254740992.0; // 2^53: every whole double below it

Value rowsOf(const Dataset& d, bool inputs) {
    Value rows = Value::makeArray();
    const Eigen::Index n = inputs ? d.inputSize() : d.outputSize();
    for (Eigen::Index r = 0; r < d.records(); ++r) {
        Value row = Value::makeArray();
        for (Eigen::Index i = 0; i < n; ++i)
            row.items.push_back(Value::makeNumber(inputs ? d.inputs(i, r) : d.targets(i, r)));
        rows.items.push_back(std::move(row));
    }
    return rows;
}

const Value& member(const Reader& r, const Value& parent, const char* key, Type type,
                    const std::string& expected) {
    const Value& v = r.required(parent, key, "\"train_records\"", expected);
    r.expect(v, type, std::string("\"") + key + "\"", expected);
    return v;
}

// An array of strings: `count` of them, or none when `mayBeEmpty`.
std::vector<std::string> names(const Reader& r, const Value& parent, const char* key,
                               std::size_t count, bool mayBeEmpty, const std::string& why) {
    const Value& a = member(r, parent, key, Type::Array, "an array of names");
    if (mayBeEmpty && a.items.empty())
        return {};
    return r.names(a, std::string("\"") + key + "\"", count, why);
}

// Rows of `width` finite numbers, one row per record; a float store takes only floats.
void readRows(const Reader& r, const Value& rows, const char* what, Eigen::Index width,
              const std::string& why, bool floatsOnly,
              const std::function<void(Eigen::Index, Eigen::Index, double)>& put) {
    for (std::size_t k = 0; k < rows.items.size(); ++k) {
        const Value& row = rows.items[k];
        const std::string name = std::string(what) + " of record " + str(k);
        const Vector values = r.vector(row, name, width, why);
        for (Eigen::Index i = 0; i < width; ++i) {
            const double x = values[i];
            if (floatsOnly && static_cast<double>(static_cast<float>(x)) != x)
                r.fail(row.items[static_cast<std::size_t>(i)],
                       name + " entry " + str(i + 1) + " is " +
                           row.items[static_cast<std::size_t>(i)].text +
                           "; expected a float value (the inputs are stored as float)");
            put(i, static_cast<Eigen::Index>(k), x);
        }
    }
}

} // namespace

json::Value trainRecordsValue(const Dataset& d) {
    if (d.inputs.storage() == Storage::Bytes)
        throw InputError("the training records are image bytes, which a session does not keep");
    Value v = Value::makeObject();
    v.add("name", Value::makeString(d.name));
    v.add("storage", Value::makeString(toString(d.inputs.storage())));
    v.add("input_names", Value::makeStringArray(d.inputNames));
    v.add("target_names", Value::makeStringArray(d.targetNames));
    v.add("class_names", Value::makeStringArray(d.classNames));
    v.add("source_row_kind",
          Value::makeString(d.sourceRowKind == Dataset::SourceRow::Item ? "item" : "line"));
    v.add("inputs", rowsOf(d, true));
    v.add("targets", rowsOf(d, false));
    Value labels = Value::makeArray();
    for (const int c : d.labels)
        labels.items.push_back(Value::makeInteger(static_cast<std::uint64_t>(c)));
    v.add("labels", std::move(labels));
    Value rows = Value::makeArray();
    for (const long line : d.sourceRows) // −1: a painted record, from no file
        rows.items.push_back(Value::makeNumber(static_cast<double>(line)));
    v.add("source_rows", std::move(rows));
    return v;
}

Dataset readTrainRecords(const Reader& r, const Value& v, const Network& net) {
    r.expect(v, Type::Object, "\"train_records\"", "an object");
    Dataset d;
    d.name = r.string(member(r, v, "name", Type::String, "a string"), "\"name\"", "a string");
    const Value& storage = member(r, v, "storage", Type::String, "\"double\" or \"float\"");
    if (storage.text != "double" && storage.text != "float")
        r.fail(storage, "\"storage\" is " + shown(storage) + "; expected \"double\" or \"float\"");
    const bool floats = storage.text == "float";

    const Eigen::Index inputs = net.inputSize;
    const Eigen::Index outputs = net.outputSize();
    const Value& xs = member(r, v, "inputs", Type::Array, "an array of rows, one per record");
    const Value& ys = member(r, v, "targets", Type::Array, "an array of rows, one per record");
    const std::size_t n = xs.items.size();
    if (n == 0)
        r.fail(xs, "\"inputs\" has no records; expected at least one (training needs one)");
    if (ys.items.size() != n)
        r.fail(ys, "\"targets\" has " + counted(ys.items.size(), "row") + "; expected " + str(n) +
                       ", one per record of \"inputs\"");
    const auto records = static_cast<Eigen::Index>(n);

    d.inputs = FeatureMatrix(floats ? Storage::Float : Storage::Double, inputs, records);
    readRows(r, xs, "the inputs", inputs, "one per input node of the network", floats,
             [&d](Eigen::Index i, Eigen::Index k, double x) { d.inputs.set(i, k, x); });
    d.targets.resize(outputs, records);
    readRows(r, ys, "the targets", outputs, "one per output node of the network", false,
             [&d](Eigen::Index i, Eigen::Index k, double y) { d.targets(i, k) = y; });

    d.inputNames = names(r, v, "input_names", static_cast<std::size_t>(inputs), true,
                         "one per input, or none");
    d.targetNames = names(r, v, "target_names", static_cast<std::size_t>(outputs), true,
                          "one per target, or none");
    const Value& classes = member(r, v, "class_names", Type::Array, "an array of names");
    d.classNames = r.names(classes, "\"class_names\"", classes.items.size(), "strings");
    if (d.classNames.size() == 1)
        r.fail(classes, "\"class_names\" has 1 name; expected none (regression) or at least 2");

    const Value& labels = member(r, v, "labels", Type::Array, "an array of class indices");
    const std::size_t wanted = d.classNames.empty() ? 0 : n;
    if (labels.items.size() != wanted)
        r.fail(labels, "\"labels\" has " + str(labels.items.size()) +
                           (labels.items.size() == 1 ? " class index" : " class indices") +
                           "; expected " +
                           (d.classNames.empty() ? std::string("none (there are no classes)")
                                                 : str(n) + ", one per record"));
    for (std::size_t k = 0; k < labels.items.size(); ++k)
        d.labels.push_back(static_cast<int>(
            r.whole(labels.items[k], "the class of record " + str(k), 0, d.classNames.size() - 1)));

    const Value& kind = member(r, v, "source_row_kind", Type::String, "\"line\" or \"item\"");
    if (kind.text != "line" && kind.text != "item")
        r.fail(kind, "\"source_row_kind\" is " + shown(kind) + "; expected \"line\" or \"item\"");
    d.sourceRowKind = kind.text == "item" ? Dataset::SourceRow::Item : Dataset::SourceRow::Line;
    const Value& rows = member(r, v, "source_rows", Type::Array, "an array of whole numbers");
    if (!rows.items.empty() && rows.items.size() != n)
        r.fail(rows, "\"source_rows\" has " + counted(rows.items.size(), "number") + "; expected " +
                         str(n) + ", one per record, or none");
    for (std::size_t k = 0; k < rows.items.size(); ++k) {
        const std::string what = "the source row of record " + str(k);
        const double line = r.number(rows.items[k], what);
        if (line != std::floor(line) || line < -1 || line > kMaxSourceRow)
            r.fail(rows.items[k], what + " is " + rows.items[k].text +
                                      "; expected a whole number from -1 (painted) to 2^53");
        d.sourceRows.push_back(static_cast<long>(line));
    }
    return d;
}

} // namespace bp
