#include "math/loss_slice.h"

#include "math/metrics.h"

#include <algorithm>
#include <cmath>

namespace bp {

std::vector<double> sliceValues(double center, double radius, int n) {
    n = std::max(n, 2);
    std::vector<double> v(static_cast<std::size_t>(n));
    for (int p = 0; p < n; ++p) {
        // t in [−1, 1]; t = 0 exactly at the middle of an odd n.
        const double t = static_cast<double>(2 * p - (n - 1)) / static_cast<double>(n - 1);
        v[static_cast<std::size_t>(p)] = center + radius * t;
    }
    return v;
}

double defaultSliceRadius(double w) {
    return std::max(1.0, 2.0 * std::abs(w));
}

template <typename T>
LossSlice lossSlice(const NetworkT<T>& net, const Dataset& train, const WhatIfTarget& weight,
                    const std::vector<double>& values, const SliceControl& control) {
    LossSlice s;
    s.weight = weight;
    NetworkT<T> edited = net;
    T& w = edited.layer(weight.layer).w(weight.node - 1, weight.column);
    for (std::size_t p = 0; p < values.size(); ++p) {
        if (control.cancelled()) {
            s.cancelled = true;
            break;
        }
        w = static_cast<T>(values[p]);
        s.values.push_back(static_cast<double>(w));
        s.loss.push_back(evaluate(edited, train).loss); // J = (1/N) Σ_r J_r
        if (control.progress)
            control.progress(static_cast<double>(p + 1) / static_cast<double>(values.size()));
    }
    return s;
}

template <typename T>
LossGrid lossGrid(const NetworkT<T>& net, const Dataset& train, const WhatIfTarget& weight,
                  const std::vector<double>& values, const WhatIfTarget& weight2,
                  const std::vector<double>& values2, const SliceControl& control) {
    LossGrid g;
    g.weight = weight;
    g.weight2 = weight2;
    NetworkT<T> edited = net;
    T& w = edited.layer(weight.layer).w(weight.node - 1, weight.column);
    T& w2 = edited.layer(weight2.layer).w(weight2.node - 1, weight2.column);
    for (double v : values)
        g.values.push_back(static_cast<double>(static_cast<T>(v)));
    for (double v : values2)
        g.values2.push_back(static_cast<double>(static_cast<T>(v)));
    const double total = static_cast<double>(values.size() * values2.size());
    g.loss.reserve(values.size() * values2.size());
    for (std::size_t p = 0; p < values.size(); ++p)
        for (std::size_t q = 0; q < values2.size(); ++q) {
            if (control.cancelled()) {
                g.cancelled = true;
                return g;
            }
            w = static_cast<T>(values[p]);
            w2 = static_cast<T>(values2[q]);
            g.loss.push_back(evaluate(edited, train).loss);
            if (control.progress)
                control.progress(static_cast<double>(g.loss.size()) / total);
        }
    return g;
}

template LossSlice lossSlice<float>(const NetworkT<float>&, const Dataset&, const WhatIfTarget&,
                                    const std::vector<double>&, const SliceControl&);
template LossSlice lossSlice<double>(const NetworkT<double>&, const Dataset&, const WhatIfTarget&,
                                     const std::vector<double>&, const SliceControl&);
template LossGrid lossGrid<float>(const NetworkT<float>&, const Dataset&, const WhatIfTarget&,
                                  const std::vector<double>&, const WhatIfTarget&,
                                  const std::vector<double>&, const SliceControl&);
template LossGrid lossGrid<double>(const NetworkT<double>&, const Dataset&, const WhatIfTarget&,
                                   const std::vector<double>&, const WhatIfTarget&,
                                   const std::vector<double>&, const SliceControl&);

} // namespace bp
