#include "math/what_if.h"

#include "math/metrics.h"

namespace bp {

template <typename T> bool targetFits(const NetworkT<T>& net, const WhatIfTarget& t) {
    if (t.isInput())
        return t.node >= 1 && t.node <= net.inputSize;
    if (t.layer < 1 || t.layer > net.depth())
        return false;
    const LayerT<T>& l = net.layer(t.layer);
    return t.node >= 1 && t.node <= l.size() && t.column >= 0 && t.column <= l.inputs();
}

std::string targetSymbol(const WhatIfTarget& t) {
    if (t.isInput())
        return "x_" + std::to_string(t.node) + "(0)";
    return "w_{" + std::to_string(t.node) + "," + std::to_string(t.column) + "}(" +
           std::to_string(t.layer) + ")";
}

template <typename T>
T targetValue(const NetworkT<T>& net, const VectorT<T>& input, const WhatIfTarget& t) {
    if (t.isInput())
        return input(t.node - 1);
    return net.layer(t.layer).w(t.node - 1, t.column); // row i−1, column j
}

template <typename T>
void setTarget(NetworkT<T>& net, VectorT<T>& input, const WhatIfTarget& t, T value) {
    if (t.isInput())
        input(t.node - 1) = value;
    else
        net.layer(t.layer).w(t.node - 1, t.column) = value;
}

template <typename T> NetworkT<T> withWeight(NetworkT<T> net, const WhatIfTarget& t, T value) {
    net.layer(t.layer).w(t.node - 1, t.column) = value;
    return net;
}

namespace {

// forward layer 1..L and the loss phase: z(k), x(k), J (and δ(L)).
template <typename T>
void runRecord(const NetworkT<T>& net, const VectorT<T>& input, const VectorT<T>& target,
               RecordValuesT<T>& v) {
    prepare(net, v);
    v.input = input;
    v.target = target;
    forward(net, v);
    computeLoss(net, v);
}

} // namespace

template <typename T>
RecordWhatIfT<T> recordWhatIf(const NetworkT<T>& net, const VectorT<T>& input,
                              const VectorT<T>& target, const WhatIfTarget& t, T value) {
    RecordWhatIfT<T> r;
    r.target = t;
    r.valueBefore = targetValue(net, input, t);
    r.valueAfter = value;
    runRecord(net, input, target, r.before);
    NetworkT<T> edited = net;
    VectorT<T> editedInput = input;
    setTarget(edited, editedInput, t, value);
    runRecord(edited, editedInput, target, r.after);
    return r;
}

template <typename T>
double trainingLossWith(const NetworkT<T>& net, const Dataset& train, const WhatIfTarget& t,
                        T value) {
    if (t.isInput())
        return evaluate(net, train).loss;
    return evaluate(withWeight(net, t, value), train).loss;
}

#define BP_WHAT_IF(T)                                                                              \
    template bool targetFits<T>(const NetworkT<T>&, const WhatIfTarget&);                          \
    template T targetValue<T>(const NetworkT<T>&, const VectorT<T>&, const WhatIfTarget&);         \
    template void setTarget<T>(NetworkT<T>&, VectorT<T>&, const WhatIfTarget&, T);                 \
    template NetworkT<T> withWeight<T>(NetworkT<T>, const WhatIfTarget&, T);                       \
    template RecordWhatIfT<T> recordWhatIf<T>(const NetworkT<T>&, const VectorT<T>&,               \
                                              const VectorT<T>&, const WhatIfTarget&, T);          \
    template double trainingLossWith<T>(const NetworkT<T>&, const Dataset&, const WhatIfTarget&, T);
BP_WHAT_IF(float)
BP_WHAT_IF(double)
#undef BP_WHAT_IF

} // namespace bp
