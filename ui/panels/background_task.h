#pragma once
// Long work off the GUI thread, with a progress dialog and Cancel (the gradient check
// of a 784-128-10 net, a long step trace, loading a big file). The work runs on Qt's
// thread pool with a TaskControl to report progress and to see Cancel; the result
// comes back on the GUI thread in `done`. The window stays responsive meanwhile, and
// the training session goes on.
#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <QFutureWatcher>
#include <QPointer>
#include <QProgressDialog>
#include <QString>
#include <QtConcurrent>
#include <QTimer>

namespace bp {

// What the work sees: how far it got (0..1) and whether the user cancelled.
class TaskControl {
public:
    void setProgress(double fraction) {
        m_permille.store(static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 1000));
    }
    bool cancelled() const { return m_cancel.load(); }
    void cancel() { m_cancel.store(true); }
    int permille() const { return m_permille.load(); }

private:
    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_permille{0};
};

// The outcome on the GUI thread: a value, or the error the work threw, or cancelled.
template <typename R> struct TaskResult {
    std::optional<R> value;
    QString error;
    bool cancelled = false;
};

// Runs work(control) on the thread pool; shows `label` with a progress bar (a busy bar
// unless `determinate`) and Cancel
// after 300 ms (short work shows nothing); calls done(result) on the GUI thread. The
// dialog is window-modal: the window repaints, but no second command starts meanwhile.
// Returns the control (tests cancel through it).
template <typename R>
std::shared_ptr<TaskControl>
runInBackground(QWidget* parent, const QString& label, std::function<R(TaskControl&)> work,
                std::function<void(TaskResult<R>)> done, bool determinate = true) {
    auto control = std::make_shared<TaskControl>();
    // A busy bar when the work cannot say how far it is.
    auto* dialog =
        new QProgressDialog(label, QObject::tr("Cancel"), 0, determinate ? 1000 : 0, parent);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(300);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setValue(0);
    auto* ticker = new QTimer(dialog);
    // Cancel hides the dialog; no value is set after it (that would show it again while
    // the work winds down).
    QObject::connect(dialog, &QProgressDialog::canceled, dialog, [control, ticker] {
        control->cancel();
        ticker->stop();
    });
    QObject::connect(ticker, &QTimer::timeout, dialog, [dialog, control, determinate] {
        if (determinate && !control->cancelled())
            dialog->setValue(control->permille());
    });
    ticker->start(50);
    auto* watcher = new QFutureWatcher<TaskResult<R>>(dialog);
    QObject::connect(watcher, &QFutureWatcher<TaskResult<R>>::finished, dialog,
                     [watcher, dialog, control, done] {
                         TaskResult<R> r = watcher->result();
                         r.cancelled = r.cancelled || control->cancelled();
                         dialog->hide();
                         dialog->deleteLater();
                         done(std::move(r));
                     });
    watcher->setFuture(QtConcurrent::run([control, work]() {
        TaskResult<R> r;
        try {
            r.value = work(*control);
        } catch (const std::exception& e) {
            r.error = QString::fromStdString(e.what());
        }
        return r;
    }));
    return control;
}

} // namespace bp
