#pragma once
// The difference between the weights of two networks of the same shape, e.g. two
// points of the session's history, or a run and its fork.
#include "math/network.h"

#include <memory>
#include <QMetaType>
#include <vector>

namespace bp {

// One weight w_{i,j}(k) that differs: its value at both ends and Δ = to − from.
struct WeightChange {
    int layer = 0;   // k
    int node = 0;    // i, 1-based
    int column = 0;  // j, 0 = bias
    double from = 0; // w_{i,j}(k) of `from`
    double to = 0;   // w_{i,j}(k) of `to`
    double delta = 0;
};

struct WeightDiff {
    static constexpr int kLargestKept = 20; // entries of `largestChanges`

    qint64 fromTime = -1; // history times (phases since setup); −1 if not from the history
    qint64 toTime = -1;
    std::vector<Matrix> delta; // delta[k−1] = w(k) of `to` − w(k) of `from`
    std::vector<Matrix> from;  // from[k−1] = w(k) of `from` (and to[k−1] of `to`)
    std::vector<Matrix> to;
    long changed = 0;              // weights whose value differs (bit for bit)
    long total = 0;                // all weights
    double largest = 0;            // max |Δw|
    int largestLayer = 0;          // k of the largest change (0: nothing changed)
    int largestNode = 0;           // i, 1-based
    int largestColumn = -1;        // j, 0 = bias
    double norm = 0;               // ‖Δw‖ over all layers (Frobenius)
    std::vector<long> changedIn;   // changedIn[k−1]: the weights of layer k that differ
    std::vector<double> largestIn; // largestIn[k−1]: layer k's max |Δw|
    // The weights that differ most, |Δ| descending (a NaN or ±Inf Δ first: it is where
    // the two differ most), at most kLargestKept; ties in the order k, i, j.
    std::vector<WeightChange> largestChanges;
};

// Δw = to − from, layer by layer. Throws InputError if the shapes differ.
WeightDiff diffWeights(const Network& from, const Network& to);

} // namespace bp

Q_DECLARE_METATYPE(std::shared_ptr<const bp::WeightDiff>)
