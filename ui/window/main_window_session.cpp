// The window and the training session: building a run, taking snapshots in,
// the status bar.
#include "window/main_window.h"

#include "boundary/decision_boundary_view.h"
#include "charts/loss_chart_panel.h"
#include "diff/weight_diff_panel.h"
#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "io/load_progress.h"
#include "math/error.h"
#include "math/explain.h"
#include "panels/architecture_panel.h"
#include "panels/background_task.h"
#include "panels/controls_panel.h"
#include "panels/dataset_panel.h"
#include "panels/records_table.h"
#include "session/training_session.h"
#include "style/screen_text.h"
#include "teaching/lesson_panel.h"
#include "whatif/what_if_panel.h"

#include <QAction>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLabel>
#include <QStatusBar>
#include <QTimer>

namespace bp {

void MainWindow::connectSession() {
    connect(m_session, &TrainingSession::snapshotReady, this, &MainWindow::onSnapshot);
    connect(m_session, &TrainingSession::lossPoints, m_chart,
            qOverload<const LossBuckets&>(&LossChartPanel::appendLossPoints));
    connect(m_session, &TrainingSession::epochsFinished, m_chart, &LossChartPanel::addEpochs);
    connect(m_session, &TrainingSession::rewound, m_chart, &LossChartPanel::rewindTo);
    connect(m_session, &TrainingSession::refused, this,
            [this](const QString& reason) { statusBar()->showMessage(reason, 6000); });
}

bool MainWindow::apply(const Experiment& asked) {
    PreparedExperiment p;
    try {
        p = prepareExperiment(asked);
    } catch (const std::exception& error) {
        showLoadError(QString::fromStdString(error.what()));
        return false;
    }
    applyPrepared(p);
    return true;
}

void MainWindow::applyPrepared(const PreparedExperiment& p) {
    closeFork(); // a new run: a fork of the old one has nothing to compare with
    hideLoadError();
    const Experiment& e = p.experiment; // with the network fitted to a new file's data
    m_experiment = e;
    m_prepared = p;
    m_trainingPainted = false; // the records prepareExperiment gives (a restore sets it again)
    if (p.fitted || e.model)   // the normalisation chosen for a new file, or a model's own
        m_datasetPanel->setChoice(e.data);
    m_datasetPanel->setSeed(e.data.seed);
    m_datasetPanel->showLoaded(*p.all, p);
    m_architecture->set(e.architecture, e.hyper, e.data.seed);
    m_architecture->setDataShape(p.all->inputSize(), p.all->outputSize());
    m_graph->setInputImageShape(p.imageRows, p.imageCols);
    QStringList names; // one per output node: several classes, one-hot
    if (p.all->classNames.size() == static_cast<std::size_t>(p.all->outputSize()))
        for (const std::string& n : p.all->classNames)
            names << QString::fromStdString(n);
    m_graph->setOutputNames(names);
    m_records->setDataset(p.train, p.normalizer);
    m_boundary->setData(p.train, p.test);
    m_whatIf->setTrainingSet(p.train);
    m_boundaryDock->setVisible(p.all->inputSize() == 2);
    m_chart->clear();
    m_inspector->clearSelection();
    m_graph->clearSelection();
    m_modelPath.clear();
    m_experiment.model.reset(); // set up now: a new load or Apply starts from its own network
    m_architecture->setPrecision(e.precision);
    m_session->setup(p.network, p.train, p.test, e.hyper, p.schedule, e.precision);
    m_session->setBreakpoints(m_controls->breakpoints());
    m_session->setSpeed(m_controls->speed());
    updateTitle();
}

void MainWindow::showLoadError(const QString& message) {
    // The dock goes on showing the data in use (and its options), not the file that failed.
    QString inUse;
    if (m_prepared.train) {
        m_datasetPanel->setChoice(m_experiment.data);
        inUse = QString::fromStdString(m_experiment.data.title());
    }
    m_datasetPanel->showError(message, inUse);
    m_loadError->setText(
        tr("Could not load the data: %1 (the previous data stay loaded)").arg(message));
    m_loadError->show();
    statusBar()->showMessage(tr("Could not load the data: %1").arg(message), 15000);
}

void MainWindow::hideLoadError() {
    m_loadError->hide();
    m_loadError->clear();
}

QString MainWindow::loadErrorText() const {
    return m_loadError->isHidden() ? QString() : m_loadError->text();
}

void MainWindow::setPrecision(Precision p) {
    m_architecture->setPrecision(p);
    if (p == m_experiment.precision)
        return;
    m_experiment.precision = p;
    if (!m_prepared.train)
        return;
    closeFork();
    // A new run from the setup's network (the seed's weights, or an opened model's).
    m_chart->clear();
    m_session->setup(m_prepared.network, m_prepared.train, m_prepared.test, m_experiment.hyper,
                     m_prepared.schedule, p);
    updateTitle();
}

void MainWindow::updateTitle() {
    const QString title =
        tr("%1 — Backprop Studio").arg(QString::fromStdString(m_experiment.data.title()));
    setWindowTitle(m_experiment.precision == Precision::Float ? tr("%1 (float)").arg(title)
                                                              : title);
}

bool MainWindow::loadPreset(const QString& name) {
    Experiment e = presetExperiment(name);
    e.precision = m_architecture->precision(); // a preset's network, in the chosen precision
    const bool ok = apply(e);
    if (ok) {
        m_datasetPanel->setChoice(e.data);
        m_datasetPanel->setPresetInUse(presetTitle(name), presetCommand(name));
    }
    return ok;
}

Experiment MainWindow::experimentFor(const DataSource& choice) const {
    Experiment e = m_experiment;
    e.data = choice;
    e.data.seed = m_architecture->seed();
    e.hyper = m_architecture->hyper();
    e.architecture = m_architecture->architecture();
    e.precision = m_architecture->precision();
    // A file opened anew gets a network that fits it; the same file again (new
    // options in the Dataset dock) keeps the Architecture dock's.
    e.fitToData = !choice.file.empty() && choice.file != m_experiment.data.file;
    return e;
}

bool MainWindow::loadData(const DataSource& choice) {
    const bool ok = apply(experimentFor(choice));
    if (ok)
        m_datasetPanel->setPresetInUse({}); // the user's own setup now
    if (ok && !choice.file.empty())
        addRecentFile(QString::fromStdString(choice.file));
    return ok;
}

void MainWindow::openData(const DataSource& choice) {
    // Reading and preparing a big file (a CSV of a million records: seconds) runs off the
    // GUI thread, the reader's progress (load_progress.h) on the dialog's bar. Cancel
    // stops the reader within its next 64 KiB. The data in use, the session and its run
    // stay as they are until the new data are complete: the session may go on training.
    const Experiment e = experimentFor(choice);
    runInBackground<PreparedExperiment>(
        this, tr("Loading %1…").arg(QString::fromStdString(choice.title())),
        [e](TaskControl& control) {
            const LoadProgress progress([&control](double fraction) {
                control.setProgress(fraction);
                return !control.cancelled();
            });
            return prepareExperiment(e, progress);
        },
        [this, choice](TaskResult<PreparedExperiment> r) {
            if (r.cancelled) {
                const QString file = QString::fromStdString(choice.title());
                statusBar()->showMessage(
                    m_prepared.train
                        ? tr("Loading %1 cancelled: the previous data (%2) stay loaded.")
                              .arg(file, QString::fromStdString(m_experiment.data.title()))
                        : tr("Loading %1 cancelled.").arg(file),
                    10000);
            } else if (!r.value) {
                showLoadError(r.error);
            } else {
                applyPrepared(*r.value);
                m_datasetPanel->setPresetInUse({}); // the user's own setup now
                if (!choice.file.empty())
                    addRecentFile(QString::fromStdString(choice.file));
            }
            emit dataOpened(r.value.has_value() && !r.cancelled);
        });
}

quint64 MainWindow::stepPhase() {
    return drivenSession()->stepPhase();
}
quint64 MainWindow::stepRecord() {
    return drivenSession()->stepRecord();
}

bool MainWindow::waitForTicket(quint64 ticket, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (!(m_snapshot && m_snapshot->command >= ticket)) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

void MainWindow::selectNode(int layer, int node) {
    m_graph->setSelectedNode(layer, node);
    m_inspector->showNode(layer, node);
}

void MainWindow::onSnapshot(std::shared_ptr<const Snapshot> s) {
    m_autosave->noteSnapshot(*s);
    if (m_fork) { // main_window_fork.cpp
        updateForkStatus();
        if (drivenSession() != m_session)
            return; // the fork's are shown
    }
    showSnapshot(std::move(s));
}

void MainWindow::showSnapshot(std::shared_ptr<const Snapshot> s) {
    m_snapshot = s;
    m_graph->setSnapshot(s);
    m_inspector->setSnapshot(s);
    m_records->setSnapshot(s);
    m_diffPanel->setSnapshot(s);
    m_whatIf->setSnapshot(s);
    if (m_boundaryDock->isVisible())
        m_boundary->setSnapshot(s);
    showNonFiniteOrigin(*s);
    updateStatus();
    updateRunActions();
    if (m_lessonPanel)
        m_lessonPanel->onSnapshot(*s); // a lesson's step waits for its ticket
}

// A NaN/Inf pause selects the place where the value first appeared (the pause site:
// the node of z, x, δ or ∂J/∂z, the weight of w or ∂J/∂w), once per pause, so that the
// Inspector shows its equation with its inputs; the user may select another after it.
void MainWindow::showNonFiniteOrigin(const Snapshot& s) {
    const PauseSite& site = s.pauseSite;
    if (s.running || s.pauseReason != PauseReason::NonFinite) {
        m_originShownAt = -1; // the next NaN/Inf pause is a new one
        return;
    }
    if (!site.valid || site.node <= 0 || site.layer <= 0 || s.time == m_originShownAt)
        return;
    m_originShownAt = s.time;
    if (site.column >= 0) {
        m_graph->setSelectedEdge(site.layer, site.node, site.column);
        m_inspector->showEdge(site.layer, site.node, site.column);
    } else {
        selectNode(site.layer, site.node);
    }
}

QString MainWindow::statusText() const {
    QStringList parts;
    for (const QLabel* l : {m_statusFork, m_statusEpoch, m_statusRecord, m_statusPhase,
                            m_statusLoss, m_statusSpeed, m_statusPause, m_statusPrecision})
        if (!l->text().isEmpty())
            parts << l->text();
    return parts.join(" | ");
}

void MainWindow::updateStatus() {
    if (!m_snapshot)
        return;
    updateRecordStatus(*m_snapshot);
    updateRunStatus(*m_snapshot);
}

void MainWindow::updateRecordStatus(const Snapshot& snapshot) {
    const Snapshot* s = &snapshot;
    // The record whose values are shown: the one in progress (or jumped to), or the one
    // just finished, whose place the cursor has already left. Every record is named by
    // its index (as on the graph and in the Records dock) and its 1-based place in the
    // epoch it belongs to.
    const bool betweenRecords =
        s->hasPhase && s->nextPhase.kind == Phase::Kind::Forward && s->nextPhase.layer == 1;
    const bool epochJustDone = betweenRecords && s->position == 0 && s->epoch > 0;
    const int shownEpoch = epochJustDone ? s->epoch : s->epoch + 1;
    const long shownPlace = epochJustDone    ? s->recordsPerEpoch
                            : betweenRecords ? s->position
                                             : s->position + 1;
    m_statusEpoch->setText(epochJustDone ? tr("epoch %1 done").arg(shownEpoch)
                                         : tr("epoch %1").arg(shownEpoch));
    m_statusRecord->setText(s->recordIndex >= 0 ? tr("record %1 (no. %2 of %3 in epoch %4)")
                                                      .arg(s->recordIndex)
                                                      .arg(std::max(shownPlace, 1L))
                                                      .arg(s->recordsPerEpoch)
                                                      .arg(shownEpoch)
                                                : tr("no record yet"));
    // Between records the next phase starts another record: say which.
    QString next = QString::fromStdString(toString(s->nextPhase));
    if (epochJustDone)
        next = tr("epoch %1, no. 1, %2 of record %3")
                   .arg(s->epoch + 1)
                   .arg(next)
                   .arg(s->nextRecordIndex);
    else if (betweenRecords)
        next =
            tr("%1 of record %2 (no. %3)").arg(next).arg(s->nextRecordIndex).arg(s->position + 1);
    m_statusPhase->setText(s->hasPhase
                               ? tr("last phase: %1 · next: %2")
                                     .arg(QString::fromStdString(toString(s->lastPhase)), next)
                               : tr("next phase: %1").arg(next));
}

void MainWindow::updateRunStatus(const Snapshot& snapshot) {
    const Snapshot* s = &snapshot;
    m_statusLoss->setText(s->progress.lossDone ? tr("J = %1").arg(QString::fromStdString(
                                                     formatNumber(s->values.loss, 6)))
                                               : tr("J not yet computed"));
    m_statusSpeed->setText(s->running ? tr("%1 rec/s").arg(countText(s->recordsPerSecond))
                                      : QString());
    QString pause;
    if (s->running)
        pause = tr("running");
    else if (s->pauseReason != PauseReason::None && s->pauseReason != PauseReason::User)
        pause = tr("paused: %1")
                    .arg(s->pauseDetail.isEmpty() ? toText(s->pauseReason) : s->pauseDetail);
    else
        pause = tr("paused");
    m_statusPause->setText(pause);
    m_statusPause->setStyleSheet(s->pauseReason == PauseReason::NonFinite
                                     ? "QLabel { color: #c0392b; font-weight: bold; }"
                                     : QString());
    // What the session computes in, not what the Architecture panel says before Apply.
    const bool inFloat = s->precision == Precision::Float;
    m_statusPrecision->setText(inFloat ? tr("computing in float (~7 significant digits)")
                                       : QString());
    m_statusPrecision->setVisible(inFloat);
}

void MainWindow::updateRunActions() {
    const bool running = m_snapshot && m_snapshot->running;
    m_run->setEnabled(!running);
    m_pause->setEnabled(running);
    m_backPhase->setEnabled(!running && m_snapshot &&
                            m_snapshot->time > m_snapshot->historyEarliest);
    m_backRecord->setEnabled(m_backPhase->isEnabled());
}

} // namespace bp
