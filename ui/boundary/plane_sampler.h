#pragma once
// The network over the input plane of a 2-input dataset: the output (decision
// boundary) and every node's x_i(k), sampled on a grid with the engine's forward
// pass (bp::forward) and coloured into images. A pure function of a request that
// holds copies, so it runs on a worker thread (QtConcurrent) while the GUI paints.
#include "math/dataset.h"
#include "math/network.h"

#include <QImage>
#include <QPointF>
#include <QtGlobal>
#include <vector>

namespace bp {

// The part of the input plane shown: x_1(0) across, x_2(0) up.
struct PlaneBounds {
    double xMin = -1;
    double xMax = 1;
    double yMin = -1;
    double yMax = 1;

    double width() const { return xMax - xMin; }
    double height() const { return yMax - yMin; }
    bool operator==(const PlaneBounds& o) const {
        return xMin == o.xMin && xMax == o.xMax && yMin == o.yMin && yMax == o.yMax;
    }
};

// The range of both data sets' inputs (as the network sees them, i.e. normalised
// if the data were) plus `margin` × the span on every side. Needs 2 inputs.
PlaneBounds planeForData(const Dataset* train, const Dataset* test, double margin = 0.1);

// How the output is coloured.
enum class PlaneColoring {
    Binary,     // one output read as P(class 1): 0.5 is the boundary
    Classes,    // one output per class: the largest wins, paler where it is less sure
    Regression, // output 1 on a diverging scale around the middle of the targets
};

struct PlaneRequest {
    Network network;
    PlaneBounds bounds;
    int resolution = 100; // samples per side
    PlaneColoring coloring = PlaneColoring::Binary;
    double centre = 0.5; // Binary/Regression: the value drawn neutral
    double range = 0.5;  // Binary/Regression: |f − centre| drawn in full colour
    int maxNeurons = 64; // node images made (hidden layers first, then outputs)
    quint64 serial = 0;  // handed back in the result
};

struct NeuronImage {
    int layer = 1; // k
    int node = 1;  // i, 1-based
    QImage image;  // resolution × resolution, row 0 at the top (largest x_2)
    double minValue = 0;
    double maxValue = 0;
    bool dead = false; // ReLU that is 0 over the whole plane
};

struct PlaneResult {
    quint64 serial = 0;
    PlaneBounds bounds;
    int resolution = 0;
    int outputs = 0;
    PlaneColoring coloring = PlaneColoring::Binary;
    std::vector<Activation> activations; // g of layers 1..L of the network sampled
    std::vector<double> values; // f_o at sample s: values[s · outputs + o]; s = row · res + col
    QImage image;               // the output, row 0 at the top
    std::vector<NeuronImage> neurons;

    // Output o at the sample nearest to (x1, x2) (clamped to the plane); NaN if empty.
    double valueAt(double x1, double x2, int output = 0) const;
    // The plane point at the centre of sample (col, row).
    QPointF pointOf(int col, int row) const;
};

PlaneResult samplePlane(const PlaneRequest& request);

// Colours of class c of `classes` for points and class areas: for two classes the
// ends of the diverging palette (class 0 blue, class 1 red), else a qualitative set.
QColor classColor(int c, int classes);

} // namespace bp
