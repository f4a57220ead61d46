#include "session/weight_diff.h"

#include "math/error.h"

#include <cmath>
#include <string>

namespace bp {

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
        const Matrix& delta = d.delta.back();
        d.total += static_cast<long>(delta.size());
        squares += delta.squaredNorm();
        for (Eigen::Index i = 0; i < delta.rows(); ++i) {
            for (Eigen::Index j = 0; j < delta.cols(); ++j) {
                if (a(i, j) != b(i, j) && !(std::isnan(a(i, j)) && std::isnan(b(i, j))))
                    ++d.changed;
                const double size = std::abs(delta(i, j));
                if (size > d.largest) {
                    d.largest = size;
                    d.largestLayer = k;
                    d.largestNode = static_cast<int>(i) + 1;
                    d.largestColumn = static_cast<int>(j);
                }
            }
        }
    }
    d.norm = std::sqrt(squares);
    return d;
}

} // namespace bp
