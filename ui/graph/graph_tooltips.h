#pragma once
// The hover text of the network graph: every value of a node or an edge at full
// precision (6 significant digits), in the seed's notation, saying which values
// are not yet computed for the record in progress.
#include "session/snapshot.h"

#include <QString>

namespace bp {

// Node i (1-based) of layer k (0 = input); i = 0 is the bias node "1" of layer k.
// imageCols > 0: the input layer is an image with that many columns.
QString nodeToolTip(const Snapshot& s, const RecordProgress& p, int k, int i, int imageCols = 0);
// Edge w_{i,j}(k) (j = 0: the bias).
QString edgeToolTip(const Snapshot& s, const RecordProgress& p, int k, int i, int j);

// A number as the tooltips show it: bp::formatNumber with 6 significant digits.
QString fullNumber(double v);

} // namespace bp
