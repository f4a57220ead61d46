#include "session/session_worker.h"

#include <iterator>
#include <vector>

namespace bp {

SessionWorker::SessionWorker(std::shared_ptr<SessionOutbox> outbox, std::function<void()> notify) {
    m_context.outbox = std::move(outbox);
    m_context.notify = std::move(notify);
    m_context.pool = SnapshotPool::create();
    m_trainer = makeTrainer(Precision::Double, m_context);
    m_thread = std::thread([this] { loop(); });
}

SessionWorker::~SessionWorker() {
    stop();
}

quint64 SessionWorker::post(SessionCommand c) {
    quint64 ticket = 0;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        ticket = c.ticket = ++m_nextTicket;
        m_queue.push_back(std::move(c));
        m_context.commandsWaiting.store(true, std::memory_order_relaxed);
    }
    m_wake.notify_one();
    return ticket;
}

void SessionWorker::stop() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_context.abort.store(true);
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void SessionWorker::loop() {
    std::vector<SessionCommand> batch;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            const auto ready = [this] { return m_context.abort.load() || !m_queue.empty(); };
            const SessionTrainer::Clock::time_point resume = m_trainer->resumeAt();
            if (resume == SessionTrainer::Clock::time_point::max())
                m_wake.wait(lock, ready); // no goal: until a command comes
            else if (SessionTrainer::Clock::now() < resume)
                m_wake.wait_until(lock, resume, ready); // not a sleep: pause wakes it
            if (m_context.abort.load())
                return;
            batch.assign(std::make_move_iterator(m_queue.begin()),
                         std::make_move_iterator(m_queue.end()));
            m_queue.clear();
            m_context.commandsWaiting.store(false, std::memory_order_relaxed);
        }
        if (!batch.empty()) {
            bool published = false;
            for (const SessionCommand& c : batch) {
                if (m_context.abort.load(std::memory_order_relaxed))
                    return;
                const quint64 serial = m_context.serial;
                m_context.handledTicket = c.ticket; // a snapshot published from here on includes it
                if (changesPrecision(c))
                    setUpInOtherPrecision(c);
                else
                    m_trainer->apply(c);
                published = m_context.serial != serial;
            }
            batch.clear();
            m_trainer->commandsDone(published); // one snapshot for the batch
        }
        m_trainer->work();
    }
}

bool SessionWorker::changesPrecision(const SessionCommand& c) const {
    return c.kind == SessionCommand::Kind::Setup && c.setup->precision != m_trainer->precision();
}

void SessionWorker::setUpInOtherPrecision(const SessionCommand& c) {
    // "Pauses first, then applies whole (or refuses whole)": the current run stays if
    // the new trainer refuses the setup.
    m_trainer->handOver();
    std::unique_ptr<SessionTrainer> next = makeTrainer(c.setup->precision, m_context);
    next->apply(c);
    if (next->hasRun())
        m_trainer = std::move(next);
}

} // namespace bp
