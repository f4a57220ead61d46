#pragma once
// The Backprop Studio window: the network graph in the middle, docks around it
// (Controls, Dataset, Architecture & hyper-parameters, Inspector, Loss &
// metrics, Records, Decision boundary), menus, a toolbar and a status bar.
// Everything it shows comes from the training session's snapshots.
#include "math/gradient_check.h"
#include "math/layer_health.h"
#include "panels/presets.h"
#include "session/snapshot.h"
#include "window/autosave.h"

#include <memory>
#include <optional>
#include <QMainWindow>

class QAction;
class QComboBox;
class QDockWidget;
class QToolBar;
class QLabel;
class QMenu;

namespace bp {

class ArchitecturePanel;
class ControlsPanel;
class DatasetPanel;
class DecisionBoundaryView;
class InspectorPanel;
class LossChartPanel;
class GraphScrollArea;
class HealthPanel;
class NetworkView;
class RecordsTable;
class TrainingSession;
class WeightDiffPanel;
class WhatIfPanel;
class LessonHost;
class LessonPanel;
struct LessonAction;
struct WeightDiff;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a preset (a built-in dataset with a suitable network); false + the
    // message shown in the Dataset panel if it failed.
    bool loadPreset(const QString& name);
    // Loads data as chosen (a new file: with a network fitted to it); on error the
    // previous data stay. loadData waits for it; openData loads on a worker thread
    // with a progress dialog and Cancel, as the Dataset dock and File → Open do, and
    // emits dataOpened when done.
    bool loadData(const DataSource& choice);
    void openData(const DataSource& choice);
    bool openModel(const QString& path);
    bool saveModel(const QString& path);

    // The session's commands, as the Train menu runs them; each returns its ticket.
    quint64 stepPhase();
    quint64 stepRecord();
    // Waits (running the event loop) until the snapshot for `ticket` is on screen.
    bool waitForTicket(quint64 ticket, int timeoutMs = 10000);
    void selectNode(int layer, int node);
    void setPresentationMode(bool on);
    // Shows and raises the docks with these titles ("Weight diff", …), e.g. from --show.
    void raiseDocks(const QStringList& titles);
    void setDarkPalette(bool on);
    // Trains in `p` from now on: the Architecture panel shows it, and a different one
    // restarts the session from the setup's network (rounded to float for float), as
    // Apply does. Remembered with the other settings.
    void setPrecision(Precision p);
    Precision precision() const { return m_experiment.precision; }

    TrainingSession* session() const { return m_session; }
    NetworkView* graph() const { return m_graph; }
    GraphScrollArea* graphArea() const { return m_graphArea; }
    InspectorPanel* inspector() const { return m_inspector; }
    DatasetPanel* datasetPanel() const { return m_datasetPanel; }
    ArchitecturePanel* architecturePanel() const { return m_architecture; }
    LossChartPanel* lossChart() const { return m_chart; }
    WeightDiffPanel* diffPanel() const { return m_diffPanel; }
    std::shared_ptr<const Snapshot> snapshot() const { return m_snapshot; }
    const PreparedExperiment& prepared() const { return m_prepared; }
    QString statusText() const;
    QString loadErrorText() const; // the banner over the graph (empty: none shown)

    // The step trace of `records` records from the current one, to `path` (File →
    // Export → Step trace, after its dialogs); on a worker thread, emits traceExported.
    void exportTraceTo(const QString& path, int records);
    // The shown record's full step (main_window_worksheet.cpp): the one online step of
    // that record from the weights it started with, every phase's equations with the
    // engine's numbers, to `path` as Markdown, or LaTeX for .tex (text for .txt). With
    // `worksheet`, each result is left blank and, if `answersPath` is not empty, the answer
    // key goes there. False with `error` set when nothing could be written.
    bool exportStepTo(const QString& path, bool worksheet = false, const QString& answersPath = {},
                      QString* error = nullptr);
    // The last gradient check's report (empty before the first); it is also shown in
    // a message box.
    QString lastGradientCheck() const { return m_gradientCheckText; }

    // The autosave (main_window_autosave.cpp, docs/session.md): starts it (not in the
    // screenshot mode) and, if the app did not quit last time and `offer`, asks whether
    // to restore the session it left.
    void startAutosave(bool offer = true);
    Autosave* autosave() const { return m_autosave; }
    // Restores the session saved at `path` (File → Restore session…): reads it and
    // prepares its data off the GUI thread, then sets the session up and puts the run
    // where it was. No autosave is written meanwhile; an autosave that cannot be
    // restored is put aside (Autosave::putAside). Emits sessionRestored.
    void restoreSession(const QString& path);

signals:
    void dataOpened(bool ok);
    void sessionRestored(bool ok);
    void gradientCheckDone(); // the report is in lastGradientCheck()
    void traceExported(bool ok);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void createWidgets(); // main_window_docks.cpp
    void createGraphArea();
    void createDocks();
    void createToolbar();
    void createStatusBar();
    void connectViews();
    void connectPanels();
    void fitDocks(); // the default proportions: the graph gets most of the window
    void wholeDockTabs();
    void createActions();
    void createTrainActions();
    void createViewActions();
    void createMenus();
    void connectSession();
    void restoreSettings();
    void saveSettings() const;

    bool apply(const Experiment& e);                 // prepare + setup; errors: showLoadError
    void applyPrepared(const PreparedExperiment& p); // setup, and every view to the new data
    Experiment experimentFor(const DataSource& choice) const; // the Architecture dock's, on it
    // A file that failed to load: said over the graph, in the status bar and in the
    // Dataset dock (which may be behind another tab), until the next load succeeds.
    void showLoadError(const QString& message);
    void offerRestore(); // main_window_autosave.cpp
    std::optional<Autosave::Content> autosaveContent(const SavedRun& run) const;
    void restoreSessionDialog();
    void hideLoadError();
    void onSnapshot(std::shared_ptr<const Snapshot> s);
    void showNonFiniteOrigin(const Snapshot& s);
    void updateStatus();
    void updateRecordStatus(const Snapshot& s); // epoch, record, phase
    void updateRunStatus(const Snapshot& s);    // J, speed, pause, precision
    void updateTitle();
    void updateRunActions();
    void openDatasetDialog();
    void openModelDialog();
    void saveModelDialog();
    void exportOnnxDialog(); // File → Export → Model as ONNX… (float32)
    void exportGraph(bool svg);
    void exportChart();
    void exportTrace();
    void addWorksheetActions(QMenu* file); // File → Export step as…, worksheet and key
    void exportStepDialog(bool worksheet);
    void jumpToRecordDialog();
    void gradientCheckDialog();
    void showGradientCheck(long record, const GradientCheck& c, bool inFloat);
    void showGuide();
    void showAbout();
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();

    TrainingSession* m_session = nullptr;
    Autosave* m_autosave = nullptr;
    NetworkView* m_graph = nullptr;
    GraphScrollArea* m_graphArea = nullptr;
    QAction* m_zoomIn = nullptr;
    QAction* m_zoomOut = nullptr;
    QAction* m_zoomFit = nullptr;
    InspectorPanel* m_inspector = nullptr;
    LossChartPanel* m_chart = nullptr;
    RecordsTable* m_records = nullptr;
    DecisionBoundaryView* m_boundary = nullptr;
    ControlsPanel* m_controls = nullptr;
    DatasetPanel* m_datasetPanel = nullptr;
    ArchitecturePanel* m_architecture = nullptr;
    QDockWidget* m_boundaryDock = nullptr;

    QAction* m_stepPhase = nullptr;
    QAction* m_stepRecord = nullptr;
    QAction* m_stepBatch = nullptr;
    QAction* m_stepEpoch = nullptr;
    QAction* m_backPhase = nullptr;
    QAction* m_backRecord = nullptr;
    QAction* m_run = nullptr;
    QAction* m_pause = nullptr;
    QAction* m_reset = nullptr;
    QAction* m_jump = nullptr;
    QAction* m_gradcheck = nullptr;
    QAction* m_showDJdz = nullptr;
    QAction* m_edgeGradient = nullptr;
    QAction* m_presentation = nullptr;
    QAction* m_dark = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;

    QLabel* m_loadError = nullptr; // the banner over the graph
    QLabel* m_statusEpoch = nullptr;
    QLabel* m_statusRecord = nullptr;
    QLabel* m_statusPhase = nullptr;
    QLabel* m_statusLoss = nullptr;
    QLabel* m_statusSpeed = nullptr;
    QLabel* m_statusPause = nullptr;
    QLabel* m_statusPrecision = nullptr; // shown when the session computes in float

    Experiment m_experiment;
    PreparedExperiment m_prepared;
    std::shared_ptr<const Snapshot> m_snapshot;
    qint64 m_originShownAt = -1; // the time of the NaN/Inf pause whose origin was selected
    QString m_modelPath;
    QString m_gradientCheckText;
    QFont m_normalFont;
    bool m_stateRestored = false; // a saved dock layout was restored
    bool m_docksFitted = false;
    QDockWidget* m_controlsDock = nullptr;
    QDockWidget* m_inspectorDock = nullptr;
    QDockWidget* m_chartDock = nullptr;
    QList<QDockWidget*> m_hiddenForPresentation;

    // --- layer health (main_window_health.cpp) ---
public:
    HealthPanel* healthPanel() const { return m_healthPanel; }
    QDockWidget* healthDock() const { return m_healthDock; }
    QAction* showHealthMarksAction() const { return m_showHealthMarks; }

private:
    void createHealthDock();
    void connectHealth();
    void updateHealthSampling(); // on while the dock is shown or the graph's marks are
    HealthPanel* m_healthPanel = nullptr;
    QDockWidget* m_healthDock = nullptr;
    QAction* m_showHealthMarks = nullptr;
    bool m_healthDockShown = false;
    bool m_healthSamplingSent = false;
    bool m_healthSamplingOn = false;
    HealthSampler m_healthSampling;

    // --- fork (main_window_fork.cpp) ---
public:
    // Train → Fork here…: pauses the run and asks for the fork's hyper-parameters.
    void forkHereDialog();
    // Pauses the main run and forks it where it stands into a second session that trains
    // with `hyper` from there on (a fork already open is closed first); forkStarted(ok)
    // once the fork is set up.
    void forkWith(const Hyper& hyper);
    void closeFork(); // also on new data, a new setup, a restore and another precision
    TrainingSession* forkSession() const { return m_fork; }
    // Which run the Train commands go to and the graph, Inspector, Records and status bar
    // show: 0 the main run, 1 the fork. Shows that run's newest snapshot at once.
    void setDrivenRun(int run);
    int drivenRun() const { return m_drivenRun; }
    TrainingSession* drivenSession() const;
    void runBoth(int epochs = 0); // Train → Run both (epochs > 0: that many more epochs)
    void pauseBoth();
    QAction* forkAction() const { return m_forkHere; }
    QAction* closeForkAction() const { return m_closeFork; }

signals:
    void forkStarted(bool ok);

private:
    void createForkActions();
    void addForkTools(QToolBar* toolbar);
    void addForkMenu(QMenu* train);
    void startForkFrom(std::shared_ptr<const SavedRun> saved, const Hyper& hyper);
    void connectForkSession();
    void showSnapshot(std::shared_ptr<const Snapshot> s); // on the graph, Inspector, …
    void updateForkStatus();
    void updateForkActions();
    TrainingSession* m_fork = nullptr;
    Hyper m_forkHyper;               // asked for in Fork here…
    QObject* m_forkSource = nullptr; // the copy being taken (ForkSource)
    int m_drivenRun = 0;
    QAction* m_forkHere = nullptr;
    QAction* m_closeFork = nullptr;
    QAction* m_runBoth = nullptr;
    QAction* m_pauseBoth = nullptr;
    QAction* m_switchRun = nullptr;
    QAction* m_drivingTool = nullptr; // the toolbar's "Driving:" selector
    QComboBox* m_drivingBox = nullptr;
    QLabel* m_statusFork = nullptr;

    // --- weight diff (main_window_diff.cpp) ---
    void createDiffDock();
    void connectDiff();
    void connectDiffAnswers(TrainingSession* session);
    void diffMainAndFork();
    WeightDiffPanel* m_diffPanel = nullptr;
    QDockWidget* m_diffDock = nullptr;
    // The last main-vs-fork diff and the two snapshots it is of (not computed again for
    // the same two while it is on screen).
    std::shared_ptr<const WeightDiff> m_forkDiff;
    quint64 m_forkDiffMain = 0, m_forkDiffFork = 0;

    // --- lessons and predict-then-check (main_window_lessons.cpp, docs/teaching.md) ---
public:
    LessonPanel* lessonPanel() const { return m_lessonPanel; }
    QDockWidget* lessonsDock() const { return m_lessonsDock; }
    QAction* predictEachPhaseAction() const { return m_predictEachPhase; }
    // A lesson's `open` (LessonHost): the data file, then the model on it if one is named;
    // paths relative to `lessonDir`. Empty if done, else what went wrong.
    QString openLessonData(const LessonAction& open, const QString& lessonDir);

private:
    void createLessons();
    void addLessonsMenu(QMenu* train);
    void stepPhaseOrPredict(); // Step phase, asking first while Predict before each phase is on
    // A lesson in progress in presentation mode: a tab beside the Inspector.
    void placeLessonsForPresentation(bool on);
    bool m_lessonsBesideInspector = false;
    friend class WindowLessonHost;
    std::unique_ptr<LessonHost> m_lessonHost;
    LessonPanel* m_lessonPanel = nullptr;
    QDockWidget* m_lessonsDock = nullptr;
    QAction* m_predictEachPhase = nullptr;

    // --- painting the data (main_window_paint.cpp, the Decision boundary's Paint) ---
public:
    // A training point of class `cls` at plane point (x1, x2), in the units the plane
    // shows (the network's: normalised if the data were); a running session pauses
    // first. False (and a status message) if the data cannot take one.
    bool paintPoint(double x1, double x2, int cls);
    bool removePoint(long record); // training record `record` (a dataset index)
    // The training data, painted points included, in the units they were loaded in, as
    // CSV (csv_writer.h); false + a message box on an error.
    bool exportPoints(const QString& path);
    DecisionBoundaryView* boundaryView() const { return m_boundary; }

private:
    void connectPaint();
    void exportPointsDialog();
    void useTrainingData(std::shared_ptr<const Dataset> train, const QString& said);
    // The training data are not those prepareExperiment gives (points were painted or
    // removed): the autosave keeps the records themselves. Cleared by applyPrepared.
    bool m_trainingPainted = false;

    // --- what-if and the loss slice (main_window_whatif.cpp) ---
public:
    WhatIfPanel* whatIfPanel() const { return m_whatIf; }
    QDockWidget* whatIfDock() const { return m_whatIfDock; }
    // Selects w_{i,j}(k) in the graph, the Inspector and the What-if dock (--edge).
    void selectEdge(int layer, int node, int input);

private:
    void createWhatIfDock();
    void connectWhatIf();
    WhatIfPanel* m_whatIf = nullptr;
    QDockWidget* m_whatIfDock = nullptr;
};

} // namespace bp
