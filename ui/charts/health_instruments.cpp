#include "charts/health_instruments.h"

namespace bp {

HealthInstrument instrumentAt(int index) {
    return static_cast<HealthInstrument>(index);
}

double instrumentValue(const LayerHealth& h, HealthInstrument i) {
    switch (i) {
    case HealthInstrument::GradientNorm:
        return h.gradientNorm;
    case HealthInstrument::WeightNorm:
        return h.weightNorm;
    case HealthInstrument::UpdateRatio:
        return h.updateRatio;
    case HealthInstrument::DeadFraction:
        return h.deadFraction;
    case HealthInstrument::SaturatedFraction:
        return h.saturatedFraction;
    case HealthInstrument::ActivationMean:
        return h.activationMean;
    case HealthInstrument::ActivationStd:
        return h.activationStd;
    }
    return 0;
}

QString instrumentTitle(HealthInstrument i) {
    switch (i) {
    case HealthInstrument::GradientNorm:
        return QStringLiteral("gradient norm \u2016\u2202J/\u2202w(k)\u2016");
    case HealthInstrument::WeightNorm:
        return QStringLiteral("weight norm \u2016w(k)\u2016");
    case HealthInstrument::UpdateRatio:
        return QStringLiteral("update ratio a\u00b7\u2016\u2202J/\u2202w\u2016/\u2016w\u2016");
    case HealthInstrument::DeadFraction:
        return QStringLiteral("dead fraction (ReLU)");
    case HealthInstrument::SaturatedFraction:
        return QStringLiteral("saturated fraction (sigmoid, tanh)");
    case HealthInstrument::ActivationMean:
        return QStringLiteral("mean of x(k)");
    case HealthInstrument::ActivationStd:
        return QStringLiteral("std of x(k)");
    }
    return {};
}

bool instrumentLogScale(HealthInstrument i) {
    return i == HealthInstrument::GradientNorm || i == HealthInstrument::WeightNorm ||
           i == HealthInstrument::UpdateRatio;
}

bool instrumentIsFraction(HealthInstrument i) {
    return i == HealthInstrument::DeadFraction || i == HealthInstrument::SaturatedFraction;
}

} // namespace bp
