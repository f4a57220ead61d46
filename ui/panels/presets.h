#pragma once
// The window's presets: a built-in dataset with a network that suits it, or the seed's
// own setup (core/math/seed_setup.h), as experiments for prepareExperiment (core/io/experiment.h).
#include "io/experiment.h"

#include <QString>
#include <QStringList>

namespace bp {

// Built-in presets: "xor", "circle", … and "the seed's setup" (digits 0–2, a ReLU
// hidden layer, sigmoid outputs, one-hot targets, online updates in file order
// on a tenth of the records).
QStringList presetNames();
Experiment presetExperiment(const QString& name);
// The name a preset is listed under ("seed" → "the seed's setup (digits 0-2)").
QString presetTitle(const QString& name);
// The backprop-cli command that sets up the same experiment (empty: none).
QString presetCommand(const QString& name);

} // namespace bp
