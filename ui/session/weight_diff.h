#pragma once
// The difference between the weights of two networks of the same shape, e.g. two
// snapshots or two points of the session's history.
#include "math/network.h"

#include <memory>
#include <QMetaType>
#include <vector>

namespace bp {

struct WeightDiff {
    qint64 fromTime = -1; // history times (phases since setup); −1 if not from the history
    qint64 toTime = -1;
    std::vector<Matrix> delta; // delta[k−1] = w(k) of `to` − w(k) of `from`
    long changed = 0;          // weights whose value differs (bit for bit)
    long total = 0;            // all weights
    double largest = 0;        // max |Δw|
    int largestLayer = 0;      // k of the largest change (0: nothing changed)
    int largestNode = 0;       // i, 1-based
    int largestColumn = -1;    // j, 0 = bias
    double norm = 0;           // ‖Δw‖ over all layers (Frobenius)
};

// Δw = to − from, layer by layer. Throws InputError if the shapes differ.
WeightDiff diffWeights(const Network& from, const Network& to);

} // namespace bp

Q_DECLARE_METATYPE(std::shared_ptr<const bp::WeightDiff>)
