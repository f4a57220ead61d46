#pragma once
// A command from the GUI to the worker: copied into the queue, applied by the worker.
#include "math/layer_health.h"
#include "math/precision.h"
#include "math/training.h"
#include "math/what_if.h"
#include "session/breakpoints.h"
#include "session/history_limits.h"
#include "session/saved_run.h"

#include <memory>
#include <optional>
#include <QtGlobal>

namespace bp {

// What setup() hands over: the network as given (reset() starts from it again), the
// precision to train it in (float rounds its weights at setup and at reset) and how
// far back the history reaches.
struct SessionSetup {
    Network network;
    Precision precision = Precision::Double;
    std::shared_ptr<const Dataset> train;
    std::shared_ptr<const Dataset> test; // may be null
    Hyper hyper;
    Schedule schedule;
    HistoryLimits history;
};

struct SessionCommand {
    enum class Kind {
        Setup,
        StepPhase,
        StepRecord,
        StepBatch,
        StepEpoch,
        Run,
        Pause,
        Reset,
        JumpToRecord,
        StepBackPhase,
        StepBackRecord,
        SetHyper,
        SetSpeed,
        SetBreakpoints,
        SetHealthSampling,
        Diff,
        Save,
        Restore,
        ReplaceData,
        WeightPath,
        SetWeight,
    };
    Kind kind = Kind::Pause;
    quint64 ticket = 0;
    std::shared_ptr<const SessionSetup> setup;   // Setup
    Hyper hyper;                                 // SetHyper
    double speed = 0;                            // SetSpeed
    Breakpoints breakpoints;                     // SetBreakpoints
    std::optional<HealthSampler> healthSampling; // SetHealthSampling: off if empty
    qint64 from = 0, to = 0;                     // Diff
    long position = 0;                           // JumpToRecord
    bool datasetIndex = false;                   // JumpToRecord: `position` is a dataset index
    int epochs = 0;                              // Run
    std::shared_ptr<const SavedRun> saved;       // Restore
    std::shared_ptr<const Dataset> data;         // ReplaceData: the new training data
    WhatIfTarget first, second;                  // WeightPath: the two weights; SetWeight: first
    double value = 0;                            // SetWeight: the weight's new value
    int points = 0;                              // WeightPath: at most this many
};

} // namespace bp
