// Painting the data: points added and removed on the Decision boundary's plane change
// the session's training data (TrainingSession::replaceTrainingData, while paused), and
// the training data go out as CSV (docs/teaching.md, "Paint the data").
#include "window/main_window.h"

#include "boundary/decision_boundary_view.h"
#include "boundary/painted_points.h"
#include "io/csv_writer.h"
#include "panels/records_table.h"
#include "session/training_session.h"
#include "style/screen_text.h"
#include "whatif/what_if_panel.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QStatusBar>

namespace bp {

void MainWindow::connectPaint() {
    connect(m_boundary, &DecisionBoundaryView::paintRequested, this,
            [this](double x1, double x2, int cls) { paintPoint(x1, x2, cls); });
    connect(m_boundary, &DecisionBoundaryView::removeRequested, this,
            [this](long record) { removePoint(record); });
    connect(m_boundary, &DecisionBoundaryView::exportRequested, this,
            &MainWindow::exportPointsDialog);
}

bool MainWindow::paintPoint(double x1, double x2, int cls) {
    const Dataset* d = m_prepared.train.get();
    const std::string why = whyNotPaintable(d);
    if (!why.empty() || cls < 0 || cls >= static_cast<int>(d->classNames.size())) {
        statusBar()->showMessage(why.empty() ? tr("There is no class %1 to paint.").arg(cls)
                                             : QString::fromStdString(why),
                                 6000);
        return false;
    }
    Vector plane(2);
    plane << x1, x2;
    // Into the units the records were loaded in, then through the experiment's own
    // normaliser: normalised once, like every other record.
    const Vector x = m_prepared.normalizer.applied(loadedUnits(plane, m_prepared.normalizer));
    auto train = std::make_shared<const Dataset>(withRecord(*d, x, cls));
    useTrainingData(train,
                    tr("Painted record %1, class %2, at (%3, %4): %5 training records.")
                        .arg(train->records() - 1)
                        .arg(QString::fromStdString(d->classNames[static_cast<std::size_t>(cls)]))
                        .arg(screenNumber(x(0), 4), screenNumber(x(1), 4))
                        .arg(train->records()));
    return true;
}

bool MainWindow::removePoint(long record) {
    const Dataset* d = m_prepared.train.get();
    if (!d || !whyNotPaintable(d).empty() || record < 0 || record >= d->records())
        return false;
    if (d->records() == 1) {
        statusBar()->showMessage(tr("The last training record stays: training needs one."), 6000);
        return false;
    }
    auto train = std::make_shared<const Dataset>(withoutRecord(*d, record));
    useTrainingData(
        train, tr("Removed record %1: %2 training records.").arg(record).arg(train->records()));
    return true;
}

void MainWindow::useTrainingData(std::shared_ptr<const Dataset> train, const QString& said) {
    closeFork(); // it trains on the data as they were: nothing to compare with any more
    // The data change only while paused: the session pauses first (the command would stop
    // a run itself; the explicit pause says so in the status bar), then takes them whole.
    if (m_snapshot && m_snapshot->running)
        m_session->pause();
    m_prepared.train = train;
    m_trainingPainted = true; // the autosave keeps these records (autosaveContent)
    m_records->setDataset(train, m_prepared.normalizer);
    m_boundary->setTrainingData(train);
    m_whatIf->setTrainingSet(train);
    m_session->replaceTrainingData(std::move(train));
    statusBar()->showMessage(said + tr(" The epoch starts again over them."), 8000);
}

bool MainWindow::exportPoints(const QString& path) {
    if (!m_prepared.train)
        return false;
    try {
        writeCsv(inLoadedUnits(*m_prepared.train, m_prepared.normalizer), path.toStdString());
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export points"), QString::fromStdString(e.what()));
        return false;
    }
    statusBar()->showMessage(
        tr("Exported %1 training records to %2").arg(m_prepared.train->records()).arg(path), 6000);
    return true;
}

void MainWindow::exportPointsDialog() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export points"), "points.csv", tr("CSV (*.csv)"));
    if (!path.isEmpty())
        exportPoints(path);
}

} // namespace bp
