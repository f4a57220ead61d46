#pragma once
// The limits of the settings a user types, one definition for the window's spin boxes
// and backprop-cli's options: a value outside is refused by the CLI (a usage error)
// and set to the nearest limit by the window, which says so.
#include <optional>
#include <string>

namespace bp {

struct Limit {
    double min;
    double max;
    const char* what;     // e.g. "the learning rate a"
    const char* option;   // the CLI's option, e.g. "--lr"
    bool openMin = false; // min itself is not allowed (a learning rate of 0 learns nothing)
};

namespace limits {
constexpr Limit learningRate{0, 100, "the learning rate a", "--lr", true};
constexpr Limit batchSize{1, 100000, "the batch size", "--batch"};
constexpr Limit momentum{0, 0.999, "the momentum \u03bc", "--momentum"};
constexpr Limit l2{0, 10, "the L2 factor \u03bb", "--l2"};
constexpr Limit seed{0, 1000000000, "the seed", "--seed"};
} // namespace limits

// "from 0 to 100", "above 0 and at most 100"
std::string rangeText(const Limit& l);
// Empty when v is within the limit; else what is wrong, e.g. "--lr must be from 0 to
// 100; got 100000".
std::optional<std::string> outsideLimit(const Limit& l, double v);

} // namespace bp
