#pragma once
// The two cases backprop-session-bench trains, headless and through the session: W1 of
// backprop-bench (784-128-10 on Fashion-MNIST, or synthetic records of its shape) and a
// 2-8-8-1 net on xor.
#include "math/dataset.h"
#include "math/network.h"
#include "math/optimizer.h"
#include "math/training.h"

#include <memory>

namespace bench {

struct Case {
    const char* name;
    bp::Network net;
    std::shared_ptr<const bp::Dataset> data;
    bp::Hyper hyper;
    bp::Schedule schedule;
};

// W1 of backprop-bench (docs/performance.md): 784-128-10 sigmoid/sigmoid, ½-squared
// error, online SGD at 0.1 on the first 10,000 Fashion-MNIST records in file order, from
// uniform ±1/√fan_in weights. Without the dataset, 6,000 synthetic records of its shape.
// Prints which.
Case w1Case();

// 2-8-8-1 tanh/sigmoid at 0.3 on 200 xor records.
Case smallCase();

} // namespace bench
