#pragma once
// The inspector's text: a node's or a weight's equations in the seed's notation
// with the live numbers in them, as HTML. Every equation is the engine's text
// (core/math/explain.h); this file only picks which ones apply to the phase the record
// is in, and says so when a value has not been computed in this record yet.
#include "math/explain.h"
#include "session/snapshot.h"

#include <QString>

namespace bp {

struct ExplanationOptions {
    ExplainStyle style; // significant digits and terms per sum
    int maxWeights = 8; // incoming weights listed for a node; the rest by clicking an edge
    QString mutedColor = QStringLiteral("#666666");  // notes and "not yet computed"
    QString accentColor = QStringLiteral("#1f5fa8"); // section headings
};

// Node i (1-based) of layer k (0 = the input layer, 1..L).
QString nodeExplanationHtml(const Snapshot& s, int layer, int node,
                            const ExplanationOptions& options = {});
// Weight w_{i,j}(k): node i (1-based) of layer k, input j (0 = the bias).
QString edgeExplanationHtml(const Snapshot& s, int layer, int node, int input,
                            const ExplanationOptions& options = {});

} // namespace bp
