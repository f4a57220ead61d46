#include "session/weight_diff.h"

#include "math/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

namespace bp {

namespace {
// How far apart: |Δ|, with a non-finite Δ (NaN − x, Inf − Inf) counted as the farthest.
double distance(double delta) {
    return std::isfinite(delta) ? std::abs(delta) : std::numeric_limits<double>::infinity();
}

// Whether w changed, bit for bit: a NaN at both ends did not.
bool differs(double a, double b) {
    return a != b && !(std::isnan(a) && std::isnan(b));
}

// The kLargestKept weights of `d` with the largest distance, in order.
std::vector<WeightChange> largestChanges(const WeightDiff& d) {
    struct Candidate {
        double distance;
        int k;
        Eigen::Index i, j;
    };
    std::vector<Candidate> all;
    for (std::size_t l = 0; l < d.delta.size(); ++l) {
        const Matrix& delta = d.delta[l];
        for (Eigen::Index i = 0; i < delta.rows(); ++i)
            for (Eigen::Index j = 0; j < delta.cols(); ++j)
                if (differs(d.from[l](i, j), d.to[l](i, j)))
                    all.push_back({distance(delta(i, j)), static_cast<int>(l) + 1, i, j});
    }
    const auto farther = [](const Candidate& a, const Candidate& b) {
        if (a.distance != b.distance)
            return a.distance > b.distance;
        return std::tie(a.k, a.i, a.j) < std::tie(b.k, b.i, b.j);
    };
    const std::size_t kept = std::min<std::size_t>(all.size(), WeightDiff::kLargestKept);
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(kept), all.end(),
                      farther);
    std::vector<WeightChange> out;
    for (std::size_t n = 0; n < kept; ++n) {
        const Candidate& c = all[n];
        const std::size_t l = static_cast<std::size_t>(c.k - 1);
        out.push_back({c.k, static_cast<int>(c.i) + 1, static_cast<int>(c.j), d.from[l](c.i, c.j),
                       d.to[l](c.i, c.j), d.delta[l](c.i, c.j)});
    }
    return out;
}
} // namespace

WeightDiff diffWeights(const Network& from, const Network& to) {
    if (from.layers.size() != to.layers.size())
        throw InputError("cannot diff networks of " + std::to_string(from.depth()) + " and " +
                         std::to_string(to.depth()) + " layers");
    WeightDiff d;
    double squares = 0;
    for (int k = 1; k <= to.depth(); ++k) {
        const Matrix& a = from.layer(k).w;
        const Matrix& b = to.layer(k).w;
        if (a.rows() != b.rows() || a.cols() != b.cols())
            throw InputError("layer " + std::to_string(k) + " has a different shape");
        d.delta.push_back(b - a); // Δw(k) = w(k) after − w(k) before
        d.from.push_back(a);
        d.to.push_back(b);
        const Matrix& delta = d.delta.back();
        d.total += static_cast<long>(delta.size());
        squares += delta.squaredNorm();
        long changed = 0;
        double largest = 0;
        for (Eigen::Index i = 0; i < delta.rows(); ++i) {
            for (Eigen::Index j = 0; j < delta.cols(); ++j) {
                if (differs(a(i, j), b(i, j)))
                    ++changed;
                const double size = std::abs(delta(i, j));
                largest = std::max(largest, size); // (a NaN is not larger)
                if (size > d.largest) {
                    d.largest = size;
                    d.largestLayer = k;
                    d.largestNode = static_cast<int>(i) + 1;
                    d.largestColumn = static_cast<int>(j);
                }
            }
        }
        d.changed += changed;
        d.changedIn.push_back(changed);
        d.largestIn.push_back(largest);
    }
    d.norm = std::sqrt(squares);
    d.largestChanges = largestChanges(d);
    return d;
}

} // namespace bp
