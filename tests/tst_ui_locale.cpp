// The window under a locale with a decimal comma (de_DE.UTF-8, from the `locales`
// package; scripts/test generates it): QApplication adopts it, and still every number
// the engine writes — the step trace, the model file, the Inspector's equations, the
// graph — has '.' as its decimal point, and reads back exactly.
#include "graph/network_view.h"
#include "inspector/inspector_panel.h"
#include "io/model_file.h"
#include "math/explain.h"
#include "session/training_session.h"
#include "style/screen_text.h"
#include "window/main_window.h"

#include <clocale>
#include <cstdlib>
#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace bp;

class LocaleTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        const std::lconv* lc = std::localeconv();
        if (!lc || std::string(lc->decimal_point) != ",")
            QSKIP("de_DE.UTF-8 is not installed (scripts/test generates it)");
    }

    void traceModelAndScreenUseADecimalPoint() {
        QCOMPARE(QString::asprintf("%.1f", 0.5), QString("0.5")); // (Qt's own: always '.')
        char c[16];
        std::snprintf(c, sizeof c, "%.1f", 0.5);
        QCOMPARE(QString(c), QString("0,5")); // the C library follows the locale here
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset("xor"));
        QTRY_VERIFY(w.snapshot() && w.snapshot()->network == w.prepared().network);
        const quint64 t1 = w.stepRecord();
        QVERIFY(w.waitForTicket(t1));
        const quint64 t2 = w.stepPhase();
        QVERIFY(w.waitForTicket(t2));

        // The step trace: 8 fields in every row, numbers that read back with '.'.
        QTemporaryDir dir;
        const QString trace = dir.filePath("trace.csv");
        QSignalSpy exported(&w, &MainWindow::traceExported);
        w.exportTraceTo(trace, 2);
        QTRY_COMPARE(exported.count(), 1);
        QFile f(trace);
        QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList rows = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QVERIFY(rows.size() > 20);
        for (int r = 1; r < rows.size(); ++r) {
            const QStringList fields = rows[r].split(',');
            QVERIFY2(fields.size() == 8, qPrintable(rows[r]));
            bool ok = false;
            fields.last().toDouble(&ok); // QString::toDouble: the C locale, '.'
            QVERIFY2(ok, qPrintable(rows[r]));
        }

        // The model file: the weights back bit for bit.
        const QString model = dir.filePath("m.json");
        QVERIFY(w.saveModel(model));
        QVERIFY(loadModel(model.toStdString()).network == w.snapshot()->network);

        // On screen: the Inspector's numbers and the graph's title with '.', and the
        // rate grouped by narrow spaces, not by a locale's '.'.
        w.selectNode(1, 1);
        const QString text = w.inspector()->plainText();
        QVERIFY2(text.contains(
                     QString::fromStdString(formatNumber(w.snapshot()->values.layer(1).z(0), 4))),
                 qPrintable(text));
        QVERIFY(formatNumber(0.5, 3) == "0.5");
        QCOMPARE(countText(79414), QString("79\u202f414"));
    }
};

int main(int argc, char** argv) {
    setenv("LC_ALL", "de_DE.UTF-8", 1); // before QApplication, which adopts it
    QApplication app(argc, argv);
    LocaleTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ui_locale.moc"
