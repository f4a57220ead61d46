#pragma once
// What the user chose in the Dataset and Architecture panels, and what it turns
// into: the training and test data (normalised) and a freshly initialised
// network. Building it never touches the running session; the main window hands
// the result to TrainingSession::setup only when it succeeded, so a bad file
// leaves the previous dataset in place.
#include "data_loader.h"
#include "dataset.h"
#include "network.h"
#include "optimizer.h"
#include "precision.h"
#include "training.h"

#include <cstdint>
#include <memory>
#include <QString>
#include <QStringList>
#include <vector>

namespace bp {

struct DataChoice {
    QString builtin = "xor"; // a built-in name, or empty when `file` is set
    QString file;            // a CSV, IDX or FANN file
    LoadOptions load;        // targets, classify, classes, labels file
    double noise = 0.1;      // generated datasets
    Normalizer::Kind normalization = Normalizer::Kind::None;
    double trainShare = 0.8; // 1 = no test set
    std::uint64_t seed = 1;  // split, generators, initial weights, shuffles
    long recordLimit = 0;    // records per epoch (0 = all)
    bool shuffle = true;

    QString title() const; // "xor" or the file name
};

struct Experiment {
    DataChoice data;
    Architecture architecture; // sizes[0] and sizes.back() follow the data
    Hyper hyper;
    Precision precision = Precision::Double; // what the session trains in (not a preset's)
    // A data file opened anew: choose the network, normalisation and learning rate from
    // the data (fitToData) instead of keeping the previous ones.
    bool fitToData = false;
};

struct PreparedExperiment {
    Experiment experiment;              // what was prepared (after fitToData: the choices it made)
    bool fitted = false;                // the network and settings were fitted to the data
    std::shared_ptr<const Dataset> all; // as loaded (before the split), for the preview
    std::shared_ptr<const Dataset> train;
    std::shared_ptr<const Dataset> test; // null without a test set
    Normalizer normalizer;               // fitted on `train`
    Network network;
    Schedule schedule;
    int imageRows = 0, imageCols = 0; // the input is an image (IDX, digits)
};

// Loads (or generates) the data, checks the class subset, splits, normalises
// and builds the network, fitting the first and last layer sizes to the data.
// Throws InputError (file, line, column and what was expected) on bad input.
PreparedExperiment prepareExperiment(const Experiment& e);

// A network and settings that suit `data` (experiment.cpp says which): a ReLU hidden
// layer (8, 32 or 128 wide by the input size), softmax with cross-entropy for several
// classes, sigmoid with cross-entropy for two, linear with ½-squared error for
// regression; min-max normalisation for image-sized inputs (64 or more), z-score else.
void fitToData(Experiment& e, const Dataset& data);

// The loaded data alone (for the Dataset panel's preview); throws InputError.
Dataset loadChoice(const DataChoice& d);

// Built-in presets: "xor", "circle", … and "the seed's setup" (digits 0–2, a ReLU
// hidden layer, sigmoid outputs, one-hot targets, online updates in file order
// on a tenth of the records).
QStringList presetNames();
Experiment presetExperiment(const QString& name);

} // namespace bp
