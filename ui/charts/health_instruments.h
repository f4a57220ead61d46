#pragma once
// The Layer health dock's instruments: which figure of a LayerHealth (computed by the
// core, core/math/layer_health.h) each chart draws, its title and its axis.
#include "math/layer_health.h"

#include <QString>

namespace bp {

enum class HealthInstrument {
    GradientNorm,      // ‖(1/N) Σ_r ∂J_r/∂w(k)‖_F
    WeightNorm,        // ‖w(k)‖_F
    UpdateRatio,       // a · gradient norm / weight norm
    DeadFraction,      // ReLU: units with z_i(k) ≤ 0 on every record / units
    SaturatedFraction, // sigmoid, tanh: units with g′ < threshold on every record / units
    ActivationMean,    // mean of x_i(k) over the window's records and the layer's units
    ActivationStd,     // their population standard deviation
};
constexpr int kHealthInstruments = 7;

HealthInstrument instrumentAt(int index); // 0..kHealthInstruments − 1, in the order above
// The figure itself, as the core computed it (nothing is recomputed here).
double instrumentValue(const LayerHealth& h, HealthInstrument i);
QString instrumentTitle(HealthInstrument i);   // "gradient norm ‖∂J/∂w(k)‖"
bool instrumentLogScale(HealthInstrument i);   // the three norms and ratios
bool instrumentIsFraction(HealthInstrument i); // drawn on 0..1

} // namespace bp
