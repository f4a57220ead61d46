#pragma once
// The seed's own setup, defined once. The window's "seed" preset, `backprop-cli train
// --preset seed` and the README's command all come from here, so the window and the
// CLI train the same network on the same records with the same numbers.
//
// The seed's code (backpropagation-fundamentals.txt, forward_pass / back_prop / train):
// one ReLU hidden layer, sigmoid outputs, one-hot targets over a subset of the class
// labels (labels_include), the inputs as they are, online updates one record at a
// time in file order, over a tenth of the records. At its sigmoid outputs it sets
// partial_online_partial_output = output − y, i.e. ∂J/∂z(L) = f − y: the gradient of
// cross-entropy with sigmoid outputs (½-squared error would add the factor f(1 − f)).
// So the setup trains with cross-entropy: that is the loss whose gradient the code computes.
#include "math/dataset.h"
#include "math/network.h"
#include "math/optimizer.h"

#include <string>
#include <vector>

namespace bp {

struct SeedSetup {
    std::string dataset = "digits";                          // the built-in 8×8 digits (64 inputs)
    std::vector<std::string> classes{"0", "1", "2"};         // labels_include
    Normalizer::Kind normalization = Normalizer::Kind::None; // X_train as it is
    double trainShare = 1;     // no test split: the seed trains on its records
    bool shuffle = false;      // rec_num = 0, 1, 2, …: file order
    long recordLimit = 53;     // int(num_of_records / 10) of the 537 records of 0, 1 and 2
    Architecture architecture; // 64-16-3: ReLU hidden, sigmoid outputs, cross-entropy
    Hyper hyper;               // online (batch 1), a = 0.01, no momentum
    std::uint64_t seed = 1;    // the initial weights (Xavier)
};

const SeedSetup& seedSetup();

} // namespace bp
