#pragma once
#include "math/activation.h"
#include "math/types.h"

#include <optional>
#include <string>

namespace bp {

// J of one record. mse: J = ½ Σ_k (y_k − f_k)², the seed's J_online.
// cross_entropy: J = −Σ_k [y_k ln f_k + (1−y_k) ln(1−f_k)] after sigmoid outputs,
// J = −Σ_k y_k ln f_k after softmax outputs.
enum class Loss { Mse, CrossEntropy };

std::string toString(Loss l);
std::optional<Loss> lossFromString(const std::string& name);

// Whether this loss may follow this output activation (cross-entropy needs outputs in (0, 1):
// sigmoid or softmax).
bool lossFitsOutput(Loss loss, Activation output);

// J for outputs f = x(L) = g(z(L)) and targets y. Computed from z where a log
// of f would underflow, so it is finite for any finite z.
template <typename T>
T lossValue(Loss loss, Activation output, const VectorT<T>& z, const VectorT<T>& f,
            const VectorT<T>& y);

// δ(L) = ∂J/∂x(L), the derivative with respect to the outputs f.
// mse: −(y − f); cross-entropy (sigmoid): −y/f + (1−y)/(1−f); (softmax): −y/f.
template <typename T>
void outputDelta(Loss loss, Activation output, const VectorT<T>& f, const VectorT<T>& y,
                 VectorT<T>& delta);

// Whether ∂J/∂z(L) simplifies to −(y − f): true for sigmoid/softmax + cross-entropy
// and linear + mse (the seed's "Part 1"). Other pairs (sigmoid + mse) do not simplify.
bool outputSimplifies(Loss loss, Activation output);

} // namespace bp
