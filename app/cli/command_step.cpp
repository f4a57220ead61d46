// backprop-cli step: one record through every phase, with the seed's equations
// and the numbers in them (core/math/worksheet.h builds them, as for the window's
// File → Export step as…), as text, Markdown or LaTeX, or as a worksheet with its key.
#include "commands.h"
#include "options.h"

#include "io/atomic_file.h"
#include "math/error.h"
#include "math/explain.h"
#include "math/training.h"
#include "math/worksheet.h"

#include <cstdio>
#include <string>

namespace cli {

namespace {
struct StepOptions {
    DataOptions data;
    ModelOptions model;
    long record = 0;
    double lr = 0;
    int digits = 4, maxTerms = 8;
    CLI::Option* lrOption = nullptr;
    std::string format = "text"; // text, markdown, latex
    std::string output;          // empty or "-": stdout
    std::string answers;         // the answer key of a --blank worksheet
    bool blank = false;
};

// The one online step `step` explains: w ← w − a·∂J/∂w exactly as printed, so no
// momentum, no L2 and a batch of one record (bp::onlineStepHyper).
bp::Hyper stepHyper(const StepOptions& o, const bp::Model& model) {
    bp::Hyper h = model.hyper.value_or(bp::Hyper{});
    if (o.lrOption->count() > 0)
        h.learningRate = o.lr;
    return bp::onlineStepHyper(h);
}

// The options that do not go together, said before anything runs.
void checkOutputs(const StepOptions& o) {
    if (!o.answers.empty() && !o.blank)
        throw UsageError(
            "--answers FILE writes the answer key of a --blank worksheet; add --blank");
    if (!o.answers.empty() && o.answers == o.output)
        throw UsageError("--answers and --output name the same file (" + o.output +
                         "): the answer key would overwrite the worksheet");
    if (o.answers == "-")
        throw UsageError("--answers needs a file name (the worksheet itself goes to stdout)");
}

int runStep(const StepOptions& o) {
    const bp::Model model = loadModelFor(o.model);
    const bp::Dataset data = dataForModel(o.data, model, o.model.model);
    const long record = o.record;
    if (record >= data.records())
        throw bp::InputError(data.name, "--record " + std::to_string(record) +
                                            " is outside the data (0.." +
                                            std::to_string(data.records() - 1) + ")");
    const bp::Hyper h = stepHyper(o, model);
    bp::ExplainStyle style;
    style.precision = o.digits;
    style.maxTerms = o.maxTerms;
    bp::WorksheetFormat format = bp::WorksheetFormat::Text;
    bp::worksheetFormatFromName(o.format, format); // checked by the option's validator

    const bp::Worksheet sheet =
        bp::stepWorksheet(model.network, data, record, h, style, "from the model's weights");
    const std::string text = bp::renderWorksheet(
        sheet, format, o.blank ? bp::WorksheetMode::Blank : bp::WorksheetMode::Full);
    if (!o.answers.empty())
        bp::writeFileAtomically(o.answers,
                                bp::renderWorksheet(sheet, format, bp::WorksheetMode::AnswerKey),
                                "answer key");
    if (o.output.empty() || o.output == "-")
        std::fwrite(text.data(), 1, text.size(), stdout);
    else
        bp::writeFileAtomically(o.output, text, o.blank ? "worksheet" : "step");
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
    c->add_option("--format", o->format,
                  "text (default), markdown (math in $…$) or latex (a whole document that "
                  "needs only amsmath)")
        ->check(oneOf({"text", "markdown", "md", "latex", "tex"}));
    c->add_option("--output", o->output, "write to FILE instead of stdout (whole or not at all)");
    c->add_flag("--blank", o->blank,
                "a worksheet: each equation's result left blank for a student to fill in");
    c->add_option("--answers", o->answers,
                  "with --blank: write the answer key (every result, the same format) to FILE");
    c->callback([o, &result] {
        checkOutputs(*o);
        result = runStep(*o);
    });
}

} // namespace cli
