// HealthHistory (ui/charts/health_history.h), the Layer health dock's bounded store of
// samples: every sample while fewer than kMaxKept; past it, every other one dropped and
// every 2nd new one kept (then every 4th), evenly spaced, the newest always kept; a
// rewind drops those after the records kept, and a window closing again replaces them.
#include "charts/health_history.h"

#include <QtTest>

using namespace bp;

namespace {
std::shared_ptr<const HealthSample> sampleAt(long last) {
    auto s = std::make_shared<HealthSample>();
    s->first = last - 9;
    s->last = last;
    return s;
}
} // namespace

class HealthHistoryTest : public QObject {
    Q_OBJECT
private slots:
    void keepsEverySampleUpToTheBound() {
        HealthHistory h;
        for (long n = 1; n <= long(HealthHistory::kMaxKept); ++n)
            h.add(sampleAt(100 * n));
        QCOMPARE(h.samples().size(), HealthHistory::kMaxKept);
        QCOMPARE(h.stride(), 1L);
        QCOMPARE(h.samples().front()->last, 100L);
        QCOMPARE(h.newest()->last, 100L * long(HealthHistory::kMaxKept));
    }

    // 1001 samples: the 1001st makes 1001 > 1000 kept, so the stride doubles: the samples
    // that arrived 0th, 2nd, 4th, …, 1000th are kept (501), records 100, 300, …, 100100.
    // Then 3 more: arrivals 1001 (off the stride, kept as the newest until 1002 comes),
    // 1002 (on it), 1003 (the newest): 503 kept.
    void halvesEvenly() {
        HealthHistory h;
        for (long n = 1; n <= 1001; ++n)
            h.add(sampleAt(100 * n));
        QCOMPARE(h.stride(), 2L);
        QCOMPARE(h.samples().size(), std::size_t(501));
        for (std::size_t i = 0; i < h.samples().size(); ++i)
            QCOMPARE(h.samples()[i]->last, long(100 + 200 * i));
        QCOMPARE(h.thinned(), 500L);
        h.add(sampleAt(100200)); // arrival 1001: the newest, off the stride
        QCOMPARE(h.samples().size(), std::size_t(502));
        QCOMPARE(h.newest()->last, 100200L);
        h.add(sampleAt(100300)); // arrival 1002: on the stride, replaces 1001
        h.add(sampleAt(100400)); // arrival 1003: the newest
        QCOMPARE(h.samples().size(), std::size_t(503));
        QCOMPARE(h.samples()[501]->last, 100300L);
        QCOMPARE(h.newest()->last, 100400L);
    }

    void rewindDropsTheLaterOnes() {
        HealthHistory h;
        for (long n = 1; n <= 5; ++n)
            h.add(sampleAt(100 * n));
        h.rewind(250); // 300, 400, 500 are after it
        QCOMPARE(h.samples().size(), std::size_t(2));
        QCOMPARE(h.newest()->last, 200L);
        h.add(sampleAt(300));
        QCOMPARE(h.samples().size(), std::size_t(3));
        // A window closing again at a record already kept (a step back within a record)
        // replaces it.
        h.add(sampleAt(300));
        QCOMPARE(h.samples().size(), std::size_t(3));
        h.rewind(0);
        QVERIFY(h.samples().empty());
        QVERIFY(!h.newest());
    }
};

QTEST_APPLESS_MAIN(HealthHistoryTest)
#include "tst_ui_health_history.moc"
