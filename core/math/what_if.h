#pragma once
// What-if: one number of the network or of the record changed by hand, and what it
// changes. The forward pass, the record's J and the mean J over the training set are
// computed with the engine's own functions (backprop.h forward and computeLoss,
// metrics.h evaluate) before and after the edit; nothing here is a second forward pass.
#include "math/backprop.h"
#include "math/dataset.h"
#include "math/network.h"

#include <string>

namespace bp {

// The number to edit: w_{i,j}(k) for layer k ≥ 1 (column j = 0 is the bias w_{i,0}(k)),
// or for layer 0 the record's input x_i(0) (column unused). Nodes are 1-based.
struct WhatIfTarget {
    int layer = 1;  // k; 0 for an input x_i(0)
    int node = 1;   // i
    int column = 0; // j (weights only)

    bool isInput() const { return layer == 0; }
    bool operator==(const WhatIfTarget& o) const {
        return layer == o.layer && node == o.node && (isInput() || column == o.column);
    }
    bool operator!=(const WhatIfTarget& o) const { return !(*this == o); }
};

// Whether `t` names a weight, bias or input of `net`.
template <typename T> bool targetFits(const NetworkT<T>& net, const WhatIfTarget& t);
// "w_{2,1}(1)", "x_1(0)": the seed's symbol (plain text, for messages and tests).
std::string targetSymbol(const WhatIfTarget& t);

// The value `t` has in `net` (a weight) or in `input` (an input x_i(0)).
template <typename T>
T targetValue(const NetworkT<T>& net, const VectorT<T>& input, const WhatIfTarget& t);
// Sets that number to `value` in `net` or `input`.
template <typename T>
void setTarget(NetworkT<T>& net, VectorT<T>& input, const WhatIfTarget& t, T value);
// `net` with the weight `t` set to `value` (t must be a weight, not an input).
template <typename T> NetworkT<T> withWeight(NetworkT<T> net, const WhatIfTarget& t, T value);

// One record through the network before and after the edit: z, x of every layer and
// the record's J (v.loss), as forward() and computeLoss() leave them.
template <typename T> struct RecordWhatIfT {
    WhatIfTarget target;
    T valueBefore = 0, valueAfter = 0;
    RecordValuesT<T> before, after;
};
using RecordWhatIf = RecordWhatIfT<Scalar>;

// The record (input x(0), target y) through `net` as it is and with `t` set to `value`.
template <typename T>
RecordWhatIfT<T> recordWhatIf(const NetworkT<T>& net, const VectorT<T>& input,
                              const VectorT<T>& target, const WhatIfTarget& t, T value);

// The mean J over every record of `train` (metrics.h evaluate: the same mean, record by
// record in the dataset's order), with the edit applied. An input edit changes the one
// record only, not the training set: its training-set loss is that of `net` as it is.
template <typename T>
double trainingLossWith(const NetworkT<T>& net, const Dataset& train, const WhatIfTarget& t,
                        T value);

} // namespace bp
