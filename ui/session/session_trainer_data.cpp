// New training data for the run as it stands (TrainingSession::replaceTrainingData): the
// Decision boundary's painted points. The weights, the optimizer's velocity, the
// hyper-parameters, the epoch and the records trained go on; the current epoch's order
// starts again over the new records.
#include "session/session_trainer.h"

#include "math/error.h"
#include "math/random.h"

#include <numeric>

namespace bp {

template <typename T>
void SessionTrainerT<T>::doReplaceData(const std::shared_ptr<const Dataset>& data) {
    stopGoal();
    if (!data || data->records() == 0) {
        refuse(QStringLiteral("The new training data has no records."));
        return;
    }
    // A half-done record is abandoned: back to its start (the weights change only in an
    // update, its last phase), so the run can be taken whole.
    if (!m_cursor.run->atRecordStart()) {
        const qint64 start = m_history.previousRecordStart(m_cursor.time);
        if (start < 0 || !restoreTo(start, true))
            return refuse(QStringLiteral("The start of the current record is not in the "
                                         "history; step to a record's start first."));
    }
    TrainingStateT<T> s = m_cursor.run->state();
    // The current epoch again, over the new records: its order drawn afresh (shuffled
    // with the run's generator, as an epoch's start does), from its first record, with
    // its running loss and accuracy from zero.
    s.order.resize(static_cast<std::size_t>(data->records()));
    std::iota(s.order.begin(), s.order.end(), Eigen::Index(0));
    if (s.schedule.shuffle) {
        Random rng = Random::fromState(s.random);
        rng.shuffle(s.order);
        s.random = rng.state();
    }
    s.position = 0;
    s.epochLoss = 0;
    s.epochCorrect = 0;
    s.epochSeen = 0;
    // An open mini-batch's gradients came from the old order: dropped (the velocity stays).
    s.optimizer.count = 0;
    for (MatrixT<T>& m : s.optimizer.keptDz)
        m.resize(m.rows(), 0);
    for (MatrixT<T>& m : s.optimizer.keptX)
        m.resize(m.rows(), 0);
    s.optimizer.partial.clear();
    try {
        Run run(s.network, data, s.hyper, s.schedule); // InputError if the shape does not fit
        run.restore(s);
        m_cursor.run.reset();
        m_cursor.run.emplace(std::move(run));
    } catch (const InputError& e) {
        refuse(QString::fromStdString(e.what()));
        return;
    }
    // reset() starts from the setup's network on these data from now on.
    auto setup = std::make_shared<SessionSetup>(*m_setup);
    setup->train = data;
    m_setup = std::move(setup);
    // The history starts here (its checkpoints hold the old data); the time and the
    // charts' points go on, so nothing is rewound.
    m_cursor.nextEvent = 0;
    m_scratch = TimelineCursor<T>();
    m_capture.clear();
    m_healthWatch.clear();
    m_healthSampler.clear();
    m_history.clear(m_setup->history, m_cursor);
    m_lastEpoch = m_cursor.run->lastEpoch();
    m_pauseReason = PauseReason::User;
    m_pauseDetail.clear();
    m_pauseSite = PauseSite();
    arrive(); // a setHyper waiting for a record start takes effect now
}

template void SessionTrainerT<float>::doReplaceData(const std::shared_ptr<const Dataset>&);
template void SessionTrainerT<double>::doReplaceData(const std::shared_ptr<const Dataset>&);

} // namespace bp
