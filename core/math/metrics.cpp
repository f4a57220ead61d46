#include "math/metrics.h"

#include "math/backprop.h"

namespace bp {

template <typename T> Metrics evaluate(const NetworkT<T>& net, const Dataset& data) {
    Metrics m;
    m.records = static_cast<long>(data.records());
    const std::size_t classes = data.classNames.size();
    if (classes > 0)
        m.confusion.assign(classes, std::vector<long>(classes, 0));
    if (data.records() == 0)
        return m;
    RecordValuesT<T> v;
    prepare(net, v);
    double lossSum = 0;
    long correct = 0;
    for (Eigen::Index r = 0; r < data.records(); ++r) {
        data.inputs.copyColumn(r, v.input);
        v.target = data.targets.col(r).template cast<T>();
        forward(net, v);
        const LayerT<T>& out = net.layers.back();
        lossSum += lossValue<T>(net.loss, out.activation, v.layers.back().z, v.output(), v.target);
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

template Metrics evaluate<float>(const NetworkT<float>&, const Dataset&);
template Metrics evaluate<double>(const NetworkT<double>&, const Dataset&);

} // namespace bp
