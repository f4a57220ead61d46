#pragma once
// One description of an experiment and the one function that prepares it. The data
// (a built-in set or a file, its load options and class subset, a test file or a
// split, normalisation, records per epoch, shuffling), the network (new from an
// architecture and a seed, or a saved model's), the hyper-parameters and the
// precision. backprop-cli, the window and the benchmarks set training up through
// prepareExperiment: nothing else splits, normalises, encodes classes or builds the
// network, so the window and the CLI cannot drift apart.
#include "io/data_loader.h"
#include "io/model_file.h"
#include "math/dataset.h"
#include "math/network.h"
#include "math/optimizer.h"
#include "math/precision.h"
#include "math/training.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace bp {

struct DataSource {
    std::string builtin = "xor"; // a built-in name, or empty when `file` is set
    std::string file;            // a CSV, IDX or FANN file
    LoadOptions load;            // targets, classify, classes, labels file
    std::string testFile;        // the test records from their own file (no split then)
    std::string testLabelsPath;  // the IDX labels of testFile (default: beside it)
    double noise = 0.1;          // generated datasets
    Normalizer::Kind normalization = Normalizer::Kind::None;
    double trainShare = 0.8; // 1 = no test set (the records keep the file's order)
    std::uint64_t seed = 1;  // split, generators, initial weights, shuffles
    long recordLimit = 0;    // records per epoch (0 = all)
    bool shuffle = true;

    std::string title() const; // the built-in name or the file's name
};

struct Experiment {
    DataSource data;
    Architecture architecture; // sizes[0] and sizes.back() follow the data
    Hyper hyper;
    Precision precision = Precision::Double;
    // A data file opened anew: choose the network, normalisation and learning rate from
    // the data (fitToData) instead of keeping the previous ones.
    bool fitToData = false;
    // Start from a saved model instead of a new network: its weights, its normaliser
    // (unless refitNormalizer: the CLI's --normalize given with --model) and its class
    // list (the data's classes are encoded over the model's).
    std::optional<Model> model;
    bool refitNormalizer = false;
    // Data already read from `data` (the window's, when a model is opened on it): not
    // read again. Null: read from the source.
    std::shared_ptr<const Dataset> loaded;
    // Keep the loaded records beside the split ones (the window's preview). Off, `all`
    // holds the names and classes only, and big data is held once (the CLI).
    bool keepAllRecords = true;
};

struct PreparedExperiment {
    Experiment experiment;              // what was prepared (after fitToData: the choices it made)
    bool fitted = false;                // the network and settings were fitted to the data
    std::shared_ptr<const Dataset> all; // as loaded (before the split), for the preview
    std::shared_ptr<const Dataset> train;
    std::shared_ptr<const Dataset> test; // null without a test set
    Normalizer normalizer;               // fitted on `train`, or the model's
    Network network;                     // the initial weights, or the model's
    Schedule schedule;
    int imageRows = 0, imageCols = 0; // the input is an image (IDX, digits)

    // The model file for weights trained from this experiment: the normaliser, the
    // names and classes of the data, the hyper-parameters, seed and initialisation.
    Model modelFor(const Network& trained, const Hyper& hyper) const;
};

// Loads (or generates) the data, encodes its classes (over a model's), splits or reads
// the test file, normalises, and builds the network. Throws InputError (file, line,
// column and what was expected) on bad input. Reports how far it got on `progress`
// (load_progress.h: the data file, a test file, then the split and normalisation) and
// throws LoadCancelled when cancelled there; nothing of it is kept then.
PreparedExperiment prepareExperiment(const Experiment& e, const LoadProgress& progress = {});

// A network and settings that suit `data` (experiment.cpp says which): a ReLU hidden
// layer (8, 32 or 128 wide by the input size), softmax with cross-entropy for several
// classes, sigmoid with cross-entropy for two, linear with ½-squared error for
// regression; min-max normalisation for image-sized inputs (64 or more), z-score else.
void fitToData(Experiment& e, const Dataset& data);

// The data of a source as loaded (class subset applied, Fashion-MNIST's class names
// given), before any split; throws InputError (LoadCancelled: cancelled on `progress`).
Dataset loadSource(const DataSource& d, const LoadProgress& progress = {});

// The data's classes encoded over a model's class list (which must hold every class
// of the data): one-hot, or one 0/1 row for a 1-output model. No-op if the model has
// no classes or the same list.
void matchModelClasses(const Model& model, Dataset& data);
// Re-encodes each record's class over `classes` into `outputs` target rows; `owner`
// names where the list comes from in the error ("the model", "the training data").
void encodeOverClasses(const std::vector<std::string>& classes, Eigen::Index outputs, Dataset& data,
                       const std::string& owner);
// Throws InputError (naming the data file) unless the data has the network's input and
// output counts; `modelName`, if given, says whose network it is.
void checkFits(const Network& net, const Dataset& data, const std::string& modelName = {});

} // namespace bp
