#pragma once
// The session's worker thread: a command queue (mutex + condition variable) and
// the trainer it alone touches (session_trainer.h), in the precision of the last
// setup. Qt's Mandelbrot pattern: a command is copied into the queue under the
// lock; the worker takes the whole queue, lets go of the lock and only then
// computes; results leave as values through the outbox. Shutdown: set abort,
// wake, join; the trainer checks abort at every phase.
#include "session/session_trainer.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace bp {

class SessionWorker {
public:
    // `notify` is called (from the worker thread) when the outbox has something new.
    SessionWorker(std::shared_ptr<SessionOutbox> outbox, std::function<void()> notify);
    ~SessionWorker(); // stop()
    SessionWorker(const SessionWorker&) = delete;
    SessionWorker& operator=(const SessionWorker&) = delete;

    // Any thread. Returns the command's ticket.
    quint64 post(SessionCommand c);
    // Any thread but the worker's: abort, wake, join. Idempotent.
    void stop();

private:
    void loop();
    // A setup in the other precision: a new trainer takes it, and replaces the current
    // one if the setup succeeds. (Every other command goes to SessionTrainer::apply,
    // the one command dispatch.)
    bool changesPrecision(const SessionCommand& c) const;
    void setUpInOtherPrecision(const SessionCommand& c);

    // --- shared with the other threads ---
    std::mutex m_mutex; // guards m_queue and m_nextTicket; never held while computing
    std::condition_variable m_wake;
    std::deque<SessionCommand> m_queue;
    quint64 m_nextTicket = 0;
    WorkerContext m_context; // its abort and commandsWaiting flags are set by other threads

    // --- the worker thread's alone ---
    std::unique_ptr<SessionTrainer> m_trainer; // double until a setup asks for float

    std::thread m_thread; // last: starts after everything above exists
};

} // namespace bp
