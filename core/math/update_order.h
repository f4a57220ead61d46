#pragma once
// Why every gradient is computed before any weight changes (lesson 4, docs/teaching.md).
//
// The seed's step: forward, loss, backward L..1 with the weights the record was computed
// with, and only then w(k) ← w(k) − a·∂J/∂w(k) for every k. The mistake a well-known
// walk-through of the 2-2-2 example is charged with: updating w(L) as soon as ∂J/∂w(L) is
// known, so δ(L−1) = Σ_l ∂J/∂z_l(L)·w_{l,i}(L) is computed with the *new* w(L).
// Both steps here are the engine's phase functions (backprop.h) run in the two orders.
#include "math/network.h"
#include "math/types.h"

namespace bp {

enum class UpdateOrder {
    AfterAllGradients, // the seed's order: backward L..1, then every update
    LayerByLayer,      // the mistake: update w(k) right after backward k, then go on to k−1
};

// One online step (batch 1, no momentum) on the record (input, target) at learning rate a.
Network stepInOrder(Network net, const Vector& input, const Vector& target, double a,
                    UpdateOrder order);

// `steps` such steps on the same record, as the walk-through does; J of the record after them.
struct OrderRun {
    Network network;
    double lossBefore = 0; // J of the record before the first step
    double lossAfter = 0;  // J after the last
};
OrderRun trainInOrder(Network net, const Vector& input, const Vector& target, double a, long steps,
                      UpdateOrder order);

// J of the record with `net` (a forward pass and the loss, nothing else).
double recordLoss(const Network& net, const Vector& input, const Vector& target);

} // namespace bp
