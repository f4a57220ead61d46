#pragma once
// The health breakpoints (Breakpoints::health): a HealthWindow fed the last N of every
// S records trained (HealthSampler), its figures checked at the end of the window's
// last record. The rule itself, healthHit, is apart so that it can be tested on figures.
#include "math/layer_health.h"
#include "math/training.h"
#include "session/breakpoint_rules.h"

#include <vector>

namespace bp {

// The first layer (lowest k, or only b.layer) out of bounds, with the first instrument
// that is: dead fraction, update ratio, gradient norm. `first`..`last` are the window's
// records (counted as recordsTrained counts them), for the text:
// "layer 1: dead fraction 0.91 > 0.5 (over records 91–100, epoch 1)".
BreakpointHit healthHit(const HealthBreakpoints& b, const std::vector<LayerHealth>& figures,
                        long first, long last, int epoch);

class HealthWatch {
public:
    // After a record of `run` (its values still those of the record): the record into the
    // window if the sampler takes it, and at the window's end its figures checked.
    template <typename T>
    BreakpointHit afterRecord(const HealthBreakpoints& b, const TrainingRunT<T>& run,
                              int epochOfRecord);
    void clear() { m_last = -1; } // the next record starts a new window

private:
    HealthWindow m_window;
    long m_last = -1; // recordsTrained of the last record seen
};

} // namespace bp
