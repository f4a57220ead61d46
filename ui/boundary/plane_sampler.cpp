#include "boundary/plane_sampler.h"

#include "graph/diverging_palette.h"
#include "math/backprop.h"
#include "style/chart_style.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bp {

namespace {

// The heatmap is paler than the palette's ends so the data points stand out on it.
constexpr double kPale = 0.28;

QRgb pale(const QColor& c) {
    return mixColors(c, Qt::white, kPale).rgb();
}

// Centre and half-range of a node's colour scale, from its activation's range.
void nodeScale(Activation a, double minValue, double maxValue, double& centre, double& range) {
    switch (a) {
    case Activation::Sigmoid:
    case Activation::Softmax:
        centre = 0.5;
        range = 0.5;
        return;
    case Activation::Tanh:
        centre = 0;
        range = 1;
        return;
    default: // linear, ReLU, leaky ReLU: zero neutral, scaled to what the plane reaches
        centre = 0;
        range = std::max({std::abs(minValue), std::abs(maxValue), 1e-12});
        return;
    }
}

} // namespace

PlaneBounds planeForData(const Dataset* train, const Dataset* test, double margin) {
    double lo[2] = {std::numeric_limits<double>::infinity(),
                    std::numeric_limits<double>::infinity()};
    double hi[2] = {-lo[0], -lo[1]};
    for (const Dataset* d : {train, test}) {
        if (!d || d->inputSize() != 2)
            continue;
        for (Eigen::Index r = 0; r < d->records(); ++r)
            for (int a = 0; a < 2; ++a) {
                const double v = d->inputs(a, r);
                if (std::isfinite(v)) {
                    lo[a] = std::min(lo[a], v);
                    hi[a] = std::max(hi[a], v);
                }
            }
    }
    for (int a = 0; a < 2; ++a) {
        if (!(lo[a] <= hi[a])) { // no data: the unit square around 0
            lo[a] = -1;
            hi[a] = 1;
        }
        const double span = hi[a] - lo[a];
        const double pad = span > 0 ? span * margin : 0.5;
        lo[a] -= pad;
        hi[a] += pad;
    }
    return {lo[0], hi[0], lo[1], hi[1]};
}

QColor classColor(int c, int classes) {
    if (classes <= 2)
        return c <= 0 ? DivergingPalette::negativeColor() : DivergingPalette::positiveColor();
    static const QRgb kSet[] = {0xff2166ac, 0xffb2182b, 0xff1b9e77, 0xff7570b3, 0xffd95f02,
                                0xffe7298a, 0xff66a61e, 0xffe6ab02, 0xffa6761d, 0xff555555};
    const int n = static_cast<int>(sizeof kSet / sizeof kSet[0]);
    return QColor::fromRgb(kSet[((c % n) + n) % n]);
}

QPointF PlaneResult::pointOf(int col, int row) const {
    const double res = std::max(1, resolution);
    return {bounds.xMin + (col + 0.5) / res * bounds.width(),
            bounds.yMax - (row + 0.5) / res * bounds.height()};
}

double PlaneResult::valueAt(double x1, double x2, int output) const {
    if (resolution <= 0 || output < 0 || output >= outputs || values.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const int col =
        std::clamp(static_cast<int>(std::floor((x1 - bounds.xMin) / bounds.width() * resolution)),
                   0, resolution - 1);
    const int row =
        std::clamp(static_cast<int>(std::floor((bounds.yMax - x2) / bounds.height() * resolution)),
                   0, resolution - 1);
    return values[static_cast<std::size_t>((row * resolution + col) * outputs + output)];
}

namespace {

// A node that gets an image.
struct Watched {
    int layer;
    int node;
};

// Which nodes get an image: hidden layers first, then the output layer.
std::vector<Watched> watchedNodes(const Network& net, int maxNeurons) {
    std::vector<Watched> watched;
    for (int k = 1; k <= net.depth() && static_cast<int>(watched.size()) < maxNeurons; ++k)
        for (int i = 1; i <= net.layer(k).size() && static_cast<int>(watched.size()) < maxNeurons;
             ++i)
            watched.push_back({k, i});
    return watched;
}

// The engine's forward pass at every sample: the outputs into result.values, each
// watched node's x_i(k) into nodeValues (one vector per node, sample s = row · res + col).
void sampleGrid(const Network& net, const std::vector<Watched>& watched, PlaneResult& result,
                std::vector<std::vector<double>>& nodeValues) {
    const int res = result.resolution;
    const int outputs = result.outputs;
    RecordValues v;
    prepare(net, v);
    for (int row = 0; row < res; ++row)
        for (int col = 0; col < res; ++col) {
            const QPointF p = result.pointOf(col, row);
            v.input[0] = p.x();
            v.input[1] = p.y();
            forward(net, v); // the engine's z and x for this point
            const int s = row * res + col;
            for (int o = 0; o < outputs; ++o)
                result.values[static_cast<std::size_t>(s * outputs + o)] = v.output()[o];
            for (std::size_t n = 0; n < watched.size(); ++n)
                nodeValues[n][static_cast<std::size_t>(s)] =
                    v.layer(watched[n].layer).x[watched[n].node - 1];
        }
}

// The output image.
QImage outputImage(const PlaneRequest& request, const PlaneResult& result) {
    const int res = result.resolution;
    const int outputs = result.outputs;
    QImage image(res, res, QImage::Format_RGB32);
    const DivergingPalette palette(request.range);
    for (int row = 0; row < res; ++row) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
        for (int col = 0; col < res; ++col) {
            const int s = row * res + col;
            const double* f = &result.values[static_cast<std::size_t>(s * outputs)];
            if (request.coloring == PlaneColoring::Classes && outputs > 1) {
                const int c = static_cast<int>(std::max_element(f, f + outputs) - f);
                // Sure (f_c near 1) in the class colour, unsure (f_c near 1/K) near white.
                const double floor = 1.0 / outputs;
                const double sure = std::clamp((f[c] - floor) / (1 - floor), 0.0, 1.0);
                line[col] = mixColors(Qt::white, classColor(c, outputs), 0.2 + 0.6 * sure).rgb();
            } else {
                line[col] = pale(palette.color(f[0] - request.centre));
            }
        }
    }
    return image;
}

// A watched node's image, on its activation's scale.
NeuronImage neuronImage(const Network& net, const Watched& node, const std::vector<double>& vals,
                        int res) {
    NeuronImage ni;
    ni.layer = node.layer;
    ni.node = node.node;
    const auto [lo, hi] = std::minmax_element(vals.begin(), vals.end());
    ni.minValue = *lo;
    ni.maxValue = *hi;
    const Activation a = net.layer(ni.layer).activation;
    ni.dead = (a == Activation::Relu) && ni.maxValue <= 0;
    double centre = 0;
    double range = 1;
    nodeScale(a, ni.minValue, ni.maxValue, centre, range);
    const DivergingPalette nodePalette(range);
    ni.image = QImage(res, res, QImage::Format_RGB32);
    for (int row = 0; row < res; ++row) {
        auto* line = reinterpret_cast<QRgb*>(ni.image.scanLine(row));
        for (int col = 0; col < res; ++col)
            line[col] = nodePalette.rgb(vals[static_cast<std::size_t>(row * res + col)] - centre);
    }
    return ni;
}

} // namespace

PlaneResult samplePlane(const PlaneRequest& request) {
    PlaneResult result;
    result.serial = request.serial;
    result.bounds = request.bounds;
    result.coloring = request.coloring;
    const Network& net = request.network;
    if (net.inputSize != 2 || net.depth() == 0)
        return result;
    const int res = std::clamp(request.resolution, 2, 1024);
    const int samples = res * res;
    const int outputs = static_cast<int>(net.outputSize());
    result.resolution = res;
    result.outputs = outputs;
    for (const Layer& l : net.layers)
        result.activations.push_back(l.activation);
    result.values.resize(static_cast<std::size_t>(samples) * static_cast<std::size_t>(outputs));

    const std::vector<Watched> watched = watchedNodes(net, request.maxNeurons);
    std::vector<std::vector<double>> nodeValues(
        watched.size(), std::vector<double>(static_cast<std::size_t>(samples)));
    sampleGrid(net, watched, result, nodeValues);
    result.image = outputImage(request, result);
    // One image per watched node, each on its activation's scale.
    for (std::size_t n = 0; n < watched.size(); ++n)
        result.neurons.push_back(neuronImage(net, watched[n], nodeValues[n], res));
    return result;
}

} // namespace bp
