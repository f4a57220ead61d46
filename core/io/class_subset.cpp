#include "io/class_subset.h"

#include "io/class_labels.h"
#include "math/error.h"

namespace bp {

Dataset keepClasses(const Dataset& data, const std::vector<std::string>& classes) {
    if (!data.isClassification())
        throw InputError(data.name, "a class subset needs class labels; this data is regression");
    std::vector<std::string> names;
    names.reserve(data.labels.size());
    for (int label : data.labels)
        names.push_back(data.classNames[static_cast<std::size_t>(label)]);
    const ClassEncoding e = encodeClasses(names, classes, data.name, "classes");
    std::vector<Eigen::Index> rows(e.kept.begin(), e.kept.end());
    Dataset out = subset(data, rows);
    out.classNames = e.classNames;
    out.labels = e.labels;
    out.targets = oneHot(e.labels, e.classNames.size());
    out.targetNames = e.classNames;
    return out;
}

} // namespace bp
