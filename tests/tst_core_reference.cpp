// The kernels against their plain statement (core/math/reference.h), bit for bit:
// every z, x, δ and ∂J/∂z of every record, and the weights after every update, for
// layer sizes that fill registers in every way (1 to 130 rows), in float and double,
// online and in mini-batches (with momentum, L2, frozen biases, and batches longer
// than the optimizer's 32-record chunk), stepped record by record and through the
// train() loop that fuses each update with the next record's first forward product.
#include "math/reference.h"
#include "math/training.h"
#include "random_data.h"

#include <cstring>
#include <QtTest>

using namespace bp;

namespace {

using testing::randomData;

template <typename A, typename B> bool sameBits(const A& a, const B& b) {
    return a.size() == b.size() &&
           std::memcmp(a.data(), b.data(), sizeof(typename A::Scalar) * std::size_t(a.size())) == 0;
}

template <typename T> bool sameWeights(const NetworkT<T>& a, const NetworkT<T>& b) {
    for (int k = 1; k <= a.depth(); ++k)
        if (!sameBits(a.layer(k).w, b.layer(k).w))
            return false;
    return true;
}

template <typename T> QString sameValues(const RecordValuesT<T>& a, const RecordValuesT<T>& b) {
    for (int k = 1; k <= int(a.layers.size()); ++k) {
        const LayerValuesT<T>& p = a.layer(k);
        const LayerValuesT<T>& q = b.layer(k);
        if (!sameBits(p.z, q.z))
            return QStringLiteral("z(%1)").arg(k);
        if (!sameBits(p.x, q.x))
            return QStringLiteral("x(%1)").arg(k);
        if (!sameBits(p.delta, q.delta))
            return QStringLiteral("delta(%1)").arg(k);
        if (!sameBits(p.dJdz, q.dJdz))
            return QStringLiteral("dJdz(%1)").arg(k);
    }
    if (std::memcmp(&a.loss, &b.loss, sizeof(T)) != 0)
        return QStringLiteral("J");
    return {};
}

struct Case {
    std::vector<Eigen::Index> sizes;
    Activation hidden, output;
    Loss loss;
    Hyper hyper;
};

// The reference trains the same records in the same order: after each update, and
// for each record, it must agree with the engine to the last bit.
template <typename T> class ReferenceRun {
public:
    ReferenceRun(const Network& net, std::shared_ptr<const Dataset> data, Hyper h)
        : m_net(castNetwork<T>(net)), m_data(std::move(data)), m_hyper(h) {
        for (const LayerT<T>& l : m_net.layers)
            m_velocity.push_back(MatrixT<T>::Zero(l.w.rows(), l.w.cols()));
    }
    // Record r, and the update if it closes a batch (or the epoch).
    const RecordValuesT<T>& train(Eigen::Index r, bool lastOfEpoch) {
        RecordValuesT<T> v;
        prepare(m_net, v);
        m_data->inputs.copyColumn(r, v.input);
        v.target = m_data->targets.col(r).template cast<T>();
        reference::forward(m_net, v);
        reference::backward(m_net, v);
        m_batch.push_back(v);
        if (int(m_batch.size()) == m_hyper.batchSize || lastOfEpoch) {
            reference::update(m_net, m_velocity, m_hyper, m_batch);
            m_batch.clear();
        }
        return m_batch.empty() ? m_last = v, m_last : m_batch.back();
    }
    const NetworkT<T>& network() const { return m_net; }

private:
    NetworkT<T> m_net;
    std::shared_ptr<const Dataset> m_data;
    Hyper m_hyper;
    std::vector<MatrixT<T>> m_velocity;
    std::vector<RecordValuesT<T>> m_batch;
    RecordValuesT<T> m_last;
};

Network networkFor(const Case& c, std::uint64_t seed) {
    Architecture a;
    a.sizes = c.sizes;
    a.hidden = c.hidden;
    a.output = c.output;
    a.loss = c.loss;
    return makeNetwork(a, seed);
}

constexpr Eigen::Index kRecords = 45; // an epoch ends in the middle of a batch
constexpr int kEpochs = 2;

// Record by record: every value of every record, and the weights after each.
template <typename T> void stepByRecord(const Case& c) {
    const Network net = networkFor(c, 7);
    const bool oneHot = c.output == Activation::Softmax;
    auto data = randomData(c.sizes.front(), c.sizes.back(), kRecords, 11, oneHot);
    TrainingRunT<T> engine(castNetwork<T>(net), data, c.hyper, Schedule{false, 1, 0});
    ReferenceRun<T> plain(net, data, c.hyper);
    for (int e = 0; e < kEpochs; ++e)
        for (Eigen::Index r = 0; r < kRecords; ++r) {
            engine.stepRecord();
            const RecordValuesT<T>& v = plain.train(r, r == kRecords - 1);
            const QString differs = sameValues(engine.values(), v);
            QVERIFY2(differs.isEmpty(), qPrintable(QStringLiteral("%1 differs at record %2 of "
                                                                  "epoch %3")
                                                       .arg(differs)
                                                       .arg(r)
                                                       .arg(e + 1)));
            QVERIFY2(sameWeights(engine.network(), plain.network()),
                     qPrintable(QStringLiteral("w after record %1 of epoch %2").arg(r).arg(e + 1)));
        }
}

// The train() loop (whole records, each update fused with the next forward product):
// the same weights at the end.
template <typename T> void trainLoop(const Case& c) {
    const Network net = networkFor(c, 9);
    const bool oneHot = c.output == Activation::Softmax;
    auto data = randomData(c.sizes.front(), c.sizes.back(), kRecords, 13, oneHot);
    TrainingRunT<T> engine(castNetwork<T>(net), data, c.hyper, Schedule{false, 1, 0});
    TrainOptions options;
    options.epochs = kEpochs;
    train(engine, options);
    ReferenceRun<T> plain(net, data, c.hyper);
    for (int e = 0; e < kEpochs; ++e)
        for (Eigen::Index r = 0; r < kRecords; ++r)
            plain.train(r, r == kRecords - 1);
    QVERIFY(sameWeights(engine.network(), plain.network()));
}

Hyper hyper(int batch, double momentum, double l2, bool freezeBias = false) {
    Hyper h;
    h.learningRate = 0.05;
    h.batchSize = batch;
    h.momentum = momentum;
    h.l2 = l2;
    h.freezeBias = freezeBias;
    return h;
}

} // namespace

class ReferenceTest : public QObject {
    Q_OBJECT

private slots:
    void kernelsFollowTheReference_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<bool>("inFloat");
        for (int which = 0; which < 6; ++which)
            for (bool f : {false, true})
                QTest::addRow("case %d %s", which, f ? "float" : "double") << which << f;
    }
    void kernelsFollowTheReference() {
        QFETCH(int, which);
        QFETCH(bool, inFloat);
        using A = Activation;
        // Rows from 1 to 130: whole registers of 4 chains, leftover registers, half
        // registers and single rows, in float (16 lanes with AVX-512) and double (8).
        const Case cases[] = {
            {{9, 130, 70, 5}, A::Tanh, A::Sigmoid, Loss::Mse, hyper(1, 0, 0)},
            {{6, 13, 17, 1}, A::Relu, A::Linear, Loss::Mse, hyper(1, 0.9, 0)},
            {{3, 1, 4, 2}, A::Sigmoid, A::Sigmoid, Loss::CrossEntropy, hyper(5, 0.9, 1e-3)},
            {{12, 33, 8, 10}, A::LeakyRelu, A::Softmax, Loss::CrossEntropy, hyper(40, 0, 0, true)},
            {{5, 64, 3}, A::Tanh, A::Tanh, Loss::Mse, hyper(3, 0, 1e-2)},
            {{20, 37, 12, 4}, A::Relu, A::Softmax, Loss::Mse, hyper(7, 0.5, 1e-3)},
        };
        const Case& c = cases[which];
        if (inFloat) {
            stepByRecord<float>(c);
            trainLoop<float>(c);
        } else {
            stepByRecord<double>(c);
            trainLoop<double>(c);
        }
    }

    // The oracle can fail: one multiply-add rounded twice instead of once, or a sum in
    // another order, and the bits differ.
    void anotherOrderDiffers() {
        const Case c{
            {9, 130, 70, 5}, Activation::Tanh, Activation::Sigmoid, Loss::Mse, hyper(1, 0, 0)};
        const Network net = networkFor(c, 7);
        auto data = randomData(9, 5, 1, 11, false);
        RecordValues a, b;
        prepare(net, a);
        data->inputs.copyColumn(0, a.input);
        a.target = data->targets.col(0);
        b = a;
        reference::forward(net, a);
        reference::backward(net, a);
        forward(net, b);
        backward(net, b);
        QVERIFY(sameValues(a, b).isEmpty());
        // δ(1) summed row after row (one chain): a different number, in some bits.
        Vector naive(net.layer(2).w.cols() - 1);
        const Matrix& w = net.layer(2).w;
        for (Eigen::Index j = 1; j < w.cols(); ++j) {
            double s = 0;
            for (Eigen::Index i = 0; i < w.rows(); ++i)
                s = std::fma(w(i, j), a.layer(2).dJdz[i], s);
            naive[j - 1] = s;
        }
        QVERIFY(!sameBits(naive, Vector(a.layer(1).delta)));
    }
};

QTEST_APPLESS_MAIN(ReferenceTest)
#include "tst_core_reference.moc"
