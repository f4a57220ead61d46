// The Weight diff dock (ui/diff/): asks the shown run's session (or, for the main run
// against its fork, diffWeights of their newest snapshots) for the diff its source
// names, and takes a chosen weight to the graph and the Inspector.
#include "window/main_window.h"

#include "diff/weight_diff_panel.h"
#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "session/training_session.h"
#include "style/screen_text.h"

#include <QDockWidget>

namespace bp {

void MainWindow::createDiffDock() {
    m_diffPanel = new WeightDiffPanel;
    m_diffDock = new QDockWidget(tr("Weight diff"), this);
    m_diffDock->setObjectName("weightDiff"); // for saveState/restoreState
    m_diffDock->setWidget(m_diffPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_diffDock);
    connect(m_diffDock, &QDockWidget::visibilityChanged, m_diffPanel, &WeightDiffPanel::setShown);
}

void MainWindow::connectDiff() {
    connect(m_diffPanel, &WeightDiffPanel::historyDiffRequested, this,
            [this] { drivenSession()->requestDiff(); });
    connect(m_diffPanel, &WeightDiffPanel::forkDiffRequested, this, &MainWindow::diffMainAndFork);
    connectDiffAnswers(m_session);
    connect(this, &MainWindow::forkStarted, this, [this](bool ok) {
        m_diffPanel->setForkAvailable(ok && m_fork);
        if (ok && m_fork)
            connectDiffAnswers(m_fork);
    });
    connect(m_diffPanel, &WeightDiffPanel::weightChosen, this, [this](int k, int i, int j) {
        m_graph->setSelectedEdge(k, i, j);
        m_inspector->showEdge(k, i, j);
    });
}

// The answers of `session` to the dock's requests, while it is the run shown.
void MainWindow::connectDiffAnswers(TrainingSession* session) {
    connect(session, &TrainingSession::diffReady, this,
            [this, session](std::shared_ptr<const WeightDiff> d) {
                if (drivenSession() == session)
                    m_diffPanel->showDiff(std::move(d), {});
            });
    connect(session, &TrainingSession::refused, this, [this, session](const QString& reason) {
        if (drivenSession() == session && reason.startsWith(QLatin1String("Cannot diff")))
            m_diffPanel->showMessage(reason);
    });
}

// Δw = w(fork) − w(main) of the two runs' newest snapshots, by the session's diffWeights.
void MainWindow::diffMainAndFork() {
    const std::shared_ptr<const Snapshot> main = m_session->latestSnapshot();
    const std::shared_ptr<const Snapshot> fork = m_fork ? m_fork->latestSnapshot() : nullptr;
    if (!main || !fork) {
        m_diffPanel->showMessage(tr("There is no fork: Train → Fork here… starts one."));
        return;
    }
    if (m_forkDiff && m_diffPanel->diff() == m_forkDiff && main->serial == m_forkDiffMain &&
        fork->serial == m_forkDiffFork)
        return; // the same two snapshots: the diff on screen is theirs
    auto d = std::make_shared<WeightDiff>(diffWeights(main->network, fork->network));
    m_forkDiff = d;
    m_forkDiffMain = main->serial;
    m_forkDiffFork = fork->serial;
    m_diffPanel->showDiff(std::move(d),
                          tr("from the main run (%1 records trained) to the fork (%2, a = %3)")
                              .arg(countText(static_cast<double>(main->recordsTrained)),
                                   countText(static_cast<double>(fork->recordsTrained)),
                                   screenNumber(fork->hyper.learningRate)));
}

} // namespace bp
