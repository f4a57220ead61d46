// The Layer health dock and the graph's health marks: the session's health samples
// (TrainingSession::healthSampled) into the dock's charts and histograms and, the
// newest, onto the graph (dead and saturated units); sampling on while the dock is
// shown or the marks are (View → Show dead and saturated units).
#include "window/main_window.h"

#include "charts/health_panel.h"
#include "graph/network_view.h"
#include "session/training_session.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>

namespace bp {

void MainWindow::createHealthDock() {
    m_healthPanel = new HealthPanel;
    m_healthDock = new QDockWidget(tr("Layer health"), this);
    m_healthDock->setObjectName(QStringLiteral("health")); // for saveState/restoreState
    m_healthDock->setWidget(m_healthPanel);
    m_healthPanel->setActive(false); // until its tab is in front (visibilityChanged)
    addDockWidget(Qt::BottomDockWidgetArea, m_healthDock);
}

void MainWindow::connectHealth() {
    m_showHealthMarks = new QAction(tr("Show &dead and saturated units"), this);
    m_showHealthMarks->setCheckable(true);
    m_showHealthMarks->setChecked(true);
    m_showHealthMarks->setToolTip(
        tr("Marks ReLU units that were dead (z \u2264 0) and sigmoid or tanh units that were "
           "saturated on every record of the newest health window; the session samples "
           "while this is on or the Layer health dock is shown."));
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_showHealthMarks);
    connect(m_showHealthMarks, &QAction::toggled, this, [this](bool on) {
        m_graph->setShowHealthMarks(on);
        updateHealthSampling();
    });
    connect(m_healthDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        m_healthDockShown = visible;
        m_healthPanel->setActive(visible);
        updateHealthSampling();
    });
    connect(m_healthPanel, &HealthPanel::samplingChanged, this,
            [this](long, long) { updateHealthSampling(); });
    connect(m_session, &TrainingSession::healthSampled, this,
            [this](std::shared_ptr<const HealthSamples> batch) {
                if (!batch || batch->samples.empty())
                    return;
                m_healthPanel->addSamples(0, batch);
                // The newest, sharing the batch (no copy): the graph's marks, while the
                // main run is the one shown.
                if (m_drivenRun == 0)
                    m_graph->setHealthMarks(
                        std::shared_ptr<const HealthSample>(batch, &batch->samples.back()));
            });
    connect(m_session, &TrainingSession::rewound, this, [this](long kept, int) {
        m_healthPanel->rewind(0, kept);
        // Marks of a window the timeline went back before (or a new setup: kept 0) go.
        const std::shared_ptr<const HealthSample> marks = m_graph->healthMarks();
        if (m_drivenRun == 0 && marks && marks->last > kept)
            m_graph->setHealthMarks(m_healthPanel->history(0).newest());
    });
    updateHealthSampling();
}

void MainWindow::updateHealthSampling() {
    const bool on = m_healthDockShown || m_showHealthMarks->isChecked();
    const HealthSampler wanted{m_healthPanel->interval(), m_healthPanel->window()};
    if (m_healthSamplingSent && m_healthSamplingOn == on &&
        m_healthSampling.interval == wanted.interval && m_healthSampling.window == wanted.window)
        return;
    m_healthSamplingSent = true;
    m_healthSamplingOn = on;
    m_healthSampling = wanted;
    m_session->setHealthSampling(on, wanted.interval, wanted.window);
}

} // namespace bp
