#include "backprop.h"

#include "loss.h"

namespace bp {

void prepare(const Network& net, RecordValues& v) {
    v.input = Vector::Zero(net.inputSize);
    v.target = Vector::Zero(net.outputSize());
    v.layers.resize(net.layers.size());
    for (int k = 1; k <= net.depth(); ++k) {
        const Layer& l = net.layer(k);
        LayerValues& lv = v.layer(k);
        lv.z = Vector::Zero(l.size());
        lv.x = Vector::Zero(l.size());
        lv.delta = Vector::Zero(l.size());
        lv.dJdz = Vector::Zero(l.size());
        lv.dJdw = Matrix::Zero(l.w.rows(), l.w.cols());
    }
    v.loss = 0;
}

void forwardLayer(const Network& net, int k, RecordValues& v) {
    const Layer& l = net.layer(k);
    LayerValues& lv = v.layer(k);
    const Vector& prev = v.x(k - 1);
    // z_i(k) = w_{i,0}(k) + Σ_j w_{i,j}(k) · x_j(k−1)
    lv.z.noalias() = l.w.rightCols(l.inputs()) * prev;
    lv.z += l.w.col(0);
    // x_i(k) = g(z_i(k))
    activate(l.activation, lv.z, lv.x);
}

void forward(const Network& net, RecordValues& v) {
    for (int k = 1; k <= net.depth(); ++k)
        forwardLayer(net, k, v);
}

void computeLoss(const Network& net, RecordValues& v) {
    const Layer& out = net.layers.back();
    LayerValues& lv = v.layers.back();
    v.loss = lossValue(net.loss, out.activation, lv.z, lv.x, v.target);
    outputDelta(net.loss, out.activation, lv.x, v.target, lv.delta); // δ(L) = ∂J/∂x(L)
}

void weightGradient(int k, RecordValues& v) {
    LayerValues& lv = v.layer(k);
    // ∂J/∂w_{i,0}(k) = ∂J/∂z_i(k);  ∂J/∂w_{i,j}(k) = ∂J/∂z_i(k) · x_j(k−1)
    lv.dJdw.col(0) = lv.dJdz;
    lv.dJdw.rightCols(lv.dJdw.cols() - 1).noalias() = lv.dJdz * v.x(k - 1).transpose();
}

void backwardLayer(const Network& net, int k, RecordValues& v, bool weightGradients) {
    const Layer& l = net.layer(k);
    LayerValues& lv = v.layer(k);
    const int L = net.depth();
    if (k < L) {
        // δ_i(k) = Σ_l ∂J/∂z_l(k+1) · w_{l,i}(k+1)   (column 0 of w(k+1) is the bias: skip it)
        const Layer& next = net.layer(k + 1);
        lv.delta.noalias() = next.w.rightCols(next.inputs()).transpose() * v.layer(k + 1).dJdz;
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

void backward(const Network& net, RecordValues& v) {
    computeLoss(net, v);
    for (int k = net.depth(); k >= 1; --k)
        backwardLayer(net, k, v);
}

} // namespace bp
