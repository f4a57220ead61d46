// backprop-cli: train, evaluate, step through and gradient-check multi-layer
// perceptrons with the Backprop Studio engine.
#include "commands.h"

#include "arguments.h"
#include "error.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

namespace {
const char* kUsage = R"(usage: backprop-cli COMMAND [OPTIONS]

commands:
  train      train a network and print one line per epoch
  eval       loss (and accuracy) of a saved model on data
  step       one record through every phase, with the equations and numbers
  gradcheck  backprop against finite differences for every weight

data (every command):
  --data FILE            CSV, FANN .data or MNIST-style IDX (plain or .gz)
  --labels FILE          IDX labels (default: derived from the images file name)
  --target COLS          CSV target column(s) by name or 1-based index (default: last)
  --classify             an integer target column holds class labels
  --classes A,B,...      keep only these classes (the seed's labels_include)
  --dataset NAME         built-in: xor circle spirals blobs sine iris wine digits
  --noise X              noise of a generated dataset (default 0.1)
  --seed N               seed for initialisation, shuffling, split, generators (default 1)

train:
  --preset seed          the seed's own setup (digits 0,1,2; 64-16-3 ReLU/sigmoid with
                         cross-entropy; a = 0.01 online, file order, 53 records, no split);
                         options given as well override it
  --normalize none|minmax|zscore  fitted on the training split only (default none)
  --split FRACTION       training share; 1 = no test set (default 0.8; 1 with --test)
  --test FILE            test records from their own file (same --target/--classes);
                         every record of --data then trains. IDX: --test-labels FILE
  --model FILE           start from a saved model, or build one with:
  --layers 4,8,3         sizes from input to output
  --activation NAME      hidden layers: linear sigmoid tanh relu leaky_relu (default sigmoid)
  --output-activation NAME  output layer, also softmax (default sigmoid)
  --loss mse|cross_entropy  (default mse)
  --init uniform|xavier|he  (default xavier; --init-range R for uniform, default 0.5)
  --lr A  --batch N  --momentum MU  --l2 LAMBDA  --freeze-bias
  --epochs N  --records N (per epoch)  --no-shuffle  --target-loss J
  --precision double|float  float: the fast path (the model is saved in double)
  --save FILE            model JSON, written atomically
  --trace FILE.csv       every phase of every record (z, x, delta, dJdz, dJdw, w)

eval:      --model FILE [--json]
step:      --model FILE --record N [--lr A] [--precision D] [--max-terms N]
           (one online step: no momentum, no L2, so the update is exactly w − a·dJ/dw)
gradcheck: --model FILE [--records N] [--tolerance T]

exit codes: 0 success, 1 data or model error, 2 usage error
)";
} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
        !std::strcmp(argv[1], "help")) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    try {
        if (command == "train")
            return cli::trainCommand(args);
        if (command == "eval")
            return cli::evalCommand(args);
        if (command == "step")
            return cli::stepCommand(args);
        if (command == "gradcheck")
            return cli::gradcheckCommand(args);
        std::fprintf(stderr, "backprop-cli: unknown command '%s'\n\n%s", command.c_str(), kUsage);
        return 2;
    } catch (const cli::UsageError& e) {
        std::fprintf(stderr, "backprop-cli %s: %s\n(see backprop-cli --help)\n", command.c_str(),
                     e.what());
        return 2;
    } catch (const bp::InputError& e) {
        std::fprintf(stderr, "backprop-cli %s: %s\n", command.c_str(), e.what());
        return 1;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "backprop-cli %s: out of memory\n", command.c_str());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "backprop-cli %s: %s\n", command.c_str(), e.what());
        return 1;
    }
}
