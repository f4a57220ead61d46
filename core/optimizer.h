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
//
// Two ways in, with the same numbers bit for bit:
// - accumulate(v) adds the ∂J/∂w matrices the backward pass wrote out;
// - accumulateOuter(v) adds ∂J/∂z(k)·[1, x(k−1)ᵀ] straight from the record, and
//   defer() only notes that the record's gradient is pending, for an online update
//   that follows before the record's values change: update(net, h, &v) then reads it
//   from v and sweeps each weight matrix once (the training loop's fast path).
//   Nothing points into the record, so an Optimizer copies safely.
template <typename T> class OptimizerT {
public:
    void reset(const NetworkT<T>& net); // sizes the buffers, zero sum and velocity

    // sum(k) += ∂J/∂w(k) of one record.
    void accumulate(const RecordValuesT<T>& v);
    // sum(k) += ∂J/∂z(k)·[1, x(k−1)ᵀ], without ∂J/∂w written out.
    void accumulateOuter(const RecordValuesT<T>& v);
    // The record's gradient, to be read from `v` by the next update(net, h, &v); v must
    // not change until then, or materializeDeferred(v) must run first.
    void defer(const RecordValuesT<T>& v);
    // Moves a deferred record's gradient into the sum (while its values still hold).
    void materializeDeferred(const RecordValuesT<T>& v);
    int pending() const { return m_count; }

    // g(k) = sum(k) / count  (+ λ·w for non-bias weights); with momentum v ← μ·v + g;
    // w(k) ← w(k) − a · (v or g). Clears the sum. No-op if nothing is pending.
    // `record` is the deferred record's values, if defer() was used.
    void update(NetworkT<T>& net, const Hyper& h, const RecordValuesT<T>* record = nullptr);

    const std::vector<MatrixT<T>>& velocity() const { return m_velocity; }

private:
    void updateFromRecord(NetworkT<T>& net, const Hyper& h, const RecordValuesT<T>& v);

    std::vector<MatrixT<T>> m_sum;
    std::vector<MatrixT<T>> m_velocity;
    std::vector<MatrixT<T>> m_step; // workspace for g
    VectorT<T> m_column;            // workspace for one column of g
    bool m_deferred = false;        // the pending gradient is the record's, not in m_sum
    int m_count = 0;
};

using Optimizer = OptimizerT<Scalar>;

} // namespace bp
