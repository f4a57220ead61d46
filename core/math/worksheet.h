#pragma once
// One record's full step as a worksheet: every phase (forward k, loss, backward k,
// update) with the seed's equations and the engine's numbers, built once and rendered
// as text (what backprop-cli step prints), Markdown or LaTeX. The CLI's `step` and the
// window's File → Export step as… share this builder.
#include "math/dataset.h"
#include "math/equation.h"
#include "math/explain.h"
#include "math/network.h"
#include "math/training.h"

#include <string>
#include <vector>

namespace bp {

struct WorksheetLine {
    Equation equation;
    int depth = 0; // 1: under the line before (∂J/∂w under its ∂J/∂z)
};

struct WorksheetSection {
    std::string title; // the phase: "forward 1", "loss", "backward 2", "update"
    std::vector<WorksheetLine> lines;
};

struct Worksheet {
    long record = 0;         // the record's index in the data
    std::string dataName;    // the data's name
    double learningRate = 0; // a
    // Where the weights come from, said at the top of Markdown and LaTeX:
    // "from the model's weights", "from the weights at its start".
    std::string origin = "from the weights at its start";
    std::string note; // outputSimplificationNote: whether ∂J/∂z(L) = −(y − f)
    std::vector<WorksheetSection> sections;
};

// The one online step a worksheet explains: w ← w − a·∂J/∂w exactly as written, so a
// batch of one record, no momentum and no L2; the learning rate stays.
Hyper onlineStepHyper(Hyper h);

// The equations of one phase just run on `run`. `before` is the network the record
// started with; `run` holds the record's values (after the update, the new weights).
// Sums and rows past style.maxTerms are left out, as in the Inspector.
WorksheetSection worksheetSection(const Phase& phase, const Network& before, const TrainingRun& run,
                                  const ExplainStyle& style);

// Runs record `record` of `data` through every phase from `start` (an online step with
// `hyper`, see onlineStepHyper) and writes down every phase's equations. Throws
// InputError when the record is outside the data.
Worksheet stepWorksheet(const Network& start, const Dataset& data, long record, const Hyper& hyper,
                        const ExplainStyle& style, const std::string& origin);

enum class WorksheetFormat { Text, Markdown, Latex };
enum class WorksheetMode {
    Full,      // every equation with its result
    Blank,     // each result (the last side) left blank for a student to fill in
    AnswerKey, // every equation with its result, titled as the answer key
};

// The whole document. Text in Full mode is exactly what backprop-cli step prints. LaTeX
// is a complete document that needs only amsmath (pdflatex from texlive-latex-base).
std::string renderWorksheet(const Worksheet& w, WorksheetFormat format,
                            WorksheetMode mode = WorksheetMode::Full);

// "text", "markdown" / "md", "latex" / "tex"; false for anything else.
bool worksheetFormatFromName(const std::string& name, WorksheetFormat& format);

} // namespace bp
