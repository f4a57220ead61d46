#include "session/bucket_json.h"

#include "io/json_reader.h"

#include <limits>

namespace bp {

using namespace json_reading;

namespace {

// Spreads with no value hold ±infinity, which JSON cannot: n = 0 writes no min and max.
Value spreadValue(const Spread& s) {
    Value v = Value::makeObject();
    v.add("n", Value::makeInteger(static_cast<std::uint64_t>(std::max(0L, s.n))));
    v.add("sum", Value::makeNumber(s.sum));
    if (s.n > 0) {
        v.add("min", Value::makeNumber(s.min));
        v.add("max", Value::makeNumber(s.max));
    }
    return v;
}

Value epochValue(const EpochStats& s) {
    Value v = Value::makeObject();
    v.add("epoch", Value::makeInteger(static_cast<std::uint64_t>(std::max(0, s.epoch))));
    v.add("train_loss", Value::makeNumber(s.trainLoss));
    v.add("train_accuracy", Value::makeNumber(s.trainAccuracy));
    v.add("test_loss", Value::makeNumber(s.testLoss));
    v.add("test_accuracy", Value::makeNumber(s.testAccuracy));
    v.add("records", Value::makeInteger(static_cast<std::uint64_t>(std::max(0L, s.records))));
    return v;
}

constexpr std::uint64_t kMaxCount = std::uint64_t(1) << 53;

class BucketReader {
public:
    explicit BucketReader(const std::string& file) : r(file) {}

    const Value& field(const Value& o, const char* key) const {
        return r.required(o, key, "a chart bucket", std::string("\"") + key + "\"");
    }
    long count(const Value& o, const char* key) const {
        return static_cast<long>(
            r.whole(field(o, key), std::string("\"") + key + "\"", 0, kMaxCount));
    }
    double number(const Value& o, const char* key) const {
        return r.number(field(o, key), std::string("\"") + key + "\"");
    }
    Spread spread(const Value& o, const char* key) const {
        const Value& v = field(o, key);
        r.expect(v, Type::Object, std::string("\"") + key + "\"",
                 "an object {\"n\", \"sum\", ...}");
        Spread s;
        s.n = count(v, "n");
        s.sum = number(v, "sum");
        if (s.n > 0) {
            s.min = number(v, "min");
            s.max = number(v, "max");
        }
        return s;
    }
    EpochStats stats(const Value& o) const {
        const Value& v = field(o, "last");
        r.expect(v, Type::Object, "\"last\"", "an object");
        EpochStats s;
        s.epoch = static_cast<int>(
            r.whole(field(v, "epoch"), "\"epoch\"", 0, std::numeric_limits<int>::max()));
        s.trainLoss = number(v, "train_loss");
        s.trainAccuracy = number(v, "train_accuracy");
        s.testLoss = number(v, "test_loss");
        s.testAccuracy = number(v, "test_accuracy");
        s.records = count(v, "records");
        return s;
    }
    const Reader r;
};

} // namespace

json::Value bucketsToJson(const std::vector<LossBucket>& losses,
                          const std::vector<EpochBucket>& epochs) {
    Value root = Value::makeObject();
    Value& l = root.add("losses", Value::makeArray());
    for (const LossBucket& b : losses) {
        Value v = Value::makeObject();
        v.add("first", Value::makeInteger(static_cast<std::uint64_t>(std::max(0L, b.first))));
        v.add("count", Value::makeInteger(static_cast<std::uint64_t>(std::max(0L, b.count))));
        v.add("non_finite",
              Value::makeInteger(static_cast<std::uint64_t>(std::max(0L, b.nonFinite))));
        v.add("epoch", Value::makeInteger(static_cast<std::uint64_t>(std::max(0, b.epoch))));
        v.add("loss", spreadValue(b.loss));
        v.add("discounted", Value::makeNumber(b.discounted));
        l.items.push_back(std::move(v));
    }
    Value& e = root.add("epochs", Value::makeArray());
    for (const EpochBucket& b : epochs) {
        Value v = Value::makeObject();
        v.add("first", Value::makeInteger(static_cast<std::uint64_t>(std::max(0, b.firstEpoch))));
        v.add("last_epoch",
              Value::makeInteger(static_cast<std::uint64_t>(std::max(0, b.lastEpoch))));
        v.add("records", Value::makeInteger(static_cast<std::uint64_t>(std::max(0L, b.records))));
        v.add("train_loss", spreadValue(b.trainLoss));
        v.add("test_loss", spreadValue(b.testLoss));
        v.add("train_accuracy", spreadValue(b.trainAccuracy));
        v.add("test_accuracy", spreadValue(b.testAccuracy));
        v.add("last", epochValue(b.last));
        e.items.push_back(std::move(v));
    }
    return root;
}

void bucketsFromJson(const json::Value& v, const std::string& file, LossBuckets& losses,
                     EpochBuckets& epochs) {
    const BucketReader b(file);
    const Reader& r = b.r;
    losses.clear();
    epochs.clear();
    r.expect(v, Type::Object, "\"window\"", "an object {\"losses\", \"epochs\"}");
    const Value& l = r.array(b.field(v, "losses"), "\"losses\"", "an array of buckets");
    long next = 0;
    for (const Value& item : l.items) {
        r.expect(item, Type::Object, "a loss bucket", "an object");
        LossBucket x;
        x.first = b.count(item, "first");
        x.count = b.count(item, "count");
        x.nonFinite = b.count(item, "non_finite");
        x.epoch = static_cast<int>(
            r.whole(b.field(item, "epoch"), "\"epoch\"", 0, std::numeric_limits<int>::max()));
        x.loss = b.spread(item, "loss");
        x.discounted = b.number(item, "discounted");
        if (x.first < next || x.count < 1 || x.nonFinite > x.count ||
            x.loss.n + x.nonFinite != x.count)
            r.fail(item, "the loss bucket's records (from " + std::to_string(x.first) + ", " +
                             std::to_string(x.count) +
                             ") do not follow the one before or do "
                             "not add up");
        next = x.end();
        losses.add(x);
    }
    const Value& e = r.array(b.field(v, "epochs"), "\"epochs\"", "an array of buckets");
    int nextEpoch = 1;
    for (const Value& item : e.items) {
        r.expect(item, Type::Object, "an epoch bucket", "an object");
        EpochBucket x;
        x.firstEpoch = static_cast<int>(
            r.whole(b.field(item, "first"), "\"first\"", 1, std::numeric_limits<int>::max()));
        x.lastEpoch = static_cast<int>(r.whole(b.field(item, "last_epoch"), "\"last_epoch\"", 1,
                                               std::numeric_limits<int>::max()));
        x.records = b.count(item, "records");
        x.trainLoss = b.spread(item, "train_loss");
        x.testLoss = b.spread(item, "test_loss");
        x.trainAccuracy = b.spread(item, "train_accuracy");
        x.testAccuracy = b.spread(item, "test_accuracy");
        x.last = b.stats(item);
        if (x.firstEpoch < nextEpoch || x.lastEpoch < x.firstEpoch)
            r.fail(item, "the epoch bucket (epochs " + std::to_string(x.firstEpoch) + " to " +
                             std::to_string(x.lastEpoch) + ") does not follow the one before");
        nextEpoch = x.lastEpoch + 1;
        epochs.add(x);
    }
}

} // namespace bp
