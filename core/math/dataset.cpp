#include "math/dataset.h"

#include "math/error.h"
#include "math/random.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace bp {

Dataset subset(const Dataset& d, const std::vector<Eigen::Index>& rows) {
    Dataset out;
    out.name = d.name;
    out.inputNames = d.inputNames;
    out.targetNames = d.targetNames;
    out.classNames = d.classNames;
    const Eigen::Index n = static_cast<Eigen::Index>(rows.size());
    out.inputs = d.inputs.columns(rows); // checks every index
    out.targets.resize(d.targets.rows(), n);
    out.sourceRowKind = d.sourceRowKind;
    const bool hasLabels = d.labels.size() == static_cast<std::size_t>(d.records());
    const bool hasSourceRows = d.sourceRows.size() == static_cast<std::size_t>(d.records());
    if (hasLabels)
        out.labels.reserve(rows.size());
    for (Eigen::Index c = 0; c < n; ++c) {
        const Eigen::Index r = rows[static_cast<std::size_t>(c)];
        out.targets.col(c) = d.targets.col(r);
        if (hasLabels)
            out.labels.push_back(d.labels[static_cast<std::size_t>(r)]);
        if (hasSourceRows)
            out.sourceRows.push_back(d.sourceRows[static_cast<std::size_t>(r)]);
    }
    return out;
}

std::pair<Dataset, Dataset> split(const Dataset& d, double trainShare, std::uint64_t seed) {
    if (!(trainShare > 0.0 && trainShare <= 1.0))
        throw InputError("the training share must be in (0, 1], got " + std::to_string(trainShare));
    std::vector<Eigen::Index> order(static_cast<std::size_t>(d.records()));
    std::iota(order.begin(), order.end(), Eigen::Index(0));
    Random random(seed);
    random.shuffle(order);
    const auto trainCount =
        static_cast<std::size_t>(std::llround(trainShare * static_cast<double>(order.size())));
    const std::vector<Eigen::Index> train(order.begin(),
                                          order.begin() + static_cast<std::ptrdiff_t>(trainCount));
    const std::vector<Eigen::Index> test(order.begin() + static_cast<std::ptrdiff_t>(trainCount),
                                         order.end());
    return {subset(d, train), subset(d, test)};
}

Normalizer Normalizer::fit(Kind kind, const FeatureMatrix& inputs) {
    Normalizer n;
    n.kind = kind;
    if (kind == Kind::None)
        return n;
    const Eigen::Index rows = inputs.rows();
    const Eigen::Index count = inputs.cols();
    n.offset = Vector::Zero(rows);
    n.scale = Vector::Ones(rows);
    if (count == 0)
        return n;
    // Record by record (the storage is column-major), each input's sums in record
    // order: the same numbers as a row-wise reduction over a double matrix.
    Vector x;
    inputs.copyColumn(0, x);
    Vector lo = x;
    Vector hi = x;
    Vector sum = x;
    for (Eigen::Index r = 1; r < count; ++r) {
        inputs.copyColumn(r, x);
        lo = lo.cwiseMin(x);
        hi = hi.cwiseMax(x);
        sum += x;
    }
    if (kind == Kind::MinMax) {
        // x' = (x − min) / (max − min): the training range becomes 0..1.
        n.offset = lo;
        n.scale = hi - lo;
    } else {
        // x' = (x − mean) / sd, the population sd (divide by n, not n − 1).
        n.offset = sum / static_cast<double>(count);
        inputs.copyColumn(0, x);
        Vector sumSquares = (x - n.offset).array().square().matrix();
        for (Eigen::Index r = 1; r < count; ++r) {
            inputs.copyColumn(r, x);
            sumSquares.array() += (x - n.offset).array().square();
        }
        n.scale = (sumSquares / static_cast<double>(count)).cwiseSqrt();
    }
    for (Eigen::Index i = 0; i < rows; ++i) {
        const double scale = n.scale(i);
        n.scale(i) = (scale == 0.0 || !std::isfinite(scale)) ? 1.0 : scale;
    }
    return n;
}

FeatureMatrix Normalizer::applied(const FeatureMatrix& inputs) const {
    if (kind == Kind::None)
        return inputs;
    if (inputs.rows() != offset.size())
        throw InputError("the normalizer was fitted on " + std::to_string(offset.size()) +
                         " inputs, the data has " + std::to_string(inputs.rows()));
    FeatureMatrix out(storageForValues(inputs.size()), inputs.rows(), inputs.cols());
    Vector x;
    for (Eigen::Index r = 0; r < inputs.cols(); ++r) {
        inputs.copyColumn(r, x);
        for (Eigen::Index i = 0; i < x.size(); ++i)
            out.set(i, r, (x(i) - offset(i)) / scale(i)); // x' = (x − offset) / scale
    }
    return out;
}

void Normalizer::apply(FeatureMatrix& inputs) const {
    if (kind != Kind::None)
        inputs = applied(inputs);
}

Vector Normalizer::applied(const Vector& x) const {
    if (kind == Kind::None)
        return x;
    if (x.size() != offset.size())
        throw InputError("the normalizer was fitted on " + std::to_string(offset.size()) +
                         " inputs, the record has " + std::to_string(x.size()));
    return ((x - offset).array() / scale.array()).matrix();
}

std::string toString(Normalizer::Kind k) {
    switch (k) {
    case Normalizer::Kind::None:
        return "none";
    case Normalizer::Kind::MinMax:
        return "minmax";
    case Normalizer::Kind::ZScore:
        return "zscore";
    }
    return "none";
}

std::optional<Normalizer::Kind> normalizerKindFromString(const std::string& s) {
    std::string key;
    for (const char c : s)
        if (c != '-' && c != '_' && c != ' ')
            key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key == "none")
        return Normalizer::Kind::None;
    if (key == "minmax")
        return Normalizer::Kind::MinMax;
    if (key == "zscore")
        return Normalizer::Kind::ZScore;
    return std::nullopt;
}

} // namespace bp
