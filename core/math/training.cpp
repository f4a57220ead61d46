#include "math/training.h"

#include "math/error.h"
#include "math/kernels.h"

#include <chrono>
#include <numeric>

namespace bp {

std::string toString(Phase p) {
    switch (p.kind) {
    case Phase::Kind::Forward:
        return "forward " + std::to_string(p.layer);
    case Phase::Kind::Loss:
        return "loss";
    case Phase::Kind::Backward:
        return "backward " + std::to_string(p.layer);
    case Phase::Kind::Update:
        return "update";
    }
    return "?";
}

template <typename T>
TrainingRunT<T>::TrainingRunT(NetworkT<T> net, std::shared_ptr<const Dataset> data, Hyper hyper,
                              Schedule schedule)
    : m_net(std::move(net)), m_data(std::move(data)), m_hyper(hyper), m_schedule(schedule),
      m_rng(schedule.seed) {
    if (!m_data || m_data->records() == 0)
        throw InputError("the training data has no records");
    if (m_data->inputSize() != m_net.inputSize)
        throw InputError(m_data->name, "the data has " + std::to_string(m_data->inputSize()) +
                                           " inputs but the network expects " +
                                           std::to_string(m_net.inputSize));
    if (m_data->outputSize() != m_net.outputSize())
        throw InputError(m_data->name, "the data has " + std::to_string(m_data->outputSize()) +
                                           " targets but the network has " +
                                           std::to_string(m_net.outputSize()) + " outputs");
    if (m_hyper.batchSize < 1)
        throw InputError("the batch size must be at least 1");
    m_optimizer.reset(m_net);
    prepare(m_net, m_values);
    m_aheadInputs = MatrixT<T>::Zero(m_net.inputSize, kAhead);
    m_aheadZ = MatrixT<T>::Zero(m_net.layer(1).size(), kAhead);
    m_gradientMissing.assign(m_net.layers.size(), false);
    beginEpoch();
}

template <typename T> Eigen::Index TrainingRunT<T>::recordsPerEpoch() const {
    const Eigen::Index n = m_data->records();
    return m_schedule.recordLimit > 0 ? std::min(m_schedule.recordLimit, n) : n;
}

template <typename T> Eigen::Index TrainingRunT<T>::recordIndex() const {
    return m_order[static_cast<std::size_t>(m_position)];
}

template <typename T> void TrainingRunT<T>::beginEpoch() {
    m_order.resize(static_cast<std::size_t>(m_data->records()));
    std::iota(m_order.begin(), m_order.end(), Eigen::Index(0));
    if (m_schedule.shuffle)
        m_rng.shuffle(m_order);
    m_position = 0;
    m_phaseIndex = 0;
    m_aheadCount = 0; // a new order: nothing computed ahead belongs to it
    m_epochLoss = 0;
    m_epochCorrect = 0;
    m_epochSeen = 0;
}

template <typename T> void TrainingRunT<T>::setKeepWeightGradients(bool keep) {
    if (keep && !m_keepGradients)
        materializeWeightGradients();
    m_keepGradients = keep;
}

template <typename T> void TrainingRunT<T>::materializeWeightGradients() {
    for (int k = 1; k <= m_net.depth(); ++k)
        if (m_gradientMissing[static_cast<std::size_t>(k - 1)]) {
            weightGradient(k, m_values);
            m_gradientMissing[static_cast<std::size_t>(k - 1)] = false;
        }
}

template <typename T>
void TrainingRunT<T>::readInput(Eigen::Index r, Eigen::Ref<VectorT<T>> x) const {
    m_data->inputs.copyColumn(r, x.data()); // x(0) of record r
}

template <typename T> void TrainingRunT<T>::loadRecord(bool inputRead) {
    // x(0) changes now: a ∂J/∂w not written out for the last record can no longer be.
    std::fill(m_gradientMissing.begin(), m_gradientMissing.end(), false);
    const Eigen::Index r = recordIndex();
    m_valuesRecord = r;
    if (!inputRead)
        readInput(r, m_values.input);
    m_values.target = m_data->targets.col(r).template cast<T>();
}

template <typename T> void TrainingRunT<T>::seek(Eigen::Index position) {
    if (position < 0 || position >= recordsPerEpoch())
        throw InputError("record " + std::to_string(position) + " is outside this epoch (0.." +
                         std::to_string(recordsPerEpoch() - 1) + ")");
    m_optimizer.keep(m_values); // a record left in m_values for an open batch joins it first
    m_position = position;
    m_phaseIndex = 0;
    loadRecord(); // x(0) and y of the record jumped to, for whoever shows it
    m_recordLoaded = true;
}

template <typename T>
void TrainingRunT<T>::setWeight(int k, Eigen::Index row, Eigen::Index column, T value) {
    if (!atRecordStart())
        throw InputError("a weight can be set only at the start of a record");
    if (k < 1 || k > m_net.depth() || row < 0 || row >= m_net.layer(k).w.rows() || column < 0 ||
        column >= m_net.layer(k).w.cols())
        throw InputError("the network has no weight w_{" + std::to_string(row + 1) + "," +
                         std::to_string(column) + "}(" + std::to_string(k) + ")");
    m_net.layer(k).w(row, column) = value;
    m_aheadCount = 0; // z(1) computed ahead used the old weight
}

template <typename T> bool TrainingRunT<T>::closesBatch(int adding) const {
    return m_optimizer.pending() + adding >= m_hyper.batchSize ||
           m_position + 1 == recordsPerEpoch();
}

template <typename T> int TrainingRunT<T>::phasesPerRecord() const {
    return 2 * m_net.depth() + 1;
}

template <typename T> Phase TrainingRunT<T>::nextPhase() const {
    const int L = m_net.depth();
    if (m_phaseIndex < L)
        return {Phase::Kind::Forward, m_phaseIndex + 1};
    if (m_phaseIndex == L)
        return {Phase::Kind::Loss, 0};
    if (m_phaseIndex <= 2 * L)
        return {Phase::Kind::Backward, 2 * L - m_phaseIndex + 1};
    return {Phase::Kind::Update, 0};
}

template <typename T> void TrainingRunT<T>::runForward(int k) {
    m_recordLoaded = false;
    if (k == 1)
        m_optimizer.keep(m_values); // a record left in m_values for an update that did not run
    const Eigen::Index ahead = m_position - m_aheadFrom;
    if (k == 1 && ahead >= 0 && ahead < m_aheadCount) {
        // z(1) of this record was computed with these weights after the last update.
        m_values.input = m_aheadInputs.col(ahead);
        loadRecord(true);
        m_values.layer(1).z = m_aheadZ.col(ahead);
        activate(m_net.layer(1).activation, m_values.layer(1).z, m_values.layer(1).x);
        return;
    }
    if (k == 1)
        loadRecord();
    forwardLayer(m_net, k, m_values);
}

template <typename T> void TrainingRunT<T>::runLoss() {
    computeLoss(m_net, m_values);
    m_epochLoss += static_cast<double>(m_values.loss);
    ++m_epochSeen;
    if (m_data->isClassification())
        m_epochCorrect += classOf(m_values.output()) == classOf(m_values.target);
}

template <typename T> void TrainingRunT<T>::runBackward(int k) {
    backwardLayer(m_net, k, m_values, m_keepGradients);
    if (!m_keepGradients)
        m_gradientMissing[static_cast<std::size_t>(k - 1)] = true;
    if (k == 1 && closesBatch(1))
        m_optimizer.accumulateLast(); // joins the batch from m_values, read at the update
    else if (k == 1)
        m_optimizer.accumulate(m_values); // this record's ∂J/∂z and x join the batch
}

template <typename T> void TrainingRunT<T>::runUpdate() {
    m_aheadCount = 0; // the weights change: z(1) computed ahead no longer holds
    const Eigen::Index next = m_position + 1;
    if (!m_lookahead || next == recordsPerEpoch()) { // (the next epoch's order is not drawn yet)
        m_optimizer.update(m_net, m_hyper, m_values); // w ← w − a·∂J/∂w, after all gradients
        return;
    }
    // Forward layer 1 ahead, for the records up to the next update: x(0) of each into
    // m_aheadInputs, z(1) = w(1)·[1; x(0)] with the new weights into m_aheadZ.
    const Eigen::Index n = std::min<Eigen::Index>(
        {static_cast<Eigen::Index>(m_hyper.batchSize), kAhead, recordsPerEpoch() - next});
    for (Eigen::Index i = 0; i < n; ++i)
        readInput(m_order[static_cast<std::size_t>(next + i)], m_aheadInputs.col(i));
    if (n == 1) {
        // Online: w ← w − a·∂J/∂w and the next record's z(1) in the same sweep over w(1).
        m_optimizer.updateAndForward(m_net, m_hyper, m_values, m_aheadInputs.data(),
                                     m_aheadZ.data());
    } else {
        // w ← w − a·∂J/∂w, then the next batch's z(1) all at once, each weight loaded
        // once for several records.
        m_optimizer.update(m_net, m_hyper, m_values);
        const MatrixT<T>& w = m_net.layer(1).w;
        kernels::affineBatch(w.data(), w.rows(), w.cols(), m_aheadInputs.data(),
                             m_aheadInputs.rows(), m_aheadZ.data(), n);
    }
    m_aheadFrom = next;
    m_aheadCount = n;
}

template <typename T> void TrainingRunT<T>::finishRecord(StepResult& result) {
    result.recordDone = true;
    ++m_recordsTrained;
    m_phaseIndex = 0;
    if (++m_position == recordsPerEpoch()) {
        result.epochDone = true;
        m_lastEpoch = runningStats();
        ++m_epoch;
        m_lastEpoch.epoch = m_epoch;
        beginEpoch();
    }
}

template <typename T> StepResult TrainingRunT<T>::stepPhase() {
    StepResult result;
    result.phase = nextPhase();
    switch (result.phase.kind) {
    case Phase::Kind::Forward:
        runForward(result.phase.layer);
        break;
    case Phase::Kind::Loss:
        runLoss();
        break;
    case Phase::Kind::Backward:
        runBackward(result.phase.layer);
        break;
    case Phase::Kind::Update:
        runUpdate();
        result.updated = true;
        break;
    }
    ++m_phaseIndex;
    const bool lastBackward = m_phaseIndex == phasesPerRecord();
    if ((lastBackward && !closesBatch()) || m_phaseIndex > phasesPerRecord())
        finishRecord(result); // move the cursor to the next record
    return result;
}

template <typename T> StepResult TrainingRunT<T>::stepRecord() {
    const int L = m_net.depth();
    StepResult result;
    if (m_phaseIndex > 0) { // mid-record: phase by phase to its end
        do
            result = stepPhase();
        while (!result.recordDone);
        return result;
    }
    // The phases stepPhase would run, in its order, without asking each time which is next.
    for (int k = 1; k <= L; ++k)
        runForward(k);
    runLoss();
    for (int k = L; k >= 1; --k)
        runBackward(k);
    m_phaseIndex = phasesPerRecord();
    result.phase = {Phase::Kind::Backward, 1};
    if (closesBatch()) {
        runUpdate();
        result.phase = {Phase::Kind::Update, 0};
        result.updated = true;
    }
    finishRecord(result);
    return result;
}

template <typename T> StepResult TrainingRunT<T>::stepBatch() {
    StepResult r;
    do
        r = stepPhase();
    while (!r.updated);
    return r;
}

template <typename T> StepResult TrainingRunT<T>::stepEpoch() {
    StepResult r;
    do
        r = stepPhase();
    while (!r.epochDone);
    return r;
}

template <typename T> EpochStats TrainingRunT<T>::runningStats() const {
    EpochStats s;
    s.epoch = m_epoch + 1;
    s.records = m_epochSeen;
    s.trainLoss = m_epochSeen > 0 ? m_epochLoss / static_cast<double>(m_epochSeen) : 0;
    if (m_data->isClassification() && m_epochSeen > 0)
        s.trainAccuracy = static_cast<double>(m_epochCorrect) / static_cast<double>(m_epochSeen);
    return s;
}

namespace {
// Nobody watches the values while train() runs: skip writing ∂J/∂w out, fuse each
// update with the next record's first forward layer, and put the settings back
// (writing out the last record's matrices) however train() ends.
template <typename T> class FastPath {
public:
    explicit FastPath(TrainingRunT<T>& run)
        : m_run(run), m_keep(run.keepsWeightGradients()), m_lookahead(run.looksAhead()) {
        m_run.setKeepWeightGradients(false);
        m_run.setLookahead(true);
    }
    ~FastPath() {
        m_run.setKeepWeightGradients(m_keep);
        m_run.setLookahead(m_lookahead);
    }

private:
    TrainingRunT<T>& m_run;
    bool m_keep;
    bool m_lookahead;
};
} // namespace

template <typename T>
std::vector<EpochStats> train(TrainingRunT<T>& run, const TrainOptions& options,
                              const TrainCallbacks& callbacks, const std::atomic<bool>* stop) {
    using Clock = std::chrono::steady_clock;
    const FastPath<T> fast(run);
    std::vector<EpochStats> history;
    for (int e = 0; e < options.epochs; ++e) {
        const Clock::time_point start = Clock::now();
        StepResult r;
        do {
            if (stop && stop->load(std::memory_order_relaxed))
                return history;
            r = run.stepRecord();
            if (callbacks.onRecord)
                callbacks.onRecord(r);
            if (callbacks.onProgress && callbacks.progressInterval > 0 &&
                run.recordsTrained() % callbacks.progressInterval == 0)
                callbacks.onProgress(run.recordsTrained());
        } while (!r.epochDone);
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        EpochStats s = run.lastEpoch();
        s.recordsPerSecond = seconds > 0 ? static_cast<double>(s.records) / seconds : 0;
        if (options.test && options.test->records() > 0) {
            const Metrics m = evaluate(run.network(), *options.test);
            s.testLoss = m.loss;
            s.testAccuracy = m.accuracy;
        }
        history.push_back(s);
        if (callbacks.onEpoch)
            callbacks.onEpoch(s);
        if (options.targetLoss >= 0 && s.trainLoss <= options.targetLoss)
            break;
    }
    return history;
}

template class TrainingRunT<float>;
template class TrainingRunT<double>;
template std::vector<EpochStats> train<float>(TrainingRunT<float>&, const TrainOptions&,
                                              const TrainCallbacks&, const std::atomic<bool>*);
template std::vector<EpochStats> train<double>(TrainingRunT<double>&, const TrainOptions&,
                                               const TrainCallbacks&, const std::atomic<bool>*);

} // namespace bp
