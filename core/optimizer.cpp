#include "optimizer.h"

namespace bp {

void Optimizer::reset(const Network& net) {
    m_sum.clear();
    m_velocity.clear();
    m_step.clear();
    for (const Layer& l : net.layers) {
        m_sum.push_back(Matrix::Zero(l.w.rows(), l.w.cols()));
        m_velocity.push_back(Matrix::Zero(l.w.rows(), l.w.cols()));
        m_step.push_back(Matrix::Zero(l.w.rows(), l.w.cols()));
    }
    m_count = 0;
}

void Optimizer::accumulate(const RecordValues& v) {
    for (std::size_t k = 0; k < m_sum.size(); ++k) {
        if (m_count == 0)
            m_sum[k] = v.layers[k].dJdw;
        else
            m_sum[k] += v.layers[k].dJdw;
    }
    ++m_count;
}

void Optimizer::update(Network& net, const Hyper& h) {
    if (m_count == 0)
        return;
    const Scalar a = static_cast<Scalar>(h.learningRate);
    const Scalar mu = static_cast<Scalar>(h.momentum);
    const Scalar lambda = static_cast<Scalar>(h.l2);
    for (std::size_t k = 0; k < net.layers.size(); ++k) {
        Matrix& w = net.layers[k].w;
        Matrix& g = m_step[k];
        // g = mean of the batch's ∂J/∂w  (online: exactly this record's ∂J/∂w)
        if (m_count == 1)
            g = m_sum[k];
        else
            g = m_sum[k] / static_cast<Scalar>(m_count);
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

} // namespace bp
