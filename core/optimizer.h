#pragma once
#include "backprop.h"
#include "network.h"

#include <vector>

namespace bp {

// Settings that may change between records.
struct Hyper {
    double learningRate = 0.1; // a in w ← w − a · ∂J/∂w
    int batchSize = 1;         // 1 = online SGD, as in the seed
    double momentum = 0;       // μ, PyTorch's convention: v ← μ·v + g, w ← w − a·v
    double l2 = 0;             // λ: g += λ·w for non-bias weights
    bool freezeBias = false;   // keep every w_{i,0}(k) as it is
};

// Collects the gradients of a batch, then applies them in one update, so that
// all gradients of a record or batch are computed before any weight changes.
class Optimizer {
public:
    void reset(const Network& net); // sizes the buffers, zero sum and velocity

    // sum(k) += ∂J/∂w(k) of one record.
    void accumulate(const RecordValues& v);
    int pending() const { return m_count; }

    // g(k) = sum(k) / count  (+ λ·w for non-bias weights); with momentum v ← μ·v + g;
    // w(k) ← w(k) − a · (v or g). Clears the sum. No-op if nothing is pending.
    void update(Network& net, const Hyper& h);

    const std::vector<Matrix>& gradientSum() const { return m_sum; }
    const std::vector<Matrix>& velocity() const { return m_velocity; }

private:
    std::vector<Matrix> m_sum;
    std::vector<Matrix> m_velocity;
    std::vector<Matrix> m_step; // workspace for g
    int m_count = 0;
};

} // namespace bp
