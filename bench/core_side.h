#pragma once
// The core's side of backprop-bench: everything that touches the engine's training
// API is behind these two functions, so a float path or a faster training loop is
// wired in here alone.
#include "bench_workloads.h"

namespace bench {

// Whether runCore() can train at this precision (both are available).
bool corePrecisionAvailable(Precision p);

// Trains a fresh initialNetwork(w) with the engine's public API (TrainingRun and
// bp::train, no shuffle so that the order is the file's, as on the FANN side) and
// times the training loop. With `measureAccuracy`, evaluates on w.test afterwards
// (not timed). Throws std::runtime_error for a precision that is not available.
SideResult runCore(const Workload& w, Precision p, bool measureAccuracy);

} // namespace bench
