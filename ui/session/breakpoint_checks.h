#pragma once
// The tests behind the breakpoints: cheap ones the worker runs every record, and
// exact ones it runs to say where a NaN or Inf first appeared. For a run in float
// or double (T); values found are reported widened to double.
#include "session/snapshot.h"

#include <atomic>
#include <optional>

namespace bp {

// Cheap, every record: J and every z(k) finite. A non-finite weight w_{i,j}(k)
// makes z_i(k) non-finite on the next forward pass (0·NaN and 0·Inf are NaN), so
// this sees every NaN/Inf at most one record late, at O(nodes) instead of O(weights).
template <typename T> bool recordLooksFinite(const RecordValuesT<T>& v);

// Exact: the first non-finite value among what `phase` produced (forward k: z(k),
// x(k); loss: J, δ(L); backward k: δ(k), ∂J/∂z(k), ∂J/∂w(k); update: every w).
// record/epoch/phase of the site are left for the caller.
template <typename T>
std::optional<PauseSite> findNonFinite(const NetworkT<T>& net, const RecordValuesT<T>& v,
                                       Phase phase);
// Exact: the first non-finite weight.
template <typename T> std::optional<PauseSite> findNonFiniteWeight(const NetworkT<T>& net);

// ‖∂J/∂w‖ of one record over all layers. ∂J/∂w(k) = ∂J/∂z(k) · [1; x(k−1)]ᵀ has rank
// one, so ‖∂J/∂w(k)‖² = ‖∂J/∂z(k)‖² · (1 + ‖x(k−1)‖²): O(nodes), not O(weights).
// Summed in double, so that squaring a float gradient does not overflow.
template <typename T> double recordGradientNorm(const NetworkT<T>& net, const RecordValuesT<T>& v);

// "NaN in z_3(2), record 17, epoch 2, phase forward 2".
QString describe(const PauseSite& site, double value);

// The mean loss and accuracy of `net` on `data`, as bp::evaluate computes them (in
// the run's precision T, summed in double: the same bits as backprop-cli's test
// figures), but stopping early when *abort is set. `scratch` holds the values between
// calls (no allocation when the network keeps its shape).
struct TestMetrics {
    double loss = 0;
    double accuracy = -1;
};
template <typename T>
std::optional<TestMetrics> evaluateStoppable(const NetworkT<T>& net, const Dataset& data,
                                             const std::atomic<bool>& abort,
                                             RecordValuesT<T>& scratch);

} // namespace bp
