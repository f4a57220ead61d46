#pragma once
// The weights a snapshot's record was computed with. After an update phase the
// snapshot's network already holds the new weights; the record's z, δ and the
// update line need the old ones: w(before) = w(after) − Δw (Snapshot::lastUpdate).
#include "session/snapshot.h"

namespace bp {

// Whether lastUpdate holds one Δw matrix of the network's shape per layer.
bool hasUpdateFor(const Snapshot& s);

// Whether the last phase was the update (so s.network is after it).
bool justUpdated(const Snapshot& s);

// s.network before the update when justUpdated(s); otherwise s.network as it is.
Network networkOfRecord(const Snapshot& s);

} // namespace bp
