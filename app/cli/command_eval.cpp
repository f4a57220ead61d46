// backprop-cli eval: a saved model's loss (and accuracy) on data as given, with
// the model's own normalisation and classes.
#include "commands.h"
#include "setup.h"

#include "metrics.h"

#include <cstdio>

namespace cli {

int evalCommand(const std::vector<std::string>& argv) {
    std::set<std::string> valued = kDataOptions;
    valued.insert("model");
    std::set<std::string> flags = kDataFlags;
    flags.insert("json");
    const Arguments args(argv, valued, flags);
    const bp::Model model = bp::loadModel(args.required("model"));
    bp::Dataset data = loadData(args);
    matchModelClasses(model, data);
    checkFits(model.network, data);
    model.normalizer.apply(data.inputs);
    const bp::Metrics m = bp::evaluate(model.network, data);
    if (args.has("json")) {
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

} // namespace cli
