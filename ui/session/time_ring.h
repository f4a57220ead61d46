#pragma once
// The last N times (ascending), in a ring: push at the back drops the oldest when
// full, pop at the back; no allocation after construction. The history keeps the
// start of every record and every update this way (one push per record at full speed).
#include <algorithm>
#include <cstddef>
#include <QtGlobal>
#include <vector>

namespace bp {

class TimeRing {
public:
    void reset(std::size_t capacity) {
        m_data.assign(std::max<std::size_t>(capacity, 1), 0);
        m_head = 0;
        m_size = 0;
    }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    qint64 operator[](std::size_t i) const { return m_data[wrap(m_head + i)]; }
    qint64 front() const { return (*this)[0]; }
    qint64 back() const { return (*this)[m_size - 1]; }

    void pushBack(qint64 t) {
        if (m_size == m_data.size()) { // full: the oldest goes
            m_data[m_head] = t;
            m_head = wrap(m_head + 1);
        } else {
            m_data[wrap(m_head + m_size)] = t;
            ++m_size;
        }
    }
    void popBack() { --m_size; }
    void popFront() {
        m_head = wrap(m_head + 1);
        --m_size;
    }
    // Index of the first time ≥ t (size() if none).
    std::size_t lowerBound(qint64 t) const {
        std::size_t lo = 0, hi = m_size;
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            if ((*this)[mid] < t)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
    // Index of the first time > t (size() if none).
    std::size_t upperBound(qint64 t) const { return lowerBound(t + 1); }

private:
    std::size_t wrap(std::size_t i) const { return i >= m_data.size() ? i - m_data.size() : i; }

    std::vector<qint64> m_data;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
};

} // namespace bp
