// The window's icon and desktop file name, set as main() sets them (bp::setAppIdentity):
// the real MainWindow, shown offscreen, has the project's icon at every embedded size, and
// the pixels are the SVG's (resources/icons/io.github.backprop_studio.BackpropStudio.svg).
#include "window/app_identity.h"
#include "window/main_window.h"

#include <QStandardPaths>
#include <QtTest>
#include <QWindow>

using namespace bp;

namespace {
const QList<QSize> kSizes{{16, 16}, {24, 24}, {32, 32}, {48, 48}, {64, 64}, {128, 128}, {256, 256}};

// The SVG's colour at (x, y) of its 256×256 view box, in the icon of `size` px: the pixel
// that holds that point. Every point the test asks is at least one such pixel inside a
// shape, so the pixel is the shape's colour exactly, not a blend with its edge.
QRgb at(const QImage& image, int size, int x, int y) {
    return image.pixel(x * size / 256, y * size / 256);
}
} // namespace

class WindowIconTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // no user settings read or written
        QCoreApplication::setOrganizationName("BackpropStudioTest");
        setAppIdentity(); // as main() does, before the window is made
    }

    void desktopFileNameIsTheApplicationId() {
        // The installed entry is share/applications/<this>.desktop.
        QCOMPARE(QGuiApplication::desktopFileName(),
                 QString("io.github.backprop_studio.BackpropStudio"));
    }

    void theShownWindowHasTheIconAtEverySize() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(!w.windowIcon().isNull());
        QCOMPARE(w.windowIcon().availableSizes(), kSizes);
        QVERIFY(w.windowHandle());
        const QIcon platformIcon = w.windowHandle()->icon(); // what the window system gets
        QVERIFY(!platformIcon.isNull());
        QCOMPARE(platformIcon.availableSizes(), kSizes);
        for (const QSize& s : kSizes)
            QCOMPARE(platformIcon.pixmap(s, 1.0).size(), s);
    }

    void pixelsAreTheSvgs_data() {
        QTest::addColumn<int>("size");
        for (const QSize& s : kSizes)
            QTest::newRow(qPrintable(QString("%1px").arg(s.width()))) << s.width();
    }

    void pixelsAreTheSvgs() {
        QFETCH(int, size);
        const QString path =
            QString(":/icons/%1x%1/io.github.backprop_studio.BackpropStudio.png").arg(size);
        const QImage file(path); // embedded: no SVG plugin involved
        QVERIFY2(!file.isNull(), qPrintable(path + " is not embedded"));
        QCOMPARE(file.size(), QSize(size, size));
        const QImage shown = appIcon()
                                 .pixmap(QSize(size, size), 1.0)
                                 .toImage()
                                 .convertToFormat(QImage::Format_ARGB32);
        QCOMPARE(shown.size(), QSize(size, size));
        QCOMPARE(qAlpha(shown.pixel(0, 0)), 0);                      // outside the rounded square
        QCOMPARE(at(shown, size, 24, 128), qRgb(0x1f, 0x2a, 0x44));  // the square's navy
        QCOMPARE(at(shown, size, 200, 128), qRgb(0xe0, 0x48, 0x3d)); // the output node, red
        if (size >= 32) // a hidden node's fill (r 17 inside its stroke) spans a whole pixel
            QCOMPARE(at(shown, size, 128, 128), qRgb(0xf4, 0xf6, 0xfb));
        if (size >= 32) // an input node, blue
            QCOMPARE(at(shown, size, 56, 88), qRgb(0x3d, 0x7b, 0xe0));
    }
};

QTEST_MAIN(WindowIconTest)
#include "tst_ui_window_icon.moc"
