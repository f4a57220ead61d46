#pragma once
// One record through the network, in the seed's phases: forward layer 1..L,
// loss, backward layer L..1. Each phase is a function; running them in order is
// what a training step does, so stepping phase by phase gives the same numbers.
#include "network.h"
#include "types.h"

#include <vector>

namespace bp {

// Everything one record leaves in layer k.
struct LayerValues {
    Vector z;     // z_i(k) = w_{i,0}(k) + Σ_j w_{i,j}(k) · x_j(k−1)
    Vector x;     // x_i(k) = g(z_i(k))
    Vector delta; // δ_i(k) = ∂J/∂x_i(k)  (the seed's general-case δ)
    Vector dJdz;  // ∂J/∂z_i(k) = δ_i(k) · ∂x_i(k)/∂z_i(k)  (many textbooks call this δ)
    Matrix dJdw;  // ∂J/∂w_{i,j}(k) = ∂J/∂z_i(k) · x_j(k−1), with x_0(k−1) = 1
};

struct RecordValues {
    Vector input;                    // x(0)
    Vector target;                   // y
    std::vector<LayerValues> layers; // layers[k−1] is layer k
    Scalar loss = 0;                 // J of this record (after the loss phase)

    LayerValues& layer(int k) { return layers[static_cast<std::size_t>(k - 1)]; }
    const LayerValues& layer(int k) const { return layers[static_cast<std::size_t>(k - 1)]; }
    // x(k), with x(0) the input.
    const Vector& x(int k) const { return k == 0 ? input : layer(k).x; }
    const Vector& output() const { return layers.back().x; }
};

// Sizes every buffer for `net` (values zeroed); the phase functions then never allocate.
void prepare(const Network& net, RecordValues& v);

// Forward layer k: z(k) = w(k)·[1; x(k−1)], x(k) = g(z(k)).
void forwardLayer(const Network& net, int k, RecordValues& v);
// All forward layers 1..L.
void forward(const Network& net, RecordValues& v);
// Loss: J(y, f) and δ(L) = ∂J/∂x(L).
void computeLoss(const Network& net, RecordValues& v);
// Backward layer k: δ(k) (from layer k+1 unless k = L), ∂J/∂z(k), ∂J/∂w(k).
// With weightGradients = false the matrix ∂J/∂w(k) is left as it was (a training loop
// that applies ∂J/∂z(k)·x(k−1) directly need not write it out; see weightGradient).
void backwardLayer(const Network& net, int k, RecordValues& v, bool weightGradients = true);
// ∂J/∂w(k) = ∂J/∂z(k)·[1, x(k−1)ᵀ] written into v.layer(k).dJdw, the same numbers
// backwardLayer writes.
void weightGradient(int k, RecordValues& v);
// Loss and all backward layers L..1, after forward().
void backward(const Network& net, RecordValues& v);

} // namespace bp
