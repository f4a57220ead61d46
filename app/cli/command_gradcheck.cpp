// backprop-cli gradcheck: backprop against central finite differences for every
// weight, on the first records of the data.
#include "commands.h"
#include "setup.h"

#include "gradient_check.h"

#include <algorithm>
#include <cstdio>

namespace cli {

int gradcheckCommand(const std::vector<std::string>& argv) {
    std::set<std::string> valued = kDataOptions;
    valued.insert({"model", "records", "tolerance"});
    const Arguments args(argv, valued, kDataFlags);
    const bp::Model model = bp::loadModel(args.required("model"));
    bp::Dataset data = loadData(args);
    matchModelClasses(model, data);
    checkFits(model.network, data);
    model.normalizer.apply(data.inputs);
    const long records = std::min<long>(args.integer("records", 5), data.records());
    const double tolerance = args.number("tolerance", 1e-6);
    bool ok = true;
    for (long r = 0; r < records; ++r) {
        const bp::GradientCheck c =
            bp::gradientCheck(model.network, data.inputs.column(r), data.targets.col(r));
        const bool pass = c.worstRelativeError < tolerance;
        ok = ok && pass;
        std::printf(
            "record %ld: %ld weights, worst relative error %.3g at w_{%ld,%ld}(%d) "
            "(backprop %.10g, numeric %.10g)%s%s\n",
            r, static_cast<long>(c.weightsChecked), c.worstRelativeError,
            static_cast<long>(c.i + 1), static_cast<long>(c.j), c.layer, c.backprop, c.numeric,
            c.weightsAtKink
                ? (", " + std::to_string(c.weightsAtKink) + " at a ReLU corner skipped").c_str()
                : "",
            pass ? "  ok" : "  FAIL");
    }
    std::printf("%s (tolerance %g)\n", ok ? "gradients agree" : "GRADIENTS DISAGREE", tolerance);
    return ok ? 0 : 1;
}

} // namespace cli
