// The Lessons dock and predict-then-check (docs/teaching.md): the window as the host a
// lesson drives (LessonHost), the Lessons menu, and Train → Predict before each phase.
#include "window/main_window.h"

#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "io/model_file.h"
#include "panels/dataset_panel.h"
#include "session/training_session.h"
#include "teaching/lesson_host.h"
#include "teaching/lesson_panel.h"
#include "teaching/lesson_runner.h"
#include "teaching/predict_box.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

namespace bp {

// The window's side of a lesson: the same commands the menus and docks run.
class WindowLessonHost : public LessonHost {
public:
    explicit WindowLessonHost(MainWindow* w) : m_w(w) {}

    QString openLessonData(const LessonAction& open, const QString& lessonDir) override {
        return m_w->openLessonData(open, lessonDir);
    }
    quint64 settleTicket() override { return m_w->drivenSession()->pause(); }
    quint64 stepLesson(LessonAction::Unit unit) override {
        TrainingSession* s = m_w->drivenSession();
        switch (unit) {
        case LessonAction::Unit::Phase:
            return s->stepPhase();
        case LessonAction::Unit::Record:
            return s->stepRecord();
        case LessonAction::Unit::Batch:
            return s->stepBatch();
        case LessonAction::Unit::Epoch:
            return s->stepEpoch();
        }
        return s->stepPhase();
    }
    void selectLessonItem(const LessonAction& a) override {
        const RecordQuantity& q = a.quantity;
        if (a.isEdge) {
            m_w->m_graph->setSelectedEdge(q.layer, q.node, q.column);
            m_w->m_inspector->showEdge(q.layer, q.node, q.column);
        } else {
            m_w->selectNode(q.layer, q.node);
        }
    }
    bool showLessonDock(const QString& title) override {
        for (QDockWidget* d : m_w->findChildren<QDockWidget*>())
            if (d->windowTitle().compare(title, Qt::CaseInsensitive) == 0) {
                d->show();
                d->raise();
                return true;
            }
        return false;
    }
    std::shared_ptr<const Snapshot> lessonSnapshot() const override { return m_w->m_snapshot; }

private:
    MainWindow* m_w;
};

void MainWindow::createLessons() {
    m_lessonHost = std::make_unique<WindowLessonHost>(this);
    m_lessonPanel = new LessonPanel(m_lessonHost.get());
    m_lessonsDock = new QDockWidget(tr("Lessons"), this);
    m_lessonsDock->setObjectName(QStringLiteral("lessons")); // for saveState/restoreState
    m_lessonsDock->setWidget(m_lessonPanel);
    // Beside the Controls (on the left), so that the Inspector stays in view in a lesson.
    addDockWidget(Qt::LeftDockWidgetArea, m_lessonsDock);
    tabifyDockWidget(m_controlsDock, m_lessonsDock);
    m_controlsDock->raise();
    m_viewMenu->addAction(m_lessonsDock->toggleViewAction());
    connect(m_lessonPanel, &LessonPanel::lessonOpened, this, [this] {
        if (m_presentation->isChecked())
            placeLessonsForPresentation(true);
    });
}

void MainWindow::placeLessonsForPresentation(bool on) {
    // Decided: a tab beside the Inspector, in front. The graph keeps its width and height
    // (under the graph the lesson's text and checks took half the height); the Inspector
    // is a tab away, and the predict box shows the equation it graded.
    if (on && m_lessonPanel->runner()->hasLesson() && !m_lessonsBesideInspector) {
        m_lessonsBesideInspector = true;
        addDockWidget(Qt::RightDockWidgetArea, m_lessonsDock);
        tabifyDockWidget(m_inspectorDock, m_lessonsDock);
        m_lessonsDock->show();
        m_lessonsDock->raise();
    } else if (!on && m_lessonsBesideInspector) {
        m_lessonsBesideInspector = false;
        addDockWidget(Qt::LeftDockWidgetArea, m_lessonsDock);
        tabifyDockWidget(m_controlsDock, m_lessonsDock);
        m_lessonsDock->raise();
        m_inspectorDock->raise();
    }
}

void MainWindow::addLessonsMenu(QMenu* train) {
    m_predictEachPhase = new QAction(tr("Predict before each &phase"), this);
    m_predictEachPhase->setCheckable(true);
    m_predictEachPhase->setToolTip(
        tr("Step phase first asks you for a value the phase computes (the selected node's, "
           "else node 1 of the layer), then runs it and grades your answer"));
    train->addSeparator();
    train->addAction(m_predictEachPhase);
    QMenu* lessons = menuBar()->addMenu(tr("&Lessons"));
    for (const std::string& path : builtinLessonPaths()) {
        QString title = QDir(QString::fromStdString(path)).dirName();
        try {
            title = QString::fromStdString(loadLesson(path).title);
        } catch (const std::exception&) { // opening it says what is wrong
        }
        lessons->addAction(title, this, [this, p = QString::fromStdString(path)] {
            m_lessonsDock->show();
            m_lessonsDock->raise();
            m_lessonPanel->openLesson(p);
        });
    }
    lessons->addSeparator();
    lessons->addAction(tr("&Open lesson file…"), this, [this] {
        m_lessonsDock->show();
        m_lessonsDock->raise();
        m_lessonPanel->openLessonDialog();
    });
    lessons->addAction(m_predictEachPhase);
}

QString MainWindow::openLessonData(const LessonAction& open, const QString& lessonDir) {
    if (!open.preset.empty()) {
        const QString name = QString::fromStdString(open.preset);
        if (!presetNames().contains(presetTitle(name)))
            return tr("there is no preset '%1': expected one of %2")
                .arg(name, presetNames().join(", "));
        return loadPreset(name) ? QString() : loadErrorText();
    }
    const QDir dir(lessonDir);
    DataSource c;
    c.builtin.clear();
    c.file = QDir::cleanPath(dir.absoluteFilePath(QString::fromStdString(open.data))).toStdString();
    for (const QString& t : QString::fromStdString(open.targets).split(',', Qt::SkipEmptyParts))
        c.load.targets.push_back(t.trimmed().toStdString());
    c.trainShare = 1; // a lesson's records are all training records, in the file's order
    c.shuffle = false;
    Experiment e = experimentFor(c);
    e.fitToData = true;
    if (!open.model.empty()) {
        try {
            e.model =
                loadModel(QDir::cleanPath(dir.absoluteFilePath(QString::fromStdString(open.model)))
                              .toStdString());
        } catch (const std::exception& error) {
            return QString::fromStdString(error.what());
        }
        e.fitToData = false;
        if (e.model->hyper)
            e.hyper = *e.model->hyper;
    }
    if (!apply(e))
        return loadErrorText();
    m_datasetPanel->setChoice(e.data);
    m_datasetPanel->setPresetInUse({});
    return {};
}

void MainWindow::stepPhaseOrPredict() {
    const std::shared_ptr<const Snapshot> s = m_snapshot;
    if (!m_predictEachPhase->isChecked() || !s || s->running || m_lessonPanel->runner()->busy()) {
        stepPhase();
        return;
    }
    // The value the next phase computes, at the selected node or edge when it is in the
    // phase's layer, else at node 1 (w_{1,1}(L) for the update).
    const Phase p = s->nextPhase;
    const GraphItem sel = m_graph->selection();
    RecordQuantity q;
    q.layer = p.layer;
    q.node = sel.isNode() && sel.layer == p.layer ? sel.node : 1;
    switch (p.kind) {
    case Phase::Kind::Forward:
        q.kind = RecordQuantity::Kind::Z;
        break;
    case Phase::Kind::Loss:
        q.kind = RecordQuantity::Kind::J;
        break;
    case Phase::Kind::Backward:
        q.kind = RecordQuantity::Kind::DJdz;
        break;
    case Phase::Kind::Update:
        q.kind = RecordQuantity::Kind::W;
        q.layer = sel.isEdge() ? sel.layer : s->network.depth();
        q.node = sel.isEdge() ? sel.node : 1;
        q.column = sel.isEdge() ? sel.input : 1;
        break;
    }
    m_lessonsDock->show();
    m_lessonsDock->raise();
    m_lessonPanel->runner()->predictNextPhase(q);
}

} // namespace bp
