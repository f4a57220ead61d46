// backprop-cli gradcheck: backprop against central finite differences for every
// weight, on the first records of the data.
#include "commands.h"
#include "options.h"

#include "math/gradient_check.h"

#include <algorithm>
#include <cstdio>
#include <memory>

namespace cli {

namespace {
struct GradcheckOptions {
    DataOptions data;
    ModelOptions model;
    long records = 5;
    double tolerance = 1e-6;
};

int runGradcheck(const GradcheckOptions& o) {
    const bp::Model model = loadModelFor(o.model);
    const bp::Dataset data = dataForModel(o.data, model, o.model.model);
    const long records = std::min<long>(o.records, static_cast<long>(data.records()));
    const double tolerance = o.tolerance;
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
} // namespace

void addGradcheckCommand(CLI::App& app, int& result) {
    auto o = std::make_shared<GradcheckOptions>();
    CLI::App* c = app.add_subcommand("gradcheck", "backprop against central finite differences "
                                                  "for every weight");
    addDataOptions(*c, o->data);
    addModelOption(*c, o->model, true);
    c->add_option("--records", o->records, "the first N records (default 5)")
        ->check(within(bp::Limit{1, 1e9, "the records", "--records"}));
    c->add_option("--tolerance", o->tolerance,
                  "the largest relative error that agrees (default 1e-6)")
        ->check(above(0, "positive"));
    c->callback([o, &result] { result = runGradcheck(*o); });
}

} // namespace cli
