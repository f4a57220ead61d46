// No heap allocation inside a training step: every buffer is sized when the run
// starts, and x(0) is copied out of the dataset's storage (bytes, float or double)
// into it. malloc is interposed in this executable and counted while the steps
// run (Eigen allocates through malloc, the standard library through operator new,
// which also ends in malloc).
#include "math/training.h"

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <QtTest>

extern "C" void* __libc_malloc(std::size_t);
extern "C" void* __libc_calloc(std::size_t, std::size_t);
extern "C" void* __libc_realloc(void*, std::size_t);

namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
void count() {
    if (g_counting.load(std::memory_order_relaxed))
        g_allocations.fetch_add(1, std::memory_order_relaxed);
}
} // namespace

extern "C" void* malloc(std::size_t n) {
    count();
    return __libc_malloc(n);
}
extern "C" void* calloc(std::size_t n, std::size_t size) {
    count();
    return __libc_calloc(n, size);
}
extern "C" void* realloc(void* p, std::size_t n) {
    count();
    return __libc_realloc(p, n);
}

using namespace bp;

namespace {
FeatureMatrix randomInputs(Storage storage, Eigen::Index in, Eigen::Index records) {
    const Matrix x = (Matrix::Random(in, records).array() * 0.5 + 0.5).matrix(); // in [0, 1]
    switch (storage) {
    case Storage::Bytes: {
        FeatureMatrix f = FeatureMatrix::bytes(in, records, 255.0);
        for (Eigen::Index r = 0; r < records; ++r)
            for (Eigen::Index i = 0; i < in; ++i)
                f.byteColumn(r)[i] = static_cast<std::uint8_t>(std::lround(x(i, r) * 255));
        return f;
    }
    case Storage::Float:
        return FeatureMatrix::ofFloats(x.cast<float>());
    case Storage::Double:
        break;
    }
    return FeatureMatrix(x);
}

template <typename T>
long allocationsWhileStepping(const Architecture& a, const Hyper& h, Eigen::Index records,
                              Storage storage) {
    auto data = std::make_shared<Dataset>();
    const Eigen::Index in = a.sizes.front(), out = a.sizes.back();
    data->inputs = randomInputs(storage, in, records);
    data->targets = (Matrix::Random(out, records).array() * 0.5 + 0.5).matrix();
    TrainingRunT<T> run(castNetwork<T>(makeNetwork(a, 1)), data, h, Schedule{true, 1, 0});
    run.setKeepWeightGradients(false); // the fast path train() takes
    run.stepRecord();                  // warm-up: first use of every buffer
    g_allocations = 0;
    g_counting = true;
    for (Eigen::Index r = 1; r < records + records / 2; ++r)
        run.stepRecord(); // across the end of the first epoch (a new shuffle) too
    g_counting = false;
    return g_allocations.load();
}
} // namespace

class NoAllocation : public QObject {
    Q_OBJECT
private slots:
    void counterWorks() {
        g_allocations = 0;
        g_counting = true;
        Vector v(100); // must be counted, or the test below could not fail
        g_counting = false;
        QVERIFY(v.size() == 100);
        QVERIFY(g_allocations.load() >= 1);
    }

    void trainingSteps_data() {
        QTest::addColumn<bool>("useFloat");
        QTest::addColumn<int>("batch");
        QTest::addColumn<double>("momentum");
        QTest::addColumn<int>("storage");
        const int bytes = int(Storage::Bytes), floats = int(Storage::Float);
        const int doubles = int(Storage::Double);
        QTest::newRow("double, online") << false << 1 << 0.0 << doubles;
        QTest::newRow("float, online") << true << 1 << 0.0 << doubles;
        QTest::newRow("double, batch 8, momentum 0.9") << false << 8 << 0.9 << doubles;
        QTest::newRow("float, batch 8, momentum 0.9") << true << 8 << 0.9 << doubles;
        QTest::newRow("double, online, bytes storage") << false << 1 << 0.0 << bytes;
        QTest::newRow("float, online, bytes storage") << true << 1 << 0.0 << bytes;
        QTest::newRow("float, batch 8, bytes storage") << true << 8 << 0.9 << bytes;
        QTest::newRow("double, online, float storage") << false << 1 << 0.0 << floats;
        QTest::newRow("float, batch 8, float storage") << true << 8 << 0.9 << floats;
    }
    void trainingSteps() {
        QFETCH(bool, useFloat);
        QFETCH(int, batch);
        QFETCH(double, momentum);
        QFETCH(int, storage);
        Hyper h;
        h.batchSize = batch;
        h.momentum = momentum;
        h.l2 = 1e-4;
        Architecture w1; // W1's shape, smaller hidden layer to keep the test quick
        w1.sizes = {784, 32, 10};
        w1.hidden = w1.output = Activation::Sigmoid;
        Architecture w3; // W3: 2-8-8-1 tanh, sigmoid output
        w3.sizes = {2, 8, 8, 1};
        w3.hidden = Activation::Tanh;
        w3.output = Activation::Sigmoid;
        Architecture soft; // softmax + cross-entropy
        soft.sizes = {20, 16, 5};
        soft.hidden = Activation::Relu;
        soft.output = Activation::Softmax;
        soft.loss = Loss::CrossEntropy;
        for (const Architecture& a : {w1, w3, soft}) {
            const long n = useFloat ? allocationsWhileStepping<float>(a, h, 200, Storage(storage))
                                    : allocationsWhileStepping<double>(a, h, 200, Storage(storage));
            QCOMPARE(n, 0L);
        }
    }
};

QTEST_APPLESS_MAIN(NoAllocation)
#include "tst_core_no_allocation.moc"
