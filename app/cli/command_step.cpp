// backprop-cli step: one record through every phase, with the seed's equations
// and the numbers in them.
#include "commands.h"
#include "options.h"

#include "math/equation_text.h"
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

// One equation on its own line, as text.
void print(const char* indent, const bp::Equation& e) {
    std::printf("%s%s\n", indent, bp::equationText(e).c_str());
}

// The one online step `step` explains: w ← w − a·∂J/∂w exactly as printed, so no
// momentum, no L2 and a batch of one record.
bp::Hyper stepHyper(const StepOptions& o, const bp::Model& model) {
    bp::Hyper h = model.hyper.value_or(bp::Hyper{});
    if (o.lrOption->count() > 0)
        h.learningRate = o.lr;
    h.batchSize = 1;
    h.momentum = 0;
    h.l2 = 0;
    return h;
}

// Prints the equations of the phase just run. `before` is the network the record
// started with; `run` holds the record's values (and, after the update, the new weights).
class PhasePrinter {
public:
    PhasePrinter(const bp::Network& before, const bp::TrainingRun& run, bp::ExplainStyle style)
        : m_before(before), m_run(run), m_style(style), L(before.depth()) {}

    void print(const bp::Phase& phase) const {
        std::printf("\n== %s ==\n", bp::toString(phase).c_str());
        switch (phase.kind) {
        case bp::Phase::Kind::Forward:
            return forward(phase.layer);
        case bp::Phase::Kind::Loss:
            return loss();
        case bp::Phase::Kind::Backward:
            return backward(phase.layer);
        case bp::Phase::Kind::Update:
            return update();
        }
    }

private:
    Eigen::Index limit(Eigen::Index n) const { return std::min<Eigen::Index>(n, m_style.maxTerms); }
    const bp::RecordValues& v() const { return m_run.values(); }

    // z_i(k) and x_i(k) of every node shown
    void forward(int k) const {
        for (Eigen::Index i = 1; i <= limit(v().layer(k).z.size()); ++i) {
            cli::print("  ", bp::explainZ(m_before, v(), k, int(i), m_style));
            cli::print("  ", bp::explainX(m_before, v(), k, int(i), m_style));
        }
    }
    // J and δ(L) = ∂J/∂x(L)
    void loss() const {
        cli::print("  ", bp::explainLoss(m_before, v(), m_style));
        for (Eigen::Index i = 1; i <= limit(v().output().size()); ++i)
            cli::print("  ", bp::explainDelta(m_before, v(), L, int(i), m_style));
    }
    // δ(k) (below the output), ∂J/∂z(k) and ∂J/∂w(k)
    void backward(int k) const {
        for (Eigen::Index i = 1; i <= limit(v().layer(k).z.size()); ++i) {
            if (k < L)
                cli::print("  ", bp::explainDelta(m_before, v(), k, int(i), m_style));
            cli::print("  ", bp::explainDJdz(m_before, v(), k, int(i), m_style));
            for (Eigen::Index j = 0; j <= limit(m_before.layer(k).inputs()); ++j)
                cli::print("    ", bp::explainDJdw(m_before, v(), k, int(i), int(j), m_style));
        }
    }
    // w ← w − a·∂J/∂w for every weight shown
    void update() const {
        const double a = m_run.hyper().learningRate;
        for (int l = 1; l <= L; ++l)
            for (Eigen::Index i = 0; i < limit(m_before.layer(l).size()); ++i)
                for (Eigen::Index j = 0; j <= limit(m_before.layer(l).inputs()); ++j)
                    cli::print("  ",
                               bp::explainUpdate(l, int(i + 1), int(j), m_before.layer(l).w(i, j),
                                                 a, v().layer(l).dJdw(i, j),
                                                 m_run.network().layer(l).w(i, j), m_style));
    }

    const bp::Network& m_before;
    const bp::TrainingRun& m_run;
    const bp::ExplainStyle m_style;
    const int L;
};

int runStep(const StepOptions& o) {
    const bp::Model model = bp::loadModel(o.model.model);
    const bp::Dataset data = dataForModel(o.data, model);
    const long record = o.record;
    if (record >= data.records())
        throw bp::InputError(data.name, "--record " + std::to_string(record) +
                                            " is outside the data (0.." +
                                            std::to_string(data.records() - 1) + ")");
    const bp::Hyper h = stepHyper(o, model);
    bp::ExplainStyle style;
    style.precision = o.digits;
    style.maxTerms = o.maxTerms;

    auto one = std::make_shared<bp::Dataset>(
        bp::subset(data, std::vector<Eigen::Index>{static_cast<Eigen::Index>(record)}));
    bp::TrainingRun run(model.network, one, h, bp::Schedule{false, 1, 0});
    const bp::Network before = run.network();
    std::printf("record %ld of %s, learning rate a = %g\n", record, data.name.c_str(),
                h.learningRate);
    std::printf("%s\n", bp::outputSimplificationNote(before).c_str());
    const PhasePrinter printer(before, run, style);
    bp::StepResult r;
    do {
        r = run.stepPhase();
        printer.print(r.phase);
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
