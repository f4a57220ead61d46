// The window's autosave, as a user meets it: the real backprop-studio trains at full
// speed and is killed (SIGKILL) at a random moment; the file it left is whole, holds
// exactly the run that training from the start gives after that many records, and the
// next start restores it and goes on bit for bit. Quitting saves and leaves nothing to
// offer; after a crash the real window asks and restores; changed data are refused.
#include "app_home.h"
#include "boundary/decision_boundary_view.h"
#include "charts/loss_chart_panel.h"
#include "charts/smoothed_loss.h"
#include "io/experiment.h"
#include "io/session_file.h"
#include "panels/dataset_panel.h"
#include "panels/records_table.h"
#include "session/bucket_json.h"
#include "session/training_session.h"
#include "window/autosave.h"
#include "window/main_window.h"

#include <QAbstractButton>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>

#include <cstring>
#include <sys/stat.h>

using namespace bp;

namespace {

ino_t inodeOf(const QString& path) {
    struct stat st {};
    return ::stat(path.toLocal8Bit().constData(), &st) == 0 ? st.st_ino : 0;
}

template <typename T> bool sameBits(const NetworkT<T>& a, const NetworkT<T>& b) {
    if (a.layers.size() != b.layers.size())
        return false;
    for (std::size_t k = 0; k < a.layers.size(); ++k) {
        const MatrixT<T>& x = a.layers[k].w;
        const MatrixT<T>& y = b.layers[k].w;
        if (x.rows() != y.rows() || x.cols() != y.cols() ||
            std::memcmp(x.data(), y.data(), sizeof(T) * std::size_t(x.size())) != 0)
            return false;
    }
    return true;
}

// The weights after training the saved experiment from its start for `records` records
// with `hyper` (nothing else changed during the run), in precision T, widened.
template <typename T>
Network trainedFromStart(const SavedSession& s, const Hyper& hyper, long records) {
    const PreparedExperiment p = prepareExperiment(s.experiment);
    TrainingRunT<T> run(castNetwork<T>(p.network), p.train, hyper, p.schedule);
    for (long r = 0; r < records; ++r)
        run.stepRecord();
    return castNetwork<double>(run.network());
}

Network trainedFromStart(const SavedSession& s, const Hyper& hyper, long records) {
    return s.experiment.precision == Precision::Float ? trainedFromStart<float>(s, hyper, records)
                                                      : trainedFromStart<double>(s, hyper, records);
}

using Home = testing::AppHome;

bool waitFor(const std::function<bool()>& done, int ms) {
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > ms)
            return false;
        QTest::qWait(20);
    }
    return true;
}

// Asks `w` for an autosave now and waits until the file reads back as `done` says (an
// earlier save may still be on its way).
bool autosavedWhen(MainWindow& w, const QString& file,
                   const std::function<bool(const SavedSession&)>& done) {
    QSignalSpy saved(w.autosave(), &Autosave::saved);
    w.autosave()->saveSoon();
    return waitFor(
        [&] {
            try {
                return saved.count() > 0 && done(loadSession(file.toStdString()));
            } catch (const std::exception&) {
                return false;
            }
        },
        10000);
}

bool autosavedAt(MainWindow& w, const QString& file, long records) {
    return autosavedWhen(
        w, file, [records](const SavedSession& s) { return s.run.recordsTrained == records; });
}

// Clicks `button` of the next message box named `name` (or any, if empty) once it has
// been up for `afterMs` (a user reading it).
void answerNextMessageBox(const QString& name, const QString& button, int afterMs = 0) {
    auto* poll = new QTimer;
    poll->setProperty("since", QVariant());
    QObject::connect(poll, &QTimer::timeout, [poll, name, button, afterMs] {
        for (QWidget* w : QApplication::topLevelWidgets()) {
            auto* box = qobject_cast<QMessageBox*>(w);
            if (!box || !box->isVisible() || (!name.isEmpty() && box->objectName() != name))
                continue;
            if (!poll->property("since").isValid())
                poll->setProperty("since", QDateTime::currentMSecsSinceEpoch());
            if (QDateTime::currentMSecsSinceEpoch() - poll->property("since").toLongLong() <
                afterMs)
                continue;
            for (QAbstractButton* b : box->buttons())
                if (b->text().remove('&') == button) {
                    poll->stop();
                    poll->deleteLater();
                    b->click();
                    return;
                }
        }
    });
    poll->start(20);
}

} // namespace

class UiAutosave : public QObject {
    Q_OBJECT
private slots:
    void killedWhileTrainingRestoresBitForBit_data() {
        QTest::addColumn<QString>("precision");
        QTest::newRow("double") << "double";
        QTest::newRow("float") << "float";
    }
    void killedWhileTrainingRestoresBitForBit() {
        QFETCH(QString, precision);
        Home home;
        QProcess app;
        app.setProcessEnvironment(home.environment());
        app.start(BP_STUDIO_PATH, {"--dataset", "digits", "--precision", precision, "--run"});
        QVERIFY(app.waitForStarted());
        // Three saves written (each a new file renamed over the last), then a kill at a
        // random moment in the next interval, maybe in the middle of a write.
        ino_t last = 0;
        int saves = 0;
        QVERIFY2(waitFor(
                     [&] {
                         const ino_t now = inodeOf(home.autosave());
                         if (now != 0 && now != last) {
                             last = now;
                             ++saves;
                         }
                         return saves >= 3;
                     },
                     60000),
                 "the window wrote no autosaves while training");
        QTest::qWait(QRandomGenerator::global()->bounded(400));
        app.kill(); // SIGKILL
        QVERIFY(app.waitForFinished());

        QVERIFY(QFileInfo::exists(home.data() + "/backprop-studio/autosave.lock"));
        // The lock, the autosave, and, when the kill fell in the middle of a write, that
        // write's temporary file (nothing can remove it then: docs/reliability.md).
        const QDir dir(home.data() + "/backprop-studio");
        const QStringList files = dir.entryList(QDir::Files | QDir::Hidden);
        const QStringList unfinished = dir.entryList({"autosave.json.tmp-*"}, QDir::Files);
        QVERIFY2(files.size() == 2 + unfinished.size() && unfinished.size() <= 1,
                 qPrintable(files.join(' ')));
        const SavedSession saved = loadSession(home.autosave().toStdString());
        QVERIFY(saved.experiment.precision ==
                (precision == "float" ? Precision::Float : Precision::Double));
        const long at = saved.run.recordsTrained;
        QVERIFY(at > 0);
        QVERIFY2(sameBits(saved.run.network, trainedFromStart(saved, saved.run.hyper, at)),
                 "the autosave does not hold the weights of training that far");

        // The next start restores it, steps 40 records and saves the model.
        QProcess again;
        again.setProcessEnvironment(home.environment());
        const QString after = home.dir.filePath("after.json");
        again.start(BP_STUDIO_PATH, {"--restore-autosave", "--steps", "40", "--save-model", after,
                                     "--screenshot", home.dir.filePath("restored.png")});
        QVERIFY(again.waitForFinished(120000));
        QVERIFY2(again.exitCode() == 0, again.readAllStandardError().constData());
        QVERIFY2(dir.entryList({"autosave.json.tmp-*"}, QDir::Files).isEmpty(),
                 "the next start left the killed write's temporary file");
        const QString status = QString::fromUtf8(again.readAllStandardOutput());
        QVERIFY2(status.contains(QString("epoch %1 ").arg(saved.run.epoch + 1)) ||
                     status.contains(QString("epoch %1 ").arg(saved.run.epoch + 2)),
                 qPrintable(status));
        const Model m = loadModel(after.toStdString());
        QVERIFY2(sameBits(m.network, trainedFromStart(saved, saved.run.hyper, at + 40)),
                 "the restored window drifted from the run it restored");
    }

    // Quit (the window closed): the session is on disk as it stood, the lock is gone,
    // and the next start offers nothing.
    void quitSavesAndOffersNothingNext() {
        Home home;
        home.useInThisProcess();
        long trained = 0;
        {
            MainWindow w;
            w.startAutosave(false);
            QVERIFY(w.autosave()->active());
            QVERIFY(w.loadPreset("iris"));
            w.session()->run();
            QVERIFY(
                waitFor([&] { return w.snapshot() && w.snapshot()->recordsTrained > 500; }, 20000));
            w.close(); // pauses, saves and waits for the file
            trained = w.session()->latestSnapshot()->recordsTrained;
        }
        QVERIFY(!QFileInfo::exists(home.data() + "/backprop-studio/autosave.lock"));
        const SavedSession s = loadSession(home.autosave().toStdString());
        QCOMPARE(s.run.recordsTrained + (s.phasesIntoRecord > 0 ? 1 : 0), trained);
        QCOMPARE(QString::fromStdString(s.experiment.data.title()), QString("iris"));
        MainWindow next;
        bool offered = false;
        QTimer::singleShot(500, [&] {
            for (QWidget* w : QApplication::topLevelWidgets())
                offered = offered || w->objectName() == "restoreOffer";
        });
        next.startAutosave(true);
        QTest::qWait(700);
        QVERIFY(!offered);
    }

    // A save killed in its write leaves autosave.json.tmp-XXXXXX: the next window that
    // takes the lock removes it, and nothing else; a window without the lock (another
    // is running, and may be writing that file) leaves it alone.
    void aKilledWritesTemporaryFileIsRemoved() {
        Home home;
        home.useInThisProcess();
        const QDir dir(home.data() + "/backprop-studio");
        QVERIFY(dir.mkpath("."));
        const auto plant = [&](const QString& name) {
            QFile f(dir.filePath(name));
            return f.open(QIODevice::WriteOnly) && f.write("{\n  \"format\": \"backprop") > 0;
        };
        QVERIFY(plant("autosave.json.tmp-k1ll3d"));
        QVERIFY(plant("notes.json"));
        {
            MainWindow first;
            first.startAutosave(false);
            QVERIFY(first.autosave()->active());
            QCOMPARE(dir.entryList({"autosave.json.tmp-*"}, QDir::Files), QStringList());
            QVERIFY(QFileInfo::exists(dir.filePath("notes.json")));

            QVERIFY(plant("autosave.json.tmp-wr1t1n"));
            MainWindow second;
            second.startAutosave(false);
            QVERIFY(!second.autosave()->active());
            QVERIFY(second.autosave()->heldByAnother());
            QCOMPARE(dir.entryList({"autosave.json.tmp-*"}, QDir::Files),
                     QStringList{"autosave.json.tmp-wr1t1n"});
        }
    }

    // After a crash the real window asks, and Restore puts the run where it was.
    void crashLeavesAnOfferThatRestores() {
        Home home;
        home.useInThisProcess();
        QProcess app;
        app.setProcessEnvironment(home.environment());
        app.start(BP_STUDIO_PATH, {"--dataset", "xor", "--run"});
        QVERIFY(waitFor([&] { return inodeOf(home.autosave()) != 0; }, 30000));
        app.kill();
        QVERIFY(app.waitForFinished());
        const SavedSession saved = loadSession(home.autosave().toStdString());

        MainWindow w;
        w.show();
        QSignalSpy restored(&w, &MainWindow::sessionRestored);
        // A step while the question is up (as the window's first snapshot arrives then):
        // a save would be due 3 s later.
        QTimer::singleShot(200, &w, [&w] { w.stepRecord(); });
        // Read for 4 s, longer than a save takes to come due: nothing may write over it.
        answerNextMessageBox("restoreOffer", "Restore", 4000);
        w.startAutosave(true); // the question is modal: answered by the timer above
        QVERIFY(restored.wait(30000) || restored.count() == 1);
        QCOMPARE(restored.first().first().toBool(), true);
        QVERIFY(w.waitForTicket(w.session()->pause()));
        QCOMPARE(w.snapshot()->recordsTrained, saved.run.recordsTrained);
        QCOMPARE(w.snapshot()->epoch, saved.run.epoch);
        QVERIFY(sameBits(w.snapshot()->network, saved.run.network));
        QVERIFY(w.autosave()->active()); // the lock of the dead process was taken over

        // The loss chart as it was: the saved buckets, records and epochs, in order.
        LossBuckets losses;
        EpochBuckets epochs;
        bucketsFromJson(saved.window, "autosave.json", losses, epochs);
        QVERIFY(!losses.empty() && !epochs.empty());
        QVERIFY(waitFor([&] { return w.lossChart()->smoothedLoss().recordsSeen() > 0; }, 5000));
        const std::vector<LossBucket>& shown = w.lossChart()->smoothedLoss().buckets();
        QVERIFY(shown.size() <= losses.size());
        long records = 0;
        for (const LossBucket& b : losses.buckets())
            records += b.count;
        QCOMPARE(shown.back().end(), losses.buckets().back().end());
        QCOMPARE(w.lossChart()->smoothedLoss().recordsSeen() +
                     w.lossChart()->smoothedLoss().nonFinite(),
                 records);
        QCOMPARE(w.lossChart()->epochBuckets().buckets().back().lastEpoch,
                 epochs.buckets().back().lastEpoch);
    }

    // "Not now" keeps the session left behind as autosave-previous.json, which later
    // saves do not touch and File → Restore session… can open.
    void notNowKeepsItForLater() {
        Home home;
        home.useInThisProcess();
        QProcess app;
        app.setProcessEnvironment(home.environment());
        app.start(BP_STUDIO_PATH, {"--dataset", "iris", "--run"});
        QVERIFY(waitFor([&] { return inodeOf(home.autosave()) != 0; }, 30000));
        app.kill();
        QVERIFY(app.waitForFinished());
        const QByteArray left = [&] {
            QFile f(home.autosave());
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();

        MainWindow w;
        w.show();
        answerNextMessageBox("restoreOffer", "Not now");
        w.startAutosave(true);
        const QString previous = home.data() + "/backprop-studio/autosave-previous.json";
        QVERIFY(QFileInfo::exists(previous));
        QVERIFY(!QFileInfo::exists(home.autosave()));
        QVERIFY(w.loadPreset("xor"));
        QVERIFY(w.waitForTicket(w.stepRecord()));
        w.autosave()->saveSoon();
        QVERIFY(waitFor([&] { return QFileInfo::exists(home.autosave()); }, 10000));
        QFile f(previous);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), left);
        QSignalSpy restored(&w, &MainWindow::sessionRestored);
        w.restoreSession(previous);
        QVERIFY(restored.wait(30000) || restored.count() == 1);
        QCOMPARE(restored.first().first().toBool(), true);
        QCOMPARE(QString::fromStdString(w.prepared().experiment.data.title()), QString("iris"));
    }

    // Painted points (docs/teaching.md, "Paint the data"): the autosave keeps the training
    // records; a fresh window restores them with the run, and goes on exactly as the
    // window that painted them would have.
    void paintedRecordsAreRestored() {
        Home home;
        home.useInThisProcess();
        const QString kept = home.dir.filePath("painted.json");
        Network savedWeights;
        Network afterOneMore;
        std::shared_ptr<const Dataset> painted;
        Eigen::Index n = 0; // xor's records before painting
        {
            MainWindow w;
            w.startAutosave(false);
            QVERIFY(w.autosave()->active());
            QVERIFY(w.loadPreset("xor"));
            QTRY_VERIFY(w.snapshot());
            n = w.prepared().train->records();
            QVERIFY(n > 0);
            QVERIFY(w.prepared().normalizer.kind == Normalizer::Kind::None);
            QVERIFY(w.paintPoint(0.25, 0.75, 1));
            QVERIFY(w.paintPoint(0.5, 0.125, 0));
            painted = w.prepared().train;
            QCOMPARE(painted->records(), n + 2);
            for (int r = 0; r < 5; ++r)
                QVERIFY(w.waitForTicket(w.stepRecord()));
            QVERIFY(autosavedAt(w, home.autosave(), 5)); // the save of these five records
            QVERIFY(QFile::copy(home.autosave(), kept));
            savedWeights = w.snapshot()->network;
            QVERIFY(w.waitForTicket(w.stepRecord()));
            afterOneMore = w.snapshot()->network;
            QVERIFY(!sameBits(afterOneMore, savedWeights));
            w.close(); // saves again (to autosave.json) and lets the lock go
        }

        const SavedSession s = loadSession(kept.toStdString());
        QVERIFY(s.trainRecords);
        QCOMPARE(s.trainRecords->records(), n + 2);
        QCOMPARE(s.run.recordsTrained, 5L);
        QVERIFY(s.train == fingerprintOf(*painted));

        MainWindow w;
        w.startAutosave(false);
        QVERIFY(w.autosave()->active());
        QSignalSpy restored(&w, &MainWindow::sessionRestored);
        w.restoreSession(kept);
        QVERIFY(restored.wait(30000) || restored.count() == 1);
        QCOMPARE(restored.first().first().toBool(), true);
        QVERIFY(w.waitForTicket(w.session()->pause()));

        // The training set: xor's n records, then the two painted ones where they were
        // painted (no normalisation: the plane's units), with their classes and targets.
        const Dataset& train = *w.prepared().train;
        QCOMPARE(train.records(), n + 2);
        QCOMPARE(train.inputs(0, n), 0.25);
        QCOMPARE(train.inputs(1, n), 0.75);
        QCOMPARE(train.inputs(0, n + 1), 0.5);
        QCOMPARE(train.inputs(1, n + 1), 0.125);
        QCOMPARE(train.labels[n], 1);
        QCOMPARE(train.labels[n + 1], 0);
        QCOMPARE(train.targets(0, n), 1.0);
        QCOMPARE(train.targets(0, n + 1), 0.0);
        QVERIFY(train.inputs == painted->inputs);
        QVERIFY(train.targets == painted->targets);
        QVERIFY(train.labels == painted->labels);
        QVERIFY(train.classNames == painted->classNames);
        QVERIFY(train.sourceRows == painted->sourceRows);
        // The views show them (as painting gives them to them).
        QCOMPARE(w.findChild<RecordsTable*>()->recordsModel()->rowCount(), int(n + 2));
        QVERIFY(w.boundaryView()->paintable());

        // The weights and the place in training as saved; one more record as the original.
        QCOMPARE(w.snapshot()->recordsTrained, 5L);
        QCOMPARE(w.snapshot()->epoch, s.run.epoch);
        QVERIFY(sameBits(w.snapshot()->network, savedWeights));
        QVERIFY(sameBits(w.snapshot()->network, s.run.network));
        QVERIFY(w.waitForTicket(w.stepRecord()));
        QCOMPARE(w.snapshot()->recordsTrained, 6L);
        QVERIFY2(sameBits(w.snapshot()->network, afterOneMore),
                 "one record after the restore is not the original's next record");

        // The restored window's next autosave keeps the painted records too.
        QVERIFY(autosavedAt(w, home.autosave(), 6));
        const SavedSession next = loadSession(home.autosave().toStdString());
        QVERIFY(next.trainRecords);
        QVERIFY(next.train == fingerprintOf(*painted));

        // A new setup is prepareExperiment's data again: the autosave keeps no records.
        QVERIFY(w.loadPreset("xor"));
        QVERIFY(w.waitForTicket(w.stepRecord()));
        QVERIFY(autosavedWhen(w, home.autosave(),
                              [](const SavedSession& s) { return !s.trainRecords; }));
    }

    // A data file changed since the save: refused with the file named, nothing changed.
    void changedDataAreRefused() {
        Home home;
        home.useInThisProcess();
        const QString csv = home.dir.filePath("points.csv");
        auto writeCsv = [&](double last) {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("a,b,label\n");
            for (int r = 0; r < 40; ++r)
                f.write(QString("%1,%2,%3\n").arg(r * 0.1).arg(r % 7 * 0.3).arg(r % 2).toUtf8());
            f.write(QString("%1,1,0\n").arg(last).toUtf8());
        };
        writeCsv(0.5);
        {
            MainWindow w;
            w.startAutosave(false);
            QSignalSpy opened(&w, &MainWindow::dataOpened);
            w.datasetPanel()->setFile(csv);
            QVERIFY(w.loadData(w.datasetPanel()->choice()));
            QVERIFY(w.waitForTicket(w.stepRecord()));
            w.close();
        }
        QVERIFY(QFileInfo::exists(home.autosave()));
        writeCsv(0.75); // one value of the last record changed

        MainWindow w;
        QVERIFY(w.loadPreset("iris"));
        QSignalSpy restored(&w, &MainWindow::sessionRestored);
        QString shown;
        auto* poll = new QTimer(&w);
        connect(poll, &QTimer::timeout, [&shown, poll] {
            for (QWidget* top : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(top); box && box->isVisible()) {
                    shown = box->text();
                    poll->stop();
                    box->accept();
                }
        });
        poll->start(20);
        w.restoreSession(home.autosave());
        QVERIFY(restored.wait(30000) || restored.count() == 1);
        QCOMPARE(restored.first().first().toBool(), false);
        QVERIFY2(shown.contains("autosave.json") && shown.contains("has changed"),
                 qPrintable(shown));
        QCOMPARE(QString::fromStdString(w.prepared().experiment.data.title()), QString("iris"));
        // Put aside, not written over by the saves that follow.
        QVERIFY(QFileInfo::exists(home.data() + "/backprop-studio/autosave-previous.json"));
    }
};

QTEST_MAIN(UiAutosave)
#include "tst_ui_autosave.moc"
