// The window's widgets: the graph in the middle, the docks around it, the toolbar and
// the status bar, and how they are wired to each other and to the session.
#include "graph/graph_scroll_area.h"
#include "window/main_window.h"

#include "boundary/decision_boundary_view.h"
#include "charts/loss_chart_panel.h"
#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "panels/architecture_panel.h"
#include "panels/controls_panel.h"
#include "panels/dataset_panel.h"
#include "panels/records_table.h"
#include "session/training_session.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QScrollArea>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

namespace bp {

namespace {
QDockWidget* dock(QMainWindow* w, const QString& title, const QString& name, QWidget* content,
                  Qt::DockWidgetArea area, bool scroll = false) {
    auto* d = new QDockWidget(title, w);
    d->setObjectName(name); // for saveState/restoreState
    if (scroll) {
        auto* area = new QScrollArea;
        area->setWidget(content);
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        d->setWidget(area);
    } else {
        d->setWidget(content);
    }
    w->addDockWidget(area, d);
    return d;
}

// Whether Apply in the Architecture dock keeps the weights of the model the run started
// from (`prepared`: an opened model's): the same layer sizes and activations, the same
// init and seed. A new seed or init (or another shape) draws new random weights, which
// is how a model's are dropped. A run from random weights draws them again from its seed.
bool keepsModelWeights(const Experiment& asked, const PreparedExperiment& prepared) {
    if (!prepared.experiment.model)
        return false;
    const Experiment& now = prepared.experiment;
    const Architecture has = architectureOf(prepared.network);
    const Architecture& a = asked.architecture;
    if (a.sizes != has.sizes || asked.data.seed != now.data.seed ||
        a.init != now.architecture.init ||
        (a.init == Init::Uniform && a.uniformRange != now.architecture.uniformRange))
        return false;
    for (int k = 1; k < int(has.sizes.size()); ++k)
        if (a.activationOf(k) != has.activationOf(k))
            return false;
    return true;
}
} // namespace

void MainWindow::createWidgets() {
    createGraphArea();
    createDocks();
    createToolbar();
    createStatusBar();
    connectViews();
    connectPanels();
}

void MainWindow::createGraphArea() {
    m_graph = new NetworkView;
    auto* centre = new QWidget;
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    m_loadError = new QLabel;
    m_loadError->setWordWrap(true);
    m_loadError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_loadError->setStyleSheet("QLabel { background: #fdecea; color: #7a1c12; padding: 6px; "
                               "border-bottom: 1px solid #c0392b; }");
    m_loadError->hide();
    centreLayout->addWidget(m_loadError);
    m_graphArea = new GraphScrollArea(m_graph);
    centreLayout->addWidget(m_graphArea, 1);
    setCentralWidget(centre);
}

void MainWindow::createDocks() {
    m_inspector = new InspectorPanel;
    m_chart = new LossChartPanel;
    m_records = new RecordsTable;
    m_boundary = new DecisionBoundaryView;
    m_controls = new ControlsPanel({m_stepPhase, m_stepRecord, m_stepBatch, m_stepEpoch,
                                    m_backPhase, m_backRecord, m_run, m_pause, m_reset, m_jump});
    m_datasetPanel = new DatasetPanel;
    m_architecture = new ArchitecturePanel;

    QDockWidget* controls = m_controlsDock =
        dock(this, tr("Controls"), "controls", m_controls, Qt::LeftDockWidgetArea, true);
    QDockWidget* data =
        dock(this, tr("Dataset"), "dataset", m_datasetPanel, Qt::LeftDockWidgetArea, true);
    QDockWidget* arch = dock(this, tr("Architecture"), "architecture", m_architecture,
                             Qt::LeftDockWidgetArea, true);
    // Never narrower than the Controls' buttons: a cut "Step rec…" reads as broken.
    controls->setMinimumWidth(m_controls->sizeHint().width() +
                              style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 8);
    tabifyDockWidget(data, arch);
    tabifyDockWidget(arch, controls);
    controls->raise();
    QDockWidget* inspector = m_inspectorDock =
        dock(this, tr("Inspector"), "inspector", m_inspector, Qt::RightDockWidgetArea);
    QDockWidget* chart = m_chartDock =
        dock(this, tr("Loss and metrics"), "loss", m_chart, Qt::BottomDockWidgetArea);
    QDockWidget* records =
        dock(this, tr("Records"), "records", m_records, Qt::BottomDockWidgetArea);
    m_boundaryDock =
        dock(this, tr("Decision boundary"), "boundary", m_boundary, Qt::RightDockWidgetArea);
    tabifyDockWidget(inspector, m_boundaryDock);
    createWhatIfDock();
    tabifyDockWidget(m_boundaryDock, m_whatIfDock);
    inspector->raise();
    tabifyDockWidget(chart, records);
    createDiffDock();
    tabifyDockWidget(records, m_diffDock);
    createHealthDock();
    tabifyDockWidget(m_diffDock, m_healthDock);
    chart->raise();
}

void MainWindow::raiseDocks(const QStringList& titles) {
    for (QDockWidget* d : findChildren<QDockWidget*>())
        if (titles.contains(d->windowTitle())) {
            d->show();
            d->raise();
        }
}

void MainWindow::createToolbar() {
    auto* toolbar = addToolBar(tr("Train"));
    toolbar->setObjectName("trainToolbar");
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions(
        {m_backRecord, m_backPhase, m_stepPhase, m_stepRecord, m_run, m_pause, m_reset});
    addForkTools(toolbar); // Fork here and, with a fork, the "Driving:" selector
    toolbar->addSeparator();
    toolbar->addActions({m_showDJdz, m_edgeGradient});
}

void MainWindow::createStatusBar() {
    m_statusEpoch = new QLabel;
    m_statusRecord = new QLabel;
    m_statusPhase = new QLabel;
    m_statusLoss = new QLabel;
    m_statusSpeed = new QLabel;
    m_statusPause = new QLabel;
    for (QLabel* l : {m_statusEpoch, m_statusRecord, m_statusPhase, m_statusLoss, m_statusSpeed})
        statusBar()->addWidget(l);
    statusBar()->addWidget(m_statusPause, 1);
    m_statusPrecision = new QLabel;
    m_statusPrecision->setStyleSheet("QLabel { font-weight: bold; }");
    m_statusPrecision->setToolTip(
        tr("The session trains in float (Architecture → Precision). Every number on screen is "
           "the float value itself, shown as a double: it differs from a hand computation in "
           "double from about the 7th significant digit on."));
    m_statusPrecision->hide();
    statusBar()->addPermanentWidget(m_statusPrecision);
}

// A click in the graph, the boundary or the records shows that node, edge or record;
// the toolbar's toggles choose what the graph's rings and edges measure.
void MainWindow::connectViews() {
    connect(m_graph, &NetworkView::nodeClicked, this, [this](int k, int i) {
        m_graph->setSelectedNode(k, i);
        m_inspector->showNode(k, i);
    });
    connect(m_graph, &NetworkView::edgeClicked, this, [this](int k, int i, int j) {
        m_graph->setSelectedEdge(k, i, j);
        m_inspector->showEdge(k, i, j);
    });
    connect(m_boundary, &DecisionBoundaryView::neuronActivated, this, &MainWindow::selectNode);
    connect(m_records, &RecordsTable::recordActivated, this, [this](long index) {
        // The table lists dataset records: jump to wherever that record sits in this epoch.
        drivenSession()->jumpToDatasetRecord(index);
    });
    connect(m_showDJdz, &QAction::toggled, this, [this](bool on) {
        m_graph->setNodeMeasure(on ? NodeMeasure::DJdz : NodeMeasure::Delta);
    });
    connect(m_edgeGradient, &QAction::toggled, this, [this](bool on) {
        m_graph->setEdgeMeasure(on ? EdgeMeasure::Gradient : EdgeMeasure::Weight);
    });
}

// The Controls, Dataset and Architecture docks drive the session and the data.
void MainWindow::connectPanels() {
    connect(m_controls, &ControlsPanel::speedChanged, m_session, &TrainingSession::setSpeed);
    connect(m_controls, &ControlsPanel::breakpointsChanged, m_session,
            &TrainingSession::setBreakpoints);
    connect(m_datasetPanel, &DatasetPanel::presetChosen, this, &MainWindow::loadPreset);
    connect(m_datasetPanel, &DatasetPanel::loadRequested, this, &MainWindow::openData);
    connect(m_datasetPanel, &DatasetPanel::openFileRequested, this, &MainWindow::openDatasetDialog);
    connect(m_architecture, &ArchitecturePanel::applyRequested, this, [this] {
        Experiment e = m_experiment;
        e.architecture = m_architecture->architecture();
        e.hyper = m_architecture->hyper();
        e.data.seed = m_architecture->seed();
        e.precision = m_architecture->precision();
        if (keepsModelWeights(e, m_prepared)) {
            // Only the loss, the hyper-parameters or the precision changed: the run starts
            // again from the model's weights, e.g. an opened ONNX model's (the file holds
            // no loss: the dock says which), with the data as prepared for it.
            try {
                validate(e.architecture); // cross-entropy needs sigmoid or softmax outputs
            } catch (const std::exception& error) {
                showLoadError(QString::fromStdString(error.what()));
                return;
            }
            Network start = m_prepared.network;
            start.loss = e.architecture.loss;
            e.model = m_prepared.modelFor(start, e.hyper);
            e.loaded = m_prepared.all;
            e.fitToData = false;
        }
        const Network before = m_prepared.network; // (shape, activations, loss, weights)
        if (apply(e) && !(m_prepared.network == before))
            m_datasetPanel->setPresetInUse({}); // the preset's data, the user's network
    });
    connect(m_architecture, &ArchitecturePanel::hyperChanged, this, [this](const Hyper& h) {
        m_experiment.hyper = h;
        m_session->setHyper(h);
    });
}

} // namespace bp
