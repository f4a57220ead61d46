#include "boundary/painted_points.h"

#include <numeric>

namespace bp {

std::string whyNotPaintable(const Dataset* d) {
    if (!d || d->records() == 0)
        return "Load a dataset with two inputs to paint points.";
    if (d->inputSize() != 2)
        return "Points are painted on the plane of two inputs; " + d->name + " has " +
               std::to_string(d->inputSize()) + ".";
    if (!d->isClassification())
        return "Painting needs classes: a click gives a point its class, and " + d->name +
               " has numeric targets (regression).";
    if (d->inputs.storage() == Storage::Bytes)
        return "These inputs are stored as image bytes and cannot take a painted value.";
    return {};
}

Vector loadedUnits(const Vector& planePoint, const Normalizer& normalizer) {
    if (normalizer.kind == Normalizer::Kind::None)
        return planePoint;
    // x = x'·scale + offset: the inverse of x' = (x − offset) / scale.
    return (planePoint.array() * normalizer.scale.array() + normalizer.offset.array()).matrix();
}

Dataset withRecord(const Dataset& d, const Vector& x, int cls) {
    Dataset out = d;
    const Eigen::Index n = d.records();
    FeatureMatrix inputs(d.inputs.storage(), d.inputSize(), n + 1);
    for (Eigen::Index r = 0; r < n; ++r)
        for (Eigen::Index i = 0; i < d.inputSize(); ++i)
            inputs.set(i, r, d.inputs(i, r));
    for (Eigen::Index i = 0; i < d.inputSize(); ++i)
        inputs.set(i, n, x(i));
    out.inputs = std::move(inputs);
    out.targets.conservativeResize(d.outputSize(), n + 1);
    out.targets.col(n).setZero();
    if (d.outputSize() == 1)
        out.targets(0, n) = cls; // two classes in one 0/1 row
    else
        out.targets(cls, n) = 1; // one-hot
    out.labels.push_back(cls);
    if (!out.sourceRows.empty())
        out.sourceRows.push_back(-1);
    return out;
}

Dataset withoutRecord(const Dataset& d, Eigen::Index r) {
    std::vector<Eigen::Index> rows;
    for (Eigen::Index i = 0; i < d.records(); ++i)
        if (i != r)
            rows.push_back(i);
    return subset(d, rows);
}

Dataset inLoadedUnits(const Dataset& d, const Normalizer& normalizer) {
    if (normalizer.kind == Normalizer::Kind::None)
        return d;
    Dataset out = d;
    FeatureMatrix inputs(Storage::Double, d.inputSize(), d.records());
    for (Eigen::Index r = 0; r < d.records(); ++r)
        for (Eigen::Index i = 0; i < d.inputSize(); ++i)
            inputs.set(i, r, d.inputs(i, r) * normalizer.scale(i) + normalizer.offset(i));
    out.inputs = std::move(inputs);
    return out;
}

} // namespace bp
