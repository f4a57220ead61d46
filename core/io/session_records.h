#pragma once
// The training records a saved session keeps when they are not those prepareExperiment
// gives (points painted on the Decision boundary: docs/teaching.md, "Paint the data"):
// the session file's "train_records" member (docs/model-format.md, "The saved session").
// Every value as the session trains on it (normalised inputs, targets, classes), written
// with 17 significant digits so that the records read back bit for bit.
#include "io/json_reader.h"
#include "math/dataset.h"
#include "math/network.h"

namespace bp {

constexpr const char* kTrainRecordsMember = "train_records";

// Throws InputError for inputs stored as image bytes (they cannot be painted).
json::Value trainRecordsValue(const Dataset& d);

// The records of `v` (the "train_records" object), checked against the network that
// trains on them: one input per input node, one target per output node, finite values,
// a class index below the number of classes for each record. Throws InputError(file,
// line, column, what was expected) on anything else.
Dataset readTrainRecords(const json_reading::Reader& r, const json::Value& v, const Network& net);

} // namespace bp
