// The What-if dock (ui/whatif/): follows the graph's selection (an edge: its weight; a
// node: its bias; an input node: the record's input), shows the snapshots of the run on
// screen and the training set, pauses training when the user edits a value, and puts
// a kept weight edit into the run on screen.
#include "window/main_window.h"

#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "session/training_session.h"
#include "style/screen_text.h"
#include "whatif/what_if_panel.h"

#include <QDockWidget>
#include <QScrollArea>
#include <QStatusBar>

namespace bp {

void MainWindow::createWhatIfDock() {
    m_whatIf = new WhatIfPanel;
    m_whatIfDock = new QDockWidget(tr("What-if"), this);
    m_whatIfDock->setObjectName("whatIf"); // for saveState/restoreState
    // In a scroll area: the dock shares the right side with the Inspector's tabs and must
    // not make a 1100×720 window taller or the graph narrower.
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_whatIf);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumSize(200, 150);
    m_whatIfDock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, m_whatIfDock);
    connect(m_whatIfDock, &QDockWidget::visibilityChanged, m_whatIf, &WhatIfPanel::setShown);
}

void MainWindow::connectWhatIf() {
    m_whatIf->setShown(false); // until the dock is raised
    connect(m_graph, &NetworkView::edgeClicked, m_whatIf, [this](int k, int i, int j) {
        m_whatIf->showTarget({k, i, j});
    });
    // A node of layer k ≥ 1: its bias w_{i,0}(k); an input node: x_i(0) of the record.
    connect(m_graph, &NetworkView::nodeClicked, m_whatIf, [this](int k, int i) {
        m_whatIf->showTarget({k, i, 0});
    });
    // The heatmap's path from the run's history: the session on screen answers once.
    connect(m_whatIf, &WhatIfPanel::pathWanted, this,
            [this](const WhatIfTarget& first, const WhatIfTarget& second) {
                TrainingSession* s = drivenSession();
                connect(s, &TrainingSession::weightPathReady, m_whatIf, &WhatIfPanel::setWeightPath,
                        Qt::SingleShotConnection);
                s->requestWeightPath(first, second);
            });
    // Keep in run: the weight set in the session at the record's start (a timeline input).
    connect(m_whatIf, &WhatIfPanel::keepWanted, this, [this](const WhatIfTarget& t, double value) {
        drivenSession()->setWeight(t, value);
        const QString name = QStringLiteral("w") + subscript(t.node) + QStringLiteral(",") +
                             subscript(t.column) + "(" + QString::number(t.layer) + ")";
        statusBar()->showMessage(
            tr("%1 = %2 in the run from the start of this record. Back one phase (Shift+F11) "
               "undoes it.")
                .arg(name, screenNumber(value, 6)),
            10000);
    });
    connect(m_whatIf, &WhatIfPanel::editStarted, this, [this] {
        if (m_snapshot && m_snapshot->running)
            drivenSession()->pause(); // "training pauses while editing"
    });
}

void MainWindow::selectEdge(int layer, int node, int input) {
    m_graph->setSelectedEdge(layer, node, input);
    m_inspector->showEdge(layer, node, input);
    m_whatIf->showTarget({layer, node, input});
}

} // namespace bp
