#include "core_side.h"

#include "math/metrics.h"
#include "math/training.h"

#include <optional>
#include <stdexcept>

namespace bench {

namespace {

// Adds the sampled records to a health window and takes its figures when it closes.
template <typename T> struct HealthProbe {
    const bp::TrainingRunT<T>& run;
    bp::HealthSampler sampler;
    bp::HealthWindow window{run.network()};
    double sink = 0; // the figures are used, so that no compiler drops them

    void operator()(const bp::StepResult&) {
        const long t = run.recordsTrained();
        if (sampler.adds(t))
            window.add(run.values());
        if (sampler.closes(t)) {
            for (const bp::LayerHealth& h : window.figures(run.network(), 0.1))
                sink += h.updateRatio + h.saturatedFraction;
            window.clear();
        }
    }
};

template <typename T>
SideResult runCoreAs(const bp::PreparedExperiment& p, const Workload& w, bool measureAccuracy,
                     const bp::HealthSampler* sampler = nullptr) {
    bp::TrainingRunT<T> run(bp::castNetwork<T>(p.network), p.train, p.experiment.hyper, p.schedule);
    bp::TrainOptions options;
    options.epochs = w.epochs;
    bp::TrainCallbacks callbacks;
    std::optional<HealthProbe<T>> probe;
    if (sampler) {
        probe.emplace(HealthProbe<T>{run, *sampler});
        callbacks.onRecord = [&probe](const bp::StepResult& s) { (*probe)(s); };
    }

    SideResult r;
    const Stopwatch clock;
    bp::train(run, options, callbacks);
    r.wallSeconds = clock.wallSeconds();
    r.cpuSeconds = clock.cpuSeconds();
    r.steps = run.recordsTrained();

    if (measureAccuracy) {
        const bp::Metrics m = bp::evaluate(run.network(), *w.test);
        r.testAccuracy = m.accuracy;
        r.testLoss = m.loss;
    }
    return r;
}

} // namespace

bool corePrecisionAvailable(Precision) {
    return true;
}

bp::Experiment coreExperiment(const Workload& w, Precision p) {
    bp::Experiment e;
    e.data = w.source;
    e.data.trainShare = 1; // no split: the records in the file's order, no test set
    e.data.normalization = bp::Normalizer::Kind::None; // the IDX reader scales to [0, 1]
    e.data.shuffle = false;                            // the file's order, the same as FANN's
    e.data.recordLimit = static_cast<long>(w.records);
    e.architecture = w.arch; // its init fields unused: the network is the model's
    e.hyper = w.hyper;
    e.precision = p;
    e.model = startingModel(w); // the weights every side starts from
    e.loaded = w.train;         // read once, shared with the FANN and PyTorch sides
    e.keepAllRecords = false;   // no preview: the records are held once more, not twice
    return e;
}

CoreSide::CoreSide(const Workload& w, Precision p)
    : m_workload(w), m_prepared(bp::prepareExperiment(coreExperiment(w, p))) {
    if (!corePrecisionAvailable(p))
        throw std::runtime_error("the core cannot train in " + toString(p));
}

SideResult CoreSide::run(bool measureAccuracy) const {
    return m_prepared.experiment.precision == Precision::Float
               ? runCoreAs<float>(m_prepared, m_workload, measureAccuracy)
               : runCoreAs<double>(m_prepared, m_workload, measureAccuracy);
}

SideResult CoreSide::runWithHealth(const bp::HealthSampler& sampler) const {
    return m_prepared.experiment.precision == Precision::Float
               ? runCoreAs<float>(m_prepared, m_workload, false, &sampler)
               : runCoreAs<double>(m_prepared, m_workload, false, &sampler);
}

} // namespace bench
