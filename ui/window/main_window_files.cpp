// The window's files and dialogs: datasets, models, exports, the guide.
#include "panels/jump_dialog.h"
#include "window/main_window.h"

#include "panels/background_task.h"

#include "charts/loss_chart_panel.h"
#include "graph/network_view.h"
#include "io/model_file.h"
#include "io/onnx_reader.h"
#include "io/onnx_writer.h"
#include "io/trace.h"
#include "math/error.h"
#include "math/gradient_check.h"
#include "panels/architecture_panel.h"
#include "panels/dataset_panel.h"
#include "session/training_session.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace bp {

namespace {
constexpr int kMaxRecent = 8;
}

void MainWindow::openDatasetDialog() {
    QSettings s;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open dataset"), s.value("data/lastDir").toString(),
        tr("Datasets (*.csv *.tsv *.txt *.data *.gz *-ubyte *idx*);;All files (*)"));
    if (path.isEmpty())
        return;
    s.setValue("data/lastDir", QFileInfo(path).absolutePath());
    m_datasetPanel->setFile(path);
    openData(m_datasetPanel->choice());
}

void MainWindow::addRecentFile(const QString& path) {
    QSettings s;
    QStringList recent = s.value("data/recent").toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    s.setValue("data/recent", recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value("data/recent").toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
            m_datasetPanel->setFile(path);
            openData(m_datasetPanel->choice());
        });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

bool MainWindow::openModel(const QString& path) {
    Model model;
    try {
        model = loadModel(path.toStdString());
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Open model"), QString::fromStdString(e.what()));
        return false;
    }
    // The data in use, prepared again for the model (core/io/experiment.h): its weights, its
    // normaliser and its class list, whatever the Dataset dock said before.
    Experiment e = m_experiment;
    e.model = model;
    e.loaded = m_prepared.all; // not read again
    e.fitToData = false;
    if (model.hyper)
        e.hyper = *model.hyper;
    PreparedExperiment p;
    try {
        p = prepareExperiment(e);
    } catch (const std::exception& error) {
        QMessageBox::warning(
            this, tr("Open model"),
            tr("%1 does not fit the data in use: %2 Load matching data first.")
                .arg(QFileInfo(path).fileName(), QString::fromStdString(error.what())));
        return false;
    }
    applyPrepared(p);
    m_modelPath = path;
    statusBar()->showMessage(tr("Loaded %1 (its normalisation: %2)")
                                 .arg(path, QString::fromStdString(toString(p.normalizer.kind))),
                             5000);
    return true;
}

bool MainWindow::saveModel(const QString& path) {
    const std::shared_ptr<const Snapshot> s = drivenSession()->latestSnapshot();
    if (!s || !m_prepared.all)
        return false;
    // The experiment's normaliser and classes (an opened model's own), the weights on screen.
    const Model m = m_prepared.modelFor(s->network, s->hyper);
    const bool onnx = isOnnxPath(path.toStdString()); // float32 weights, as runtimes expect
    try {
        if (onnx)
            saveOnnxModel(m, path.toStdString(), OnnxPrecision::Float);
        else
            bp::saveModel(m, path.toStdString());
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Save model"), QString::fromStdString(e.what()));
        return false;
    }
    if (onnx) { // an export: the model's own file stays what it was
        statusBar()->showMessage(tr("Exported %1 (ONNX, float32 weights)").arg(path), 5000);
        return true;
    }
    m_modelPath = path;
    // The model file holds doubles: a float session's weights, widened (exactly).
    statusBar()->showMessage(s->precision == Precision::Float
                                 ? tr("Saved %1 (the float weights, widened to double)").arg(path)
                                 : tr("Saved %1").arg(path),
                             5000);
    return true;
}

void MainWindow::openModelDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open model"), QString(),
        tr("Models (*.json *.onnx);;Backprop Studio models (*.json);;ONNX models, e.g. from "
           "torch.onnx.export (*.onnx);;All files (*)"));
    if (!path.isEmpty())
        openModel(path);
}

void MainWindow::saveModelDialog() {
    drivenSession()->pause();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save model"), m_modelPath.isEmpty() ? "model.json" : m_modelPath,
        tr("Models (*.json)"));
    if (!path.isEmpty())
        saveModel(path);
}

void MainWindow::exportOnnxDialog() {
    drivenSession()->pause();
    const QString base =
        m_modelPath.isEmpty() ? QStringLiteral("model") : QFileInfo(m_modelPath).completeBaseName();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export model as ONNX"),
                                                      base + ".onnx", tr("ONNX models (*.onnx)"));
    if (!path.isEmpty())
        saveModel(path.endsWith(".onnx", Qt::CaseInsensitive) ? path : path + ".onnx");
}

void MainWindow::exportGraph(bool svg) {
    const QString path = QFileDialog::getSaveFileName(
        this, svg ? tr("Export graph as SVG") : tr("Export graph as PNG"),
        svg ? "network.svg" : "network.png", svg ? tr("SVG (*.svg)") : tr("PNG (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = svg ? m_graph->exportSvg(path, &error) : m_graph->exportPng(path, &error);
    if (!ok)
        QMessageBox::warning(this, tr("Export"), error);
}

void MainWindow::exportChart() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export loss chart"), "loss.png", tr("PNG (*.png)"));
    QString error;
    if (!path.isEmpty() && !m_chart->exportPng(path, &error))
        QMessageBox::warning(this, tr("Export"), error);
}

void MainWindow::exportTrace() {
    // The trace of the next records, from the weights on screen, run on a copy of the
    // engine (the session does not move). Momentum velocity starts at zero in the copy.
    const std::shared_ptr<const Snapshot> s = drivenSession()->latestSnapshot();
    if (!s || !m_prepared.train)
        return;
    bool ok = false;
    const int records = QInputDialog::getInt(
        this, tr("Export step trace"),
        tr("Trace every phase of how many records, from the current one?"), 1, 1, 100000, 1, &ok);
    if (!ok)
        return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export step trace"), "trace.csv", tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    exportTraceTo(path, records);
}

void MainWindow::exportTraceTo(const QString& path, int records) {
    const std::shared_ptr<const Snapshot> s = drivenSession()->latestSnapshot();
    if (!s || !m_prepared.train)
        return;
    const std::shared_ptr<const Dataset> data = m_prepared.train;
    const Schedule schedule = m_prepared.schedule;
    // On a worker thread, from copies; the file appears only when every record is in
    // it (TraceWriter writes a temporary file and renames it on commit).
    runInBackground<bool>(
        this, tr("Writing the step trace of %1 records…").arg(records),
        [s, data, schedule, path, records](TaskControl& control) {
            TrainingRun run(s->network, data, s->hyper, schedule);
            run.seek(std::min<Eigen::Index>(s->position, run.recordsPerEpoch() - 1));
            TraceWriter trace(path.toStdString());
            for (int r = 0; r < records; ++r) {
                if (control.cancelled())
                    return false; // no commit: no file
                control.setProgress(static_cast<double>(r) / records);
                StepResult step;
                do {
                    step = run.stepPhase();
                    trace.write(run, step);
                } while (!step.recordDone);
            }
            trace.commit();
            return true;
        },
        [this, path, inFloat = s->precision == Precision::Float](TaskResult<bool> r) {
            const bool written = r.value.value_or(false) && !r.cancelled;
            if (written)
                statusBar()->showMessage(
                    inFloat ? tr("Wrote %1 (computed in double from the float weights on screen)")
                                  .arg(path)
                            : tr("Wrote %1").arg(path),
                    5000);
            else if (!r.error.isEmpty())
                QMessageBox::warning(this, tr("Export step trace"), r.error);
            else
                statusBar()->showMessage(tr("Step trace cancelled: nothing written."), 5000);
            emit traceExported(written);
        });
}

void MainWindow::jumpToRecordDialog() {
    if (!m_snapshot || !m_prepared.train)
        return;
    const Snapshot& s = *m_snapshot;
    const long shown = s.shownRecord;
    JumpDialog d(static_cast<long>(m_prepared.train->records()), s.recordsPerEpoch, shown,
                 s.position + 1, this);
    if (d.exec() != QDialog::Accepted)
        return;
    if (d.byIndex())
        drivenSession()->jumpToDatasetRecord(d.recordIndex());
    else
        drivenSession()->jumpToRecord(d.place() - 1);
}

void MainWindow::gradientCheckDialog() {
    const std::shared_ptr<const Snapshot> s = drivenSession()->latestSnapshot();
    if (!s || !m_prepared.train)
        return;
    const long r = s->shownRecord;
    // Copies: the check runs on a worker thread while training may go on.
    const Network net = s->network;
    const Vector x = m_prepared.train->inputs.column(r);
    const Vector y = m_prepared.train->targets.col(r);
    const bool inFloat = s->precision == Precision::Float;
    runInBackground<GradientCheck>(
        this, tr("Checking every ∂J/∂w of record %1 against finite differences…").arg(r),
        [net, x, y](TaskControl& control) {
            return gradientCheck(net, x, y, 1e-3, [&control](Eigen::Index done, Eigen::Index all) {
                control.setProgress(static_cast<double>(done) / static_cast<double>(all));
                return !control.cancelled();
            });
        },
        [this, r, inFloat](TaskResult<GradientCheck> result) {
            if (result.value)
                showGradientCheck(r, *result.value, inFloat);
            else
                statusBar()->showMessage(tr("Gradient check failed: %1").arg(result.error), 8000);
        });
}

void MainWindow::showGradientCheck(long r, const GradientCheck& c, bool inFloat) {
    QString text = tr("Record %1: %2 of %3 weights checked against central finite differences.\n\n"
                      "Worst relative error %4 at w_{%5,%6}(%7):\nbackprop %8\nnumeric  %9\n\n%10")
                       .arg(r)
                       .arg(c.weightsChecked)
                       .arg(c.weightsTotal)
                       .arg(c.worstRelativeError, 0, 'g', 3)
                       .arg(c.i + 1)
                       .arg(c.j)
                       .arg(c.layer)
                       .arg(c.backprop, 0, 'g', 12)
                       .arg(c.numeric, 0, 'g', 12)
                       .arg(c.worstRelativeError < 1e-6 ? tr("Backprop agrees with the numbers.")
                                                        : tr("DISAGREEMENT: check this weight."));
    if (c.weightsChecked == 0)
        text = tr("Record %1: the check was cancelled before the first weight.").arg(r);
    else if (c.stopped())
        text += tr("\nCancelled: the other %1 weights were not checked.")
                    .arg(c.weightsTotal - c.weightsChecked);
    if (c.weightsAtKink > 0)
        text += tr("\n%1 weight(s) sit at a ReLU corner (z = 0) and were skipped.")
                    .arg(c.weightsAtKink);
    if (inFloat)
        text += tr("\n\nThe session trains in float; this check runs in double on its weights "
                   "widened to double (exactly), so it checks the backprop equations, not float "
                   "rounding.");
    m_gradientCheckText = text;
    auto* box = new QMessageBox(QMessageBox::Information, tr("Gradient check"), text,
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // not exec(): the window and the session go on
    emit gradientCheckDone();
}

void MainWindow::showGuide() {
    QMessageBox box(this);
    box.setWindowTitle(tr("Backprop Studio guide"));
    box.setTextFormat(Qt::RichText);
    box.setText(
        tr("<h3>Stepping through backpropagation</h3>"
           "<p><b>F11</b> runs one phase: one layer forward (z and x), the loss (J and δ of the "
           "output), one layer backward (δ, ∂J/∂z, ∂J/∂w), or the update. <b>F10</b> runs the rest "
           "of the record. <b>F5</b> trains continuously, <b>Shift+F5</b> pauses. "
           "<b>Shift+F11</b> / <b>Shift+F10</b> step back a phase / a record.</p>"
           "<p>Click a node or an edge: the Inspector shows its equations with the live numbers. "
           "Nodes are filled by x (blue negative, red positive, white zero); the badge shows "
           "δ<sub>i</sub>(k) = ∂J/∂x<sub>i</sub>(k) (View → ∂J/∂z switches to the textbooks' δ). "
           "Edges are coloured by the sign of w and widened by |w|.</p>"
           "<p><b>Notation</b>: w<sub>i,j</sub>(k) is the weight from node j of layer k−1 to node "
           "i of layer k; w<sub>i,0</sub>(k) is the bias. z<sub>i</sub>(k) = w<sub>i,0</sub>(k) + "
           "Σ<sub>j</sub> w<sub>i,j</sub>(k)·x<sub>j</sub>(k−1), x<sub>i</sub>(k) = "
           "g(z<sub>i</sub>(k)).</p>"
           "<p>Load your own data in the Dataset panel (CSV, MNIST-style IDX, FANN .data); change "
           "the network in Architecture. The Controls panel sets the speed and when to pause "
           "(NaN, loss above a threshold, a chosen record, a misclassified record…).</p>"
           "<p><b>Precision</b> (Architecture): double, the default, gives numbers that match a "
           "hand computation; float trains faster on big networks and rounds every number to "
           "about 7 significant digits (the status bar says so while it is on).</p>"));
    box.exec();
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Backprop Studio"),
                       tr("<b>Backprop Studio</b> %1<br>Makes backpropagation visible: every z, "
                          "x, δ and ∂J/∂w of a real network on real data, step by step.<br>"
                          "Qt %2, Eigen %3.%4.%5")
                           .arg(QApplication::applicationVersion(), qVersion())
                           .arg(EIGEN_WORLD_VERSION)
                           .arg(EIGEN_MAJOR_VERSION)
                           .arg(EIGEN_MINOR_VERSION));
}

} // namespace bp
