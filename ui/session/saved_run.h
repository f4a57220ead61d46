#pragma once
// What the session saves of its run for the autosave (docs/session.md, "Autosave"):
// the run at the start of the current record, in full, and how many phases of the
// record had run. The window writes it with the experiment (core/io/session_file.h);
// restore() takes it back after a setup with the same experiment.
#include "math/precision.h"
#include "math/training.h"

#include <memory>
#include <QMetaType>
#include <QtGlobal>

namespace bp {

struct SavedRun {
    TrainingStateT<double> state; // a float run's widened (exactly)
    Precision precision = Precision::Double;
    qint64 time = 0;          // the session's time at that record start
    int phasesIntoRecord = 0; // replayed by restore()
};

} // namespace bp

Q_DECLARE_METATYPE(std::shared_ptr<const bp::SavedRun>)
