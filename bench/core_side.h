#pragma once
// The core's side of backprop-bench: everything that touches the engine's training
// API is behind this class, so a float path or a faster training loop is wired in
// here alone. The core side is set up like backprop-cli and the window: one
// bp::Experiment per workload, prepared by bp::prepareExperiment.
#include "bench_workloads.h"

#include "io/experiment.h"
#include "math/layer_health.h"

namespace bench {

// Whether CoreSide can train at this precision (both are available).
bool corePrecisionAvailable(Precision p);

// The workload as the engine's description of an experiment: its data source with
// the records already loaded (w.train, shared with the other sides), no split and no
// normalisation, no shuffle (the file's order, as on the FANN side), the first
// w.records records per epoch, w.arch and w.hyper at precision p, and startingModel(w)
// as the network to start from.
bp::Experiment coreExperiment(const Workload& w, Precision p);

// The core's side of one workload: the experiment prepared once, before the rounds
// and outside every timed span.
class CoreSide {
public:
    // Throws std::runtime_error for a precision that is not available, and
    // bp::InputError if the data does not fit the network.
    CoreSide(const Workload& w, Precision p);

    // Trains a fresh copy of the prepared network (initialNetwork(w)'s weights) with
    // the engine's public API (TrainingRun and bp::train) for w.epochs epochs and
    // times the training loop. With `measureAccuracy`, evaluates on w.test afterwards
    // (not timed).
    SideResult run(bool measureAccuracy) const;
    // The same run computing the per-layer health (core/math/layer_health.h) as the
    // sampler says: the last `window` of every `interval` records, the figures at its end.
    SideResult runWithHealth(const bp::HealthSampler& sampler) const;

private:
    const Workload& m_workload;
    bp::PreparedExperiment m_prepared;
};

} // namespace bench
