#pragma once
// Small random data for the tests: inputs uniform in [−1, 1), and targets uniform in
// [0, 1) or (classes) one-hot with the class names "0", "1", …
#include "math/dataset.h"
#include "math/random.h"

#include <memory>

namespace bp::testing {

inline std::shared_ptr<Dataset> randomData(Eigen::Index in, Eigen::Index out, Eigen::Index n,
                                           std::uint64_t seed, bool classes = false) {
    auto d = std::make_shared<Dataset>();
    d->name = "random";
    Random rng(seed);
    d->inputs = FeatureMatrix(Storage::Double, in, n);
    d->targets = Matrix::Zero(out, n);
    for (Eigen::Index r = 0; r < n; ++r) {
        for (Eigen::Index i = 0; i < in; ++i)
            d->inputs.set(i, r, rng.uniform(-1, 1));
        if (classes) {
            const int c = static_cast<int>(rng.below(static_cast<std::uint64_t>(out)));
            d->targets(c, r) = 1;
            d->labels.push_back(c);
        } else {
            for (Eigen::Index i = 0; i < out; ++i)
                d->targets(i, r) = rng.uniform(0, 1);
        }
    }
    if (classes)
        for (Eigen::Index c = 0; c < out; ++c)
            d->classNames.push_back(std::to_string(c));
    return d;
}

} // namespace bp::testing
