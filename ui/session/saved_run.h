#pragma once
// What the session saves of its run for the autosave (docs/session.md, "Autosave"):
// the run at the start of the current record, in full, and how many phases of the
// record had run. The window writes it with the experiment (core/io/session_file.h);
// restore() takes it back after a setup with the same experiment, with the charts'
// history if the window kept it.
#include "math/precision.h"
#include "math/training.h"
#include "session/loss_buckets.h"

#include <memory>
#include <QMetaType>
#include <QtGlobal>

namespace bp {

struct SavedRun {
    TrainingStateT<double> state; // a float run's widened (exactly)
    Precision precision = Precision::Double;
    qint64 time = 0;          // the session's time at that record start
    int phasesIntoRecord = 0; // replayed by restore()
    // restore(): the charts' loss and epoch history before the saved record, sent on as
    // loss points and epochs ahead of the run's own (empty when none was saved).
    LossBuckets losses{4096};
    EpochBuckets epochs{4096};
};

} // namespace bp

Q_DECLARE_METATYPE(std::shared_ptr<const bp::SavedRun>)
