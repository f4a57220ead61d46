// backprop-cli health: the per-layer health of a saved model (core/math/layer_health.h,
// docs/instruments.md) over the first records of the data as given, the weights
// unchanged: each record runs forward and backward, none updates.
#include "commands.h"
#include "health_report.h"
#include "options.h"

#include "math/backprop.h"
#include "math/layer_health.h"
#include "math/number_text.h"

#include <algorithm>
#include <cstdio>
#include <memory>

namespace cli {

namespace {
struct HealthOptions {
    DataOptions data;
    ModelOptions model;
    long records = 0; // 0 = all
    double lr = 0.1;
    bool json = false;
    CLI::Option* lrOption = nullptr;
};

// The window of the first `records` records: forward, loss and backward of each.
bp::HealthWindow windowOf(const bp::Network& net, const bp::Dataset& data, long records) {
    bp::HealthWindow window(net);
    bp::RecordValues v;
    bp::prepare(net, v);
    for (long r = 0; r < records; ++r) {
        data.inputs.copyColumn(r, v.input); // x(0)
        v.target = data.targets.col(r);     // y
        bp::forward(net, v);
        bp::computeLoss(net, v);
        for (int k = net.depth(); k >= 1; --k)
            bp::backwardLayer(net, k, v, false); // δ(k), ∂J/∂z(k); ∂J/∂w(k) not written out
        window.add(v);
    }
    return window;
}

int runHealth(const HealthOptions& o) {
    const bp::Model model = loadModelFor(o.model);
    const bp::Dataset data = dataForModel(o.data, model, o.model.model);
    const long all = static_cast<long>(data.records());
    const long records = o.records > 0 ? std::min(o.records, all) : all;
    // --lr, else the model's stored learning rate, else 0.1.
    const double a = o.lrOption->count() > 0 ? o.lr : model.hyper ? model.hyper->learningRate : 0.1;
    bp::HealthWindow window = windowOf(model.network, data, records);
    const std::vector<bp::LayerHealth> layers = window.figures(model.network, a);
    if (o.json)
        std::printf("%s\n", healthJson(records, a, layers).c_str());
    else
        std::printf("%s: %ld records of %ld, learning rate a = %s\n%s", data.name.c_str(), records,
                    all, bp::significantText(a, 10).c_str(), healthTable(layers).c_str());
    return 0;
}
} // namespace

void addHealthCommand(CLI::App& app, int& result) {
    auto o = std::make_shared<HealthOptions>();
    CLI::App* c = app.add_subcommand("health", "per-layer health of a saved model on data: "
                                               "gradient and weight norms, update ratio, dead "
                                               "and saturated units, activations");
    addDataOptions(*c, o->data);
    addModelOption(*c, o->model, true);
    c->add_option("--records", o->records, "the first N records (default all)")
        ->check(within(bp::Limit{1, 1e12, "the records", "--records"}));
    o->lrOption = c->add_option("--lr", o->lr,
                                "the learning rate a of the update ratio (default: the model's, "
                                "else 0.1)")
                      ->check(within(bp::limits::learningRate));
    c->add_flag("--json", o->json,
                "one JSON object: records, learning_rate and each layer's figures");
    c->callback([o, &result] { result = runHealth(*o); });
}

} // namespace cli
