#pragma once
// The per-layer health (core/math/layer_health.h) as backprop-cli writes it: the
// health command's table and JSON line, and train --health's CSV, one row per epoch
// over each epoch's last N records (docs/instruments.md).
#include "math/layer_health.h"
#include "math/training.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cli {

// {"records": N, "learning_rate": a, "layers": [{"layer": 1, "activation": …, …}, …]} on
// one line, every number with 17 significant digits (null if not finite).
std::string healthJson(long records, double learningRate, const std::vector<bp::LayerHealth>& h);
// One line per layer, then each layer's histograms (the bins that hold values).
std::string healthTable(const std::vector<bp::LayerHealth>& h);

// --health FILE and --health-records N (default 100) of train.
void addEpochHealthOptions(CLI::App& train, std::string& path, long& records);

// train --health FILE: fed every record of the run, keeps each epoch's last `window`
// records (all of a shorter epoch) and after the epoch's last one adds a row: epoch,
// records, learning_rate, then the seven figures of each layer k, "gradient_norm(k)" …
// "activation_std(k)". commit() writes the header and the rows atomically.
class EpochHealthCsv {
public:
    EpochHealthCsv(std::string path, long window);
    template <typename T> void record(const bp::TrainingRunT<T>& run, const bp::StepResult& r);
    void commit() const;

private:
    std::string m_path;
    long m_window;
    std::optional<bp::HealthWindow> m_health;
    std::string m_header, m_rows;
};

} // namespace cli
