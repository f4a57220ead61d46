#include "io/csv_writer.h"

#include "io/atomic_file.h"

#include <charconv>
#include <system_error>

namespace bp {

namespace {

// RFC 4180: a field with the delimiter, a quote or a line break, or with spaces the
// reader would trim, goes in quotes with its quotes doubled.
void appendField(std::string& out, const std::string& field) {
    const bool quote = field.find_first_of(",\"\r\n") != std::string::npos ||
                       (!field.empty() && (field.front() == ' ' || field.front() == '\t' ||
                                           field.back() == ' ' || field.back() == '\t'));
    if (!quote) {
        out += field;
        return;
    }
    out += '"';
    for (const char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

// The shortest text that reads back to exactly v ("0.1", "-2.5e-07", "nan", "inf").
void appendNumber(std::string& out, double v) {
    char buffer[32];
    const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, r.ptr);
}

} // namespace

std::vector<std::string> csvHeader(const Dataset& d) {
    std::vector<std::string> names;
    for (Eigen::Index i = 0; i < d.inputSize(); ++i) {
        const auto k = static_cast<std::size_t>(i);
        names.push_back(k < d.inputNames.size() && !d.inputNames[k].empty()
                            ? d.inputNames[k]
                            : "x" + std::to_string(i + 1));
    }
    if (d.isClassification()) {
        names.push_back("class");
        return names;
    }
    for (Eigen::Index o = 0; o < d.outputSize(); ++o) {
        const auto k = static_cast<std::size_t>(o);
        names.push_back(k < d.targetNames.size() && !d.targetNames[k].empty()
                            ? d.targetNames[k]
                            : "y" + std::to_string(o + 1));
    }
    return names;
}

std::string csvText(const Dataset& d) {
    std::string out;
    const std::vector<std::string> header = csvHeader(d);
    for (std::size_t j = 0; j < header.size(); ++j) {
        if (j > 0)
            out += ',';
        appendField(out, header[j]);
    }
    out += '\n';
    for (Eigen::Index r = 0; r < d.records(); ++r) {
        for (Eigen::Index i = 0; i < d.inputSize(); ++i) {
            if (i > 0)
                out += ',';
            appendNumber(out, d.inputs(i, r));
        }
        if (d.isClassification()) {
            out += ',';
            appendField(out, d.classNames.at(static_cast<std::size_t>(
                                 d.labels.at(static_cast<std::size_t>(r)))));
        } else {
            for (Eigen::Index o = 0; o < d.outputSize(); ++o) {
                out += ',';
                appendNumber(out, d.targets(o, r));
            }
        }
        out += '\n';
    }
    return out;
}

void writeCsv(const Dataset& d, const std::string& path) {
    writeFileAtomically(path, csvText(d), "CSV file");
}

} // namespace bp
