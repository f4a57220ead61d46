#pragma once
// The layer health's marks on the graph, from the newest health sample
// (TrainingSession::healthSampled): dead ReLU units (z_i(k) ≤ 0 on every record of the
// window) drawn grey and hatched, saturated sigmoid and tanh units (g′ below 1% of its
// maximum on every record) with a green ring; their legend keys ("dead over records
// 91–100") and the lines the node's tooltip adds. All figures are the core's
// (UnitHealth); nothing is recomputed here.
#include "graph/graph_frame.h"

#include <QColor>
#include <QString>

class QPainter;

namespace bp {

// The sample fits the network drawn: the same layers with the same units.
bool healthMarksFit(const GraphFrame& f);
// Units marked dead and saturated in the frame's sample (0 when it does not fit).
int deadUnitsMarked(const GraphFrame& f);
int saturatedUnitsMarked(const GraphFrame& f);

// The saturated units' rings, under the nodes (their δ badges stay readable), and the
// dead units' grey hatch, over them.
void paintHealthRings(QPainter& p, const GraphFrame& f);
void paintHealthMarks(QPainter& p, const GraphFrame& f);
// The legend key's symbols.
void paintDeadSymbol(QPainter& p, const QPointF& centre, qreal radius, const QPalette& palette);
void paintSaturatedSymbol(QPainter& p, const QPointF& centre, qreal radius, qreal width,
                          const QPalette& palette);
QColor saturatedRingColor(const QPalette& palette);

// "records 91–100" (or "record 100") of the sample.
QString sampleRecordsText(const HealthSample& s);
// The tooltip lines of unit i of layer k (HTML; empty if the sample says nothing of it):
// "dead: z ≤ 0 on all 10 records 91–100 (epoch 1)", "live on 3 of 10 records, mean x = 0.12".
QString unitHealthToolTip(const HealthSample& s, int k, int i);

} // namespace bp
