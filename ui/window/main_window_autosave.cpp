// The window's autosave and restoring a saved session (window/autosave.h,
// docs/session.md "Autosave").
#include "window/main_window.h"

#include "charts/loss_chart_panel.h"
#include "io/session_file.h"
#include "math/error.h"
#include "panels/background_task.h"
#include "panels/dataset_panel.h"
#include "session/bucket_json.h"
#include "session/training_session.h"
#include "window/autosave.h"

#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace bp {

namespace {

// A restored session, read and prepared off the GUI thread.
struct Restored {
    std::string path;
    SavedSession saved;
    PreparedExperiment prepared;
};

Restored readAndPrepare(const std::string& path) {
    Restored r;
    r.path = path;
    r.saved = loadSession(path);
    r.prepared = prepareExperiment(r.saved.experiment);
    if (const std::shared_ptr<const Dataset>& kept = r.saved.trainRecords) {
        // Painted: the records kept in the file (their fingerprint checked on reading), with
        // the experiment's test set, normaliser and network.
        const Dataset& prepared = *r.prepared.train;
        if (kept->inputSize() != prepared.inputSize() ||
            kept->outputSize() != prepared.outputSize() || kept->classNames != prepared.classNames)
            throw InputError(path, "the training records kept in the session do not fit " +
                                       r.saved.experiment.data.title() +
                                       " (other inputs, targets or classes): the session "
                                       "cannot go on with them");
        r.prepared.train = kept;
    } else if (!(fingerprintOf(*r.prepared.train) == r.saved.train)) {
        throw InputError(path, "the training data are not those the session was saved with (" +
                                   r.saved.experiment.data.title() +
                                   " has changed since): the session cannot go on with them");
    }
    return r;
}

// "iris, epoch 3, record 41 of 120" for the question.
QString summaryOf(const QString& path) {
    try {
        const SavedSession s = loadSession(path.toStdString());
        return QObject::tr("%1, epoch %2, record %3 of %4")
            .arg(QString::fromStdString(s.experiment.data.title()) +
                 (s.trainRecords ? QObject::tr(" with painted points") : QString()))
            .arg(s.run.epoch + 1)
            .arg(s.run.position + 1)
            .arg(s.run.order.size());
    } catch (const std::exception& e) {
        return QObject::tr("the file cannot be read: %1").arg(QString::fromStdString(e.what()));
    }
}

} // namespace

void MainWindow::startAutosave(bool offer) {
    const bool leftBehind = m_autosave->start();
    if (!m_autosave->active()) {
        statusBar()->showMessage(
            m_autosave->heldByAnother()
                ? tr("Another Backprop Studio is running: this window does not autosave.")
                : tr("Cannot autosave: %1 cannot be written.").arg(Autosave::directory()),
            10000);
        return;
    }
    if (leftBehind && offer)
        offerRestore();
}

std::optional<Autosave::Content> MainWindow::autosaveContent(const SavedRun& run) const {
    // The answer may come after a new setup: it must be this data's and this network's.
    if (!m_prepared.train ||
        static_cast<Eigen::Index>(run.state.order.size()) != m_prepared.train->records() ||
        architectureOf(run.state.network).sizes != architectureOf(m_prepared.network).sizes)
        return std::nullopt;
    Autosave::Content c;
    SavedSession& s = c.session;
    s.experiment = m_experiment;
    s.experiment.loaded.reset();
    s.experiment.fitToData = false;
    s.experiment.precision = run.precision;
    // The run's starting network, normaliser and classes, so that preparing the saved
    // experiment gives this split, this normalisation and what reset() goes back to.
    s.experiment.model = m_prepared.modelFor(m_prepared.network, run.state.hyper);
    s.experiment.refitNormalizer = false;
    s.time = run.time;
    s.phasesIntoRecord = run.phasesIntoRecord;
    s.run = run.state;
    s.model = m_prepared.modelFor(run.state.network, run.state.hyper);
    s.window = bucketsToJson(m_chart->smoothedLoss().buckets(), m_chart->epochBuckets().buckets());
    c.train = m_prepared.train;
    if (m_trainingPainted) // not what preparing the experiment gives: the records themselves
        s.trainRecords = m_prepared.train;
    return c;
}

void MainWindow::offerRestore() {
    const QString path = Autosave::filePath();
    m_autosave->hold(true); // no save may write over it while the question is open
    QMessageBox box(
        QMessageBox::Question, tr("Restore the last session?"),
        tr("Backprop Studio did not quit properly last time. Its session was "
           "autosaved at %1:\n\n%2\n\nRestore it and go on training from there? "
           "(Not now keeps it: File → Restore session… opens it later.)")
            .arg(QLocale().toString(QFileInfo(path).lastModified(), QLocale::ShortFormat),
                 summaryOf(path)),
        QMessageBox::NoButton, this);
    box.setObjectName("restoreOffer");
    QPushButton* restore = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    box.addButton(tr("&Not now"), QMessageBox::RejectRole); // put aside: File → Restore session…
    box.setDefaultButton(restore);
    box.exec();
    if (box.clickedButton() == restore)
        return restoreSession(path); // saves resume once it is restored
    if (box.clickedButton() == discard) {
        QFile::remove(path);
    } else if (Autosave::putAside()) {
        statusBar()->showMessage(tr("The last session is kept as %1 (File → Restore session…).")
                                     .arg(Autosave::previousPath()),
                                 15000);
    }
    m_autosave->hold(false);
}

void MainWindow::restoreSessionDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Restore a saved session"), Autosave::directory(),
                                     tr("Saved sessions (*.json);;All files (*)"));
    if (!path.isEmpty())
        restoreSession(path);
}

void MainWindow::restoreSession(const QString& path) {
    const std::string file = path.toStdString();
    // No save until it is restored: the autosave being restored must not be written over.
    m_autosave->hold(true);
    runInBackground<Restored>(
        this, tr("Restoring the session…"), [file](TaskControl&) { return readAndPrepare(file); },
        [this, path](TaskResult<Restored> r) {
            if (r.cancelled || !r.value) {
                // An autosave that cannot be restored now is put aside, not written over.
                if (QFileInfo(path) == QFileInfo(Autosave::filePath()))
                    Autosave::putAside();
                m_autosave->hold(false);
                if (!r.cancelled)
                    QMessageBox::warning(this, tr("Restore the session"), r.error);
                emit sessionRestored(false);
                return;
            }
            const SavedSession& s = r.value->saved;
            applyPrepared(r.value->prepared); // every view gets the restored training records
            // Painted records stay the session's own: the next autosave keeps them too.
            m_trainingPainted = s.trainRecords != nullptr;
            m_datasetPanel->setChoice(s.experiment.data);
            m_datasetPanel->setPresetInUse({});
            auto run = std::make_shared<SavedRun>();
            run->state = s.run;
            run->precision = s.experiment.precision;
            run->time = s.time;
            run->phasesIntoRecord = s.phasesIntoRecord;
            QString chartNote;
            try { // the charts as they were; without them the run is restored all the same
                if (!s.window.is(json::Type::Null))
                    bucketsFromJson(s.window, r.value->path, run->losses, run->epochs);
            } catch (const std::exception& e) {
                run->losses.clear();
                run->epochs.clear();
                chartNote = tr(" (the charts' history could not be read: %1)")
                                .arg(QString::fromStdString(e.what()));
            }
            m_session->restore(run);
            statusBar()->showMessage(tr("Restored the session: epoch %1, record no. %2, %3 records "
                                        "trained%4.")
                                         .arg(s.run.epoch + 1)
                                         .arg(s.run.position + 1)
                                         .arg(s.run.recordsTrained)
                                         .arg(chartNote),
                                     10000);
            m_autosave->hold(false);
            emit sessionRestored(true);
        },
        false);
}

} // namespace bp
