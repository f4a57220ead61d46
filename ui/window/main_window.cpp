// The window's construction: actions, menus, settings, presentation mode and palette
// (the widgets and docks: main_window_docks.cpp).
#include "window/main_window.h"

#include "graph/graph_scroll_area.h"
#include "style/screen_text.h"
#include "teaching/lesson_host.h"
#include "teaching/lesson_panel.h"
#include "teaching/lesson_runner.h"
#include "window/wheel_guard.h"

#include "boundary/decision_boundary_view.h"
#include "charts/loss_chart_panel.h"
#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "panels/architecture_panel.h"
#include "panels/controls_panel.h"
#include "panels/records_table.h"
#include "session/training_session.h"
#include "style/app_palette.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QMenuBar>
#include <QSettings>
#include <QShowEvent>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTimer>

namespace bp {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Backprop Studio"));
    m_normalFont = QApplication::font();
    m_session = new TrainingSession(this);
    new WheelGuard(this); // the wheel scrolls the docks, not the spin box under the pointer
    createActions();
    createWidgets();
    createMenus();
    connectSession();
    connectDiff();
    connectWhatIf();
    connectPaint();
    connectHealth();
    createLessons();
    m_autosave = new Autosave(
        m_session, [this](const SavedRun& run) { return autosaveContent(run); }, this);
    connect(m_autosave, &Autosave::failed, this, [this](const QString& why) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(why), 10000);
    });
    restoreSettings();
    updateRunActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    createTrainActions();
    createViewActions();
    createForkActions();
}

void MainWindow::createTrainActions() {
    auto action = [this](const QString& text, const QKeySequence& key, const QString& tip) {
        auto* a = new QAction(text, this);
        a->setShortcut(key);
        a->setToolTip(QString("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        a->setStatusTip(tip);
        return a;
    };
    m_stepPhase = action(tr("Step &phase"), Qt::Key_F11,
                         tr("Run one phase: one layer forward, the loss, one layer backward, or "
                            "the update"));
    m_stepRecord = action(tr("Step &record"), Qt::Key_F10, tr("Run the current record to its end"));
    m_stepBatch = action(tr("Step &batch"), QKeySequence(Qt::CTRL | Qt::Key_F10),
                         tr("Run to the end of the current mini-batch's update"));
    m_stepEpoch = action(tr("Step &epoch"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F10),
                         tr("Run to the end of the epoch"));
    m_backPhase = action(tr("Back one p&hase"), QKeySequence(Qt::SHIFT | Qt::Key_F11),
                         tr("Rewind to the state before the last phase"));
    m_backRecord = action(tr("Back one rec&ord"), QKeySequence(Qt::SHIFT | Qt::Key_F10),
                          tr("Rewind to the state before the last record"));
    m_run = action(tr("&Run / continue"), Qt::Key_F5, tr("Train continuously at the set speed"));
    m_pause = action(tr("&Pause"), QKeySequence(Qt::SHIFT | Qt::Key_F5), tr("Pause training"));
    m_reset = action(tr("Rese&t"), QKeySequence(Qt::CTRL | Qt::Key_R),
                     tr("Back to the initial weights (the same seed gives the same weights)"));
    m_jump = action(tr("&Jump to record…"), QKeySequence(Qt::CTRL | Qt::Key_J),
                    tr("Move to the start of a record of this epoch"));
    m_gradcheck = action(tr("&Gradient check"), QKeySequence(Qt::CTRL | Qt::Key_G),
                         tr("Compare every ∂J/∂w of the current record with finite differences"));
    m_run->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_pause->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_stepRecord->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_stepPhase->setIcon(style()->standardIcon(QStyle::SP_ArrowRight));
    m_backRecord->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
    m_backPhase->setIcon(style()->standardIcon(QStyle::SP_ArrowLeft));
    m_reset->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));

    connect(m_stepPhase, &QAction::triggered, this, [this] { stepPhaseOrPredict(); });
    connect(m_stepRecord, &QAction::triggered, this, [this] { stepRecord(); });
    // To the run the toolbar's "Driving:" selector names (the main run without a fork).
    connect(m_stepBatch, &QAction::triggered, this, [this] { drivenSession()->stepBatch(); });
    connect(m_stepEpoch, &QAction::triggered, this, [this] { drivenSession()->stepEpoch(); });
    connect(m_backPhase, &QAction::triggered, this,
            [this] { drivenSession()->stepBack(StepUnit::Phase); });
    connect(m_backRecord, &QAction::triggered, this,
            [this] { drivenSession()->stepBack(StepUnit::Record); });
    connect(m_run, &QAction::triggered, this, [this] { drivenSession()->run(); });
    connect(m_pause, &QAction::triggered, this, [this] { drivenSession()->pause(); });
    connect(m_reset, &QAction::triggered, this, [this] {
        if (drivenSession() == m_session)
            m_chart->clear(); // a fork's reset rewinds its overlay (rewound)
        drivenSession()->reset();
    });
    connect(m_jump, &QAction::triggered, this, &MainWindow::jumpToRecordDialog);
    connect(m_gradcheck, &QAction::triggered, this, &MainWindow::gradientCheckDialog);
}

void MainWindow::createViewActions() {
    m_showDJdz = new QAction(tr("Show ∂J/∂z instead of δ = ∂J/∂x on nodes"), this);
    m_showDJdz->setCheckable(true);
    m_showDJdz->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_edgeGradient = new QAction(tr("Colour edges by ∂J/∂w instead of w"), this);
    m_edgeGradient->setCheckable(true);
    m_edgeGradient->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_presentation = new QAction(tr("&Presentation mode (large fonts)"), this);
    m_presentation->setCheckable(true);
    m_presentation->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_dark = new QAction(tr("&Dark palette"), this);
    m_dark->setCheckable(true);
    connect(m_presentation, &QAction::toggled, this, &MainWindow::setPresentationMode);
    // Zoom of the graph (the graph area is made in createWidgets, after the actions).
    m_zoomIn = new QAction(tr("Zoom &in"), this);
    m_zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    m_zoomOut = new QAction(tr("Zoom &out"), this);
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);
    m_zoomFit = new QAction(tr("&Fit the graph to the window"), this);
    m_zoomFit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    for (QAction* a : {m_zoomIn, m_zoomOut, m_zoomFit})
        addAction(a); // the shortcuts work with the menu bar hidden too
    connect(m_zoomIn, &QAction::triggered, this, [this] { m_graphArea->zoomIn(); });
    connect(m_zoomOut, &QAction::triggered, this, [this] { m_graphArea->zoomOut(); });
    connect(m_zoomFit, &QAction::triggered, this, [this] { m_graphArea->zoomToFit(); });
    connect(m_dark, &QAction::toggled, this, &MainWindow::setDarkPalette);
}

void MainWindow::fitDocks() {
    const int em = fontMetrics().horizontalAdvance('m');
    // The graph keeps about half the width: room for 8-node layers' labels and values.
    // In presentation mode the graph keeps nearly three quarters (setPresentationMode).
    const int inspector = m_presentation->isChecked() ? width() * 27 / 100 : em * 28;
    resizeDocks({m_controlsDock, m_inspectorDock}, {em * 33, inspector}, Qt::Horizontal);
    resizeDocks({m_chartDock}, {height() / 3}, Qt::Vertical); // the charts' labels need it
}

void MainWindow::wholeDockTabs() {
    // "Decision bound…" under a projector's font: the docks' tabs keep their whole
    // titles and scroll when they do not fit.
    for (QTabBar* bar : findChildren<QTabBar*>(QString(), Qt::FindDirectChildrenOnly)) {
        bar->setElideMode(Qt::ElideNone);
        bar->setUsesScrollButtons(true);
    }
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    QTimer::singleShot(0, this, &MainWindow::wholeDockTabs);
    if (!m_docksFitted && !m_stateRestored) // once the window is laid out at its real size
        QTimer::singleShot(0, this, &MainWindow::fitDocks);
    m_docksFitted = true;
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open dataset…"), QKeySequence::Open, this, &MainWindow::openDatasetDialog);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    file->addSeparator();
    file->addAction(tr("Open &model…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                    &MainWindow::openModelDialog);
    file->addAction(tr("&Save model…"), QKeySequence::Save, this, &MainWindow::saveModelDialog);
    file->addAction(tr("Res&tore session…"), this, &MainWindow::restoreSessionDialog);
    file->addSeparator();
    QMenu* exportMenu = file->addMenu(tr("&Export"));
    exportMenu->addAction(tr("Graph as &PNG…"), this, [this] { exportGraph(false); });
    exportMenu->addAction(tr("Graph as &SVG…"), this, [this] { exportGraph(true); });
    exportMenu->addAction(tr("Loss &chart as PNG…"), this, &MainWindow::exportChart);
    exportMenu->addAction(tr("Step &trace as CSV…"), this, &MainWindow::exportTrace);
    exportMenu->addAction(tr("Training p&oints as CSV…"), this, &MainWindow::exportPointsDialog);
    exportMenu->addAction(tr("Model as &ONNX…"), this, &MainWindow::exportOnnxDialog);
    addWorksheetActions(file);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* d : findChildren<QDockWidget*>())
        m_viewMenu->addAction(d->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addActions({m_showDJdz, m_edgeGradient});
    m_viewMenu->addSeparator();
    m_viewMenu->addActions({m_presentation, m_dark});
    m_viewMenu->addSeparator();
    m_viewMenu->addActions({m_zoomIn, m_zoomOut, m_zoomFit});

    QMenu* train = menuBar()->addMenu(tr("&Train"));
    train->addActions({m_stepPhase, m_stepRecord, m_stepBatch, m_stepEpoch});
    train->addSeparator();
    train->addActions({m_backPhase, m_backRecord});
    train->addSeparator();
    train->addActions({m_run, m_pause, m_reset, m_jump});
    train->addSeparator();
    train->addAction(m_gradcheck);
    addForkMenu(train);
    addLessonsMenu(train);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Guide"), QKeySequence::HelpContents, this, &MainWindow::showGuide);
    help->addAction(tr("&About Backprop Studio"), this, &MainWindow::showAbout);
    rebuildRecentMenu();
}

void MainWindow::restoreSettings() {
    QSettings s;
    resize(1400, 900);
    restoreGeometry(s.value("window/geometry").toByteArray());
    m_stateRestored = restoreState(s.value("window/state").toByteArray());
    m_dark->setChecked(s.value("view/dark", false).toBool());
    m_presentation->setChecked(s.value("view/presentation", false).toBool());
    m_controls->setSpeed(s.value("train/speed", 0.0).toDouble());
    m_architecture->setPrecision(
        precisionFromString(s.value("train/precision").toString().toStdString())
            .value_or(Precision::Double)); // the presets below use it
    const QString file = s.value("data/file").toString();
    bool loaded = false;
    if (!file.isEmpty()) {
        DataSource c = m_experiment.data;
        c.file = file.toStdString();
        c.builtin.clear();
        loaded = loadPreset(s.value("data/preset", "xor").toString()) && loadData(c);
    }
    if (!loaded)
        loadPreset(s.value("data/preset", "xor").toString());
}

void MainWindow::saveSettings() const {
    QSettings s;
    s.setValue("window/geometry", saveGeometry());
    s.setValue("window/state", saveState());
    s.setValue("view/dark", m_dark->isChecked());
    s.setValue("view/presentation", m_presentation->isChecked());
    s.setValue("train/speed", m_controls->speed());
    s.setValue("train/precision", QString::fromStdString(toString(m_experiment.precision)));
    s.setValue("data/file", QString::fromStdString(m_experiment.data.file));
    if (m_experiment.data.file.empty())
        s.setValue("data/preset", QString::fromStdString(m_experiment.data.builtin));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    m_session->pause();
    m_autosave->finish(); // the session as it stands, on disk before the window goes
    event->accept();
}

void MainWindow::setPresentationMode(bool on) {
    QFont f = m_normalFont;
    if (on)
        f.setPointSizeF(f.pointSizeF() * kPresentationScale);
    QApplication::setFont(f);
    m_graph->setPresentationMode(on);
    m_inspector->setPresentationMode(on);
    m_chart->setPresentationMode(on);
    m_records->setPresentationMode(on);
    m_boundary->setPresentationMode(on);
    // On a projector the graph and the inspector get the room: the side and bottom
    // docks step aside (the toolbar and the debugger keys still drive training) and
    // come back as they were. A lesson in progress stays: the class follows it.
    if (on && m_hiddenForPresentation.isEmpty()) {
        for (QDockWidget* d : findChildren<QDockWidget*>())
            if (d != m_inspectorDock && d != m_boundaryDock && !d->isHidden() &&
                !(d == m_lessonsDock && m_lessonPanel->runner()->hasLesson())) {
                m_hiddenForPresentation << d;
                d->hide();
            }
    } else if (!on) {
        for (QDockWidget* d : std::as_const(m_hiddenForPresentation))
            d->show();
        m_hiddenForPresentation.clear();
    }
    placeLessonsForPresentation(on);
    if (on) // the numbers are the point: the graph keeps nearly three quarters of the width
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_inspectorDock}, {width() * 27 / 100}, Qt::Horizontal);
        });
    QTimer::singleShot(0, this, &MainWindow::wholeDockTabs);
    if (m_presentation->isChecked() != on)
        m_presentation->setChecked(on);
}

void MainWindow::setDarkPalette(bool on) {
    QApplication::setPalette(on ? darkPalette() : QApplication::style()->standardPalette());
    if (m_dark->isChecked() != on)
        m_dark->setChecked(on);
}

} // namespace bp
