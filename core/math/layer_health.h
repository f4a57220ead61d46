#pragma once
// Per-layer health of a network over a window of records (docs/instruments.md). For
// each layer k, over the window's N records r:
//   gradient norm      ‖(1/N) Σ_r ∂J_r/∂w(k)‖_F, the bias column included
//   weight norm        ‖w(k)‖_F, the bias column included
//   update ratio       a · gradient norm / weight norm (about 1e-3 is healthy)
//   dead fraction      ReLU layers: the share of units with z_i(k) ≤ 0 on every record
//   saturated fraction sigmoid and tanh layers: the share of units with g′(z_i(k)) below
//                      1% of g′'s maximum (sigmoid 0.0025, tanh 0.01) on every record
//   activation mean and population standard deviation of x_i(k) over records and units
//   per unit i: dead or saturated, on how many records it was live (ReLU: z_i(k) > 0)
//                      or unsaturated (g′ at or above the threshold), the mean of x_i(k)
//                      and of g′(z_i(k)) over the window (UnitHealth)
//   histograms of x(k) and ∂J/∂z(k) over the window (health_histogram.h)
//
// The window is what was added: add() takes one record's values after its backward
// pass (z, x and ∂J/∂z of every layer, and x(0)), figures() gives the figures over every
// record added since clear(). ∂J_r/∂w(k) = ∂J/∂z(k)·[1; x(k−1)]ᵀ is not formed per record:
// its two factors are kept as columns, kBlock records at a time, and a full block is
// folded into the sum with one matrix product. A window of at most kBlock records is
// never summed at all: its norm comes from the two Gram matrices of the kept columns.
// Everything is computed in double, from float runs too (but for a float network's
// ‖w(k)‖, which sums each column of w(k) in float first). Nothing here knows about
// training: HealthSampler says which records of a run to add (the last N of every S),
// and the weights are those given to figures() (after the window's last update).
#include "math/backprop.h"
#include "math/health_histogram.h"
#include "math/network.h"

#include <algorithm>
#include <vector>

namespace bp {

// One unit i of layer k over the window's N records.
struct UnitHealth {
    bool dead = false;      // ReLU: z_i(k) ≤ 0 on every record (activeRecords = 0)
    bool saturated = false; // sigmoid, tanh: g′(z_i(k)) < the threshold on every record
    // ReLU: the records with z_i(k) > 0; sigmoid, tanh: with g′(z_i(k)) ≥ the threshold;
    // the other activations: all N.
    long activeRecords = 0;
    double meanX = 0;    // (1/N) Σ_r x_i(k)
    double meanDxdz = 0; // (1/N) Σ_r g′(z_i(k)), as backprop computes g′ (softmax: ∂x_i/∂z_i)
};

struct LayerHealth {
    int layer = 0; // k, 1..L
    Activation activation = Activation::Sigmoid;
    Eigen::Index units = 0;
    long records = 0;             // N, the records of the window
    double gradientNorm = 0;      // ‖(1/N) Σ_r ∂J_r/∂w(k)‖_F
    double weightNorm = 0;        // ‖w(k)‖_F
    double updateRatio = 0;       // a · gradientNorm / weightNorm (∞ or NaN if ‖w(k)‖ = 0)
    double deadFraction = 0;      // ReLU only, else 0
    double saturatedFraction = 0; // sigmoid and tanh only, else 0
    double activationMean = 0;    // of the N · units values x_i(k)
    double activationStd = 0;     // population: √(Σ (x − mean)² / (N · units))
    Histogram x = Histogram::ofActivations();
    Histogram dJdz = Histogram::ofGradients();
    std::vector<UnitHealth> unitHealth; // unitHealth[i − 1] is unit i (empty if N = 0)
    // dead units / units = deadFraction, saturated units / units = saturatedFraction
    long deadUnits() const;
    long saturatedUnits() const;
};

// g′ below this is saturated: 1% of g′'s maximum (sigmoid ¼, tanh 1); 0 for the
// activations that do not saturate.
double saturationThreshold(Activation a);

class HealthWindow {
public:
    static constexpr Eigen::Index kBlock = 32; // records kept as columns before a fold

    HealthWindow() = default;
    template <typename T> explicit HealthWindow(const NetworkT<T>& net); // its shapes
    // One record, after its backward pass: v.layer(k).z, .x, .dJdz and v.x(k−1).
    template <typename T> void add(const RecordValuesT<T>& v);
    long records() const { return m_records; }
    // The figures of layers 1..L over the records added, with net's weights and the
    // learning rate a. An empty window gives zeros but for the weight norms. Not const:
    // it folds the kept columns into the sum (which changes no figure).
    template <typename T>
    std::vector<LayerHealth> figures(const NetworkT<T>& net, double learningRate);
    void clear(); // an empty window, the shapes kept

private:
    struct LayerSums {
        Activation activation = Activation::Sigmoid;
        Matrix keptDz;         // units × kBlock: ∂J/∂z(k) of the records not yet folded
        Matrix keptX;          // (inputs + 1) × kBlock: [1; x(k−1)] of the same records
        Eigen::Index kept = 0; // columns in use
        Matrix gradientSum;    // Σ_r ∂J/∂z(k)·[1; x(k−1)]ᵀ of the records folded so far
        bool summed = false;   // some were (else gradientSum is not in use)
        // Per unit, the records of the window with z_i(k) > 0 (ReLU) or with g′(z_i(k)) ≥
        // the threshold (sigmoid, tanh); and the sums of x_i(k) and g′(z_i(k)).
        Eigen::ArrayXi active;
        Vector xSum, dxdzSum;
        Vector input, z, x, dJdz; // the record's x(k−1), z(k), x(k), ∂J/∂z(k) in double
        Vector dxdz;              // and g′(z(k))
        long values = 0;          // x_i(k) seen; their mean and Σ (x − mean)²
        double mean = 0, squares = 0;
        Histogram xHistogram = Histogram::ofActivations();
        Histogram dJdzHistogram = Histogram::ofGradients();
    };
    static void keepGradientFactors(LayerSums& s);
    static void fold(LayerSums& s);
    static double gradientSumNorm(LayerSums& s);
    static void markUnits(LayerSums& s);
    static void unitFigures(const LayerSums& s, long records, LayerHealth& h);
    static void addActivations(LayerSums& s);
    static LayerHealth figuresOf(LayerSums& s, long records, double weightNorm, double a);

    std::vector<LayerSums> m_layers; // m_layers[k−1] is layer k
    long m_records = 0;
};

// Which records of a run a window holds: every `interval` records, the last `window` of
// them (at most `interval`; interval ≥ 1). t counts the records trained, 1 for the first.
struct HealthSampler {
    long interval = 100;
    long window = 10;

    // Record t belongs to the window that closes at the next multiple of interval.
    bool adds(long t) const {
        const long place = (t - 1) % interval + 1; // 1..interval within its period
        return place > interval - std::min(window, interval);
    }
    bool closes(long t) const { return t % interval == 0; } // after record t: figures()
    bool starts(long t) const {                             // record t is its window's first
        return (t - 1) % interval + 1 == interval - std::min(window, interval) + 1;
    }
};

} // namespace bp
