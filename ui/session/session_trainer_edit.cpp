// A weight set by hand (TrainingSession::setWeight): the What-if dock's edit kept in the
// run. It is an input on the timeline like a hyper-parameter change: logged at the
// record start where it took effect, so a step back to before it undoes it and a replay
// through it applies it again, bit for bit (timeline.h).
#include "session/session_trainer.h"

#include <cmath>

namespace bp {

template <typename T> void SessionTrainerT<T>::doSetWeight(const WhatIfTarget& t, double value) {
    stopGoal();
    if (t.isInput() || !targetFits(m_cursor.run->network(), t)) {
        refuse(QStringLiteral("The network has no weight %1 to set.")
                   .arg(QString::fromStdString(targetSymbol(t))));
        return;
    }
    if (!std::isfinite(value)) {
        refuse(QStringLiteral("A weight must be a finite number."));
        return;
    }
    // The derivation's record runs with one set of weights: a half-done record goes back to
    // its start (its forward pass then runs with the new weight).
    if (!m_cursor.run->atRecordStart()) {
        const qint64 start = m_history.previousRecordStart(m_cursor.time);
        if (start < 0 || !restoreTo(start, true)) {
            refuse(QStringLiteral("The start of the current record is not in the history; "
                                  "step to a record's start first."));
            return;
        }
    }
    TimelineEvent e;
    e.kind = TimelineEvent::Kind::Weight;
    e.layer = t.layer;
    e.row = t.node - 1;
    e.column = t.column;
    e.value = static_cast<double>(static_cast<T>(value)); // a float run keeps a float
    m_history.record(e, m_cursor);
    m_pauseReason = PauseReason::User;
    arrive();
}

template void SessionTrainerT<float>::doSetWeight(const WhatIfTarget&, double);
template void SessionTrainerT<double>::doSetWeight(const WhatIfTarget&, double);

} // namespace bp
