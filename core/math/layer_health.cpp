#include "math/layer_health.h"

#include <cmath>

namespace bp {

double saturationThreshold(Activation a) {
    switch (a) {
    case Activation::Sigmoid:
        return 0.01 * 0.25; // 1% of max g′ = g′(0) = ¼
    case Activation::Tanh:
        return 0.01 * 1.0; // 1% of max g′ = g′(0) = 1
    default:
        return 0;
    }
}

namespace {
// ‖w‖²_F = Σ_{i,j} w_{i,j}², j = 0 (bias) included: each column's sum in T (vectorised,
// not copied), the columns' sums in double.
template <typename T> double squaredNorm(const MatrixT<T>& w) {
    double sum = 0;
    for (Eigen::Index j = 0; j < w.cols(); ++j)
        sum += static_cast<double>(w.col(j).squaredNorm());
    return sum;
}
} // namespace

template <typename T> HealthWindow::HealthWindow(const NetworkT<T>& net) {
    for (const LayerT<T>& l : net.layers) {
        LayerSums s;
        s.activation = l.activation;
        s.keptDz = Matrix::Zero(l.size(), kBlock);
        s.keptX = Matrix::Zero(l.inputs() + 1, kBlock);
        s.active = Eigen::ArrayXi::Zero(l.size());
        s.xSum = s.dxdzSum = Vector::Zero(l.size());
        s.input = Vector::Zero(l.inputs());
        s.z = s.x = s.dJdz = s.dxdz = Vector::Zero(l.size());
        m_layers.push_back(std::move(s));
    }
}

template <typename T> void HealthWindow::add(const RecordValuesT<T>& v) {
    for (int k = 1; k <= static_cast<int>(m_layers.size()); ++k) {
        LayerSums& s = m_layers[static_cast<std::size_t>(k - 1)];
        const LayerValuesT<T>& l = v.layer(k);
        s.input = v.x(k - 1).template cast<double>(); // sized already: no allocation
        s.z = l.z.template cast<double>();
        s.x = l.x.template cast<double>();
        s.dJdz = l.dJdz.template cast<double>();
        keepGradientFactors(s);
        markUnits(s);
        addActivations(s);
        for (Eigen::Index i = 0; i < s.x.size(); ++i) {
            s.xHistogram.add(s.x[i]);
            s.dJdzHistogram.add(s.dJdz[i]);
        }
    }
    ++m_records;
}

// The record's ∂J/∂w(k) = ∂J/∂z(k)·[1; x(k−1)]ᵀ, kept as its two factors.
void HealthWindow::keepGradientFactors(LayerSums& s) {
    if (s.kept == kBlock)
        fold(s);
    s.keptDz.col(s.kept) = s.dJdz;                      // ∂J/∂z_i(k)
    s.keptX(0, s.kept) = 1;                             // x_0(k−1) = 1: the bias input
    s.keptX.col(s.kept).tail(s.input.size()) = s.input; // x_j(k−1), j ≥ 1
    ++s.kept;
}

// The kept records into the sum: Σ_r ∂J/∂z(k)·[1; x(k−1)]ᵀ = D·X̂ᵀ, one matrix product.
void HealthWindow::fold(LayerSums& s) {
    if (!s.summed)
        s.gradientSum.setZero(s.keptDz.rows(), s.keptX.rows()); // allocates only the first time
    s.summed = true;
    s.gradientSum.noalias() += s.keptDz.leftCols(s.kept) * s.keptX.leftCols(s.kept).transpose();
    s.kept = 0;
}

// ‖Σ_r ∂J_r/∂w(k)‖_F. While every record is still kept, without forming the sum:
// ‖D·X̂ᵀ‖²_F = Σ_{r,q} (∂J/∂z_r · ∂J/∂z_q)(x̂_r · x̂_q), the Gram matrices' inner product.
double HealthWindow::gradientSumNorm(LayerSums& s) {
    if (!s.summed) {
        const Matrix dd = s.keptDz.leftCols(s.kept).transpose() * s.keptDz.leftCols(s.kept);
        const Matrix xx = s.keptX.leftCols(s.kept).transpose() * s.keptX.leftCols(s.kept);
        return std::sqrt(std::max(0.0, dd.cwiseProduct(xx).sum())); // ≥ 0 up to rounding
    }
    fold(s);
    return s.gradientSum.norm(); // √(Σ_{i,j} (Σ_r ∂J_r/∂w_{i,j}(k))²)
}

// Per unit: on how many records it was live (ReLU) or unsaturated (sigmoid, tanh), and
// the sums of x_i(k) and g′(z_i(k)). Dead and saturated units are those never counted.
void HealthWindow::markUnits(LayerSums& s) {
    derivative(s.activation, s.z, s.x, s.dxdz); // g′(z_i(k)), as backprop computes it
    if (s.activation == Activation::Relu)
        s.active += (s.z.array() > 0).cast<int>(); // z_i(k) > 0 on this record
    const double threshold = saturationThreshold(s.activation);
    if (threshold > 0)
        s.active += (s.dxdz.array() >= threshold).cast<int>(); // g′(z_i(k)) ≥ threshold
    s.xSum += s.x;                                             // Σ_r x_i(k)
    s.dxdzSum += s.dxdz;                                       // Σ_r g′(z_i(k))
}

// Each unit's figures over the window's `records` records (N ≥ 1).
void HealthWindow::unitFigures(const LayerSums& s, long records, LayerHealth& h) {
    const bool relu = s.activation == Activation::Relu;
    const bool saturates = saturationThreshold(s.activation) > 0;
    const double n = static_cast<double>(records);
    h.unitHealth.resize(static_cast<std::size_t>(s.x.size()));
    for (Eigen::Index i = 0; i < s.x.size(); ++i) {
        UnitHealth& u = h.unitHealth[static_cast<std::size_t>(i)];
        u.activeRecords = relu || saturates ? s.active[i] : records;
        u.dead = relu && u.activeRecords == 0;           // z_i(k) ≤ 0 on every record
        u.saturated = saturates && u.activeRecords == 0; // g′ < threshold on every record
        u.meanX = s.xSum[i] / n;                         // (1/N) Σ_r x_i(k)
        u.meanDxdz = s.dxdzSum[i] / n;                   // (1/N) Σ_r g′(z_i(k))
    }
}

long LayerHealth::deadUnits() const {
    return static_cast<long>(std::count_if(unitHealth.begin(), unitHealth.end(),
                                           [](const UnitHealth& u) { return u.dead; }));
}

long LayerHealth::saturatedUnits() const {
    return static_cast<long>(std::count_if(unitHealth.begin(), unitHealth.end(),
                                           [](const UnitHealth& u) { return u.saturated; }));
}

// The record's x(k) joins the running mean and Σ (x − mean)² (Chan et al.'s pairwise
// update: the record's own mean and squares, then the shift between the two means).
void HealthWindow::addActivations(LayerSums& s) {
    const double n = static_cast<double>(s.x.size());
    const double seen = static_cast<double>(s.values);
    const double recordMean = s.x.mean();                                   // x̄_r
    const double recordSquares = (s.x.array() - recordMean).square().sum(); // Σ (x − x̄_r)²
    const double shift = recordMean - s.mean;
    s.mean += shift * n / (seen + n);                                   // x̄ over both
    s.squares += recordSquares + shift * shift * seen * n / (seen + n); // Σ (x − x̄)²
    s.values += s.x.size();
}

LayerHealth HealthWindow::figuresOf(LayerSums& s, long records, double weightNorm, double a) {
    LayerHealth h;
    h.activation = s.activation;
    h.units = s.x.size();
    h.records = records;
    h.weightNorm = weightNorm;
    h.x = s.xHistogram;
    h.dJdz = s.dJdzHistogram;
    if (records == 0)
        return h;
    const double units = static_cast<double>(h.units);
    unitFigures(s, records, h);
    h.gradientNorm = gradientSumNorm(s) / static_cast<double>(records); // ‖(1/N) Σ_r ∂J_r/∂w‖
    h.updateRatio = a * h.gradientNorm / h.weightNorm;           // a·‖∂J/∂w‖ / ‖w‖
    h.deadFraction = static_cast<double>(h.deadUnits()) / units; // dead units / units
    h.saturatedFraction = static_cast<double>(h.saturatedUnits()) / units;  // saturated / units
    h.activationMean = s.mean;                                              // Σ x / (N·units)
    h.activationStd = std::sqrt(s.squares / static_cast<double>(s.values)); // population
    return h;
}

template <typename T>
std::vector<LayerHealth> HealthWindow::figures(const NetworkT<T>& net, double learningRate) {
    std::vector<LayerHealth> all;
    for (int k = 1; k <= net.depth(); ++k) {
        const double weightNorm = std::sqrt(squaredNorm(net.layer(k).w)); // ‖w(k)‖_F
        all.push_back(figuresOf(m_layers[static_cast<std::size_t>(k - 1)], m_records, weightNorm,
                                learningRate));
        all.back().layer = k;
    }
    return all;
}

void HealthWindow::clear() {
    for (LayerSums& s : m_layers) {
        s.kept = 0;
        s.summed = false;
        s.active.setZero();
        s.xSum.setZero();
        s.dxdzSum.setZero();
        s.values = 0;
        s.mean = s.squares = 0;
        s.xHistogram.clear();
        s.dJdzHistogram.clear();
    }
    m_records = 0;
}

#define BP_INSTANTIATE_HEALTH(T)                                                                   \
    template HealthWindow::HealthWindow(const NetworkT<T>&);                                       \
    template void HealthWindow::add<T>(const RecordValuesT<T>&);                                   \
    template std::vector<LayerHealth> HealthWindow::figures<T>(const NetworkT<T>&, double);
BP_INSTANTIATE_HEALTH(float)
BP_INSTANTIATE_HEALTH(double)
#undef BP_INSTANTIATE_HEALTH

} // namespace bp
