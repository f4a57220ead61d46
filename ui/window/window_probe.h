#pragma once
// Instruments for driving the real window as a user would (the window tests and
// backprop-window-bench): how late the GUI event loop runs a timer, how often a
// widget paints, and the process's resident memory. Header-only; Linux's /proc.
#include <algorithm>
#include <cstdio>
#include <QElapsedTimer>
#include <QEvent>
#include <QObject>
#include <QTimer>
#include <unistd.h>
#include <vector>

namespace bp {

// A timer every `intervalMs`; lateness = how much later than asked each tick came.
class LatenessProbe : public QObject {
public:
    explicit LatenessProbe(int intervalMs = 10, QObject* parent = nullptr)
        : QObject(parent), m_interval(intervalMs) {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(intervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last >= 0)
                m_lateMs.push_back(std::max(0.0, (now - m_last) / 1e6 - m_interval));
            m_last = now;
        });
    }
    void start() {
        m_lateMs.clear();
        m_last = -1;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double percentile(double p) const {
        if (m_lateMs.empty())
            return 1e9;
        std::vector<double> v = m_lateMs;
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
    }
    std::size_t ticks() const { return m_lateMs.size(); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    double m_interval;
    std::vector<double> m_lateMs;
};

// Counts the paint events a widget receives.
class PaintCounter : public QObject {
public:
    explicit PaintCounter(QObject* watched) : QObject(watched) {
        watched->installEventFilter(this);
    }
    long paints = 0;

protected:
    bool eventFilter(QObject*, QEvent* e) override {
        if (e->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

// Resident memory of this process in MiB (0 if /proc is not there).
inline double residentMiB() {
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
           (1024.0 * 1024.0);
}

} // namespace bp
