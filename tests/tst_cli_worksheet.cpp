// backprop-cli step --format markdown|latex, --output, --blank and --answers as a teacher
// runs them: real processes, real files, the hand example's numbers and the errors.
#include "hand_network.h"
#include "io/model_file.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_run.h"

using namespace bp;

namespace {
QString data(const char* name) {
    return QString(BP_TEST_DATA_DIR "/cli/") + name;
}

QString contents(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}
} // namespace

class CliWorksheet : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString path(const char* name) { return m_dir.filePath(name); }
    QStringList step(const QStringList& more) {
        return QStringList{"step",     "--model", path("hand.json"), "--data", data("hand.csv"),
                           "--target", "3,4"} +
               more;
    }

private slots:
    void initTestCase() {
        Model m;
        m.network = test::handNetwork();
        Hyper h;
        h.learningRate = 0.5;
        m.hyper = h;
        saveModel(m, path("hand.json").toStdString());
    }

    void textStaysTheDefault() {
        const CliRun plain = cli(step({}));
        const CliRun text = cli(step({"--format", "text"}));
        QCOMPARE(plain.code, 0);
        QCOMPARE(text.out, plain.out);
        QVERIFY(plain.out.startsWith("record 0 of hand.csv, learning rate a = 0.5\n"));
        QVERIFY(plain.out.contains("\n== forward 1 ==\n  z_1(1) = "));
    }

    void markdownToStdout() {
        const CliRun md = cli(step({"--format", "markdown"}));
        QCOMPARE(md.code, 0);
        // worked by hand (tst_core_hand_example): z_1(1), x_1(1), J, δ_1(2), ∂J/∂z_1(2),
        // ∂J/∂w_{1,1}(2) and the new w_{1,1}(2)
        for (const char* n :
             {"0.3775", "0.5933", "0.2984", "0.7414", "0.1385", "0.08217", "0.3589"})
            QVERIFY2(md.out.contains(n), n);
        QVERIFY(md.out.startsWith("# One training step: record 0 of hand.csv\n"));
        QVERIFY(md.out.contains("Record 0 of hand.csv, from the model's weights, one online step "
                                "at a = 0.5"));
        QVERIFY(md.out.contains("- $x_{1}(1) = g(z_{1}(1)) = \\mathrm{sigmoid}(0.3775) = 0.5933$"));
    }

    void latexToAFileThatCompiles() {
        const CliRun tex = cli(step({"--format", "latex", "--output", path("step.tex")}));
        QCOMPARE(tex.code, 0);
        QCOMPARE(tex.out, QString()); // all of it in the file
        const QString doc = contents(path("step.tex"));
        QVERIFY(doc.startsWith("% Written by Backprop Studio"));
        QVERIFY(doc.contains("\\begin{document}") && doc.endsWith("\\end{document}\n"));
        for (const char* n :
             {"0.3775", "0.5933", "0.2984", "0.7414", "0.1385", "0.08217", "0.3589"})
            QVERIFY2(doc.contains(n), n);
        const QString pdflatex = QStandardPaths::findExecutable("pdflatex");
        if (pdflatex.isEmpty())
            QSKIP("pdflatex is not installed (apt-get install texlive-latex-base)");
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(pdflatex, {"-halt-on-error", "-interaction=nonstopmode", "step.tex"});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardOutput().right(3000).constData());
        QVERIFY(QFileInfo(path("step.pdf")).size() > 1000);
    }

    void worksheetAndAnswerKey() {
        const CliRun w = cli(step({"--format", "md", "--blank", "--output", path("sheet.md"),
                                   "--answers", path("key.md")}));
        QCOMPARE(w.code, 0);
        const QString sheet = contents(path("sheet.md"));
        const QString key = contents(path("key.md"));
        QVERIFY(sheet.startsWith("# Worksheet: record 0 of hand.csv\n"));
        QVERIFY(key.startsWith("# Answer key: record 0 of hand.csv\n"));
        // the left sides stay, the results are blanks (41 equations in a 2-2-2 step)
        QVERIFY(sheet.contains("- $z_{1}(1) = w_{1,0}(1) + \\sum_{j} w_{1,j}(1) \\cdot x_{j}(0) = "
                               "0.35 + 0.15 \\cdot 0.05 + 0.2 \\cdot 0.1 =$ ________"));
        QCOMPARE(sheet.count("________"), 41);
        QVERIFY(!sheet.contains("= 0.3775$"));
        QVERIFY(key.contains("= 0.3775$"));
        for (const char* n : {"0.2984", "0.3589"}) { // J and the new w_{1,1}(2): used nowhere later
            QVERIFY2(!sheet.contains(n), n);
            QVERIFY2(key.contains(n), n);
        }
    }

    void blankTextToStdout() {
        const CliRun w = cli(step({"--blank"}));
        QCOMPARE(w.code, 0);
        QVERIFY(w.out.contains("  z_1(1) = w_{1,0}(1) + Σ_j w_{1,j}(1)·x_j(0) = 0.35 + 0.15·0.05 + "
                               "0.2·0.1 = ________\n"));
        QVERIFY(!w.out.contains("0.2984"));
    }

    void badCombinations() {
        const CliRun noBlank = cli(step({"--answers", path("key-only.md")}));
        QCOMPARE(noBlank.code, 2);
        QVERIFY2(
            noBlank.err.contains("--answers FILE writes the answer key of a --blank worksheet"),
            qPrintable(noBlank.err));
        QVERIFY(!QFileInfo::exists(path("key-only.md")));

        const CliRun same =
            cli(step({"--blank", "--output", path("same.md"), "--answers", path("same.md")}));
        QCOMPARE(same.code, 2);
        QVERIFY2(same.err.contains("--answers and --output name the same file"),
                 qPrintable(same.err));
        QVERIFY(!QFileInfo::exists(path("same.md")));

        const CliRun format = cli(step({"--format", "html"}));
        QCOMPARE(format.code, 2);
        QVERIFY2(format.err.contains("--format: 'html' is not one of"), qPrintable(format.err));

        const CliRun folder = cli(step({"--output", path("no/such/dir/step.md")}));
        QCOMPARE(folder.code, 1);
        QVERIFY2(folder.err.contains("cannot save the step"), qPrintable(folder.err));
    }
};

QTEST_APPLESS_MAIN(CliWorksheet)
#include "tst_cli_worksheet.moc"
