#include "optimizer.h"

namespace bp {

template <typename T> void OptimizerT<T>::reset(const NetworkT<T>& net) {
    m_sum.clear();
    m_velocity.clear();
    m_step.clear();
    Eigen::Index widest = 0;
    for (const LayerT<T>& l : net.layers) {
        m_sum.push_back(MatrixT<T>::Zero(l.w.rows(), l.w.cols()));
        m_velocity.push_back(MatrixT<T>::Zero(l.w.rows(), l.w.cols()));
        m_step.push_back(MatrixT<T>::Zero(l.w.rows(), l.w.cols()));
        widest = std::max(widest, l.w.rows());
    }
    m_column = VectorT<T>::Zero(widest);
    m_deferred = false;
    m_count = 0;
}

template <typename T> void OptimizerT<T>::accumulate(const RecordValuesT<T>& v) {
    materializeDeferred(v);
    for (std::size_t k = 0; k < m_sum.size(); ++k) {
        if (m_count == 0)
            m_sum[k] = v.layers[k].dJdw;
        else
            m_sum[k] += v.layers[k].dJdw;
    }
    ++m_count;
}

template <typename T> void OptimizerT<T>::accumulateOuter(const RecordValuesT<T>& v) {
    materializeDeferred(v);
    for (std::size_t k = 0; k < m_sum.size(); ++k) {
        MatrixT<T>& sum = m_sum[k];
        const VectorT<T>& dz = v.layers[k].dJdz;
        const VectorT<T>& x =
            v.x(static_cast<int>(k)); // x(k−1) of layer k = k+1 in the seed's numbering
        // sum_{i,0} += ∂J/∂z_i;  sum_{i,j} += ∂J/∂z_i · x_j
        if (m_count == 0) {
            sum.col(0) = dz;
            for (Eigen::Index j = 1; j < sum.cols(); ++j)
                sum.col(j).noalias() = dz * x[j - 1];
        } else {
            // The product goes through a stored column first, as in accumulate(): a
            // compiler may not fuse it into the addition (an FMA would round once, not
            // twice, and the two paths would differ in the last bit).
            Eigen::VectorBlock<VectorT<T>> product = m_column.head(sum.rows());
            sum.col(0) += dz;
            for (Eigen::Index j = 1; j < sum.cols(); ++j) {
                product.noalias() = dz * x[j - 1];
                sum.col(j) += product;
            }
        }
    }
    ++m_count;
}

template <typename T> void OptimizerT<T>::defer(const RecordValuesT<T>& v) {
    if (m_count > 0) { // a batch is already open: add to it
        accumulateOuter(v);
        return;
    }
    m_deferred = true;
    m_count = 1;
}

template <typename T> void OptimizerT<T>::materializeDeferred(const RecordValuesT<T>& v) {
    if (!m_deferred)
        return;
    m_deferred = false;
    m_count = 0;
    accumulateOuter(v);
}

template <typename T>
void OptimizerT<T>::update(NetworkT<T>& net, const Hyper& h, const RecordValuesT<T>* record) {
    if (m_count == 0)
        return;
    if (m_deferred) {
        updateFromRecord(net, h, *record);
        m_deferred = false;
        m_count = 0;
        return;
    }
    const T a = static_cast<T>(h.learningRate);
    const T mu = static_cast<T>(h.momentum);
    const T lambda = static_cast<T>(h.l2);
    for (std::size_t k = 0; k < net.layers.size(); ++k) {
        MatrixT<T>& w = net.layers[k].w;
        MatrixT<T>& g = m_step[k];
        // g = mean of the batch's ∂J/∂w  (online: exactly this record's ∂J/∂w)
        if (m_count == 1)
            g = m_sum[k];
        else
            g = m_sum[k] / static_cast<T>(m_count);
        if (lambda != 0) // L2 decay on weights, not on biases: g_{i,j} += λ·w_{i,j}, j ≥ 1
            g.rightCols(g.cols() - 1) += lambda * w.rightCols(w.cols() - 1);
        if (mu != 0) {
            m_velocity[k] = mu * m_velocity[k] + g; // v ← μ·v + g
            g = m_velocity[k];
        }
        if (h.freezeBias)
            g.col(0).setZero();
        w -= a * g; // w ← w − a · ∂J/∂w
    }
    m_count = 0;
}

template <typename T>
void OptimizerT<T>::updateFromRecord(NetworkT<T>& net, const Hyper& h, const RecordValuesT<T>& v) {
    // The same equations as update(), one column of each weight matrix at a time,
    // with g's column computed from the record: each matrix is swept once.
    const T a = static_cast<T>(h.learningRate);
    const T mu = static_cast<T>(h.momentum);
    const T lambda = static_cast<T>(h.l2);
    for (std::size_t k = 0; k < net.layers.size(); ++k) {
        MatrixT<T>& w = net.layers[k].w;
        const VectorT<T>& dz = v.layers[k].dJdz;
        const VectorT<T>& x = v.x(static_cast<int>(k));
        Eigen::VectorBlock<VectorT<T>> g = m_column.head(w.rows());
        for (Eigen::Index j = h.freezeBias ? 1 : 0; j < w.cols(); ++j) {
            if (j == 0)
                g = dz; // ∂J/∂w_{i,0} = ∂J/∂z_i
            else
                g.noalias() = dz * x[j - 1]; // ∂J/∂w_{i,j} = ∂J/∂z_i · x_j(k−1)
            if (lambda != 0 && j > 0)
                g += lambda * w.col(j); // + λ·w_{i,j}
            if (mu != 0) {
                m_velocity[k].col(j) = mu * m_velocity[k].col(j) + g; // v ← μ·v + g
                g = m_velocity[k].col(j);
            }
            w.col(j) -= a * g; // w ← w − a·g
        }
        if (h.freezeBias && mu != 0) // the full update keeps v's bias column moving too
            m_velocity[k].col(0) = mu * m_velocity[k].col(0) + dz;
    }
}

template class OptimizerT<float>;
template class OptimizerT<double>;

} // namespace bp
