#pragma once
#include "math/feature_matrix.h"
#include "math/types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bp {

// Records as columns: column r of `inputs` is x(0) of record r (without the
// leading 1 for the bias), column r of `targets` is its desired output y. The
// inputs are stored as bytes, float or double (feature_matrix.h); the targets, a
// few values per record, in double.
struct Dataset {
    std::string name;                     // file name or built-in name, for messages and titles
    FeatureMatrix inputs;                 // inputSize × records
    Matrix targets;                       // outputSize × records
    std::vector<std::string> inputNames;  // one per input (may be empty)
    std::vector<std::string> targetNames; // one per output (may be empty)
    // Classification when non-empty. Targets are then one-hot (one row per class),
    // or a single 0/1 row for two classes.
    std::vector<std::string> classNames;
    std::vector<int> labels; // class index of each record (classification only)
    // Where each record came from in its file, as its users name it: the 1-based line
    // it starts on (CSV, FANN .data) or the 0-based item (IDX, as its tools index
    // images). Empty for generated data. A subset and a
    // split keep each record's own, so "line 95" is the file's line 95 whatever the order.
    std::vector<long> sourceRows;
    enum class SourceRow { Line, Item };
    SourceRow sourceRowKind = SourceRow::Line;

    Eigen::Index records() const { return inputs.cols(); }
    Eigen::Index inputSize() const { return inputs.rows(); }
    Eigen::Index outputSize() const { return targets.rows(); }
    bool isClassification() const { return !classNames.empty(); }
};

// The records at `rows`, in that order, with the inputs in the same storage.
Dataset subset(const Dataset& d, const std::vector<Eigen::Index>& rows);

// Shuffles the record order with a Random seeded by `seed` and cuts it: the first
// round(trainShare · n) records train, the rest test. trainShare in (0, 1].
std::pair<Dataset, Dataset> split(const Dataset& d, double trainShare, std::uint64_t seed);

// x' = (x − offset) / scale per input, fitted on training data only.
struct Normalizer {
    enum class Kind { None, MinMax, ZScore };
    Kind kind = Kind::None;
    Vector offset; // per input; empty for None
    Vector scale;  // per input; never 0 (a constant input gets scale 1)

    static Normalizer fit(Kind kind, const FeatureMatrix& inputs);
    // x' computed in double, stored in double or float by the size rule
    // (storageForValues: bytes cannot hold normalised values). None: unchanged.
    FeatureMatrix applied(const FeatureMatrix& inputs) const;
    void apply(FeatureMatrix& inputs) const; // in place; no-op for None
    Vector applied(const Vector& x) const;
};
std::string toString(Normalizer::Kind k); // "none", "minmax", "zscore"
std::optional<Normalizer::Kind> normalizerKindFromString(const std::string& s);

} // namespace bp
