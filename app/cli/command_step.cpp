// backprop-cli step: one record through every phase, with the seed's equations
// and the numbers in them.
#include "commands.h"
#include "options.h"

#include "math/error.h"
#include "math/explain.h"
#include "math/training.h"

#include <cstdio>
#include <memory>

namespace cli {

namespace {
struct StepOptions {
    DataOptions data;
    ModelOptions model;
    long record = 0;
    double lr = 0;
    int digits = 4, maxTerms = 8;
    CLI::Option* lrOption = nullptr;
};

int runStep(const StepOptions& o) {
    const bp::Model model = bp::loadModel(o.model.model);
    const bp::Dataset data = dataForModel(o.data, model);
    const long record = o.record;
    if (record >= data.records())
        throw bp::InputError(data.name, "--record " + std::to_string(record) +
                                            " is outside the data (0.." +
                                            std::to_string(data.records() - 1) + ")");
    bp::Hyper h = model.hyper.value_or(bp::Hyper{});
    if (o.lrOption->count() > 0)
        h.learningRate = o.lr;
    h.batchSize = 1;
    h.momentum = 0; // one online step: w ← w − a·∂J/∂w exactly as printed
    h.l2 = 0;
    bp::ExplainStyle style;
    style.precision = o.digits;
    style.maxTerms = o.maxTerms;

    auto one = std::make_shared<bp::Dataset>(
        bp::subset(data, std::vector<Eigen::Index>{static_cast<Eigen::Index>(record)}));
    bp::TrainingRun run(model.network, one, h, bp::Schedule{false, 1, 0});
    const bp::Network before = run.network();
    const int L = before.depth();
    const auto limit = [&](Eigen::Index n) { return std::min<Eigen::Index>(n, style.maxTerms); };

    std::printf("record %ld of %s, learning rate a = %g\n", record, data.name.c_str(),
                h.learningRate);
    std::printf("%s\n", bp::outputSimplificationNote(before).c_str());
    bp::StepResult r;
    do {
        r = run.stepPhase();
        const int k = r.phase.layer;
        const bp::RecordValues& v = run.values();
        std::printf("\n== %s ==\n", bp::toString(r.phase).c_str());
        switch (r.phase.kind) {
        case bp::Phase::Kind::Forward:
            for (Eigen::Index i = 1; i <= limit(v.layer(k).z.size()); ++i) {
                std::printf("  %s\n", bp::explainZ(before, v, k, int(i), style).c_str());
                std::printf("  %s\n", bp::explainX(before, v, k, int(i), style).c_str());
            }
            break;
        case bp::Phase::Kind::Loss:
            std::printf("  %s\n", bp::explainLoss(before, v, style).c_str());
            for (Eigen::Index i = 1; i <= limit(v.output().size()); ++i)
                std::printf("  %s\n", bp::explainDelta(before, v, L, int(i), style).c_str());
            break;
        case bp::Phase::Kind::Backward:
            for (Eigen::Index i = 1; i <= limit(v.layer(k).z.size()); ++i) {
                if (k < L)
                    std::printf("  %s\n", bp::explainDelta(before, v, k, int(i), style).c_str());
                std::printf("  %s\n", bp::explainDJdz(before, v, k, int(i), style).c_str());
                for (Eigen::Index j = 0; j <= limit(before.layer(k).inputs()); ++j)
                    std::printf("    %s\n",
                                bp::explainDJdw(before, v, k, int(i), int(j), style).c_str());
            }
            break;
        case bp::Phase::Kind::Update:
            for (int l = 1; l <= L; ++l)
                for (Eigen::Index i = 0; i < limit(before.layer(l).size()); ++i)
                    for (Eigen::Index j = 0; j <= limit(before.layer(l).inputs()); ++j)
                        std::printf("  %s\n", bp::explainUpdate(
                                                  l, int(i + 1), int(j), before.layer(l).w(i, j),
                                                  h.learningRate, v.layer(l).dJdw(i, j),
                                                  run.network().layer(l).w(i, j), style)
                                                  .c_str());
            break;
        }
    } while (!r.recordDone);
    return 0;
}
} // namespace

void addStepCommand(CLI::App& app, int& result) {
    auto o = std::make_shared<StepOptions>();
    CLI::App* c = app.add_subcommand("step", "one record through every phase, with the "
                                             "equations and their numbers (one online step: no "
                                             "momentum, no L2, so the update is exactly "
                                             "w − a·dJ/dw)");
    addDataOptions(*c, o->data);
    addModelOption(*c, o->model, true);
    c->add_option("--record", o->record, "the record's index in the data (default 0)")
        ->check(within(bp::Limit{0, 1e12, "the record", "--record"}));
    o->lrOption = c->add_option("--lr", o->lr, "the learning rate a (default: the model's)")
                      ->check(within(bp::limits::learningRate));
    c->add_option("--digits", o->digits, "significant digits of the numbers shown (default 4)")
        ->check(within(bp::Limit{1, 17, "the digits", "--digits"}));
    c->add_option("--max-terms", o->maxTerms, "terms of a sum shown before \"…\" (default 8)")
        ->check(within(bp::Limit{1, 1000000, "the terms", "--max-terms"}));
    c->callback([o, &result] { result = runStep(*o); });
}

} // namespace cli
