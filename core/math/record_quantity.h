#pragma once
// One value a record's step computes, named as the seed names it: z_i(k), x_i(k),
// δ_i(k), ∂J/∂z_i(k), ∂J/∂w_{i,j}(k), the updated w_{i,j}(k) and J. What a lesson's
// `ask` and `expect` lines and the window's predict-then-check name (docs/teaching.md).
// Nodes are 1-based and j = 0 is the bias, as in the seed.
#include "math/backprop.h"
#include "math/equation.h"
#include "math/explain.h"
#include "math/network.h"
#include "math/training.h"

#include <optional>
#include <string>

namespace bp {

struct RecordQuantity {
    enum class Kind { Z, X, Delta, DJdz, DJdw, W, J };
    Kind kind = Kind::Z;
    int layer = 1;  // k (J: unused)
    int node = 1;   // i (J: unused)
    int column = 0; // j, for ∂J/∂w and w

    // The phase that computes it: forward k for z and x, the loss for J and δ(L),
    // backward k for δ(k < L), ∂J/∂z and ∂J/∂w, the update for w.
    Phase phase(int depth) const;
};

// "z", "x", "delta", "dJdz", "dJdw", "w", "J" (the names the breakpoints and the trace
// use); nullopt for anything else.
std::optional<RecordQuantity::Kind> quantityKind(const std::string& name);
std::string quantityName(RecordQuantity::Kind kind);
// As on screen: "z_1(1)", "δ_2(1)", "∂J/∂w_{1,2}(2)", "w_{1,1}(2)", "J".
std::string quantityLabel(const RecordQuantity& q);

// An empty string if `q` names a value of `net` (a layer 1..L, a node of it, a column
// 0..inputs), else what is wrong ("layer 3 does not exist: the network has layers 1..2").
std::string checkQuantity(const Network& net, const RecordQuantity& q);

// The value in the engine's record values (`net`: the weights now, for w).
double quantityValue(const Network& net, const RecordValues& v, const RecordQuantity& q);

// The equation that computes it, with the engine's numbers (explain.h). `before` is the
// network the record was computed with; for w, `after` holds the updated weight and `a`
// is the learning rate of an online step.
Equation explainQuantity(const Network& before, const Network& after, const RecordValues& v,
                         const RecordQuantity& q, double a, const ExplainStyle& s = {});

} // namespace bp
