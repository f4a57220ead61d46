// One record's full step as a worksheet (core/math/worksheet.h) on the 2-2-2 example
// of hand_network.h: the Markdown and LaTeX renderings carry the numbers worked by hand,
// the blank worksheet leaves every result out but keeps every left side, the answer key
// has them, and the LaTeX compiles with pdflatex (from texlive-latex-base).
#include "hand_network.h"
#include "math/equation_latex.h"
#include "math/equation_markdown.h"
#include "math/equation_text.h"
#include "math/explain.h"
#include "math/worksheet.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace bp;

namespace {
// The one online step of the hand example at a = 0.5, with 4 significant digits.
Worksheet handWorksheet() {
    Hyper h;
    h.learningRate = 0.5;
    h.momentum = 0.9; // the worksheet's step is online: no momentum, no L2
    h.l2 = 0.1;
    h.batchSize = 4;
    return stepWorksheet(test::handNetwork(), *test::handData(), 0, h, ExplainStyle{},
                         "from the weights at its start");
}

// Numbers worked by hand from the seed's equations (the classic example), 4 digits:
// z_1(1) = 0.35 + 0.15·0.05 + 0.2·0.1; x_1(1) = 1/(1 + e^−0.3775); J = ½Σ(y − f)²;
// δ_1(2) = −(0.01 − 0.75137); ∂J/∂z_1(2) = 0.7414·0.7514·(1 − 0.7514);
// ∂J/∂w_{1,1}(2) = 0.13850·0.59327; w_{1,1}(2) = 0.4 − 0.5·0.082167;
// w_{1,1}(1) = 0.15 − 0.5·0.00043857.
const char* const kHandNumbers[] = {"0.3775", "0.5933",  "0.7514", "0.2984", "0.7414",
                                    "0.1385", "0.08217", "0.3589", "0.1498"};

std::string allOf(const Worksheet& w, WorksheetFormat f, WorksheetMode m) {
    return renderWorksheet(w, f, m);
}
} // namespace

class CoreWorksheet : public QObject {
    Q_OBJECT

private slots:
    void everyPhaseInOrder() {
        const Worksheet w = handWorksheet();
        QStringList titles;
        for (const WorksheetSection& s : w.sections)
            titles << QString::fromStdString(s.title);
        QCOMPARE(titles, QStringList({"forward 1", "forward 2", "loss", "backward 2", "backward 1",
                                      "update"}));
        QCOMPARE(w.learningRate, 0.5);
        // forward: z and x of 2 nodes; loss: J and 2 δ; backward 2: 2×(∂J/∂z + 3 ∂J/∂w);
        // backward 1: 2×(δ + ∂J/∂z + 3 ∂J/∂w); update: 12 weights
        const std::vector<std::size_t> lines{4, 4, 3, 8, 10, 12};
        for (std::size_t n = 0; n < lines.size(); ++n)
            QCOMPARE(w.sections[n].lines.size(), lines[n]);
    }

    void markdownHasTheHandNumbers() {
        const std::string md =
            allOf(handWorksheet(), WorksheetFormat::Markdown, WorksheetMode::Full);
        for (const char* n : kHandNumbers)
            QVERIFY2(md.find(n) != std::string::npos, n);
        QVERIFY(md.find("# One training step: record 0 of hand") == 0);
        QVERIFY(md.find("Record 0 of hand, from the weights at its start, one online step at "
                        "a = 0.5") != std::string::npos);
        QVERIFY(md.find("## Forward 1") != std::string::npos);
        // the seed's notation in LaTeX inside $…$
        QVERIFY2(md.find("- $z_{1}(1) = w_{1,0}(1) + \\sum_{j} w_{1,j}(1) \\cdot x_{j}(0) = 0.35 + "
                         "0.15 \\cdot 0.05 + 0.2 \\cdot 0.1 = 0.3775$") != std::string::npos,
                 md.c_str());
        QVERIFY(md.find("$w_{1,1}(2) \\leftarrow w - a \\cdot \\frac{\\partial J}{\\partial w} = "
                        "0.4 - 0.5 \\cdot 0.08217 = 0.3589$") != std::string::npos);
        QVERIFY(md.find("\\frac{\\partial J}{\\partial w_{1,1}(2)}") != std::string::npos);
        QVERIFY(md.find("\\delta_{1}(2)") != std::string::npos);
    }

    void latexHasTheHandNumbers() {
        const std::string tex = allOf(handWorksheet(), WorksheetFormat::Latex, WorksheetMode::Full);
        for (const char* n : kHandNumbers)
            QVERIFY2(tex.find(n) != std::string::npos, n);
        QVERIFY(tex.find("\\usepackage{amsmath}") != std::string::npos);
        const std::string amsmath = "\\usepackage{amsmath}";
        QVERIFY(tex.find("\\usepackage", tex.find(amsmath) + amsmath.size()) ==
                std::string::npos); // only it
        QVERIFY(tex.find("z_{1}(1) &= w_{1,0}(1)") != std::string::npos);
        // no character outside ASCII: pdflatex needs no package for them
        for (unsigned char c : tex)
            QVERIFY(c < 0x80);
    }

    void textIsWhatTheCliPrints() {
        const std::string text = allOf(handWorksheet(), WorksheetFormat::Text, WorksheetMode::Full);
        QVERIFY(text.find("record 0 of hand, learning rate a = 0.5\n") == 0);
        QVERIFY(
            text.find("\n== forward 1 ==\n  z_1(1) = w_{1,0}(1) + Σ_j w_{1,j}(1)·x_j(0) = 0.35 + "
                      "0.15·0.05 + 0.2·0.1 = 0.3775\n") != std::string::npos);
        QVERIFY(text.find("\n    ∂J/∂w_{1,1}(2) = ∂J/∂z_1(2)·x_1(1) = 0.1385·0.5933 = 0.08217\n") !=
                std::string::npos);
    }

    void blankLeavesEveryResultOut_data() {
        QTest::addColumn<int>("format");
        QTest::newRow("markdown") << int(WorksheetFormat::Markdown);
        QTest::newRow("latex") << int(WorksheetFormat::Latex);
        QTest::newRow("text") << int(WorksheetFormat::Text);
    }
    void blankLeavesEveryResultOut() {
        QFETCH(int, format);
        const auto f = static_cast<WorksheetFormat>(format);
        const Worksheet w = handWorksheet();
        const std::string blank = allOf(w, f, WorksheetMode::Blank);
        const std::string key = allOf(w, f, WorksheetMode::AnswerKey);
        const std::string blankMark =
            f == WorksheetFormat::Latex ? "\\underline{\\hspace{5em}}" : "________";
        std::size_t equations = 0;
        for (const WorksheetSection& s : w.sections)
            for (const WorksheetLine& l : s.lines) {
                ++equations;
                const Equation& e = l.equation;
                // the left side stays, as the renderer writes it
                const std::string left = f == WorksheetFormat::Text
                                             ? termText(e.sides.front(), e.digits)
                                             : latexTerm(e.sides.front(), e.digits);
                QVERIFY2(blank.find(left) != std::string::npos, left.c_str());
                // the result is nowhere a result: not after a "=" at the end of the equation
                const std::string result = f == WorksheetFormat::Text
                                               ? termText(e.sides.back(), e.digits)
                                               : latexTerm(e.sides.back(), e.digits);
                const std::string asResult =
                    f == WorksheetFormat::Markdown ? "= " + result + "$"
                    : f == WorksheetFormat::Latex
                        ? "= " + result + "\n"
                        : "= " + result + (e.notes.empty() ? "\n" : "   (");
                QVERIFY2(blank.find(asResult) == std::string::npos, asResult.c_str());
                QVERIFY2(key.find(asResult) != std::string::npos, asResult.c_str());
            }
        QCOMPARE(equations, std::size_t(41));
        // one blank for each equation
        std::size_t blanks = 0;
        for (std::size_t at = blank.find(blankMark); at != std::string::npos;
             at = blank.find(blankMark, at + blankMark.size()))
            ++blanks;
        QCOMPARE(blanks, equations);
        // results that no later equation uses are nowhere in the worksheet: J, the new weights
        for (const char* n : {"0.2984", "0.3589", "0.1498"}) {
            QVERIFY2(blank.find(n) == std::string::npos, n);
            QVERIFY2(key.find(n) != std::string::npos, n);
        }
    }

    void latexCompiles_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("full") << int(WorksheetMode::Full);
        QTest::newRow("blank") << int(WorksheetMode::Blank);
        QTest::newRow("answer key") << int(WorksheetMode::AnswerKey);
    }
    void latexCompiles() {
        QFETCH(int, mode);
        const QString pdflatex = QStandardPaths::findExecutable("pdflatex");
        if (pdflatex.isEmpty())
            QSKIP("pdflatex is not installed (apt-get install texlive-latex-base): the LaTeX "
                  "export is not compiled");
        QTemporaryDir dir;
        QFile tex(dir.filePath("step.tex"));
        QVERIFY(tex.open(QIODevice::WriteOnly));
        const std::string text =
            allOf(handWorksheet(), WorksheetFormat::Latex, static_cast<WorksheetMode>(mode));
        tex.write(text.data(), static_cast<qint64>(text.size()));
        tex.close();
        QProcess p;
        p.setWorkingDirectory(dir.path());
        p.start(pdflatex, {"-halt-on-error", "-interaction=nonstopmode", "step.tex"});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardOutput().right(3000).constData());
        QVERIFY(QFileInfo(dir.filePath("step.pdf")).size() > 1000);
    }

    void latexEscapesTextAndNumbers() {
        QCOMPARE(latexText("50% of x_1 & {y} #2 − δ"),
                 std::string("50\\% of x\\_1 \\& \\{y\\} \\#2 $-$ $\\delta$"));
        QCOMPARE(latexTerm(terms::number(1.5e-7), 4), std::string("1.5\\times 10^{-7}"));
        QCOMPARE(latexTerm(terms::product({terms::number(0.5), terms::number(-0.25)}), 4),
                 std::string("0.5 \\cdot (-0.25)"));
        QCOMPARE(
            latexTerm(terms::group({terms::word("sigmoid("), terms::number(1), terms::word(")")}),
                      4),
            std::string("\\mathrm{sigmoid}(1)"));
        QCOMPARE(markdownText("a*b_c"), std::string("a\\*b\\_c"));
    }
};

QTEST_APPLESS_MAIN(CoreWorksheet)
#include "tst_core_worksheet.moc"
