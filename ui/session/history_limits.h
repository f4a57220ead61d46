#pragma once
#include <cstddef>

namespace bp {

// How far back a session can step. The history keeps full copies of the run
// (checkpoints) every few records within these limits and replays the phases in
// between, which gives the same values bit for bit (training is deterministic).
struct HistoryLimits {
    long maxRecords = 1000;                        // the last this many records ...
    std::size_t maxBytes = std::size_t(256) << 20; // ... or what fits in this, whichever is less
    // Records between checkpoints; 0 = chosen to fit maxBytes and to keep copying
    // below ~0.5% of the training time.
    long checkpointInterval = 0;
};

} // namespace bp
