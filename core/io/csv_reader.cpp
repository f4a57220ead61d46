#include "io/csv_reader.h"

#include "io/class_labels.h"
#include "io/csv_layout.h"
#include "io/csv_tokenizer.h"
#include "io/text_input.h"
#include "math/error.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace bp {
namespace {

bool isBlankText(const std::string& text, std::size_t start) {
    return text.find_first_not_of(" \t\r\n", start) == std::string::npos;
}

class CsvReader {
public:
    CsvReader(const std::string& text, const std::string& file, const LoadOptions& opt,
              const LoadProgress& progress)
        : m_text(text), m_file(file), m_opt(opt), m_progress(progress) {}

    // Pass 1 (the layout) and pass 2 (the numbers) share the progress equally; with a
    // class subset, a pass over the labels between them takes a fifth.
    Dataset read() {
        m_layout.start = byteOrderMarkLength(m_text);
        if (isBlankText(m_text, m_layout.start))
            throw InputError(m_file, "the file is empty; expected records of comma-separated "
                                     "numbers, optionally below a header row");
        const double layout = m_opt.classes.empty() ? 0.5 : 0.4;
        scanCsvLayout(m_layout, m_text, m_file, m_progress.part(0.0, layout));
        resolveTargets();
        return build(m_progress.part(layout, 1.0 - layout), m_progress.part(1.0 - layout, 1.0));
    }

private:
    NumberText parse(const CsvField& f, double& v) const { return m_layout.parse(f, v); }
    std::string describe(std::size_t j) const { return m_layout.describe(j); }

    void resolveTargets() {
        const std::size_t width = m_layout.width;
        if (m_opt.targets.empty())
            m_targetColumns = {width - 1};
        for (const std::string& spec : m_opt.targets) {
            const std::size_t j = findCsvColumn(m_layout, spec, m_file);
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
                             inQuotes(trimmed(f.text)) + " in " + describe(j) +
                                 " is not a finite number; NaN and Inf are not allowed in data");
        case NumberText::NotNumber:
            break;
        }
        const std::string text = trimmed(f.text);
        throw InputError(m_file, f.line, tokens.column(f),
                         "expected a number in " + describe(j) + ", got " +
                             (text.empty() ? std::string("an empty field") : inQuotes(text)));
    }

    std::string label(const CsvField& f, std::size_t j, const CsvTokenizer& tokens) const {
        const std::string text = trimmed(f.text);
        double v = 0.0;
        const NumberText kind = parse(f, v);
        if (m_mixedTarget && kind != NumberText::NotFinite &&
            (kind == NumberText::NotNumber) == (*m_mixedTarget == NumberText::NotNumber))
            throw InputError(m_file, f.line, tokens.column(f),
                             describe(j) + " holds both numbers and text (" + inQuotes(text) +
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
                             inQuotes(text));
    }

    // With a class subset, which records stay: known before the numbers are read, so
    // that the inputs are stored for those records only and the size rule counts
    // what is kept. Empty when every record stays, or when a label is wrong: pass 2
    // then reports that (or an earlier bad number) in file order.
    std::vector<std::size_t> keptRecords(std::size_t records, const LoadProgress& progress) const {
        if (!m_classification || m_opt.classes.empty())
            return {};
        const std::size_t t = m_targetColumns.front();
        try {
            std::vector<std::string> labels;
            labels.reserve(records);
            CsvTokenizer tokens(m_text, m_layout.start, m_layout.delimiter, m_file);
            ByteProgress meter(progress, m_text.size());
            CsvRecord r;
            if (m_layout.header)
                tokens.next(r);
            while (labels.size() < records && tokens.next(r)) {
                labels.push_back(label(r.fields[t], t, tokens));
                meter.at(tokens.offset());
            }
            return encodeClasses(labels, m_opt.classes, m_file, describe(t)).kept;
        } catch (const InputError&) {
            return {};
        }
    }

    // Pass 2: the numbers (after the labels' pass of a class subset).
    Dataset build(const LoadProgress& labelsPass, const LoadProgress& numbersPass) {
        const auto records = static_cast<Eigen::Index>(m_layout.records());
        const std::vector<std::size_t> kept =
            keptRecords(static_cast<std::size_t>(records), labelsPass);
        Dataset d = emptyDataset(records, kept);
        ByteProgress meter(numbersPass, m_text.size());
        const std::vector<std::string> labels = readRecords(d, records, kept, meter);
        nameColumns(d);
        if (m_classification)
            encodeLabels(d, labels, kept.empty());
        meter.done();
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
        d.sourceRows.reserve(static_cast<std::size_t>(stored));
        if (!m_classification)
            d.targets.resize(static_cast<Eigen::Index>(m_targetColumns.size()), records);
        return d;
    }

    // Reads every record: the inputs of the kept ones and the numeric targets into `d`;
    // returns the class labels (empty without classification).
    std::vector<std::string> readRecords(Dataset& d, Eigen::Index records,
                                         const std::vector<std::size_t>& kept,
                                         ByteProgress& meter) const {
        const bool allKept = kept.empty();
        const auto inputCount = static_cast<Eigen::Index>(m_inputColumns.size());
        std::vector<std::string> labels;
        if (m_classification)
            labels.reserve(static_cast<std::size_t>(records));
        CsvTokenizer tokens(m_text, m_layout.start, m_layout.delimiter, m_file);
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
            meter.at(tokens.offset());
        }
        return labels;
    }

    // The header's names, or x1, x2, … and y1, y2, … (a classification's target names
    // are its classes, given by encodeLabels).
    void nameColumns(Dataset& d) const {
        const CsvLayout& l = m_layout;
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
    const LoadProgress& m_progress;
    CsvLayout m_layout;
    std::vector<std::size_t> m_targetColumns;
    std::vector<std::size_t> m_inputColumns;
    bool m_classification = false;
    bool m_textLabels = false;
    std::optional<NumberText> m_mixedTarget; // the minority kind in a mixed label column
};

} // namespace

Dataset parseCsv(const std::string& text, const std::string& file, const LoadOptions& opt,
                 const LoadProgress& progress) {
    return CsvReader(text, file, opt, progress).read();
}

// Reading the file is a tenth of the progress (from the page cache, less than that).
Dataset readCsv(const std::string& path, const LoadOptions& opt, const LoadProgress& progress) {
    return parseCsv(readWholeFile(path, progress.part(0.0, 0.1)), path, opt,
                    progress.part(0.1, 1.0));
}

} // namespace bp
