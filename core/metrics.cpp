#include "metrics.h"

#include "backprop.h"

namespace bp {

int classOf(const Vector& outputs) {
    if (outputs.size() == 1)
        return outputs[0] >= Scalar(0.5) ? 1 : 0;
    Eigen::Index best = 0;
    outputs.maxCoeff(&best);
    return static_cast<int>(best);
}

Metrics evaluate(const Network& net, const Dataset& data) {
    Metrics m;
    m.records = static_cast<long>(data.records());
    const std::size_t classes = data.classNames.size();
    if (classes > 0)
        m.confusion.assign(classes, std::vector<long>(classes, 0));
    if (data.records() == 0)
        return m;
    RecordValues v;
    prepare(net, v);
    double lossSum = 0;
    long correct = 0;
    for (Eigen::Index r = 0; r < data.records(); ++r) {
        v.input = data.inputs.col(r);
        v.target = data.targets.col(r);
        forward(net, v);
        const Layer& out = net.layers.back();
        lossSum += lossValue(net.loss, out.activation, v.layers.back().z, v.output(), v.target);
        if (classes > 0) {
            const int truth = classOf(v.target);
            const int predicted = classOf(v.output());
            correct += truth == predicted;
            m.confusion[static_cast<std::size_t>(truth)][static_cast<std::size_t>(predicted)]++;
        }
    }
    m.loss = lossSum / static_cast<double>(data.records());
    if (classes > 0)
        m.accuracy = static_cast<double>(correct) / static_cast<double>(data.records());
    return m;
}

} // namespace bp
