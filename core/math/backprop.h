#pragma once
// One record through the network, in the seed's phases: forward layer 1..L,
// loss, backward layer L..1. Each phase is a function; running them in order is
// what a training step does, so stepping phase by phase gives the same numbers.
#include "math/network.h"
#include "math/types.h"

#include <vector>

namespace bp {

// Everything one record leaves in layer k.
template <typename T> struct LayerValuesT {
    VectorT<T> z;     // z_i(k) = w_{i,0}(k) + Σ_j w_{i,j}(k) · x_j(k−1)
    VectorT<T> x;     // x_i(k) = g(z_i(k))
    VectorT<T> delta; // δ_i(k) = ∂J/∂x_i(k)  (the seed's general-case δ)
    VectorT<T> dJdz; // ∂J/∂z_i(k) = δ_i(k) · ∂x_i(k)/∂z_i(k)  (many textbooks call this δ)
    MatrixT<T> dJdw; // ∂J/∂w_{i,j}(k) = ∂J/∂z_i(k) · x_j(k−1), with x_0(k−1) = 1
};

template <typename T> struct RecordValuesT {
    VectorT<T> input;                    // x(0)
    VectorT<T> target;                   // y
    std::vector<LayerValuesT<T>> layers; // layers[k−1] is layer k
    T loss = 0;                          // J of this record (after the loss phase)

    LayerValuesT<T>& layer(int k) { return layers[static_cast<std::size_t>(k - 1)]; }
    const LayerValuesT<T>& layer(int k) const { return layers[static_cast<std::size_t>(k - 1)]; }
    // x(k), with x(0) the input.
    const VectorT<T>& x(int k) const { return k == 0 ? input : layer(k).x; }
    const VectorT<T>& output() const { return layers.back().x; }
};

// Sizes every buffer for `net` (values zeroed); the phase functions then never allocate.
template <typename T> void prepare(const NetworkT<T>& net, RecordValuesT<T>& v);

// Forward layer k: z(k) = w(k)·[1; x(k−1)], x(k) = g(z(k)).
template <typename T> void forwardLayer(const NetworkT<T>& net, int k, RecordValuesT<T>& v);
// All forward layers 1..L.
template <typename T> void forward(const NetworkT<T>& net, RecordValuesT<T>& v);
// Loss: J(y, f) and δ(L) = ∂J/∂x(L).
template <typename T> void computeLoss(const NetworkT<T>& net, RecordValuesT<T>& v);
// Backward layer k: δ(k) (from layer k+1 unless k = L), ∂J/∂z(k), ∂J/∂w(k).
// With weightGradients = false the matrix ∂J/∂w(k) is left as it was (a training loop
// that applies ∂J/∂z(k)·x(k−1) directly need not write it out; see weightGradient).
template <typename T>
void backwardLayer(const NetworkT<T>& net, int k, RecordValuesT<T>& v, bool weightGradients = true);
// ∂J/∂w(k) = ∂J/∂z(k)·[1, x(k−1)ᵀ] written into v.layer(k).dJdw, the same numbers
// backwardLayer writes.
template <typename T> void weightGradient(int k, RecordValuesT<T>& v);
// Loss and all backward layers L..1, after forward().
template <typename T> void backward(const NetworkT<T>& net, RecordValuesT<T>& v);

using LayerValues = LayerValuesT<Scalar>;
using RecordValues = RecordValuesT<Scalar>;

} // namespace bp
