// File → Export step as… in the real MainWindow (offscreen): a few phases stepped, the
// shown record's full step exported as Markdown and LaTeX, and as a worksheet with its
// answer key. The files carry the numbers the session's engine computed for that record
// (its snapshot), and the record the window shows.
#include "math/explain.h"
#include "session/snapshot.h"
#include "window/main_window.h"

#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace bp;

namespace {
QString contents(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString number(double v) {
    return QString::fromStdString(formatNumber(v, 4));
}
} // namespace

class WindowWorksheetTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    // Mid-record (forward 1 and 2 run): the file has the z and x the session computed,
    // and the rest of the step from the same weights.
    void midRecordExportHasTheSessionsNumbers() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("xor"));
        QTRY_VERIFY(w.snapshot());
        QVERIFY(w.waitForTicket(w.stepRecord())); // one record done, then into the next
        QVERIFY(w.waitForTicket(w.stepPhase()));
        QVERIFY(w.waitForTicket(w.stepPhase()));
        const std::shared_ptr<const Snapshot> s = w.snapshot();
        QCOMPARE(s->lastPhase.kind, Phase::Kind::Forward);
        QCOMPARE(s->lastPhase.layer, 2);
        const QString md = m_dir.filePath("step.md");
        QString error;
        QVERIFY2(w.exportStepTo(md, false, {}, &error), qPrintable(error));
        const QString text = contents(md);
        QVERIFY2(text.startsWith(QString("# One training step: record %1 of ").arg(s->shownRecord)),
                 qPrintable(text.left(200)));
        QVERIFY(text.contains("from the weights at its start, one online step at a = "));
        // z_1(1), x_1(1) and x_1(2) of the record in progress, as the session computed them
        QVERIFY2(text.contains("- $z_{1}(1) = ") &&
                     text.contains("= " + number(s->values.layer(1).z(0)) + "$"),
                 qPrintable(text));
        QVERIFY(text.contains("= " + number(s->values.layer(1).x(0)) + "$"));
        QVERIFY(text.contains("= " + number(s->values.layer(2).x(0)) + "$"));
        for (const char* phase : {"## Forward 1", "## Forward 2", "## Loss", "## Backward 2",
                                  "## Backward 1", "## Update"})
            QVERIFY2(text.contains(phase), phase);

        const QString tex = m_dir.filePath("step.tex");
        QVERIFY2(w.exportStepTo(tex, false, {}, &error), qPrintable(error));
        const QString latex = contents(tex);
        QVERIFY(latex.contains("\\documentclass") && latex.contains("\\usepackage{amsmath}"));
        QVERIFY(latex.contains("&= " + number(s->values.layer(1).z(0)) + "\n"));
    }

    // After the record's update: the file explains that record from the weights it
    // started with, its update lines the session's own w − a·∂J/∂w.
    void afterTheUpdateTheWorksheetAndKey() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("xor"));
        QTRY_VERIFY(w.snapshot());
        QVERIFY(w.waitForTicket(w.stepRecord()));
        const std::shared_ptr<const Snapshot> s = w.snapshot();
        QCOMPARE(s->lastPhase.kind, Phase::Kind::Update);
        const Network before = networkOfRecord(*s);
        const QString sheet = m_dir.filePath("sheet.md");
        const QString key = m_dir.filePath("sheet-answers.md");
        QString error;
        QVERIFY2(w.exportStepTo(sheet, true, key, &error), qPrintable(error));
        const QString blank = contents(sheet);
        const QString answers = contents(key);
        QVERIFY(blank.startsWith(QString("# Worksheet: record %1 of ").arg(s->shownRecord)));
        QVERIFY(answers.startsWith(QString("# Answer key: record %1 of ").arg(s->shownRecord)));
        // w_{1,1}(2) ← w − a·∂J/∂w with the weight before and the gradient of the session
        const double a = s->hyper.learningRate;
        const double w11 = before.layer(2).w(0, 1);
        const double grad = s->values.layer(2).dJdw(0, 1);
        const QString update = "$w_{1,1}(2) \\leftarrow w - a \\cdot \\frac{\\partial J}{\\partial "
                               "w} = " +
                               number(w11) + " - " + number(a) + " \\cdot " +
                               (grad < 0 ? "(" + number(grad) + ")" : number(grad));
        QVERIFY2(answers.contains(update + " = " + number(w11 - a * grad) + "$"),
                 qPrintable(answers));
        QVERIFY2(blank.contains(update + " =$ ________"), qPrintable(blank));
        QVERIFY(!blank.contains("= " + number(s->values.layer(1).z(0)) + "$"));
        QVERIFY(answers.contains("= " + number(s->values.layer(1).z(0)) + "$"));
    }

    // Both entries in the File menu.
    void theFileMenuHasTheEntries() {
        MainWindow w;
        QStringList entries;
        for (QAction* menu : w.menuBar()->actions())
            if (menu->text() == "&File")
                for (QAction* a : menu->menu()->actions())
                    entries << a->text();
        QVERIFY2(entries.contains("Export step &as…"), qPrintable(entries.join('|')));
        QVERIFY(entries.contains("Export &worksheet and answer key…"));
    }

    void nothingWrittenWhereItCannotBe() {
        MainWindow w;
        QVERIFY(w.loadPreset("xor"));
        QTRY_VERIFY(w.snapshot());
        QString error;
        QVERIFY(!w.exportStepTo(m_dir.filePath("no/such/dir/step.md"), false, {}, &error));
        QVERIFY2(error.contains("cannot save the step"), qPrintable(error));
    }
};

QTEST_MAIN(WindowWorksheetTest)
#include "tst_ui_window_worksheet.moc"
