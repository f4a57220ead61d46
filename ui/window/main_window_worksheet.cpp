// File → Export step as… and Export worksheet and answer key…: the shown record's full
// step, every phase's equations with the engine's numbers, as Markdown or LaTeX
// (core/math/worksheet.h, the builder backprop-cli step uses too).
//
// What "the current record's full step" is, whatever the window is paused at (mid-record,
// or after an update inside a mini-batch): the one online step (a batch of one record, no
// momentum, no L2, the snapshot's learning rate) of the record shown, from the weights that
// record started with (networkOfRecord). The document says so at the top. One record is
// a few milliseconds of the engine even for a big network (the equations stop at the
// Inspector's 8 terms), so it runs here, on the GUI thread, and the session does not move.
#include "window/main_window.h"

#include "io/atomic_file.h"
#include "math/error.h"
#include "math/worksheet.h"
#include "session/snapshot.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

namespace bp {

namespace {
// The format a file's suffix asks for: .tex LaTeX, .txt text, anything else Markdown.
WorksheetFormat formatOfPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == "tex" || suffix == "latex")
        return WorksheetFormat::Latex;
    if (suffix == "txt")
        return WorksheetFormat::Text;
    return WorksheetFormat::Markdown;
}

// "sheet.md" → "sheet-answers.md": where the answer key goes beside the worksheet.
QString answersPathFor(const QString& path) {
    const QFileInfo f(path);
    const QString suffix = f.suffix();
    return f.dir().filePath(f.completeBaseName() + "-answers" +
                            (suffix.isEmpty() ? QString() : "." + suffix));
}
} // namespace

void MainWindow::addWorksheetActions(QMenu* file) {
    file->addAction(tr("Export step &as…"), this, [this] { exportStepDialog(false); });
    file->addAction(tr("Export &worksheet and answer key…"), this,
                    [this] { exportStepDialog(true); });
}

void MainWindow::exportStepDialog(bool worksheet) {
    if (!m_snapshot || !m_prepared.train || m_snapshot->shownRecord < 0) {
        QMessageBox::information(this, tr("Export step"), tr("There is no record to export yet."));
        return;
    }
    QString filter;
    QString path = QFileDialog::getSaveFileName(
        this,
        worksheet ? tr("Export worksheet (the answer key goes beside it)") : tr("Export step"),
        worksheet ? "worksheet.md" : "step.md", tr("Markdown (*.md);;LaTeX (*.tex)"), &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter.startsWith("LaTeX") ? ".tex" : ".md";
    const QString answers = worksheet ? answersPathFor(path) : QString();
    QString error;
    if (!exportStepTo(path, worksheet, answers, &error))
        QMessageBox::warning(this, tr("Export step"), error);
    else
        statusBar()->showMessage(
            worksheet ? tr("Wrote the worksheet %1 and its answer key %2").arg(path, answers)
                      : tr("Wrote %1").arg(path),
            5000);
}

bool MainWindow::exportStepTo(const QString& path, bool worksheet, const QString& answersPath,
                              QString* error) {
    const std::shared_ptr<const Snapshot> s = m_snapshot;
    if (!s || !m_prepared.train || s->shownRecord < 0) {
        if (error)
            *error = tr("There is no record to export yet.");
        return false;
    }
    try {
        const bool inFloat = s->precision == Precision::Float;
        const std::string origin =
            std::string("from the weights at its start") +
            (inFloat ? " (the float weights on screen, computed in double)" : "");
        const Worksheet sheet = stepWorksheet(networkOfRecord(*s), *m_prepared.train,
                                              s->shownRecord, s->hyper, ExplainStyle{}, origin);
        const WorksheetFormat format = formatOfPath(path);
        if (worksheet && !answersPath.isEmpty())
            writeFileAtomically(
                answersPath.toStdString(),
                renderWorksheet(sheet, formatOfPath(answersPath), WorksheetMode::AnswerKey),
                "answer key");
        writeFileAtomically(
            path.toStdString(),
            renderWorksheet(sheet, format, worksheet ? WorksheetMode::Blank : WorksheetMode::Full),
            worksheet ? "worksheet" : "step");
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
}

} // namespace bp
