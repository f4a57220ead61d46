#pragma once
// `compare update-order` (lesson 4): the seed's order and the layer-by-layer mistake
// (core/math/update_order.h) run on the record shown, as a table.
#include "session/snapshot.h"

#include <QString>

namespace bp {

// From the weights the snapshot's record started with, at its learning rate: after one
// step every weight of both orders, after `steps` steps the record's J. Empty if the
// snapshot has no record yet.
QString updateOrderTable(const Snapshot& s, long steps);

} // namespace bp
