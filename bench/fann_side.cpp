#include "fann_side.h"

#include "math/metrics.h"

#include <floatfann.h>

#include <cmath>
#include <memory>
#include <stdexcept>
#include <type_traits>

namespace bench {

static_assert(std::is_same_v<fann_type, float>, "backprop-bench links the float FANN");

namespace {

// How a layer of the core is set up in FANN. FANN's sigmoids carry a steepness s:
//   FANN_SIGMOID            y = 1 / (1 + exp(−2·s·z)),  dy/dz = 2·s·y·(1 − y)
//   FANN_SIGMOID_SYMMETRIC  y = tanh(s·z),              dy/dz = s·(1 − y²)
// so s = 0.5 gives the logistic sigmoid and s = 1 gives tanh, as the core has them.
// (Its derivatives clip y to [0.01, 0.99] and [−0.98, 0.98] first: a saturated node
// in FANN still passes back a little error, one in the core passes back almost none.)
struct FannActivation {
    fann_activationfunc_enum function;
    fann_type steepness;
};

FannActivation fannActivation(bp::Activation a) {
    switch (a) {
    case bp::Activation::Sigmoid:
        return {FANN_SIGMOID, 0.5f};
    case bp::Activation::Tanh:
        return {FANN_SIGMOID_SYMMETRIC, 1.0f};
    case bp::Activation::Linear:
        return {FANN_LINEAR, 1.0f};
    default:
        throw std::runtime_error("backprop-bench: no FANN counterpart for the " + bp::toString(a) +
                                 " activation");
    }
}

struct FannDeleter {
    void operator()(fann* ann) const { fann_destroy(ann); }
};
using FannPtr = std::unique_ptr<fann, FannDeleter>;

void check(fann* ann, const char* what) {
    if (fann_get_errno(reinterpret_cast<struct fann_error*>(ann)) != FANN_E_NO_ERROR)
        throw std::runtime_error(std::string("FANN failed to ") + what);
}

// FANN numbers its neurons across the whole net, layer by layer, each layer
// followed by its bias neuron (value 1; the output layer's is unused). Neuron t of
// layer k (k ≥ 1) has one connection from every neuron of layer k−1, bias last;
// the core keeps the bias in column 0. The weight of each FANN connection in `net`:
struct WeightMap {
    std::vector<unsigned> first; // first[k] = FANN's number of node 0 of layer k

    explicit WeightMap(const bp::Network& net) {
        unsigned n = 0;
        first.push_back(n);
        n += static_cast<unsigned>(net.inputSize) + 1;
        for (const bp::Layer& l : net.layers) {
            first.push_back(n);
            n += static_cast<unsigned>(l.size()) + 1;
        }
    }

    float weight(const bp::Network& net, const fann_connection& c) const {
        for (int k = 1; k <= net.depth(); ++k) {
            const auto size = static_cast<unsigned>(net.layer(k).size());
            if (c.to_neuron < first[k] || c.to_neuron >= first[k] + size)
                continue;
            const unsigned i = c.to_neuron - first[k];
            const auto fanIn = static_cast<unsigned>(net.layer(k).inputs());
            if (c.from_neuron < first[k - 1] || c.from_neuron > first[k - 1] + fanIn)
                break;
            const unsigned j = c.from_neuron - first[k - 1]; // fanIn = the bias
            return static_cast<float>(net.layer(k).w(i, j == fanIn ? 0 : j + 1));
        }
        throw std::runtime_error("backprop-bench: FANN's connection " +
                                 std::to_string(c.from_neuron) + " -> " +
                                 std::to_string(c.to_neuron) + " is not in the core's network");
    }
};

// Gives the FANN net the core's weights. fann_set_weight searches all connections
// for each one it sets (quadratic: minutes for 784-128-10), so the weights are
// written straight into ann->weights, in the order fann_get_connection_array lists
// them, and then read back through the public API and checked one by one.
void copyWeights(const bp::Network& net, fann* ann) {
    const unsigned count = fann_get_total_connections(ann);
    if (count != static_cast<unsigned>(net.weightCount()))
        throw std::runtime_error("backprop-bench: FANN has " + std::to_string(count) +
                                 " connections, the core " + std::to_string(net.weightCount()));
    const WeightMap map(net);
    std::vector<fann_connection> connections(count);
    fann_get_connection_array(ann, connections.data());
    for (unsigned c = 0; c < count; ++c)
        ann->weights[c] = map.weight(net, connections[c]);
    fann_get_connection_array(ann, connections.data());
    for (const fann_connection& c : connections)
        if (c.weight != map.weight(net, c))
            throw std::runtime_error("backprop-bench: FANN's weights are not laid out as expected");
}

double learningRate(const Workload& w, FannMode mode) {
    return mode.miniBatch > 0 ? w.hyper.learningRate : w.fannLearningRate;
}

FannPtr makeFann(const Workload& w, const bp::Network& net, FannMode mode) {
    std::vector<unsigned> sizes;
    sizes.push_back(static_cast<unsigned>(net.inputSize));
    for (const bp::Layer& l : net.layers)
        sizes.push_back(static_cast<unsigned>(l.size()));
    FannPtr ann(fann_create_standard_array(static_cast<unsigned>(sizes.size()), sizes.data()));
    if (!ann)
        throw std::runtime_error("FANN could not create the network");
    fann_set_training_algorithm(ann.get(),
                                mode.miniBatch > 0 ? FANN_TRAIN_BATCH : FANN_TRAIN_INCREMENTAL);
    // FANN's default, FANN_ERRORFUNC_TANH, replaces the output error e = y − f by
    // ln((1 + e) / (1 − e)) before backpropagating it; LINEAR keeps e, which is
    // −∂J/∂f for J = ½Σ(y − f)², the core's Loss::Mse.
    fann_set_train_error_function(ann.get(), FANN_ERRORFUNC_LINEAR);
    // Incremental training does w ← w + a·e·f′(z)·x = w − a·∂J/∂w: the core's rule;
    // batch training w ← w + (a/n)·Σ e·f′(z)·x over the n records of a call.
    fann_set_learning_rate(ann.get(), static_cast<float>(learningRate(w, mode)));
    fann_set_learning_momentum(ann.get(), 0.0f);
    for (int k = 1; k <= net.depth(); ++k) {
        const FannActivation a = fannActivation(net.layer(k).activation);
        fann_set_activation_function_layer(ann.get(), a.function, k);
        fann_set_activation_steepness_layer(ann.get(), a.steepness, k);
    }
    copyWeights(net, ann.get());
    check(ann.get(), "set up the network");
    return ann;
}

} // namespace

FannData makeFannData(const bp::Dataset& d) {
    FannData f;
    f.inputs = static_cast<unsigned>(d.inputSize());
    f.outputs = static_cast<unsigned>(d.outputSize());
    f.records = static_cast<unsigned>(d.records());
    f.in.resize(std::size_t(f.records) * f.inputs);
    f.out.resize(std::size_t(f.records) * f.outputs);
    bp::VectorT<float> x;
    for (unsigned r = 0; r < f.records; ++r) {
        float* in = f.in.data() + std::size_t(r) * f.inputs;
        float* out = f.out.data() + std::size_t(r) * f.outputs;
        d.inputs.copyColumn(r, x); // the values the core sees, as float
        std::copy(x.data(), x.data() + f.inputs, in);
        for (unsigned i = 0; i < f.outputs; ++i)
            out[i] = static_cast<float>(d.targets(i, r));
        f.inRows.push_back(in);
        f.outRows.push_back(out);
    }
    return f;
}

std::string fannSettings(const Workload& w, FannMode mode) {
    std::string s =
        (mode.miniBatch > 0 ? "FANN_TRAIN_BATCH per " + std::to_string(mode.miniBatch) + " records"
                            : std::string("FANN_TRAIN_INCREMENTAL")) +
        ", FANN_ERRORFUNC_LINEAR, momentum 0, learning rate " +
        std::to_string(learningRate(w, mode)).substr(0, 5) + ", layers";
    for (std::size_t k = 1; k < w.arch.sizes.size(); ++k) {
        const FannActivation a = fannActivation(w.arch.activationOf(static_cast<int>(k)));
        s += std::string(k > 1 ? "," : "") + " " + FANN_ACTIVATIONFUNC_NAMES[a.function] +
             " s=" + std::to_string(a.steepness).substr(0, 3);
    }
    return s;
}

SideResult runFann(const Workload& w, FannData& data, bool measureAccuracy, FannMode mode) {
    if (w.records > Eigen::Index(data.records))
        throw std::runtime_error("backprop-bench: " + w.id + " needs more records than FANN has");
    const bp::Network net = initialNetwork(w);
    FannPtr ann = makeFann(w, net, mode);

    // FANN's own epoch loop over the first w.records records, without copying them.
    fann_train_data train{};
    train.num_data = static_cast<unsigned>(w.records);
    train.num_input = data.inputs;
    train.num_output = data.outputs;
    train.input = data.inRows.data();
    train.output = data.outRows.data();

    SideResult r;
    const Stopwatch clock;
    for (int e = 0; e < w.epochs; ++e) {
        if (mode.miniBatch <= 0) {
            fann_train_epoch(ann.get(), &train);
            continue;
        }
        // One FANN_TRAIN_BATCH "epoch" per mini-batch: a view of the next records.
        for (unsigned first = 0; first < train.num_data; first += unsigned(mode.miniBatch)) {
            fann_train_data batch = train;
            batch.num_data = std::min(unsigned(mode.miniBatch), train.num_data - first);
            batch.input = train.input + first;
            batch.output = train.output + first;
            fann_train_epoch(ann.get(), &batch);
        }
    }
    r.wallSeconds = clock.wallSeconds();
    r.cpuSeconds = clock.cpuSeconds();
    r.steps = w.steps();
    check(ann.get(), "train");

    if (measureAccuracy) {
        const bp::Dataset& test = *w.test;
        bp::VectorT<float> input(test.inputSize());
        bp::Vector output(test.outputSize());
        long correct = 0;
        double loss = 0;
        for (Eigen::Index c = 0; c < test.records(); ++c) {
            test.inputs.copyColumn(c, input);
            const fann_type* f = fann_run(ann.get(), input.data());
            for (Eigen::Index i = 0; i < output.size(); ++i)
                output[i] = f[i];
            loss += 0.5 * (test.targets.col(c) - output).squaredNorm();
            correct += bp::classOf(output) == bp::classOf(test.targets.col(c));
        }
        r.testAccuracy = double(correct) / double(test.records());
        r.testLoss = loss / double(test.records());
    }
    return r;
}

} // namespace bench
