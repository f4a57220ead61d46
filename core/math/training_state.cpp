// Saving a run at the start of a record and taking it back (training.h).
#include "math/error.h"
#include "math/training.h"

#include <algorithm>
#include <string>
#include <vector>

namespace bp {

template <typename T> TrainingStateT<T> TrainingRunT<T>::state() const {
    if (m_phaseIndex != 0)
        throw InputError("a run can be saved only at the start of a record");
    TrainingStateT<T> s;
    s.network = m_net;
    s.hyper = m_hyper;
    s.schedule = m_schedule;
    s.random = m_rng.state();
    s.order = m_order;
    s.epoch = m_epoch;
    s.position = m_position;
    s.recordsTrained = m_recordsTrained;
    s.epochLoss = m_epochLoss;
    s.epochCorrect = m_epochCorrect;
    s.epochSeen = m_epochSeen;
    s.lastEpoch = m_lastEpoch;
    s.optimizer = m_optimizer.state();
    return s;
}

namespace {

std::string decimal(long long n) {
    return std::to_string(n);
}

// The layer sizes and activations of `given` against the run's.
template <typename T> void checkSameShape(const NetworkT<T>& given, const NetworkT<T>& net) {
    bool same = given.inputSize == net.inputSize && given.layers.size() == net.layers.size() &&
                given.loss == net.loss;
    for (std::size_t k = 0; same && k < net.layers.size(); ++k)
        same = given.layers[k].w.rows() == net.layers[k].w.rows() &&
               given.layers[k].w.cols() == net.layers[k].w.cols() &&
               given.layers[k].activation == net.layers[k].activation;
    if (!same)
        throw InputError("the saved network's layers, activations or loss are not this run's");
}

// `order` must hold every record index once.
void checkPermutation(const std::vector<Eigen::Index>& order, Eigen::Index records) {
    if (static_cast<Eigen::Index>(order.size()) != records)
        throw InputError("the saved record order has " +
                         decimal(static_cast<long long>(order.size())) + " entries; the data has " +
                         decimal(records) + " records");
    std::vector<bool> seen(order.size(), false);
    for (const Eigen::Index r : order) {
        if (r < 0 || r >= records || seen[static_cast<std::size_t>(r)])
            throw InputError("the saved record order is not a permutation of the " +
                             decimal(records) + " records (record " + decimal(r) + ")");
        seen[static_cast<std::size_t>(r)] = true;
    }
}

} // namespace

template <typename T> void TrainingRunT<T>::restore(const TrainingStateT<T>& s) {
    checkSameShape(s.network, m_net);
    checkPermutation(s.order, m_data->records());
    if (s.hyper.batchSize < 1)
        throw InputError("the saved batch size must be at least 1");
    if (s.epoch < 0 || s.recordsTrained < 0 || s.epochSeen < 0 || s.epochCorrect < 0 ||
        s.epochCorrect > s.epochSeen)
        throw InputError("the saved counts of epochs and records are negative or inconsistent");
    const Eigen::Index n = m_data->records();
    const Eigen::Index perEpoch =
        s.schedule.recordLimit > 0 ? std::min(s.schedule.recordLimit, n) : n;
    if (s.position < 0 || s.position >= perEpoch)
        throw InputError("the saved record " + decimal(s.position) + " is outside the epoch (0.." +
                         decimal(perEpoch - 1) + ")");
    OptimizerT<T> optimizer; // checked before anything of this run changes
    optimizer.reset(s.network);
    optimizer.restore(s.optimizer);
    const Random rng = Random::fromState(s.random);
    m_optimizer = std::move(optimizer);
    m_schedule = s.schedule;
    m_net = s.network;
    m_hyper = s.hyper;
    m_rng = rng;
    m_order = s.order;
    m_epoch = s.epoch;
    m_recordsTrained = s.recordsTrained;
    m_epochLoss = s.epochLoss;
    m_epochCorrect = s.epochCorrect;
    m_epochSeen = s.epochSeen;
    m_lastEpoch = s.lastEpoch;
    m_aheadCount = 0; // nothing computed ahead belongs to the restored weights
    m_valuesRecord = -1;
    seek(s.position);
}

template TrainingStateT<float> TrainingRunT<float>::state() const;
template TrainingStateT<double> TrainingRunT<double>::state() const;
template void TrainingRunT<float>::restore(const TrainingStateT<float>&);
template void TrainingRunT<double>::restore(const TrainingStateT<double>&);

} // namespace bp
