#include "math/worksheet.h"

#include "math/equation_latex.h"
#include "math/equation_markdown.h"
#include "math/equation_text.h"
#include "math/error.h"

#include <algorithm>
#include <cstdio>
#include <memory>

namespace bp {

Hyper onlineStepHyper(Hyper h) {
    h.batchSize = 1;
    h.momentum = 0;
    h.l2 = 0;
    return h;
}

namespace {
// The equations of one phase, in the order the seed derives them.
class SectionBuilder {
public:
    SectionBuilder(const Network& before, const TrainingRun& run, const ExplainStyle& style)
        : m_before(before), m_run(run), m_style(style), L(before.depth()) {}

    WorksheetSection build(const Phase& phase) {
        m_section.title = toString(phase);
        switch (phase.kind) {
        case Phase::Kind::Forward:
            forward(phase.layer);
            break;
        case Phase::Kind::Loss:
            loss();
            break;
        case Phase::Kind::Backward:
            backward(phase.layer);
            break;
        case Phase::Kind::Update:
            update();
            break;
        }
        return m_section;
    }

private:
    Eigen::Index limit(Eigen::Index n) const { return std::min<Eigen::Index>(n, m_style.maxTerms); }
    const RecordValues& v() const { return m_run.values(); }
    void add(Equation e, int depth = 0) { m_section.lines.push_back({std::move(e), depth}); }

    // z_i(k) = w_{i,0}(k) + Σ_j w_{i,j}(k)·x_j(k−1), then x_i(k) = g(z_i(k)), node by node
    void forward(int k) {
        for (Eigen::Index i = 1; i <= limit(v().layer(k).z.size()); ++i) {
            add(explainZ(m_before, v(), k, int(i), m_style));
            add(explainX(m_before, v(), k, int(i), m_style));
        }
    }
    // J and δ(L) = ∂J/∂x(L)
    void loss() {
        add(explainLoss(m_before, v(), m_style));
        for (Eigen::Index i = 1; i <= limit(v().output().size()); ++i)
            add(explainDelta(m_before, v(), L, int(i), m_style));
    }
    // δ(k) (below the output), ∂J/∂z(k) and under it ∂J/∂w(k) of each of its weights
    void backward(int k) {
        for (Eigen::Index i = 1; i <= limit(v().layer(k).z.size()); ++i) {
            if (k < L)
                add(explainDelta(m_before, v(), k, int(i), m_style));
            add(explainDJdz(m_before, v(), k, int(i), m_style));
            for (Eigen::Index j = 0; j <= limit(m_before.layer(k).inputs()); ++j)
                add(explainDJdw(m_before, v(), k, int(i), int(j), m_style), 1);
        }
    }
    // w ← w − a·∂J/∂w for every weight shown
    void update() {
        const double a = m_run.hyper().learningRate;
        for (int l = 1; l <= L; ++l)
            for (Eigen::Index i = 0; i < limit(m_before.layer(l).size()); ++i)
                for (Eigen::Index j = 0; j <= limit(m_before.layer(l).inputs()); ++j)
                    add(explainUpdate(l, int(i + 1), int(j), m_before.layer(l).w(i, j), a,
                                      v().layer(l).dJdw(i, j), m_run.network().layer(l).w(i, j),
                                      m_style));
    }

    const Network& m_before;
    const TrainingRun& m_run;
    const ExplainStyle m_style;
    const int L;
    WorksheetSection m_section;
};

std::string printed(const char* format, double value) {
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

// "record 0 of hand, learning rate a = 0.5": backprop-cli step's first line.
std::string textHeadline(const Worksheet& w) {
    return "record " + std::to_string(w.record) + " of " + w.dataName +
           ", learning rate a = " + printed("%g", w.learningRate);
}

// "record 3 of xor, from the weights at its start, one online step at a = 0.5"
std::string decision(const Worksheet& w) {
    return "record " + std::to_string(w.record) + " of " + w.dataName + ", " + w.origin +
           ", one online step at a = " + printed("%g", w.learningRate) +
           " (a batch of one record, no momentum, no L2)";
}

std::string title(const Worksheet& w, WorksheetMode mode) {
    const std::string what = mode == WorksheetMode::Blank       ? "Worksheet"
                             : mode == WorksheetMode::AnswerKey ? "Answer key"
                                                                : "One training step";
    return what + ": record " + std::to_string(w.record) + " of " + w.dataName;
}

const char* const kInstructions =
    "Work through the phases in order and fill in each blank: the result of the equation.";

std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z')
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

// The equation as text with its result (the last side) a blank.
std::string textEquation(const Equation& e, bool blank) {
    if (!blank || e.sides.size() < 2)
        return equationText(e);
    Equation shown = e;
    shown.sides.back() = terms::word("________");
    return equationText(shown);
}

std::string renderText(const Worksheet& w, WorksheetMode mode) {
    std::string out = textHeadline(w) + "\n" + w.note + "\n";
    if (mode == WorksheetMode::Blank)
        out += std::string("(worksheet) ") + kInstructions + "\n";
    else if (mode == WorksheetMode::AnswerKey)
        out += "(answer key)\n";
    for (const WorksheetSection& s : w.sections) {
        out += "\n== " + s.title + " ==\n";
        for (const WorksheetLine& l : s.lines)
            out += (l.depth ? "    " : "  ") +
                   textEquation(l.equation, mode == WorksheetMode::Blank) + "\n";
    }
    return out;
}

std::string renderMarkdown(const Worksheet& w, WorksheetMode mode) {
    std::string out = "# " + markdownText(title(w, mode)) + "\n\n" +
                      markdownText(capitalised(decision(w))) + ".\n\n" + markdownText(w.note) +
                      "\n";
    if (mode == WorksheetMode::Blank)
        out += std::string("\n") + kInstructions + "\n";
    for (const WorksheetSection& s : w.sections) {
        out += "\n## " + markdownText(capitalised(s.title)) + "\n\n";
        for (const WorksheetLine& l : s.lines)
            out += (l.depth ? "  - " : "- ") +
                   markdownEquation(l.equation, mode == WorksheetMode::Blank) + "\n";
    }
    return out;
}

std::string renderLatex(const Worksheet& w, WorksheetMode mode) {
    std::string out = "% Written by Backprop Studio. Needs only amsmath: pdflatex file.tex\n"
                      "\\documentclass[11pt]{article}\n"
                      "\\usepackage{amsmath}\n"
                      "\\allowdisplaybreaks\n"
                      "\\addtolength{\\textwidth}{4cm}\n"
                      "\\addtolength{\\oddsidemargin}{-2cm}\n"
                      "\\addtolength{\\textheight}{3cm}\n"
                      "\\addtolength{\\topmargin}{-1.5cm}\n"
                      "\\begin{document}\n"
                      "\\section*{" +
                      latexText(title(w, mode)) + "}\n" + latexText(capitalised(decision(w))) +
                      ".\\par\n" + latexText(w.note) + "\\par\n";
    if (mode == WorksheetMode::Blank)
        out += std::string("\\medskip\\noindent ") + latexText(kInstructions) + "\\par\n";
    for (const WorksheetSection& s : w.sections) {
        out += "\n\\subsection*{" + latexText(capitalised(s.title)) + "}\n";
        for (const WorksheetLine& l : s.lines) {
            out += "\\begin{align*}\n  " +
                   latexAlignedSides(l.equation, mode == WorksheetMode::Blank) +
                   "\n\\end{align*}\n";
            for (const std::string& note : l.equation.notes)
                out += "{\\small (" + latexText(note) + ")}\\par\n";
        }
    }
    return out + "\\end{document}\n";
}
} // namespace

WorksheetSection worksheetSection(const Phase& phase, const Network& before, const TrainingRun& run,
                                  const ExplainStyle& style) {
    return SectionBuilder(before, run, style).build(phase);
}

Worksheet stepWorksheet(const Network& start, const Dataset& data, long record, const Hyper& hyper,
                        const ExplainStyle& style, const std::string& origin) {
    if (record < 0 || record >= data.records())
        throw InputError(data.name, "record " + std::to_string(record) +
                                        " is outside the data (0.." +
                                        std::to_string(data.records() - 1) + ")");
    auto one = std::make_shared<Dataset>(
        subset(data, std::vector<Eigen::Index>{static_cast<Eigen::Index>(record)}));
    TrainingRun run(start, one, onlineStepHyper(hyper), Schedule{false, 1, 0});
    const Network before = run.network();

    Worksheet w;
    w.record = record;
    w.dataName = data.name;
    w.learningRate = run.hyper().learningRate;
    w.origin = origin;
    w.note = outputSimplificationNote(before);
    StepResult r;
    do {
        r = run.stepPhase();
        w.sections.push_back(worksheetSection(r.phase, before, run, style));
    } while (!r.recordDone);
    return w;
}

std::string renderWorksheet(const Worksheet& w, WorksheetFormat format, WorksheetMode mode) {
    switch (format) {
    case WorksheetFormat::Text:
        return renderText(w, mode);
    case WorksheetFormat::Markdown:
        return renderMarkdown(w, mode);
    case WorksheetFormat::Latex:
        return renderLatex(w, mode);
    }
    return "";
}

bool worksheetFormatFromName(const std::string& name, WorksheetFormat& format) {
    if (name == "text" || name == "txt")
        format = WorksheetFormat::Text;
    else if (name == "markdown" || name == "md")
        format = WorksheetFormat::Markdown;
    else if (name == "latex" || name == "tex")
        format = WorksheetFormat::Latex;
    else
        return false;
    return true;
}

} // namespace bp
