#pragma once
#include "math/backprop.h"
#include "math/network.h"

#include <cstddef>
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

// The open batch and the momentum between two records: all a saved run needs to go on
// with the same numbers (TrainingRunT::state). Per layer k: the kept records' ∂J/∂z(k)
// and [1; x(k−1)] as columns, and the folded partial sum when more than kChunk records
// joined (empty: none folded); velocity empty when it is all zero.
template <typename T> struct OptimizerStateT {
    int count = 0; // records in the open batch (folded + kept)
    std::vector<MatrixT<T>> keptDz, keptX, partial, velocity;
};

// Collects the records of a batch, then applies their gradients in one update, so
// that all gradients of a record or batch are computed before any weight changes.
//
// A record joins by its ∂J/∂z(k) and x(k−1), copied (the optimizer keeps nothing
// that points into the record) — except the record that closes the batch, which may
// stay in the caller's values: update() is given those values and reads it there.
// ∂J/∂w_{i,j}(k) = ∂J/∂z_i(k)·x_j(k−1) is never written out here: update() forms each
// weight's batch sum from those columns, one multiply-add per record in the order
// they joined, in the same sweep over w that changes it (core/math/kernels.h). Whether
// the backward pass also wrote the ∂J/∂w matrices out, for the screen, makes no
// difference to the numbers.
template <typename T> class OptimizerT {
public:
    // Records kept as columns before their sums are folded into a stored partial sum.
    static constexpr int kChunk = 32;

    void reset(const NetworkT<T>& net); // sizes the buffers, nothing pending, zero velocity

    // The record's ∂J/∂z(k) and x(k−1), k = 1..L, join the batch (copied).
    void accumulate(const RecordValuesT<T>& v);
    // The record joins the batch and closes it, staying in the caller's values: they
    // must not change before update(), which is given them, unless keep(v) copies the
    // record first (as accumulate would have).
    void accumulateLast();
    void keep(const RecordValuesT<T>& v);
    int pending() const { return m_count; }

    // g(k) = Σ_batch ∂J/∂w(k) / count  (+ λ·w for non-bias weights); with momentum
    // v ← μ·v + g; w(k) ← w(k) − a · (v or g). Empties the batch. No-op if nothing is
    // pending. `v`: the values accumulateLast left the last record in.
    void update(NetworkT<T>& net, const Hyper& h, const RecordValuesT<T>& v);
    // The same update, and in the sweep over w(1) also z(1) = w(1)·[1; next] of the
    // next record with the new weights (the same numbers forwardLayer gives after
    // update): online training then reads the first layer's weights once per record.
    // `next` holds x(0) (inputs values), `nextZ` receives z(1) (size of layer 1 values).
    void updateAndForward(NetworkT<T>& net, const Hyper& h, const RecordValuesT<T>& v,
                          const T* next, T* nextZ);

    const std::vector<MatrixT<T>>& velocity() const { return m_velocity; }
    // Between records (no record left in the caller's values): the batch and momentum.
    OptimizerStateT<T> state() const;
    // After reset(net): takes a state() back. InputError if it does not fit the network.
    void restore(const OptimizerStateT<T>& s);
    std::size_t bytes() const; // the buffers' size, for memory budgets

private:
    void updateLayers(NetworkT<T>& net, const Hyper& h, const RecordValuesT<T>& v, const T* next,
                      T* nextZ);
    void foldChunk(); // moves the kept records into the partial sums

    std::vector<MatrixT<T>> m_dz;       // per layer: rows × kChunk, ∂J/∂z of kept records
    std::vector<MatrixT<T>> m_x;        // per layer: cols × kChunk, [1; x(k−1)] of kept records
    std::vector<MatrixT<T>> m_partial;  // per layer: rows × cols, Σ of folded records
    std::vector<MatrixT<T>> m_velocity; // per layer: rows × cols
    int m_kept = 0;                     // records in m_dz / m_x
    bool m_folded = false;              // m_partial holds records of this batch
    int m_count = 0;                    // records in the batch
    bool m_last = false;                // the batch's last record is in the caller's values
};

using Optimizer = OptimizerT<Scalar>;

} // namespace bp
