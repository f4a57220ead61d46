#pragma once
// At most one computation off the GUI thread at a time, the newest one wins: a new
// request cancels the one running (its cancel flag, checked between points) and starts
// when it has stopped; a request still waiting is replaced. `done` runs on the GUI
// thread, for the newest request only.
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent>

namespace bp {

template <typename R> class LatestTask {
public:
    using Work = std::function<R(const std::atomic<bool>& cancel)>;
    using Done = std::function<void(R)>;

    explicit LatestTask(QObject* owner) : m_owner(owner) {}
    ~LatestTask() { cancel(); }
    LatestTask(const LatestTask&) = delete;
    LatestTask& operator=(const LatestTask&) = delete;

    void start(Work work, Done done) {
        m_pending = Job{std::move(work), std::move(done)};
        if (m_running)
            m_cancel->store(true); // launched again when it has stopped
        else
            launch();
    }
    // Cancels the running request and drops a waiting one.
    void cancel() {
        m_pending.reset();
        if (m_cancel)
            m_cancel->store(true);
    }
    bool busy() const { return m_running || m_pending.has_value(); }

private:
    struct Job {
        Work work;
        Done done;
    };

    void launch() {
        Job job = std::move(*m_pending);
        m_pending.reset();
        m_cancel = std::make_shared<std::atomic<bool>>(false);
        m_running = true;
        auto* watcher = new QFutureWatcher<R>(m_owner);
        const std::shared_ptr<std::atomic<bool>> flag = m_cancel;
        QObject::connect(watcher, &QFutureWatcher<R>::finished, m_owner,
                         [this, watcher, flag, done = job.done] {
                             watcher->deleteLater();
                             m_running = false;
                             if (!flag->load() && !m_pending)
                                 done(watcher->result());
                             if (m_pending)
                                 launch();
                         });
        Work work = std::move(job.work);
        watcher->setFuture(QtConcurrent::run([work, flag] { return work(*flag); }));
    }

    QObject* m_owner;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_running = false;
    std::optional<Job> m_pending;
};

} // namespace bp
