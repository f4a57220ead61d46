#include "math/reference.h"

#include "math/loss.h"
#include "math/simd.h" // the register width only: it sets the order of δ's sums

#include <cmath>

namespace bp::reference {

namespace {

// a·b + c, rounded once where the processor has fused multiply-add.
template <typename T> T madd(T a, T b, T c) {
#ifdef __FMA__
    return std::fma(a, b, c);
#else
    return a * b + c;
#endif
}

// The sum of n values (n a power of two) as a tree: v_l + v_{l + n/2}, again and again.
template <typename T> T treeSum(std::vector<T> v) {
    for (std::size_t n = v.size(); n > 2; n /= 2)
        for (std::size_t l = 0; l < n / 2; ++l)
            v[l] = v[l] + v[l + n / 2];
    return v[0] + v[1];
}

// Σ_i w_i·d_i over the rows of one column, in the kernels' order: the rows that fill
// whole registers of n lanes go to four chains (row i: chain ⌊i/n⌋ mod 4, lane i mod n),
// joined lane by lane as (c0 + c1) + (c2 + c3) and summed as a tree; then half a
// register of products, summed as a tree, if that many rows are left; then the rest.
template <typename T> T columnSum(const T* w, const T* d, Eigen::Index rows) {
    constexpr Eigen::Index n = kernels::kRegisterBytes / sizeof(T), h = n / 2;
    const Eigen::Index packed = rows - rows % n;
    std::vector<std::vector<T>> chain(4, std::vector<T>(n, T(0)));
    Eigen::Index i = 0;
    for (; i < packed; ++i)
        chain[(i / n) % 4][i % n] = madd(w[i], d[i], chain[(i / n) % 4][i % n]);
    T sum = 0;
    if (packed > 0) {
        std::vector<T> lanes(n);
        for (Eigen::Index l = 0; l < n; ++l)
            lanes[l] = (chain[0][l] + chain[1][l]) + (chain[2][l] + chain[3][l]);
        sum = treeSum(lanes);
    }
    if (h > 1 && rows - i >= h) {
        std::vector<T> products(h);
        for (Eigen::Index l = 0; l < h; ++l)
            products[l] = w[i + l] * d[i + l];
        sum += treeSum(products);
        i += h;
    }
    for (; i < rows; ++i)
        sum = madd(w[i], d[i], sum);
    return sum;
}

} // namespace

template <typename T> void forward(const NetworkT<T>& net, RecordValuesT<T>& v) {
    for (int k = 1; k <= net.depth(); ++k) {
        const MatrixT<T>& w = net.layer(k).w;
        const VectorT<T>& x = v.x(k - 1);
        LayerValuesT<T>& lv = v.layer(k);
        for (Eigen::Index i = 0; i < w.rows(); ++i) {
            T z = w(i, 0); // z_i = w_{i,0} + Σ_j w_{i,j}·x_j, j = 1, 2, … in order
            for (Eigen::Index j = 1; j < w.cols(); ++j)
                z = madd(w(i, j), x[j - 1], z);
            lv.z[i] = z;
        }
        activate(net.layer(k).activation, lv.z, lv.x); // x_i = g(z_i)
    }
}

template <typename T> void backward(const NetworkT<T>& net, RecordValuesT<T>& v) {
    const int L = net.depth();
    const LayerT<T>& out = net.layer(L);
    v.loss = lossValue<T>(net.loss, out.activation, v.layer(L).z, v.layer(L).x, v.target);
    outputDelta(net.loss, out.activation, v.layer(L).x, v.target, v.layer(L).delta); // δ(L)
    for (int k = L; k >= 1; --k) {
        LayerValuesT<T>& lv = v.layer(k);
        if (k < L) { // δ_j(k) = Σ_i ∂J/∂z_i(k+1)·w_{i,j}(k+1), skipping the bias column
            const MatrixT<T>& w = net.layer(k + 1).w;
            for (Eigen::Index j = 1; j < w.cols(); ++j)
                lv.delta[j - 1] = columnSum(w.col(j).data(), v.layer(k + 1).dJdz.data(), w.rows());
        }
        const Activation g = net.layer(k).activation;
        if (k == L && net.loss == Loss::CrossEntropy) // ∂J/∂z(L) = −(y − f), directly
            lv.dJdz = g == Activation::Softmax ? VectorT<T>(lv.x * v.target.sum() - v.target)
                                               : VectorT<T>(lv.x - v.target);
        else // ∂J/∂z_i(k) = δ_i(k)·g'(z_i(k))
            chainThroughActivation(g, lv.z, lv.x, lv.delta, lv.dJdz);
    }
}

template <typename T>
void update(NetworkT<T>& net, std::vector<MatrixT<T>>& velocity, const Hyper& h,
            const std::vector<RecordValuesT<T>>& batch) {
    const T a = static_cast<T>(h.learningRate), mu = static_cast<T>(h.momentum),
            lambda = static_cast<T>(h.l2), n = static_cast<T>(batch.size());
    const bool online = batch.size() == 1 && mu == 0 && lambda == 0;
    for (int k = 1; k <= net.depth(); ++k) {
        MatrixT<T>& w = net.layer(k).w;
        MatrixT<T>& vel = velocity[static_cast<std::size_t>(k - 1)];
        // x_j(k−1) of record b, with x_0 = 1 (the bias input)
        const auto x = [&](const RecordValuesT<T>& r, Eigen::Index j) {
            return j == 0 ? T(1) : r.x(k - 1)[j - 1];
        };
        for (Eigen::Index i = 0; i < w.rows(); ++i) {
            const T step = a * batch[0].layer(k).dJdz[i]; // online: a·∂J/∂z_i, formed once
            for (Eigen::Index j = 0; j < w.cols(); ++j) {
                const bool frozen = j == 0 && h.freezeBias;
                if (online) { // w ← w − (a·∂J/∂z_i)·x_j (the bias: w − a·∂J/∂z_i)
                    if (!frozen)
                        w(i, j) = j == 0 ? w(i, j) - step : madd(-step, x(batch[0], j), w(i, j));
                    continue;
                }
                T g = 0; // g = Σ_b ∂J/∂z_i·x_j over the batch, in the order trained
                for (const RecordValuesT<T>& r : batch)
                    g = madd(r.layer(k).dJdz[i], x(r, j), g);
                if (batch.size() != 1)
                    g = g / n; // the mean
                if (lambda != 0 && j > 0)
                    g = madd(lambda, w(i, j), g); // + λ·w, not on biases
                if (mu != 0)
                    vel(i, j) = g = madd(mu, vel(i, j), g); // v ← μ·v + g
                if (!frozen)
                    w(i, j) = madd(-a, g, w(i, j)); // w ← w − a·g
            }
        }
    }
}

#define BP_INSTANTIATE(T)                                                                          \
    template void forward<T>(const NetworkT<T>&, RecordValuesT<T>&);                               \
    template void backward<T>(const NetworkT<T>&, RecordValuesT<T>&);                              \
    template void update<T>(NetworkT<T>&, std::vector<MatrixT<T>>&, const Hyper&,                  \
                            const std::vector<RecordValuesT<T>>&);
BP_INSTANTIATE(float)
BP_INSTANTIATE(double)
#undef BP_INSTANTIATE

} // namespace bp::reference
