#include "core_side.h"

#include "math/metrics.h"
#include "math/training.h"

namespace bench {

namespace {

template <typename T> SideResult runCoreAs(const Workload& w, bool measureAccuracy) {
    bp::Schedule schedule;
    schedule.shuffle = false; // the file's order, the same as FANN's
    schedule.recordLimit = w.records;
    bp::TrainingRunT<T> run(bp::castNetwork<T>(initialNetwork(w)), w.train, w.hyper, schedule);
    bp::TrainOptions options;
    options.epochs = w.epochs;

    SideResult r;
    const Stopwatch clock;
    bp::train(run, options);
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

SideResult runCore(const Workload& w, Precision p, bool measureAccuracy) {
    return p == Precision::Float ? runCoreAs<float>(w, measureAccuracy)
                                 : runCoreAs<double>(w, measureAccuracy);
}

} // namespace bench
