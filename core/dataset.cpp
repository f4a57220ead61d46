#include "dataset.h"

#include "error.h"
#include "random.h"

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
    out.inputs.resize(d.inputs.rows(), n);
    out.targets.resize(d.targets.rows(), n);
    const bool hasLabels = d.labels.size() == static_cast<std::size_t>(d.records());
    if (hasLabels)
        out.labels.reserve(rows.size());
    for (Eigen::Index c = 0; c < n; ++c) {
        const Eigen::Index r = rows[static_cast<std::size_t>(c)];
        if (r < 0 || r >= d.records())
            throw std::out_of_range("subset: record " + std::to_string(r) + " of " +
                                    std::to_string(d.records()));
        out.inputs.col(c) = d.inputs.col(r);
        out.targets.col(c) = d.targets.col(r);
        if (hasLabels)
            out.labels.push_back(d.labels[static_cast<std::size_t>(r)]);
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

Normalizer Normalizer::fit(Kind kind, const Matrix& inputs) {
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
    for (Eigen::Index i = 0; i < rows; ++i) {
        double offset = 0.0;
        double scale = 0.0;
        if (kind == Kind::MinMax) {
            // x' = (x − min) / (max − min): the training range becomes 0..1.
            offset = inputs.row(i).minCoeff();
            scale = inputs.row(i).maxCoeff() - offset;
        } else {
            // x' = (x − mean) / sd, the population sd (divide by n, not n − 1).
            offset = inputs.row(i).mean();
            const double sumSquares = (inputs.row(i).array() - offset).square().sum();
            scale = std::sqrt(sumSquares / static_cast<double>(count));
        }
        n.offset(i) = offset;
        n.scale(i) = (scale == 0.0 || !std::isfinite(scale)) ? 1.0 : scale;
    }
    return n;
}

void Normalizer::apply(Matrix& inputs) const {
    if (kind == Kind::None)
        return;
    if (inputs.rows() != offset.size())
        throw InputError("the normalizer was fitted on " + std::to_string(offset.size()) +
                         " inputs, the data has " + std::to_string(inputs.rows()));
    inputs.colwise() -= offset;
    inputs.array().colwise() /= scale.array();
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
