#pragma once
// Pause conditions of a training session. Every one is optional; the defaults
// pause only on NaN or Inf.
#include <optional>

namespace bp {

// Breakpoints on the per-layer health instruments (docs/instruments.md), computed over
// a window of records: the last `window` of every `interval` records trained
// (HealthSampler), checked at the end of the window's last record. Off (no threshold
// set), nothing is sampled: the run costs one test of a local per record.
struct HealthBreakpoints {
    int layer = 0;                       // k = 1..L, or 0: any layer
    std::optional<double> deadAbove;     // a ReLU layer's dead fraction above this
    std::optional<double> ratioBelow;    // the update ratio below lo …
    std::optional<double> ratioAbove;    // … or above hi
    std::optional<double> gradientAbove; // the layer's ‖mean ∂J/∂w(k)‖ above this
    std::optional<double> gradientBelow; // … or below this
    long interval = 100;                 // S
    long window = 10;                    // N (at most S)

    bool any() const {
        return deadAbove || ratioBelow || ratioAbove || gradientAbove || gradientBelow;
    }
};

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
    // The health instruments of a layer out of bounds: pause after the window's last record.
    HealthBreakpoints health;

    // Some breakpoint looks between a record's phases (after its loss or its backward
    // pass): records cannot run whole.
    bool watchesPhases() const { return lossAbove || misclassified || gradientNormAbove; }
    // The record breakpoint holds before record `index` (a dataset index) starts.
    bool breaksBefore(long index) const { return record && *record == index; }
};

} // namespace bp
