#include "io/class_labels.h"

#include "io/text_input.h"
#include "math/error.h"

#include <algorithm>
#include <map>

namespace bp {

static std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

namespace {
// How many records carry each label (std::map: the labels in text order).
std::map<std::string, std::size_t> countLabels(const std::vector<std::string>& recordLabels,
                                               const std::string& file, const std::string& source) {
    std::map<std::string, std::size_t> counts;
    for (const std::string& label : recordLabels) {
        ++counts[label];
        if (counts.size() > kMaxClasses)
            throw InputError(file, source + " has more than " + std::to_string(kMaxClasses) +
                                       " distinct class labels; is it a numeric target?");
    }
    return counts;
}

// The class names in text order, or in numeric order when every label is a number
// (equal values, "1" and "1.0", keep their text order).
std::vector<std::string> classOrder(const std::map<std::string, std::size_t>& counts) {
    std::vector<std::string> names;
    std::vector<double> values;
    bool allNumbers = true;
    for (const auto& entry : counts) {
        names.push_back(entry.first);
        double v = 0.0;
        allNumbers = allNumbers && parseNumber(entry.first, v) == NumberText::Number;
        values.push_back(v);
    }
    if (!allNumbers)
        return names;
    std::vector<std::size_t> order(names.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<std::string> sorted;
    for (const std::size_t i : order)
        sorted.push_back(names[i]);
    return sorted;
}

// The names kept by the subset, in their order; an error naming what is missing.
std::vector<std::string> keepSubset(const std::vector<std::string>& names,
                                    const std::map<std::string, std::size_t>& counts,
                                    const std::vector<std::string>& subset, const std::string& file,
                                    const std::string& source) {
    std::vector<std::string> missing;
    for (const std::string& wanted : subset)
        if (counts.count(wanted) == 0 &&
            std::find(missing.begin(), missing.end(), wanted) == missing.end())
            missing.push_back(wanted);
    const bool anyFound = std::any_of(subset.begin(), subset.end(),
                                      [&](const std::string& w) { return counts.count(w) > 0; });
    if (!anyFound)
        throw InputError(file, "the class subset {" + joined(subset) + "} matches no class in " +
                                   source + "; classes found: " + joined(names));
    if (!missing.empty())
        throw InputError(file, "class \"" + missing.front() + "\" is not in " + source +
                                   "; classes found: " + joined(names));
    std::vector<std::string> kept;
    for (const std::string& n : names)
        if (std::find(subset.begin(), subset.end(), n) != subset.end())
            kept.push_back(n);
    return kept;
}
} // namespace

ClassEncoding encodeClasses(const std::vector<std::string>& recordLabels,
                            const std::vector<std::string>& subset, const std::string& file,
                            const std::string& source) {
    const std::map<std::string, std::size_t> counts = countLabels(recordLabels, file, source);
    std::vector<std::string> names = classOrder(counts);
    if (!subset.empty())
        names = keepSubset(names, counts, subset, file, source);

    std::map<std::string, int> index;
    for (std::size_t i = 0; i < names.size(); ++i)
        index[names[i]] = static_cast<int>(i);
    ClassEncoding e;
    e.classNames = names;
    for (std::size_t r = 0; r < recordLabels.size(); ++r) {
        const auto it = index.find(recordLabels[r]);
        if (it == index.end())
            continue;
        e.labels.push_back(it->second);
        e.kept.push_back(r);
    }
    return e;
}

Matrix oneHot(const std::vector<int>& labels, std::size_t classCount) {
    Matrix t = Matrix::Zero(static_cast<Eigen::Index>(classCount),
                            static_cast<Eigen::Index>(labels.size()));
    for (std::size_t r = 0; r < labels.size(); ++r)
        t(labels[r], static_cast<Eigen::Index>(r)) = 1.0;
    return t;
}

} // namespace bp
