#pragma once
// The window's autosave: a training session saved whole, so that it goes on after a
// crash exactly as it would have (docs/session.md, "Autosave"). The file is a model
// file (model_file.h: the weights now, the normaliser, the names, the hyper-parameters
// in effect) with one more member, "session": how the experiment was set up, a
// fingerprint of the training data, the time, and the run's state at the start of the
// current record (the record order and position, the random state, the open batch, the
// momentum, this epoch's figures), and the training records themselves when points were
// painted on them (session_records.h). backprop-cli and File → Open model read it as the
// model it holds. docs/model-format.md describes the "session" member.
#include "io/experiment.h"
#include "io/json.h"
#include "io/model_file.h"
#include "math/training.h"

#include <cstdint>
#include <memory>
#include <string>

namespace bp {

// What the training data was when the session was saved: restoring refuses other data.
struct DataFingerprint {
    long records = 0;
    long inputs = 0;
    long outputs = 0;
    std::uint64_t hash =
        0; // FNV-1a over every input and target value (64-bit words), in record order

    bool operator==(const DataFingerprint& o) const {
        return records == o.records && inputs == o.inputs && outputs == o.outputs && hash == o.hash;
    }
};
DataFingerprint fingerprintOf(const Dataset& data);

struct SavedSession {
    // How the data and the network were set up: prepareExperiment(experiment) gives the
    // same data, split, normaliser and starting network (experiment.model: the model
    // training started from, if any; experiment.loaded is not saved).
    Experiment experiment;
    DataFingerprint train; // of the prepared training records (of trainRecords, if kept)
    // The training records themselves, when they are not those prepareExperiment gives
    // (points were painted): restoring trains on these, with the experiment's test set and
    // normaliser. Null: prepareExperiment(experiment) gives them (the member is not written).
    std::shared_ptr<const Dataset> trainRecords;
    // The session's time (phases since setup) at the start of the current record, and
    // how many phases of the record had run when it was saved (replayed on restore).
    std::int64_t time = 0;
    int phasesIntoRecord = 0;
    // The run at that record start (a float run widened, exactly). run.network and
    // run.hyper are written as the model part of the file.
    TrainingStateT<double> run;
    // The model part: the normaliser and names to write beside run.network.
    Model model;
    // What the window keeps beside the run (its charts' history), as it writes it; an
    // object under "window", or null for none. Read back as it is: the window checks it.
    json::Value window;
};

constexpr const char* kSessionMember = "session";
constexpr int kSessionVersion = 1;

std::string sessionToJson(const SavedSession& s);
// Throws InputError(file, line, column, what was expected) on anything malformed.
SavedSession parseSession(const std::string& text, const std::string& fileNameForMessages);
SavedSession loadSession(const std::string& path);
// Atomically (as saveModel): the old file stays whole on any failure.
void saveSession(const SavedSession& s, const std::string& path);

// A float run's state as doubles (exact), and back (exact for values that came from float).
TrainingStateT<double> widenState(const TrainingStateT<float>& s);
TrainingStateT<float> narrowState(const TrainingStateT<double>& s);

} // namespace bp
