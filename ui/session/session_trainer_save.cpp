// The trainer's save and restore (the window's autosave, docs/session.md): the run
// at the start of the current record handed out whole, and a run put back where it was.
#include "session/session_trainer.h"

#include "io/session_file.h"

#include <type_traits>

namespace bp {

template <typename T> void SessionTrainerT<T>::doSave() {
    // At the start of the current record: where it stands, or (mid-record) a copy of
    // it from the history, with the phases since then to run again on restore.
    auto saved = std::make_shared<SavedRun>();
    saved->precision = precision();
    const Run* run = &*m_cursor.run;
    saved->time = m_cursor.time;
    if (!run->atRecordStart()) {
        const qint64 start = m_history.previousRecordStart(m_cursor.time);
        if (start < 0 || !m_history.restore(m_scratch, start, -1, nullptr, &m_ctx.abort).ok) {
            refuse(QStringLiteral("Cannot save the session: the history no longer holds the "
                                  "start of this record."));
            return;
        }
        run = &*m_scratch.run;
        saved->time = start;
        saved->phasesIntoRecord = static_cast<int>(m_cursor.time - start);
    }
    if constexpr (std::is_same_v<T, float>)
        saved->state = widenState(run->state());
    else
        saved->state = run->state();
    flushLocal();
    SessionMessage m;
    m.kind = SessionMessage::Kind::Saved;
    m.saved = std::move(saved);
    m_ctx.outbox->add(std::move(m));
}

template <typename T> void SessionTrainerT<T>::doRestore(const SavedRun& saved) {
    stopGoal();
    if (saved.precision != precision()) {
        refuse(QStringLiteral("The saved run is in %1; this session computes in %2.")
                   .arg(QString::fromStdString(toString(saved.precision)),
                        QString::fromStdString(toString(precision()))));
        return;
    }
    if constexpr (std::is_same_v<T, float>)
        m_cursor.run->restore(narrowState(saved.state));
    else
        m_cursor.run->restore(saved.state); // InputError (refused) leaves the run as it was
    // The charts' history first, in order, then the rewind to the restored record.
    flushLocal();
    if (!saved.losses.empty()) {
        SessionMessage m;
        m.kind = SessionMessage::Kind::LossPoints;
        m.points = saved.losses;
        m_ctx.outbox->add(std::move(m));
    }
    if (!saved.epochs.empty()) {
        SessionMessage m;
        m.kind = SessionMessage::Kind::Epoch;
        m.epochs = saved.epochs;
        m_ctx.outbox->add(std::move(m));
    }
    startTimeline();
    // The phases already run of the record in progress, replayed without publishing:
    // only the snapshot after them answers this command (a fork or a lesson waiting for
    // it must not see the record half replayed, as it did under TSan).
    {
        struct EndReplay { // also when a phase throws (refused): publishing resumes
            bool& replaying;
            ~EndReplay() { replaying = false; }
        } end{m_replaying};
        m_replaying = true;
        for (int i = 0; i < saved.phasesIntoRecord && !aborted(); ++i) {
            startGoal(Goal::Phase, 0);
            while (shortGoal() && !aborted())
                advance();
        }
    }
    m_pauseReason = PauseReason::None;
    publish();
}

// This file's members for both precisions (the class itself is instantiated in
// session_trainer.cpp).
#define BP_INSTANTIATE(T)                                                                          \
    template void SessionTrainerT<T>::doSave();                                                    \
    template void SessionTrainerT<T>::doRestore(const SavedRun&);
BP_INSTANTIATE(float)
BP_INSTANTIATE(double)
#undef BP_INSTANTIATE

} // namespace bp
