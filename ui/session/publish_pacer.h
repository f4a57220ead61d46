#pragma once
// When the session's trainer publishes a snapshot, flushes loss points and reads the
// clock, how fast a paced run trains, and the training rate it reports. The frame
// interval adapts to what a snapshot costs, so that copying snapshots never takes more
// than a few percent of the training time.
#include <array>
#include <chrono>

namespace bp {

class PublishPacer {
public:
    using Clock = std::chrono::steady_clock;

    // A new run: what snapshots cost and the rate are forgotten.
    void reset();
    // A goal starts at `now`, with `recordsTrained` records trained so far.
    void start(Clock::time_point now, long recordsTrained);

    // At full speed the clock is read every few records (about once a millisecond):
    // true when it is due. The countdown can be held in a local while records run.
    bool countDown() { return --m_clockCountdown <= 0; }
    int countdown() const { return m_clockCountdown; }
    void setCountdown(int n) { m_clockCountdown = n; }
    // The clock was read: adapts the stride to how long the records since took.
    void tick(Clock::time_point now);

    bool publishDue(Clock::time_point now) const { return now >= m_nextPublish; }
    bool flushDue(Clock::time_point now) const { return now >= m_nextFlush; }
    void flushed(Clock::time_point now);
    // A snapshot was copied from `start` to `end`, after a capture of Δw that cost
    // `captureCost`, for a network of `weights` weights: when the next one is due.
    void published(Clock::time_point start, Clock::time_point end, Clock::duration captureCost,
                   long weights);

    // A paced run (records per second): the next record is due at nextRecordDue().
    void paceFrom(Clock::time_point now) { m_nextRecordDue = now; }
    Clock::time_point nextRecordDue() const { return m_nextRecordDue; }
    void recordDone(Clock::time_point done, double recordsPerSecond);
    // A paced run publishes after a record once a frame has passed.
    bool frameDue(Clock::time_point now) const { return now - m_lastPublish >= m_frameInterval; }

    // Records per second while a goal runs, measured over at least 0.25 s.
    void measureRate(Clock::time_point now, long recordsTrained);
    double rate() const { return m_rate; }

private:
    Clock::time_point m_nextPublish;
    Clock::time_point m_nextFlush;
    Clock::time_point m_lastPublish;
    Clock::time_point m_nextRecordDue;
    Clock::time_point m_lastTick;
    int m_clockStride = 1;
    int m_clockCountdown = 1;
    Clock::duration m_frameInterval{};        // ≥ kFrame; longer when a snapshot is dear
    std::array<Clock::duration, 8> m_costs{}; // the last few: copy + Δw capture
    std::size_t m_costNext = 0;
    Clock::time_point m_rateAt;
    long m_rateRecords = 0;
    double m_rate = 0;
};

} // namespace bp
