#pragma once
// A home of its own for a backprop-studio the tests start: its data (the autosave) and
// its settings in a temporary directory, not the user's; no display; autosaves every
// 300 ms. Shared by the tests that run the real app (tst_ui_autosave, tst_ui_window_onnx).
#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

namespace bp::testing {

struct AppHome {
    QTemporaryDir dir;
    QString data() const { return dir.filePath("data"); }
    QString config() const { return dir.filePath("config"); }
    QString autosave() const { return data() + "/backprop-studio/autosave.json"; }
    // For a QProcess running the app.
    QProcessEnvironment environment() const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("XDG_DATA_HOME", data());
        env.insert("XDG_CONFIG_HOME", config());
        env.insert("BP_AUTOSAVE_INTERVAL_MS", "300");
        return env;
    }
    // For a MainWindow in the test itself.
    void useInThisProcess() const {
        qputenv("XDG_DATA_HOME", data().toLocal8Bit());
        qputenv("XDG_CONFIG_HOME", config().toLocal8Bit());
    }
};

} // namespace bp::testing
