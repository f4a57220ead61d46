#include "io/csv_reader.h"

#include "io/class_labels.h"
#include "io/csv_tokenizer.h"
#include "io/text_input.h"
#include "math/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <string_view>

namespace bp {
namespace {

bool isBlankText(const std::string& text, std::size_t start) {
    return text.find_first_not_of(" \t\r\n", start) == std::string::npos;
}

std::string trimmed(std::string_view s) {
    const std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos)
        return {};
    const std::size_t e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

std::string lowered(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// What pass 1 learns about the file: its shape and which columns hold text.
struct Layout {
    char delimiter = ',';
    bool decimalComma = false;
    CsvRecord first;
    std::size_t width = 0;
    std::size_t rowsBelow = 0;             // records after the first
    std::vector<std::size_t> textBelow;    // per column: non-numbers after the first record
    std::vector<std::size_t> numbersBelow; // per column: numbers (or nan/inf) after it
    bool header = false;
    std::vector<std::string> names; // header names ("" without a header)
};

class CsvReader {
public:
    CsvReader(const std::string& text, const std::string& file, const LoadOptions& opt)
        : m_text(text), m_file(file), m_opt(opt) {}

    Dataset read() {
        const std::size_t start = byteOrderMarkLength(m_text);
        if (isBlankText(m_text, start))
            throw InputError(m_file, "the file is empty; expected records of comma-separated "
                                     "numbers, optionally below a header row");
        m_start = start;
        scan();
        resolveTargets();
        return build();
    }

private:
    NumberText parse(const CsvField& f, double& v) const {
        return parseNumber(f.text, v, m_layout.decimalComma);
    }

    std::string describe(std::size_t j) const {
        if (m_layout.header && !m_layout.names[j].empty())
            return "column \"" + m_layout.names[j] + "\"";
        return "column " + std::to_string(j + 1);
    }

    // Pass 1: dialect, shape, ragged rows, header.
    void scan() {
        Layout& l = m_layout;
        l.delimiter = detectCsvDelimiter(m_text, m_start, m_file);
        l.decimalComma = l.delimiter == ';';
        CsvTokenizer tokens(m_text, m_start, l.delimiter, m_file);
        tokens.next(l.first);
        l.width = l.first.size;
        l.textBelow.assign(l.width, 0);
        l.numbersBelow.assign(l.width, 0);
        CsvRecord r;
        double v = 0.0;
        while (tokens.next(r)) {
            checkWidth(r, tokens);
            for (std::size_t j = 0; j < l.width; ++j) {
                if (parse(r.fields[j], v) == NumberText::NotNumber)
                    ++l.textBelow[j];
                else
                    ++l.numbersBelow[j];
            }
            ++l.rowsBelow;
        }
        // A header: the first record has a non-number in a column that holds
        // (mostly) numbers below it; "mostly" so that a typo further down still
        // gets its own message. A lone record of nothing but text is a header too.
        bool allText = true;
        for (std::size_t j = 0; j < l.width; ++j) {
            const bool text = parse(l.first.fields[j], v) == NumberText::NotNumber;
            allText = allText && text;
            if (text && l.numbersBelow[j] > l.textBelow[j])
                l.header = true;
        }
        if (l.rowsBelow == 0 && allText)
            l.header = true;
        l.names.assign(l.width, std::string());
        if (l.header) {
            for (std::size_t j = 0; j < l.width; ++j)
                l.names[j] = trimmed(l.first.fields[j].text);
            if (l.rowsBelow == 0)
                throw InputError(m_file, l.first.line, 0,
                                 "a header row but no data records below it");
        }
    }

    void checkWidth(const CsvRecord& r, const CsvTokenizer& tokens) const {
        const std::size_t width = m_layout.width;
        if (r.size == width)
            return;
        const std::string message = "expected " + std::to_string(width) + " fields (separated by " +
                                    delimiterName(m_layout.delimiter) + ") as in line " +
                                    std::to_string(m_layout.first.line) + ", got " +
                                    std::to_string(r.size);
        if (r.size > width)
            throw InputError(m_file, r.fields[width].line, tokens.column(r.fields[width]), message);
        throw InputError(m_file, r.line, 0, message);
    }

    std::size_t findColumn(const std::string& spec) const {
        const Layout& l = m_layout;
        const std::string key = trimmed(spec);
        if (l.header) {
            for (const bool exact : {true, false}) {
                std::vector<std::size_t> hits;
                for (std::size_t j = 0; j < l.width; ++j)
                    if (exact ? l.names[j] == key : lowered(l.names[j]) == lowered(key))
                        hits.push_back(j);
                if (hits.size() == 1)
                    return hits.front();
                if (hits.size() > 1)
                    throw InputError(m_file, "target column \"" + key +
                                                 "\" is ambiguous: columns " +
                                                 std::to_string(hits[0] + 1) + " and " +
                                                 std::to_string(hits[1] + 1) + " have that name");
            }
        }
        if (!key.empty() && key.size() < 10 &&
            std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            const std::size_t index = std::stoul(key);
            if (index >= 1 && index <= l.width)
                return index - 1;
            throw InputError(m_file, "target column " + key + " is out of range: the file has " +
                                         std::to_string(l.width) + " columns");
        }
        if (!l.header)
            throw InputError(m_file, "unknown target column \"" + key +
                                         "\": the file has no header row, so give a column "
                                         "number from 1 to " +
                                         std::to_string(l.width));
        std::string list;
        for (std::size_t j = 0; j < l.width; ++j)
            list += (j ? ", " : "") + (l.names[j].empty() ? std::to_string(j + 1) : l.names[j]);
        throw InputError(m_file, "unknown target column \"" + key + "\"; the columns are: " + list);
    }

    void resolveTargets() {
        const std::size_t width = m_layout.width;
        if (m_opt.targets.empty())
            m_targetColumns = {width - 1};
        for (const std::string& spec : m_opt.targets) {
            const std::size_t j = findColumn(spec);
            if (std::find(m_targetColumns.begin(), m_targetColumns.end(), j) !=
                m_targetColumns.end())
                throw InputError(m_file, describe(j) + " is given twice as a target");
            m_targetColumns.push_back(j);
        }
        for (std::size_t j = 0; j < width; ++j)
            if (std::find(m_targetColumns.begin(), m_targetColumns.end(), j) ==
                m_targetColumns.end())
                m_inputColumns.push_back(j);
        if (m_inputColumns.empty())
            throw InputError(m_file, "every column is a target; at least one input column is "
                                     "needed (the file has " +
                                         std::to_string(width) + " columns)");
        const bool wantClasses = m_opt.classify || !m_opt.classes.empty();
        if (m_targetColumns.size() > 1) {
            if (wantClasses)
                throw InputError(m_file, "class labels (classify or a class subset) need a single "
                                         "target column, got " +
                                             std::to_string(m_targetColumns.size()));
            return;
        }
        const std::size_t t = m_targetColumns.front();
        double v = 0.0;
        std::size_t texts = m_layout.textBelow[t];
        std::size_t numbers = m_layout.numbersBelow[t];
        if (!m_layout.header)
            ++(parse(m_layout.first.fields[t], v) == NumberText::NotNumber ? texts : numbers);
        m_textLabels = texts > 0;
        m_classification = m_textLabels || wantClasses;
        // Numbers mixed into text labels (or text in a numeric column) is almost
        // always a mistake; say so unless the user asked for labels.
        if (texts > 0 && numbers > 0 && !wantClasses)
            m_mixedTarget = texts < numbers ? NumberText::NotNumber : NumberText::Number;
    }

    double number(const CsvField& f, std::size_t j, const CsvTokenizer& tokens) const {
        double v = 0.0;
        switch (parse(f, v)) {
        case NumberText::Number:
            return v;
        case NumberText::NotFinite:
            throw InputError(m_file, f.line, tokens.column(f),
                             quoted(trimmed(f.text)) + " in " + describe(j) +
                                 " is not a finite number; NaN and Inf are not allowed in data");
        case NumberText::NotNumber:
            break;
        }
        const std::string text = trimmed(f.text);
        throw InputError(m_file, f.line, tokens.column(f),
                         "expected a number in " + describe(j) + ", got " +
                             (text.empty() ? std::string("an empty field") : quoted(text)));
    }

    std::string label(const CsvField& f, std::size_t j, const CsvTokenizer& tokens) const {
        const std::string text = trimmed(f.text);
        double v = 0.0;
        const NumberText kind = parse(f, v);
        if (m_mixedTarget && kind != NumberText::NotFinite &&
            (kind == NumberText::NotNumber) == (*m_mixedTarget == NumberText::NotNumber))
            throw InputError(m_file, f.line, tokens.column(f),
                             describe(j) + " holds both numbers and text (" + quoted(text) +
                                 " here): a numeric target needs numbers only, and class labels "
                                 "that are numbers need classify");
        if (text.empty())
            throw InputError(m_file, f.line, tokens.column(f),
                             "expected a class label in " + describe(j) + ", got an empty field");
        if (m_textLabels)
            return text;
        // classify on a numeric column: integers, named by their canonical text.
        if (kind == NumberText::Number && v == std::floor(v) && std::fabs(v) < 1e15)
            return std::to_string(static_cast<long long>(v));
        throw InputError(m_file, f.line, tokens.column(f),
                         "expected an integer class label in " + describe(j) + ", got " +
                             quoted(text));
    }

    // With a class subset, which records stay: known before the numbers are read, so
    // that the inputs are stored for those records only and the size rule counts
    // what is kept. Empty when every record stays, or when a label is wrong: pass 2
    // then reports that (or an earlier bad number) in file order.
    std::vector<std::size_t> keptRecords(std::size_t records) const {
        if (!m_classification || m_opt.classes.empty())
            return {};
        const std::size_t t = m_targetColumns.front();
        try {
            std::vector<std::string> labels;
            labels.reserve(records);
            CsvTokenizer tokens(m_text, m_start, m_layout.delimiter, m_file);
            CsvRecord r;
            if (m_layout.header)
                tokens.next(r);
            while (labels.size() < records && tokens.next(r))
                labels.push_back(label(r.fields[t], t, tokens));
            return encodeClasses(labels, m_opt.classes, m_file, describe(t)).kept;
        } catch (const InputError&) {
            return {};
        }
    }

    // Pass 2: the numbers.
    Dataset build() {
        const Layout& l = m_layout;
        const auto records = static_cast<Eigen::Index>(l.rowsBelow + (l.header ? 0 : 1));
        const std::vector<std::size_t> kept = keptRecords(static_cast<std::size_t>(records));
        Dataset d = emptyDataset(records, kept);
        const std::vector<std::string> labels = readRecords(d, records, kept);
        nameColumns(d);
        if (m_classification)
            encodeLabels(d, labels, kept.empty());
        return d;
    }

    // The dataset sized for the records: the inputs of the kept ones (all without a
    // class subset), the numeric targets of all.
    Dataset emptyDataset(Eigen::Index records, const std::vector<std::size_t>& kept) const {
        const auto inputCount = static_cast<Eigen::Index>(m_inputColumns.size());
        const auto stored = kept.empty() ? records : static_cast<Eigen::Index>(kept.size());
        Dataset d;
        d.name = fileNameOf(m_file);
        // Double up to 2^22 values (a hand computation matches to the last digit), else float.
        d.inputs = FeatureMatrix(storageForValues(inputCount * stored), inputCount, stored);
        if (!m_classification)
            d.targets.resize(static_cast<Eigen::Index>(m_targetColumns.size()), records);
        return d;
    }

    // Reads every record: the inputs of the kept ones and the numeric targets into `d`;
    // returns the class labels (empty without classification).
    std::vector<std::string> readRecords(Dataset& d, Eigen::Index records,
                                         const std::vector<std::size_t>& kept) const {
        const bool allKept = kept.empty();
        const auto inputCount = static_cast<Eigen::Index>(m_inputColumns.size());
        std::vector<std::string> labels;
        if (m_classification)
            labels.reserve(static_cast<std::size_t>(records));
        CsvTokenizer tokens(m_text, m_start, m_layout.delimiter, m_file);
        CsvRecord r;
        tokens.next(r);
        Eigen::Index column = 0; // where record c goes in d.inputs
        for (Eigen::Index c = 0; c < records; ++c) {
            if (c > 0 || m_layout.header)
                tokens.next(r);
            // Every number is checked; a record left out by the class subset is not stored.
            const bool keep =
                allKept || (static_cast<std::size_t>(column) < kept.size() &&
                            kept[static_cast<std::size_t>(column)] == static_cast<std::size_t>(c));
            for (Eigen::Index k = 0; k < inputCount; ++k) {
                const std::size_t j = m_inputColumns[static_cast<std::size_t>(k)];
                const double x = number(r.fields[j], j, tokens);
                if (keep)
                    d.inputs.set(k, column, x);
            }
            if (keep)
                d.sourceRows.push_back(static_cast<long>(r.line));
            column += keep;
            for (std::size_t k = 0; k < m_targetColumns.size(); ++k) {
                const std::size_t j = m_targetColumns[k];
                if (m_classification)
                    labels.push_back(label(r.fields[j], j, tokens));
                else
                    d.targets(static_cast<Eigen::Index>(k), c) = number(r.fields[j], j, tokens);
            }
        }
        return labels;
    }

    // The header's names, or x1, x2, … and y1, y2, … (a classification's target names
    // are its classes, given by encodeLabels).
    void nameColumns(Dataset& d) const {
        const Layout& l = m_layout;
        for (std::size_t k = 0; k < m_inputColumns.size(); ++k)
            d.inputNames.push_back(l.header && !l.names[m_inputColumns[k]].empty()
                                       ? l.names[m_inputColumns[k]]
                                       : "x" + std::to_string(k + 1));
        if (m_classification)
            return;
        for (std::size_t k = 0; k < m_targetColumns.size(); ++k)
            d.targetNames.push_back(l.header && !l.names[m_targetColumns[k]].empty()
                                        ? l.names[m_targetColumns[k]]
                                        : "y" + std::to_string(k + 1));
    }

    // The labels as classes with one-hot targets. When pass 2 stored every record
    // (`allKept`), the ones the class subset leaves out are dropped here.
    void encodeLabels(Dataset& d, const std::vector<std::string>& labels, bool allKept) const {
        const ClassEncoding e =
            encodeClasses(labels, m_opt.classes, m_file, describe(m_targetColumns.front()));
        if (allKept && e.kept.size() != labels.size()) {
            d.inputs = d.inputs.columns(std::vector<Eigen::Index>(e.kept.begin(), e.kept.end()));
            std::vector<long> lines;
            for (std::size_t c : e.kept)
                lines.push_back(d.sourceRows[c]);
            d.sourceRows = std::move(lines);
        }
        d.classNames = e.classNames;
        d.targetNames = e.classNames;
        d.labels = e.labels;
        d.targets = oneHot(e.labels, e.classNames.size());
    }

    const std::string& m_text;
    const std::string& m_file;
    const LoadOptions& m_opt;
    std::size_t m_start = 0;
    Layout m_layout;
    std::vector<std::size_t> m_targetColumns;
    std::vector<std::size_t> m_inputColumns;
    bool m_classification = false;
    bool m_textLabels = false;
    std::optional<NumberText> m_mixedTarget; // the minority kind in a mixed label column
};

} // namespace

Dataset parseCsv(const std::string& text, const std::string& file, const LoadOptions& opt) {
    return CsvReader(text, file, opt).read();
}

Dataset readCsv(const std::string& path, const LoadOptions& opt) {
    return parseCsv(readWholeFile(path), path, opt);
}

} // namespace bp
