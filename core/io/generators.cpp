#include "io/generators.h"

#include "math/error.h"
#include "math/random.h"

#include <cmath>
#include <string>

namespace bp {
namespace {

constexpr long kMaxRecords = 10'000'000;
constexpr double kPi = 3.14159265358979323846;

void checkArguments(const std::string& name, double noise, long records) {
    if (!(noise >= 0.0) || !std::isfinite(noise))
        throw InputError(name + ": the noise must be a finite number >= 0, got " +
                         std::to_string(noise));
    if (records < 1 || records > kMaxRecords)
        throw InputError(name + ": the number of records must be from 1 to " +
                         std::to_string(kMaxRecords) + ", got " + std::to_string(records));
}

// Two inputs x1, x2 and a single 0/1 target row.
Dataset binary(const std::string& name, const std::string& targetName, long records) {
    Dataset d;
    d.name = name;
    d.inputs = FeatureMatrix(storageForValues(2 * Eigen::Index(records)), 2, records);
    d.targets.resize(1, records);
    d.inputNames = {"x1", "x2"};
    d.targetNames = {targetName};
    d.classNames = {"0", "1"};
    d.labels.resize(static_cast<std::size_t>(records));
    return d;
}

void setRecord(Dataset& d, long r, double x1, double x2, int label) {
    d.inputs.set(0, r, x1);
    d.inputs.set(1, r, x2);
    d.targets(0, r) = label;
    d.labels[static_cast<std::size_t>(r)] = label;
}

} // namespace

Dataset generateXor(std::uint64_t seed, double noise, long records) {
    checkArguments("xor", noise, records);
    Random random(seed);
    Dataset d = binary("xor", "xor", records);
    for (long r = 0; r < records; ++r) {
        const int a = static_cast<int>(r % 2);
        const int b = static_cast<int>((r / 2) % 2);
        const double x1 = a + noise * random.normal();
        const double x2 = b + noise * random.normal();
        setRecord(d, r, x1, x2, a ^ b);
    }
    return d;
}

Dataset generateCircle(std::uint64_t seed, double noise, long records) {
    checkArguments("circle", noise, records);
    Random random(seed);
    Dataset d = binary("circle", "inside", records);
    for (long r = 0; r < records; ++r) {
        const bool inside = r % 2 == 1;
        // sqrt of a uniform area fraction: points spread evenly over the area.
        const double radius =
            inside ? 0.5 * std::sqrt(random.uniform()) : std::sqrt(random.uniform(0.49, 1.0));
        const double angle = random.uniform(0.0, 2.0 * kPi);
        const double x1 = radius * std::cos(angle) + noise * random.normal();
        const double x2 = radius * std::sin(angle) + noise * random.normal();
        setRecord(d, r, x1, x2, inside ? 1 : 0);
    }
    return d;
}

Dataset generateSpirals(std::uint64_t seed, double noise, long records) {
    checkArguments("spirals", noise, records);
    Random random(seed);
    Dataset d = binary("spirals", "spiral", records);
    const long perSpiral = (records + 1) / 2;
    for (long r = 0; r < records; ++r) {
        const int spiral = static_cast<int>(r % 2);
        // radius grows from 0 to 1 along the spiral; the second is turned by π.
        const double radius = static_cast<double>(r / 2) / static_cast<double>(perSpiral);
        const double angle = 1.75 * 2.0 * kPi * radius + spiral * kPi;
        const double x1 = radius * std::sin(angle) + noise * random.normal();
        const double x2 = radius * std::cos(angle) + noise * random.normal();
        setRecord(d, r, x1, x2, spiral);
    }
    return d;
}

Dataset generateBlobs(std::uint64_t seed, double noise, long records, int classes) {
    checkArguments("blobs", noise, records);
    if (classes < 2 || classes > 64)
        throw InputError("blobs: the number of classes must be from 2 to 64, got " +
                         std::to_string(classes));
    Random random(seed);
    Dataset d;
    d.name = "blobs";
    d.inputs = FeatureMatrix(storageForValues(2 * Eigen::Index(records)), 2, records);
    d.targets = Matrix::Zero(classes, records);
    d.inputNames = {"x1", "x2"};
    for (int c = 0; c < classes; ++c)
        d.classNames.push_back(std::to_string(c));
    d.targetNames = d.classNames;
    const double spread = 0.2 + noise;
    for (long r = 0; r < records; ++r) {
        const int c = static_cast<int>(r % classes);
        const double angle = 2.0 * kPi * c / classes;
        const double x1 = std::cos(angle) + spread * random.normal();
        const double x2 = std::sin(angle) + spread * random.normal(); // drawn after x1
        d.inputs.set(0, r, x1);
        d.inputs.set(1, r, x2);
        d.targets(c, r) = 1.0;
        d.labels.push_back(c);
    }
    return d;
}

Dataset generateSine(std::uint64_t seed, double noise, long records) {
    checkArguments("sine", noise, records);
    Random random(seed);
    Dataset d;
    d.name = "sine";
    d.inputs = FeatureMatrix(storageForValues(records), 1, records);
    d.targets.resize(1, records);
    d.inputNames = {"x"};
    d.targetNames = {"sin(x)"};
    for (long r = 0; r < records; ++r) {
        const double x = random.uniform(-kPi, kPi);
        d.inputs.set(0, r, x);
        // The target from the value the network sees (x rounded to float above the size rule).
        d.targets(0, r) = std::sin(d.inputs(0, r)) + noise * random.normal();
    }
    return d;
}

} // namespace bp
