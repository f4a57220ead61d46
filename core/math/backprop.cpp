#include "math/backprop.h"

#include "math/kernels.h"
#include "math/loss.h"

namespace bp {

template <typename T> void prepare(const NetworkT<T>& net, RecordValuesT<T>& v) {
    v.input = VectorT<T>::Zero(net.inputSize);
    v.target = VectorT<T>::Zero(net.outputSize());
    v.layers.resize(net.layers.size());
    for (int k = 1; k <= net.depth(); ++k) {
        const LayerT<T>& l = net.layer(k);
        LayerValuesT<T>& lv = v.layer(k);
        lv.z = VectorT<T>::Zero(l.size());
        lv.x = VectorT<T>::Zero(l.size());
        lv.delta = VectorT<T>::Zero(l.size());
        lv.dJdz = VectorT<T>::Zero(l.size());
        lv.dJdw = MatrixT<T>::Zero(l.w.rows(), l.w.cols());
    }
    v.loss = 0;
}

template <typename T> void forwardLayer(const NetworkT<T>& net, int k, RecordValuesT<T>& v) {
    const LayerT<T>& l = net.layer(k);
    LayerValuesT<T>& lv = v.layer(k);
    const VectorT<T>& prev = v.x(k - 1);
    // z_i(k) = w_{i,0}(k) + Σ_j w_{i,j}(k) · x_j(k−1), summed over j in order
    kernels::affine(l.w.data(), l.w.rows(), l.w.cols(), prev.data(), lv.z.data());
    // x_i(k) = g(z_i(k))
    activate(l.activation, lv.z, lv.x);
}

template <typename T> void forward(const NetworkT<T>& net, RecordValuesT<T>& v) {
    for (int k = 1; k <= net.depth(); ++k)
        forwardLayer(net, k, v);
}

template <typename T> void computeLoss(const NetworkT<T>& net, RecordValuesT<T>& v) {
    const LayerT<T>& out = net.layers.back();
    LayerValuesT<T>& lv = v.layers.back();
    v.loss = lossValue<T>(net.loss, out.activation, lv.z, lv.x, v.target);
    outputDelta(net.loss, out.activation, lv.x, v.target, lv.delta); // δ(L) = ∂J/∂x(L)
}

template <typename T> void weightGradient(int k, RecordValuesT<T>& v) {
    LayerValuesT<T>& lv = v.layer(k);
    // ∂J/∂w_{i,0}(k) = ∂J/∂z_i(k);  ∂J/∂w_{i,j}(k) = ∂J/∂z_i(k) · x_j(k−1)
    lv.dJdw.col(0) = lv.dJdz;
    lv.dJdw.rightCols(lv.dJdw.cols() - 1).noalias() = lv.dJdz * v.x(k - 1).transpose();
}

template <typename T>
void backwardLayer(const NetworkT<T>& net, int k, RecordValuesT<T>& v, bool weightGradients) {
    const LayerT<T>& l = net.layer(k);
    LayerValuesT<T>& lv = v.layer(k);
    const int L = net.depth();
    if (k < L) {
        // δ_i(k) = Σ_l ∂J/∂z_l(k+1) · w_{l,i}(k+1)   (column 0 of w(k+1) is the bias: skip it)
        const LayerT<T>& next = net.layer(k + 1);
        kernels::transposedProduct(next.w.data(), next.w.rows(), next.w.cols(),
                                   v.layer(k + 1).dJdz.data(), lv.delta.data());
    }
    if (k == L && net.loss == Loss::CrossEntropy) {
        // Sigmoid or softmax with cross-entropy: ∂J/∂z_k(L) = −(y_k − f_k), the seed's Part 1,
        // computed directly so it stays exact where δ = ∂J/∂f would divide by ~0.
        // (Softmax: f_k Σ_l y_l − y_k, which is f_k − y_k for one-hot targets.)
        if (l.activation == Activation::Softmax)
            lv.dJdz = lv.x * v.target.sum() - v.target;
        else
            lv.dJdz = lv.x - v.target;
    } else {
        // ∂J/∂z_i(k) = δ_i(k) · ∂x_i(k)/∂z_i(k)  (softmax: through its full Jacobian)
        chainThroughActivation(l.activation, lv.z, lv.x, lv.delta, lv.dJdz);
    }
    if (weightGradients)
        weightGradient(k, v);
}

template <typename T> void backward(const NetworkT<T>& net, RecordValuesT<T>& v) {
    computeLoss(net, v);
    for (int k = net.depth(); k >= 1; --k)
        backwardLayer(net, k, v);
}

#define BP_INSTANTIATE(T)                                                                          \
    template void prepare<T>(const NetworkT<T>&, RecordValuesT<T>&);                               \
    template void forwardLayer<T>(const NetworkT<T>&, int, RecordValuesT<T>&);                     \
    template void forward<T>(const NetworkT<T>&, RecordValuesT<T>&);                               \
    template void computeLoss<T>(const NetworkT<T>&, RecordValuesT<T>&);                           \
    template void backwardLayer<T>(const NetworkT<T>&, int, RecordValuesT<T>&, bool);              \
    template void backward<T>(const NetworkT<T>&, RecordValuesT<T>&);                              \
    template void weightGradient<T>(int, RecordValuesT<T>&);
BP_INSTANTIATE(float)
BP_INSTANTIATE(double)
#undef BP_INSTANTIATE

} // namespace bp
