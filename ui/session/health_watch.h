#pragma once
// A HealthWindow fed the last N of every S records trained (HealthSampler), its figures
// taken at the end of the window's last record: for the health breakpoints
// (Breakpoints::health, checked by healthHit, apart so that it can be tested on figures)
// and for the health samples the views show (TrainingSession::setHealthSampling). The
// trainer shares one watch between the two when their samplers are the same.
#include "math/layer_health.h"
#include "math/training.h"
#include "session/breakpoint_rules.h"
#include "session/health_sample.h"

#include <vector>

namespace bp {

// The first layer (lowest k, or only b.layer) out of bounds, with the first instrument
// that is: dead fraction, update ratio, gradient norm. `first`..`last` are the window's
// records (counted as recordsTrained counts them), for the text:
// "layer 1: dead fraction 0.91 > 0.5 (over records 91–100, epoch 1)".
BreakpointHit healthHit(const HealthBreakpoints& b, const std::vector<LayerHealth>& figures,
                        long first, long last, int epoch);

// The sampler the health breakpoints use (interval and window at least 1).
HealthSampler samplerOf(const HealthBreakpoints& b);
bool sameSampler(const HealthSampler& a, const HealthSampler& b); // the same records, windows

class HealthWatch {
public:
    // After a record of `run` (its values still those of the record, at history time
    // `time`): the record into the window if `sampler` takes it; at the window's end,
    // true with its figures in `sample`.
    template <typename T>
    bool afterRecord(const HealthSampler& sampler, const TrainingRunT<T>& run, int epochOfRecord,
                     qint64 time, HealthSample& sample);
    void clear() { // the next record starts a new window
        m_last = -1;
        m_skipping = false;
    }
    // Record t (trained) is left out, and the window with it: call it for every record of
    // a window from its first on, which then closes with no figures.
    void skip(long t) {
        m_last = t;
        m_skipping = true;
    }

private:
    HealthWindow m_window;
    long m_last = -1;        // recordsTrained of the last record seen
    bool m_skipping = false; // the window in progress is left out
};

} // namespace bp
