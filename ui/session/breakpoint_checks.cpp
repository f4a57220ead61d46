#include "session/breakpoint_checks.h"

#include "math/loss.h"
#include "math/metrics.h"

#include <cmath>

namespace bp {

namespace {

PauseSite site(const char* quantity, int layer, Eigen::Index row, Eigen::Index column,
               double value) {
    PauseSite s;
    s.value = value;
    s.valid = true;
    s.quantity = QString::fromLatin1(quantity);
    s.layer = layer;
    s.node = static_cast<int>(row) + 1; // nodes are 1-based, as in the seed
    s.column = static_cast<int>(column);
    return s;
}

template <typename T>
std::optional<PauseSite> firstIn(const VectorT<T>& v, const char* quantity, int layer) {
    for (Eigen::Index i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i]))
            return site(quantity, layer, i, -1, static_cast<double>(v[i]));
    return std::nullopt;
}

template <typename T>
std::optional<PauseSite> firstIn(const MatrixT<T>& m, const char* quantity, int layer) {
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            if (!std::isfinite(m(i, j)))
                return site(quantity, layer, i, j, static_cast<double>(m(i, j)));
    return std::nullopt;
}

} // namespace

template <typename T> bool recordLooksFinite(const RecordValuesT<T>& v) {
    if (!std::isfinite(v.loss))
        return false;
    // 0·z_i is 0 for every finite z_i and NaN for ±∞ or NaN, so the sum of the 0·z_i is
    // 0 exactly when all are finite (a vectorised sum; Eigen's allFinite is not).
    for (const LayerValuesT<T>& l : v.layers)
        if ((l.z.array() * T(0)).sum() != T(0))
            return false;
    return true;
}

template <typename T>
std::optional<PauseSite> findNonFinite(const NetworkT<T>& net, const RecordValuesT<T>& v,
                                       Phase phase) {
    std::optional<PauseSite> s;
    switch (phase.kind) {
    case Phase::Kind::Forward:
        if (!(s = firstIn(v.layer(phase.layer).z, "z", phase.layer)))
            s = firstIn(v.layer(phase.layer).x, "x", phase.layer);
        break;
    case Phase::Kind::Loss:
        if (!std::isfinite(v.loss)) {
            s = site("J", 0, -1, -1, static_cast<double>(v.loss));
            s->node = 0;
        } else {
            s = firstIn(v.layers.back().delta, "delta", net.depth());
        }
        break;
    case Phase::Kind::Backward: {
        const LayerValuesT<T>& l = v.layer(phase.layer);
        if (!(s = firstIn(l.delta, "delta", phase.layer)) &&
            !(s = firstIn(l.dJdz, "dJdz", phase.layer)))
            s = firstIn(l.dJdw, "dJdw", phase.layer);
        break;
    }
    case Phase::Kind::Update:
        s = findNonFiniteWeight(net);
        break;
    }
    if (s)
        s->phase = phase;
    return s;
}

template <typename T> std::optional<PauseSite> findNonFiniteWeight(const NetworkT<T>& net) {
    for (int k = 1; k <= net.depth(); ++k)
        if (!net.layer(k).w.allFinite())
            return firstIn(net.layer(k).w, "w", k);
    return std::nullopt;
}

template <typename T> double recordGradientNorm(const NetworkT<T>& net, const RecordValuesT<T>& v) {
    double sum = 0;
    for (int k = 1; k <= net.depth(); ++k) {
        // ‖∂J/∂w(k)‖² = ‖∂J/∂z(k)‖² · (1 + ‖x(k−1)‖²), the bias input x_0 = 1 included
        sum += v.layer(k).dJdz.template cast<double>().squaredNorm() *
               (1 + v.x(k - 1).template cast<double>().squaredNorm());
    }
    return std::sqrt(sum);
}

QString describe(const PauseSite& s, double value) {
    const QString what = std::isnan(value) ? QStringLiteral("NaN")
                         : value > 0       ? QStringLiteral("Inf")
                                           : QStringLiteral("−Inf");
    const QString k = QString::number(s.layer);
    const QString i = QString::number(s.node);
    const QString j = QString::number(s.column);
    QString name;
    if (s.quantity == QLatin1String("z"))
        name = QStringLiteral("z_%1(%2)").arg(i, k);
    else if (s.quantity == QLatin1String("x"))
        name = QStringLiteral("x_%1(%2)").arg(i, k);
    else if (s.quantity == QLatin1String("delta"))
        name = QStringLiteral("δ_%1(%2)").arg(i, k);
    else if (s.quantity == QLatin1String("dJdz"))
        name = QStringLiteral("∂J/∂z_%1(%2)").arg(i, k);
    else if (s.quantity == QLatin1String("dJdw"))
        name = QStringLiteral("∂J/∂w_{%1,%2}(%3)").arg(i, j, k);
    else if (s.quantity == QLatin1String("w"))
        name = QStringLiteral("w_{%1,%2}(%3)").arg(i, j, k);
    else
        name = QStringLiteral("J");
    return QStringLiteral("%1 in %2, record %3, epoch %4, phase %5")
        .arg(what, name, QString::number(s.record), QString::number(s.epoch),
             QString::fromStdString(toString(s.phase)));
}

template <typename T>
std::optional<TestMetrics> evaluateStoppable(const NetworkT<T>& net, const Dataset& data,
                                             const std::atomic<bool>& abort, RecordValuesT<T>& v) {
    TestMetrics m;
    if (data.records() == 0)
        return m;
    prepare(net, v); // the buffers of the last call, when the shapes are the same
    double lossSum = 0;
    long correct = 0;
    const bool classes = data.isClassification();
    for (Eigen::Index r = 0; r < data.records(); ++r) {
        if (r % 64 == 0 && abort.load(std::memory_order_relaxed))
            return std::nullopt;
        data.inputs.copyColumn(r, v.input);
        v.target = data.targets.col(r).template cast<T>();
        forward(net, v);
        const LayerT<T>& out = net.layers.back();
        lossSum += lossValue<T>(net.loss, out.activation, v.layers.back().z, v.output(), v.target);
        if (classes)
            correct += classOf(v.target) == classOf(v.output());
    }
    m.loss = lossSum / static_cast<double>(data.records());
    if (classes)
        m.accuracy = static_cast<double>(correct) / static_cast<double>(data.records());
    return m;
}

#define BP_INSTANTIATE(T)                                                                          \
    template bool recordLooksFinite(const RecordValuesT<T>&);                                      \
    template std::optional<PauseSite> findNonFinite(const NetworkT<T>&, const RecordValuesT<T>&,   \
                                                    Phase);                                        \
    template std::optional<PauseSite> findNonFiniteWeight(const NetworkT<T>&);                     \
    template double recordGradientNorm(const NetworkT<T>&, const RecordValuesT<T>&);               \
    template std::optional<TestMetrics> evaluateStoppable(                                         \
        const NetworkT<T>&, const Dataset&, const std::atomic<bool>&, RecordValuesT<T>&);
BP_INSTANTIATE(float)
BP_INSTANTIATE(double)
#undef BP_INSTANTIATE

} // namespace bp
