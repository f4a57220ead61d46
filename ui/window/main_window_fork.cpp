// Forked runs (docs/instruments.md, "Forked runs"): Train → Fork here… copies the main
// run where it stands into a second session (session/fork.h) that trains with the
// hyper-parameters the user chose; the toolbar's "Driving:" selector says which run the
// Train commands go to and which run the graph, Inspector, Records and status bar show;
// the Loss chart and the Layer health dock overlay the two.
#include "window/main_window.h"

#include "charts/health_panel.h"
#include "charts/loss_chart_panel.h"
#include "diff/weight_diff_panel.h"
#include "graph/network_view.h"
#include "panels/architecture_panel.h"
#include "panels/controls_panel.h"
#include "panels/fork_dialog.h"
#include "session/fork.h"
#include "session/training_session.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

namespace bp {

namespace {
constexpr int kForkRun = 1; // the fork's run index in the Layer health dock (0: main)
}

void MainWindow::createForkActions() {
    m_forkHere = new QAction(tr("&Fork here…"), this);
    m_forkHere->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_forkHere->setToolTip(tr("Copy the run as it stands into a second run with other "
                              "hyper-parameters; both train, the charts overlay them (%1)")
                               .arg(m_forkHere->shortcut().toString(QKeySequence::NativeText)));
    m_forkHere->setIcon(style()->standardIcon(QStyle::SP_FileDialogNewFolder));
    m_forkHere->setIconText(tr("Fork here"));
    m_runBoth = new QAction(tr("Run &both"), this);
    m_runBoth->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F5));
    m_pauseBoth = new QAction(tr("Pause b&oth"), this);
    m_pauseBoth->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5));
    m_switchRun = new QAction(tr("Drive the &other run"), this);
    m_switchRun->setShortcut(QKeySequence(Qt::Key_F6));
    m_switchRun->setToolTip(tr("Switch the Train commands and the views between the main run "
                               "and the fork (F6)"));
    m_closeFork = new QAction(tr("&Close fork"), this);
    connect(m_forkHere, &QAction::triggered, this, &MainWindow::forkHereDialog);
    connect(m_runBoth, &QAction::triggered, this, [this] { runBoth(); });
    connect(m_pauseBoth, &QAction::triggered, this, &MainWindow::pauseBoth);
    connect(m_switchRun, &QAction::triggered, this, [this] { setDrivenRun(1 - m_drivenRun); });
    connect(m_closeFork, &QAction::triggered, this, &MainWindow::closeFork);
    connect(m_reset, &QAction::triggered, this, [this] {
        if (drivenSession() == m_fork && m_fork)
            m_chart->setOverlayFrom(0); // the fork starts again from the setup's network
    });

    m_statusFork = new QLabel;
    m_statusFork->setObjectName(QStringLiteral("forkStatus"));
    m_statusFork->hide();
    statusBar()->insertWidget(0, m_statusFork);
    updateForkActions();
}

void MainWindow::addForkTools(QToolBar* toolbar) {
    toolbar->addSeparator();
    toolbar->addAction(m_forkHere);
    auto* selector = new QWidget;
    auto* label = new QLabel(tr("Driving:"), selector);
    m_drivingBox = new QComboBox(selector);
    m_drivingBox->setObjectName(QStringLiteral("drivingRun"));
    m_drivingBox->addItem(tr("Main"));
    m_drivingBox->addItem(tr("Fork"));
    m_drivingBox->setToolTip(tr("The run the Train commands go to and the graph, Inspector, "
                                "Records and status bar show (F6 switches)"));
    label->setBuddy(m_drivingBox);
    auto* layout = new QHBoxLayout(selector);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->addWidget(label);
    layout->addWidget(m_drivingBox);
    m_drivingTool = toolbar->addWidget(selector);
    m_drivingTool->setVisible(false);
    connect(m_drivingBox, &QComboBox::currentIndexChanged, this, &MainWindow::setDrivenRun);
}

void MainWindow::addForkMenu(QMenu* train) {
    train->addSeparator();
    train->addActions({m_forkHere, m_runBoth, m_pauseBoth, m_switchRun, m_closeFork});
}

TrainingSession* MainWindow::drivenSession() const {
    return m_fork && m_drivenRun == kForkRun ? m_fork : m_session;
}

void MainWindow::forkHereDialog() {
    if (!m_prepared.train)
        return;
    m_session->pause(); // the copy is of the run as it stands when paused
    const std::shared_ptr<const Snapshot> s = m_session->latestSnapshot();
    // A change waiting for the record in progress (hyperPending) is what the main run
    // trains with from the next record: the fork starts from that too.
    ForkDialog d(s && !s->hyperPending ? s->hyper : m_experiment.hyper, this);
    if (d.exec() == QDialog::Accepted)
        forkWith(d.hyper());
}

void MainWindow::forkWith(const Hyper& hyper) {
    if (!m_prepared.train)
        return;
    closeFork();
    m_session->pause();
    auto* source = new ForkSource(*m_session, this);
    m_forkSource = source;
    connect(source, &ForkSource::taken, this, [this, source, hyper](auto saved) {
        source->deleteLater();
        if (m_forkSource != source)
            return; // closed or replaced meanwhile
        m_forkSource = nullptr;
        startForkFrom(std::move(saved), hyper);
    });
    connect(source, &ForkSource::failed, this, [this, source](const QString& why) {
        source->deleteLater();
        if (m_forkSource != source)
            return;
        m_forkSource = nullptr;
        statusBar()->showMessage(tr("Cannot fork: %1").arg(why), 10000);
        emit forkStarted(false);
    });
}

void MainWindow::startForkFrom(std::shared_ptr<const SavedRun> saved, const Hyper& hyper) {
    m_fork = makeForkSession(this); // its worker yields to the GUI and the main run
    connectForkSession();
    // The name the chart's legend gives it: what it changes, in the seed's symbols.
    const QString changes = hyperChanges(saved->state.hyper, hyper);
    m_chart->startOverlay(changes.isEmpty() ? tr("fork") : tr("fork (%1)").arg(changes),
                          saved->state.recordsTrained);
    m_fork->setBreakpoints(m_controls->breakpoints());
    m_fork->setSpeed(m_controls->speed());
    m_fork->setHealthSampling(m_healthSamplingOn, m_healthSampling.interval,
                              m_healthSampling.window);
    // Set up as applyPrepared set the main run up, then put where it stands.
    const RunSetup setup{m_prepared.network, m_prepared.train,    m_prepared.test,
                         m_experiment.hyper, m_prepared.schedule, m_experiment.precision,
                         HistoryLimits()};
    // The charts' history up to the fork, which the fork's restore sends on before its
    // own points: the fork's moving average and epochs go on from the main run's.
    auto withHistory = std::make_shared<SavedRun>(*saved);
    for (const LossBucket& b : m_chart->smoothedLoss().buckets())
        withHistory->losses.add(b);
    for (const EpochBucket& b : m_chart->epochBuckets().buckets())
        withHistory->epochs.add(b);
    m_forkHyper = hyper;
    startFork(*m_fork, setup, std::move(withHistory), hyper);
    m_drivingTool->setVisible(true);
    updateForkActions();
    updateForkStatus();
    emit forkStarted(true);
}

void MainWindow::connectForkSession() {
    TrainingSession* fork = m_fork;
    connect(fork, &TrainingSession::snapshotReady, this,
            [this, fork](std::shared_ptr<const Snapshot> s) {
                if (fork != m_fork)
                    return;
                updateForkStatus();
                if (m_drivenRun == kForkRun)
                    showSnapshot(std::move(s));
            });
    connect(fork, &TrainingSession::lossPoints, m_chart, &LossChartPanel::appendOverlayLossPoints);
    connect(fork, &TrainingSession::epochsFinished, m_chart, &LossChartPanel::addOverlayEpochs);
    connect(fork, &TrainingSession::rewound, m_chart, &LossChartPanel::rewindOverlay);
    connect(fork, &TrainingSession::refused, this, [this](const QString& reason) {
        statusBar()->showMessage(tr("Fork: %1").arg(reason), 6000);
    });
    // The Layer health dock's second run.
    connect(fork, &TrainingSession::healthSampled, this,
            [this](std::shared_ptr<const HealthSamples> batch) {
                if (!batch || batch->samples.empty())
                    return;
                m_healthPanel->addSamples(kForkRun, batch);
                if (m_drivenRun == kForkRun) // the graph's marks are the run shown's
                    m_graph->setHealthMarks(
                        std::shared_ptr<const HealthSample>(batch, &batch->samples.back()));
            });
    connect(fork, &TrainingSession::rewound, this, [this](long kept, int) {
        m_healthPanel->rewind(kForkRun, kept);
        const std::shared_ptr<const HealthSample> marks = m_graph->healthMarks();
        if (m_drivenRun == kForkRun && marks && marks->last > kept)
            m_graph->setHealthMarks(m_healthPanel->history(kForkRun).newest());
    });
    // The Controls dock's speed and breakpoints, and the health sampling, for both runs.
    connect(m_controls, &ControlsPanel::speedChanged, fork, &TrainingSession::setSpeed);
    connect(m_controls, &ControlsPanel::breakpointsChanged, fork, &TrainingSession::setBreakpoints);
    const auto sampling = [this, fork] {
        // After the main window's own handler has chosen (connected before this one).
        fork->setHealthSampling(m_healthSamplingOn, m_healthSampling.interval,
                                m_healthSampling.window);
    };
    connect(m_healthPanel, &HealthPanel::samplingChanged, fork, sampling);
    connect(m_healthDock, &QDockWidget::visibilityChanged, fork, sampling);
    connect(m_showHealthMarks, &QAction::toggled, fork, sampling);
}

void MainWindow::closeFork() {
    if (m_forkSource) {
        m_forkSource->deleteLater();
        m_forkSource = nullptr;
    }
    if (!m_fork)
        return;
    setDrivenRun(0);
    TrainingSession* fork = m_fork;
    m_fork = nullptr;
    delete fork; // stops its worker (milliseconds, also mid-epoch) and joins it
    m_chart->clearOverlay();
    m_healthPanel->clear(kForkRun);
    m_diffPanel->setForkAvailable(false);
    m_drivingTool->setVisible(false);
    updateForkActions();
    m_statusFork->clear();
    m_statusFork->hide();
}

void MainWindow::setDrivenRun(int run) {
    const int wanted = m_fork && run == kForkRun ? kForkRun : 0;
    const bool changed = wanted != m_drivenRun;
    m_drivenRun = wanted;
    if (m_drivingBox && m_drivingBox->currentIndex() != wanted) {
        const QSignalBlocker block(m_drivingBox);
        m_drivingBox->setCurrentIndex(wanted);
    }
    if (!changed)
        return;
    // That run's newest snapshot and health marks at once, not at its next step.
    if (const std::shared_ptr<const Snapshot> s = drivenSession()->latestSnapshot())
        showSnapshot(s);
    m_graph->setHealthMarks(m_healthPanel->history(m_drivenRun).newest());
    updateForkStatus();
}

void MainWindow::runBoth(int epochs) {
    m_session->run(epochs);
    if (m_fork)
        m_fork->run(epochs);
}

void MainWindow::pauseBoth() {
    m_session->pause();
    if (m_fork)
        m_fork->pause();
}

void MainWindow::updateForkActions() {
    const bool fork = m_fork != nullptr;
    m_forkHere->setEnabled(true);
    for (QAction* a : {m_runBoth, m_pauseBoth, m_switchRun, m_closeFork})
        a->setEnabled(fork);
}

void MainWindow::updateForkStatus() {
    if (!m_fork) {
        m_statusFork->hide();
        return;
    }
    const std::shared_ptr<const Snapshot> main = m_session->latestSnapshot();
    const std::shared_ptr<const Snapshot> fork = m_fork->latestSnapshot();
    if (!main || !fork)
        return;
    // The hyper-parameters each run trains with now, as their snapshots say (the fork's
    // asked for, until its record in progress ends).
    QString changes = hyperChanges(main->hyper, fork->hyperPending ? m_forkHyper : fork->hyper);
    if (fork->hyperPending && !changes.isEmpty())
        changes = tr("%1 from the next record").arg(changes);
    const QString forkText = changes.isEmpty() ? tr("same settings") : changes;
    m_statusFork->setText(
        m_drivenRun == kForkRun
            ? tr("Showing the FORK (%1) · main: %2 records").arg(forkText).arg(main->recordsTrained)
            : tr("Showing main · fork: %1, %2 records").arg(forkText).arg(fork->recordsTrained));
    m_statusFork->setStyleSheet(
        m_drivenRun == kForkRun ? QStringLiteral("QLabel { color: #8e44ad; font-weight: bold; }")
                                : QString());
    // Not over a message the status bar shows for a while (it hides its other widgets
    // meanwhile and shows them again after).
    if (m_statusFork->isHidden() && statusBar()->currentMessage().isEmpty())
        m_statusFork->show();
}

} // namespace bp
