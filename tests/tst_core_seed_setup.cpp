// The seed's setup (seed_setup.h) trains as the seed's Python does: a hand loop
// written like its forward_pass / back_prop / train (output − y at the sigmoid
// outputs, ReLU′ in the hidden layer, every gradient before any update, online, file
// order) gives the same weights as the engine after each of the first records.
#include "io/builtin_datasets.h"
#include "io/class_subset.h"
#include "math/seed_setup.h"
#include "math/training.h"

#include <cmath>
#include <QtTest>
#include <vector>

using namespace bp;

namespace {

// One neuron as the seed's code keeps it: weights[0] is the bias.
struct Neuron {
    std::vector<double> weights;
    double z = 0, output = 0, partialOutput = 0;
    std::vector<double> partialWeights;
};

std::vector<Neuron> neuronsOf(const Layer& l) {
    std::vector<Neuron> out(static_cast<std::size_t>(l.w.rows()));
    for (Eigen::Index i = 0; i < l.w.rows(); ++i)
        for (Eigen::Index j = 0; j < l.w.cols(); ++j)
            out[static_cast<std::size_t>(i)].weights.push_back(l.w(i, j));
    return out;
}

double dot(const std::vector<double>& w, const std::vector<double>& x) {
    double s = 0;
    for (std::size_t j = 0; j < w.size(); ++j)
        s += w[j] * x[j];
    return s;
}

// train(): for rec_num in range(records): forward_pass(x_values); back_prop(y, x_values).
void seedStep(std::vector<Neuron>& one, std::vector<Neuron>& two, const std::vector<double>& x,
              const std::vector<double>& y, double a) {
    for (Neuron& n : one) { // forward_pass, layer one: ReLU
        n.z = dot(n.weights, x);
        n.output = n.z > 0 ? n.z : 0;
    }
    std::vector<double> inputs{1};
    for (const Neuron& n : one)
        inputs.push_back(n.output);
    for (Neuron& n : two) { // layer two: sigmoid
        n.z = dot(n.weights, inputs);
        n.output = 1 / (1 + std::exp(-n.z));
    }
    for (std::size_t id = 0; id < two.size(); ++id) { // back_prop, last layer
        Neuron& n = two[id];
        n.partialOutput = n.output - y[id];
        n.partialWeights.assign(n.weights.size(), 0);
        for (std::size_t j = 0; j < n.weights.size(); ++j)
            n.partialWeights[j] = n.partialOutput * inputs[j];
    }
    for (std::size_t idNeuron = 0; idNeuron < one.size(); ++idNeuron) { // layer one
        Neuron& n = one[idNeuron];
        n.partialOutput = 0;
        for (const Neuron& next : two)
            n.partialOutput += next.partialOutput * next.weights[idNeuron + 1];
        n.partialOutput *= n.z > 0 ? 1 : 0;
        n.partialWeights.assign(n.weights.size(), 0);
        for (std::size_t j = 0; j < n.weights.size(); ++j)
            n.partialWeights[j] = n.partialOutput * x[j];
    }
    for (std::vector<Neuron>* layer : {&one, &two}) // update_weights: w ← w − a·∂J/∂w
        for (Neuron& n : *layer)
            for (std::size_t j = 0; j < n.weights.size(); ++j)
                n.weights[j] -= a * n.partialWeights[j];
}

double largestDifference(const std::vector<Neuron>& hand, const Layer& l) {
    double d = 0;
    for (Eigen::Index i = 0; i < l.w.rows(); ++i)
        for (Eigen::Index j = 0; j < l.w.cols(); ++j)
            d = std::max(
                d, std::abs(hand[static_cast<std::size_t>(i)].weights[static_cast<std::size_t>(j)] -
                            l.w(i, j)));
    return d;
}

} // namespace

class SeedSetupTest : public QObject {
    Q_OBJECT

private slots:
    void definitionIsTheSeedsCode() {
        const SeedSetup& s = seedSetup();
        QCOMPARE(s.dataset, std::string("digits"));
        QCOMPARE(s.classes, (std::vector<std::string>{"0", "1", "2"}));
        QCOMPARE(s.architecture.sizes, (std::vector<Eigen::Index>{64, 16, 3}));
        QVERIFY(s.architecture.hidden == Activation::Relu);
        QVERIFY(s.architecture.output == Activation::Sigmoid);
        // output − y at sigmoid outputs is cross-entropy's ∂J/∂z(L), not ½-squared error's.
        QVERIFY(s.architecture.loss == Loss::CrossEntropy);
        QCOMPARE(s.hyper.batchSize, 1);
        QVERIFY(!s.shuffle);
        QVERIFY(s.normalization == Normalizer::Kind::None);
        const Dataset d = keepClasses(builtinDataset(s.dataset, s.seed), s.classes);
        QCOMPARE(s.recordLimit, static_cast<long>(d.records() / 10)); // int(num_of_records / 10)
    }

    void firstRecordsEqualTheSeedsLoop() {
        const SeedSetup& s = seedSetup();
        auto data =
            std::make_shared<Dataset>(keepClasses(builtinDataset(s.dataset, s.seed), s.classes));
        const Network start = makeNetwork(s.architecture, s.seed);
        Schedule schedule;
        schedule.shuffle = s.shuffle;
        schedule.recordLimit = s.recordLimit;
        TrainingRun run(start, data, s.hyper, schedule);
        std::vector<Neuron> one = neuronsOf(start.layer(1)), two = neuronsOf(start.layer(2));
        for (Eigen::Index r = 0; r < 8; ++r) {
            QCOMPARE(run.recordIndex(), r); // file order
            std::vector<double> x{1};       // x_values[0] = 1, x_values[1:] = X_train[rec_num]
            for (Eigen::Index i = 0; i < data->inputSize(); ++i)
                x.push_back(data->inputs(i, r));
            // y_desired_values = [1 if y_actual == label else 0 for label in labels_include]
            std::vector<double> y;
            for (std::size_t c = 0; c < s.classes.size(); ++c)
                y.push_back(data->labels[static_cast<std::size_t>(r)] == static_cast<int>(c) ? 1
                                                                                             : 0);
            seedStep(one, two, x, y, s.hyper.learningRate);
            run.stepRecord();
            // Sums in another order round differently: 1e-12 of weights of order 0.1–1.
            QVERIFY2(largestDifference(one, run.network().layer(1)) < 1e-12,
                     qPrintable(QString::number(r)));
            QVERIFY2(largestDifference(two, run.network().layer(2)) < 1e-12,
                     qPrintable(QString::number(r)));
        }
        // And the weights did move: the comparison is not of two unchanged networks.
        QVERIFY(largestDifference(neuronsOf(start.layer(2)), run.network().layer(2)) > 1e-3);
    }
};

QTEST_APPLESS_MAIN(SeedSetupTest)
#include "tst_core_seed_setup.moc"
