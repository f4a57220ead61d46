#include "io/builtin_datasets.h"

#include "io/data_loader.h"
#include "io/generators.h"
#include "io/shipped_dir.h"
#include "math/error.h"
#include "math/random.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>

#ifndef BP_SOURCE_DATASETS_DIR
#define BP_SOURCE_DATASETS_DIR "resources/datasets"
#endif

namespace bp {
namespace {

struct ShippedFile {
    const char* name;
    const char* target;
    bool classify;
};

const ShippedFile kShipped[] = {
    {"iris", "species", false},
    {"wine", "class", false},
    {"digits", "digit", true},
};

Dataset sample(const Dataset& d, std::uint64_t seed, long records) {
    if (records <= 0)
        return d;
    if (records > d.records())
        throw InputError(d.name + " has " + std::to_string(d.records()) + " records, " +
                         std::to_string(records) + " were asked for");
    std::vector<Eigen::Index> rows(static_cast<std::size_t>(d.records()));
    std::iota(rows.begin(), rows.end(), Eigen::Index(0));
    Random random(seed);
    random.shuffle(rows);
    rows.resize(static_cast<std::size_t>(records));
    std::sort(rows.begin(), rows.end());
    return subset(d, rows);
}

} // namespace

std::vector<std::string> builtinDatasetNames() {
    return {"xor", "circle", "spirals", "blobs", "sine", "iris", "wine", "digits"};
}

Dataset builtinDataset(const std::string& name, std::uint64_t seed, double noise, long records) {
    if (records < 0)
        throw InputError(name + ": the number of records must be >= 0 (0 = the default), got " +
                         std::to_string(records));
    if (name == "xor")
        return records ? generateXor(seed, noise, records) : generateXor(seed, noise);
    if (name == "circle")
        return records ? generateCircle(seed, noise, records) : generateCircle(seed, noise);
    if (name == "spirals")
        return records ? generateSpirals(seed, noise, records) : generateSpirals(seed, noise);
    if (name == "blobs")
        return records ? generateBlobs(seed, noise, records) : generateBlobs(seed, noise);
    if (name == "sine")
        return records ? generateSine(seed, noise, records) : generateSine(seed, noise);
    for (const ShippedFile& f : kShipped) {
        if (name != f.name)
            continue;
        LoadOptions opt;
        opt.targets = {f.target};
        opt.classify = f.classify;
        Dataset d = loadDataset(datasetsDir() + "/" + f.name + ".csv", opt);
        d.name = f.name;
        return sample(d, seed, records);
    }
    std::string known;
    for (const std::string& n : builtinDatasetNames())
        known += (known.empty() ? "" : ", ") + n;
    throw InputError("unknown built-in dataset \"" + name +
                     "\"; the built-in datasets are: " + known);
}

std::string datasetsDir() {
    if (const char* env = std::getenv("BP_DATASETS_DIR"); env != nullptr && *env != '\0')
        return env;
    return shippedDir("datasets", BP_SOURCE_DATASETS_DIR);
}

} // namespace bp
