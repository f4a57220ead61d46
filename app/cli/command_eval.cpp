// backprop-cli eval: a saved model's loss (and accuracy) on data as given, with
// the model's own normalisation and classes.
#include "commands.h"
#include "options.h"

#include "math/metrics.h"

#include <cstdio>
#include <memory>

namespace cli {

namespace {
struct EvalOptions {
    DataOptions data;
    ModelOptions model;
    bool json = false;
};

int runEval(const EvalOptions& o) {
    const bp::Model model = loadModelFor(o.model);
    const bp::Dataset data = dataForModel(o.data, model, o.model.model);
    const bp::Metrics m = bp::evaluate(model.network, data);
    if (o.json) {
        std::printf("{\"loss\": %.17g", m.loss);
        if (m.accuracy >= 0)
            std::printf(", \"accuracy\": %.17g", m.accuracy);
        std::printf(", \"records\": %ld}\n", m.records);
    } else {
        std::printf("%s: %ld records, loss %.6f", data.name.c_str(), m.records, m.loss);
        if (m.accuracy >= 0)
            std::printf(", accuracy %.2f%%", 100.0 * m.accuracy);
        std::printf("\n");
    }
    return 0;
}
} // namespace

void addEvalCommand(CLI::App& app, int& result) {
    auto o = std::make_shared<EvalOptions>();
    CLI::App* c = app.add_subcommand("eval", "loss (and accuracy) of a saved model on data");
    addDataOptions(*c, o->data);
    addModelOption(*c, o->model, true);
    c->add_flag("--json", o->json, "one JSON object: loss, accuracy, records");
    c->callback([o, &result] { result = runEval(*o); });
}

} // namespace cli
