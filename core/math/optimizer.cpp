#include "math/optimizer.h"

#include "math/error.h"
#include "math/kernels.h"

#include <algorithm>
#include <string>

namespace bp {

template <typename T> void OptimizerT<T>::reset(const NetworkT<T>& net) {
    m_dz.clear();
    m_x.clear();
    m_partial.clear();
    m_velocity.clear();
    for (const LayerT<T>& l : net.layers) {
        m_dz.push_back(MatrixT<T>::Zero(l.w.rows(), kChunk));
        m_x.push_back(MatrixT<T>::Ones(l.w.cols(), kChunk)); // row 0 stays 1: the bias input
        m_partial.push_back(MatrixT<T>::Zero(l.w.rows(), l.w.cols()));
        m_velocity.push_back(MatrixT<T>::Zero(l.w.rows(), l.w.cols()));
    }
    m_kept = 0;
    m_folded = false;
    m_count = 0;
    m_last = false;
}

template <typename T> std::size_t OptimizerT<T>::bytes() const {
    std::size_t n = 0;
    for (std::size_t k = 0; k < m_dz.size(); ++k)
        n += static_cast<std::size_t>(m_dz[k].size() + m_x[k].size() + m_partial[k].size() +
                                      m_velocity[k].size());
    return n * sizeof(T);
}

namespace {
template <typename T>
kernels::UpdateArgs<T> argsFor(MatrixT<T>& w, const MatrixT<T>& dz, const MatrixT<T>& x,
                               int records) {
    kernels::UpdateArgs<T> u;
    u.w = w.data();
    u.rows = w.rows();
    u.cols = w.cols();
    u.dz = dz.data();
    u.x = x.data();
    u.records = records;
    return u;
}
} // namespace

template <typename T> void OptimizerT<T>::foldChunk() {
    for (std::size_t k = 0; k < m_dz.size(); ++k) {
        // partial ← partial + Σ_b ∂J/∂z_b·[1, x_bᵀ]  (w is not touched)
        kernels::UpdateArgs<T> u = argsFor(m_partial[k], m_dz[k], m_x[k], m_kept);
        u.partial = m_folded ? m_partial[k].data() : nullptr;
        kernels::fold(u, m_partial[k].data());
    }
    m_folded = true;
    m_kept = 0;
}

template <typename T> void OptimizerT<T>::accumulate(const RecordValuesT<T>& v) {
    keep(v);
    if (m_kept == kChunk)
        foldChunk();
    for (std::size_t k = 0; k < m_dz.size(); ++k) {
        const VectorT<T>& x =
            v.x(static_cast<int>(k)); // x(k−1) of layer k = k+1 in the seed's numbering
        const VectorT<T>& dz = v.layers[k].dJdz;
        // (plain copies: Eigen's vectorised ones cost more than they save on short layers)
        std::copy_n(dz.data(), dz.size(), m_dz[k].col(m_kept).data());
        std::copy_n(x.data(), x.size(), m_x[k].col(m_kept).data() + 1); // row 0 stays 1
    }
    ++m_kept;
    ++m_count;
}

template <typename T> void OptimizerT<T>::accumulateLast() {
    m_last = true;
    ++m_count;
}

template <typename T> void OptimizerT<T>::keep(const RecordValuesT<T>& v) {
    if (!m_last)
        return;
    m_last = false;
    --m_count;
    accumulate(v);
}

template <typename T>
void OptimizerT<T>::updateLayers(NetworkT<T>& net, const Hyper& h, const RecordValuesT<T>& v,
                                 const T* next, T* nextZ) {
    if (m_count == 0) { // nothing to apply; the next z is still asked for
        if (next) {
            const MatrixT<T>& w = net.layers.front().w;
            kernels::affine(w.data(), w.rows(), w.cols(), next, nextZ);
        }
        return;
    }
    if (m_last && (m_kept > 0 || m_folded))
        keep(v); // the last record joins the others' columns
    for (std::size_t k = 0; k < net.layers.size(); ++k) {
        kernels::UpdateArgs<T> u = argsFor(net.layers[k].w, m_dz[k], m_x[k], m_kept);
        if (m_last) { // one record, read where it is
            u.dz = v.layers[k].dJdz.data();
            u.x = nullptr;
            u.input = v.x(static_cast<int>(k)).data();
            u.records = 1;
        }
        u.partial = m_folded ? m_partial[k].data() : nullptr;
        u.count = m_count;
        u.a = static_cast<T>(h.learningRate);
        u.mu = static_cast<T>(h.momentum);
        u.lambda = static_cast<T>(h.l2);
        u.freezeBias = h.freezeBias;
        u.velocity = m_velocity[k].data();
        if (k == 0 && next) {
            u.next = next;
            u.nextZ = nextZ;
        }
        kernels::update(u);
    }
    m_kept = 0;
    m_folded = false;
    m_count = 0;
    m_last = false;
}

template <typename T>
void OptimizerT<T>::update(NetworkT<T>& net, const Hyper& h, const RecordValuesT<T>& v) {
    updateLayers(net, h, v, nullptr, nullptr);
}

template <typename T>
void OptimizerT<T>::updateAndForward(NetworkT<T>& net, const Hyper& h, const RecordValuesT<T>& v,
                                     const T* next, T* nextZ) {
    updateLayers(net, h, v, next, nextZ);
}

template <typename T> OptimizerStateT<T> OptimizerT<T>::state() const {
    if (m_last)
        throw InputError("the optimizer's state is asked for in the middle of a record");
    OptimizerStateT<T> s;
    s.count = m_count;
    const bool moving = std::any_of(m_velocity.begin(), m_velocity.end(),
                                    [](const MatrixT<T>& v) { return (v.array() != T(0)).any(); });
    for (std::size_t k = 0; k < m_dz.size(); ++k) {
        s.keptDz.push_back(m_dz[k].leftCols(m_kept));
        s.keptX.push_back(m_x[k].leftCols(m_kept));
        if (m_folded)
            s.partial.push_back(m_partial[k]);
        if (moving)
            s.velocity.push_back(m_velocity[k]);
    }
    return s;
}

namespace {
template <typename T>
void checkShapes(const std::vector<MatrixT<T>>& given, const std::vector<MatrixT<T>>& like,
                 Eigen::Index cols, const std::string& what) {
    if (given.size() != like.size())
        throw InputError(what + " has " + std::to_string(given.size()) + " layers; expected " +
                         std::to_string(like.size()));
    for (std::size_t k = 0; k < given.size(); ++k) {
        const Eigen::Index c = cols < 0 ? like[k].cols() : cols;
        if (given[k].rows() != like[k].rows() || given[k].cols() != c)
            throw InputError(what + " of layer " + std::to_string(k + 1) + " is " +
                             std::to_string(given[k].rows()) + " x " +
                             std::to_string(given[k].cols()) + "; expected " +
                             std::to_string(like[k].rows()) + " x " + std::to_string(c));
    }
}
} // namespace

template <typename T> void OptimizerT<T>::restore(const OptimizerStateT<T>& s) {
    const Eigen::Index kept = s.keptDz.empty() ? 0 : s.keptDz.front().cols();
    if (kept > kChunk || kept > s.count || (s.partial.empty() && kept != s.count) ||
        (!s.partial.empty() && kept == s.count))
        throw InputError("the open batch holds " + std::to_string(s.count) +
                         " records, which its columns (" + std::to_string(kept) +
                         ") and partial sums do not add up to");
    checkShapes(s.keptDz, m_dz, kept, "the kept dJ/dz");
    checkShapes(s.keptX, m_x, kept, "the kept inputs");
    if (!s.partial.empty())
        checkShapes(s.partial, m_partial, -1, "the partial sum");
    if (!s.velocity.empty())
        checkShapes(s.velocity, m_velocity, -1, "the velocity");
    for (std::size_t k = 0; k < m_dz.size(); ++k) {
        m_dz[k].leftCols(kept) = s.keptDz[k];
        m_x[k].leftCols(kept) = s.keptX[k];
        m_x[k].row(0).setOnes(); // the bias input, whatever the state said
        if (!s.partial.empty())
            m_partial[k] = s.partial[k];
        m_velocity[k] = s.velocity.empty()
                            ? MatrixT<T>::Zero(m_velocity[k].rows(), m_velocity[k].cols())
                            : s.velocity[k];
    }
    m_kept = static_cast<int>(kept);
    m_folded = !s.partial.empty();
    m_count = s.count;
    m_last = false;
}

template class OptimizerT<float>;
template class OptimizerT<double>;

} // namespace bp
