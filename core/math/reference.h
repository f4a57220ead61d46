#pragma once
// The training step written plainly, one number at a time: the readable specification
// of core/math/kernels.h and, in tst_core_reference, its bit-for-bit oracle. Every sum
// is taken in the order the kernels take it, and every multiply-add is rounded once
// where the processor fuses them (FMA), as the kernels do; only the layout into SIMD
// registers is left out, except where it changes the order of a sum (the δ of a hidden
// layer). The activations and the loss are the engine's own definitions
// (activation.h, loss.h), not restated here.
#include "math/backprop.h"
#include "math/optimizer.h"

#include <vector>

namespace bp::reference {

// Forward: z_i(k) = w_{i,0}(k) + Σ_j w_{i,j}(k)·x_j(k−1), x_i(k) = g(z_i(k)), k = 1..L.
template <typename T> void forward(const NetworkT<T>& net, RecordValuesT<T>& v);

// Loss and backward: J, δ(L) = ∂J/∂x(L), then for k = L..1 δ(k) (k < L:
// δ_j(k) = Σ_i ∂J/∂z_i(k+1)·w_{i,j}(k+1)) and ∂J/∂z(k) = δ(k)·g'(z(k)).
template <typename T> void backward(const NetworkT<T>& net, RecordValuesT<T>& v);

// The update after a mini-batch of records (their values, in the order trained):
// g_{i,j} = Σ_b ∂J/∂z_i·x_j / n (+ λ·w_{i,j} for j > 0), v ← μ·v + g, w ← w − a·g; for
// one record without momentum or L2, w_{i,j} ← w_{i,j} − (a·∂J/∂z_i)·x_j.
template <typename T>
void update(NetworkT<T>& net, std::vector<MatrixT<T>>& velocity, const Hyper& h,
            const std::vector<RecordValuesT<T>>& batch);

} // namespace bp::reference
