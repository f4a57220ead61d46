#pragma once
// The training data with a point painted on the decision-boundary plane, or one taken
// away (DecisionBoundaryView's Paint). The plane shows the inputs as the network sees
// them, normalised if the data were; a painted point is put into the units the records
// were loaded in (x = x'·scale + offset) and through the experiment's own normaliser
// (x' = (x − offset) / scale, core's Normalizer), so it is normalised once, like the
// records around it. No Qt.
#include "math/dataset.h"

#include <optional>
#include <string>

namespace bp {

// Why points cannot be painted on `d` (empty: they can): classification with 2 inputs
// stored as numbers (not image bytes).
std::string whyNotPaintable(const Dataset* d);

// A plane point (the network's units) in the units the records were loaded in.
Vector loadedUnits(const Vector& planePoint, const Normalizer& normalizer);

// `d` with one more record at the end: inputs `x` (the network's units), class `cls`
// (its target one-hot, or 0/1 for a single output row). The record has no source line (−1).
Dataset withRecord(const Dataset& d, const Vector& x, int cls);
// `d` without record `r` (the others keep their order).
Dataset withoutRecord(const Dataset& d, Eigen::Index r);
// The records in the units they were loaded in (each input x'·scale + offset), for the
// CSV export; `d` itself when there was no normalisation.
Dataset inLoadedUnits(const Dataset& d, const Normalizer& normalizer);

} // namespace bp
