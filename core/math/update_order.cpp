#include "math/update_order.h"

#include "math/backprop.h"

namespace bp {

namespace {
RecordValues forwardAndLoss(const Network& net, const Vector& input, const Vector& target) {
    RecordValues v;
    prepare(net, v);
    v.input = input;
    v.target = target;
    forward(net, v);
    computeLoss(net, v);
    return v;
}
} // namespace

Network stepInOrder(Network net, const Vector& input, const Vector& target, double a,
                    UpdateOrder order) {
    RecordValues v = forwardAndLoss(net, input, target);
    const int L = net.depth();
    if (order == UpdateOrder::AfterAllGradients) {
        backward(net, v); // loss and backward L..1, all with the record's weights
        for (int k = 1; k <= L; ++k)
            net.layer(k).w -= a * v.layer(k).dJdw; // w(k) ← w(k) − a·∂J/∂w(k)
        return net;
    }
    for (int k = L; k >= 1; --k) {
        // δ(k) reads w(k+1), which this order has already changed.
        backwardLayer(net, k, v);
        net.layer(k).w -= a * v.layer(k).dJdw;
    }
    return net;
}

OrderRun trainInOrder(Network net, const Vector& input, const Vector& target, double a, long steps,
                      UpdateOrder order) {
    OrderRun r;
    r.lossBefore = recordLoss(net, input, target);
    for (long n = 0; n < steps; ++n)
        net = stepInOrder(std::move(net), input, target, a, order);
    r.lossAfter = recordLoss(net, input, target);
    r.network = std::move(net);
    return r;
}

double recordLoss(const Network& net, const Vector& input, const Vector& target) {
    return forwardAndLoss(net, input, target).loss;
}

} // namespace bp
