#include "health_report.h"

#include "options.h"

#include "io/atomic_file.h"
#include "io/json.h"
#include "math/number_text.h"

#include <cmath>
#include <cstdio>

namespace cli {

namespace {
// The seven figures of a layer, in the order of the JSON and the CSV.
struct Figure {
    const char* name;
    double bp::LayerHealth::*value;
};
const Figure kFigures[] = {
    {"gradient_norm", &bp::LayerHealth::gradientNorm},
    {"weight_norm", &bp::LayerHealth::weightNorm},
    {"update_ratio", &bp::LayerHealth::updateRatio},
    {"dead_fraction", &bp::LayerHealth::deadFraction},
    {"saturated_fraction", &bp::LayerHealth::saturatedFraction},
    {"activation_mean", &bp::LayerHealth::activationMean},
    {"activation_std", &bp::LayerHealth::activationStd},
};

std::string jsonNumber(double v) {
    return std::isfinite(v) ? bp::json::formatNumber(v) : "null";
}

std::string short8(double v) {
    return bp::significantText(v, 8);
}

std::string percentText(double share) {
    return bp::fixedText(100.0 * share, 2) + "%";
}

// "x(1): [0, 0.1) 1, [1, 1.1) 2": the bins that hold values, and NaN if any.
std::string histogramLine(const std::string& what, const bp::Histogram& h) {
    std::string line = what + ":";
    const char* separator = " ";
    for (std::size_t i = 0; i < h.counts().size(); ++i)
        if (h.counts()[i] > 0) {
            line += separator + h.binText(i) + " " + std::to_string(h.counts()[i]);
            separator = ", ";
        }
    if (h.nan() > 0)
        line += separator + std::string("NaN ") + std::to_string(h.nan());
    return line + "\n";
}
} // namespace

std::string healthJson(long records, double learningRate, const std::vector<bp::LayerHealth>& h) {
    std::string s = "{\"records\": " + std::to_string(records) +
                    ", \"learning_rate\": " + jsonNumber(learningRate) + ", \"layers\": [";
    for (std::size_t k = 0; k < h.size(); ++k) {
        s += (k ? ", " : "") + std::string("{\"layer\": ") + std::to_string(h[k].layer) +
             ", \"activation\": " + bp::json::quote(bp::toString(h[k].activation));
        for (const Figure& f : kFigures)
            s += ", \"" + std::string(f.name) + "\": " + jsonNumber(h[k].*f.value);
        s += "}";
    }
    return s + "]}";
}

std::string healthTable(const std::vector<bp::LayerHealth>& h) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "%-5s  %-10s  %6s  %-14s  %-14s  %-14s  %-7s  %-9s  %-14s  %s\n", "layer",
                  "activation", "units", "gradient norm", "weight norm", "update ratio", "dead",
                  "saturated", "x mean", "x std");
    std::string s = line;
    for (const bp::LayerHealth& l : h) {
        const bool relu = l.activation == bp::Activation::Relu;
        const bool saturates = bp::saturationThreshold(l.activation) > 0;
        std::snprintf(
            line, sizeof line, "%-5d  %-10s  %6ld  %-14s  %-14s  %-14s  %-7s  %-9s  %-14s  %s\n",
            l.layer, bp::toString(l.activation).c_str(), static_cast<long>(l.units),
            short8(l.gradientNorm).c_str(), short8(l.weightNorm).c_str(),
            short8(l.updateRatio).c_str(), relu ? percentText(l.deadFraction).c_str() : "-",
            saturates ? percentText(l.saturatedFraction).c_str() : "-",
            short8(l.activationMean).c_str(), short8(l.activationStd).c_str());
        s += line;
    }
    for (const bp::LayerHealth& l : h) {
        const std::string k = std::to_string(l.layer);
        s += histogramLine("x(" + k + ") histogram", l.x);
        s += histogramLine("∂J/∂z(" + k + ") histogram", l.dJdz);
    }
    return s;
}

void addEpochHealthOptions(CLI::App& train, std::string& path, long& records) {
    CLI::Option* health = train.add_option("--health", path,
                                           "per-layer health of each epoch's last records as "
                                           "CSV, one row per epoch (docs/instruments.md)");
    train
        .add_option("--health-records", records,
                    "the last N records of each epoch that --health covers (default 100)")
        ->check(within(bp::Limit{1, 1e12, "the records", "--health-records"}))
        ->needs(health);
}

EpochHealthCsv::EpochHealthCsv(std::string path, long window)
    : m_path(std::move(path)), m_window(window) {}

template <typename T>
void EpochHealthCsv::record(const bp::TrainingRunT<T>& run, const bp::StepResult& r) {
    if (!m_health) {
        m_health.emplace(run.network());
        m_header = "epoch,records,learning_rate";
        for (int k = 1; k <= run.network().depth(); ++k)
            for (const Figure& f : kFigures)
                m_header += "," + std::string(f.name) + "(" + std::to_string(k) + ")";
        m_header += "\n";
    }
    // The record's place in its epoch (the cursor has moved on: to 0 after the last).
    const long perEpoch = static_cast<long>(run.recordsPerEpoch());
    const long place = r.epochDone ? perEpoch - 1 : static_cast<long>(run.position()) - 1;
    if (place >= perEpoch - m_window)
        m_health->add(run.values());
    if (!r.epochDone)
        return;
    const double a = run.hyper().learningRate;
    m_rows += std::to_string(run.lastEpoch().epoch) + "," + std::to_string(m_health->records()) +
              "," + bp::roundTripText(a);
    for (const bp::LayerHealth& l : m_health->figures(run.network(), a))
        for (const Figure& f : kFigures)
            m_rows += "," + bp::roundTripText(l.*f.value);
    m_rows += "\n";
    m_health->clear();
}

void EpochHealthCsv::commit() const {
    bp::writeFileAtomically(m_path, m_header + m_rows, "health figures");
}

template void EpochHealthCsv::record<float>(const bp::TrainingRunT<float>&, const bp::StepResult&);
template void EpochHealthCsv::record<double>(const bp::TrainingRunT<double>&,
                                             const bp::StepResult&);

} // namespace cli
