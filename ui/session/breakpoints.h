#pragma once
// Pause conditions of a training session. Every one is optional; the defaults
// pause only on NaN or Inf.
#include <optional>

namespace bp {

struct Breakpoints {
    // NaN or Inf in any value (w, z, x, δ, ∂J/∂z, ∂J/∂w, J): pause right after the
    // phase that produced it and say where (layer, node, record, phase).
    bool nonFinite = true;
    // A record's J above this: pause right after its loss phase.
    std::optional<double> lossAbove;
    // The epoch's mean training loss rose this many epochs in a row: pause at the epoch's end.
    std::optional<int> lossRisingEpochs;
    // ‖∂J/∂w‖ of one record (all layers, Frobenius) above this: pause after backward 1.
    std::optional<double> gradientNormAbove;
    // The record with this dataset index is next: pause before its first phase.
    std::optional<long> record;
    // A record classified wrong (classification data only): pause after its loss phase.
    bool misclassified = false;

    // Some breakpoint looks between a record's phases (after its loss or its backward
    // pass): records cannot run whole.
    bool watchesPhases() const { return lossAbove || misclassified || gradientNormAbove; }
    // The record breakpoint holds before record `index` (a dataset index) starts.
    bool breaksBefore(long index) const { return record && *record == index; }
};

} // namespace bp
