#include "io/fann_reader.h"

#include "io/text_input.h"
#include "math/error.h"

#include <string_view>

namespace bp {
namespace {

struct Token {
    std::string_view text;
    long line = 0;
    long column = 0;
};

// Whitespace-separated tokens with their line and column.
class Scanner {
public:
    explicit Scanner(const std::string& text)
        : m_text(text), m_pos(byteOrderMarkLength(text)), m_lineStart(m_pos) {}

    bool next(Token& t) {
        while (m_pos < m_text.size() && isSpace(m_text[m_pos])) {
            if (m_text[m_pos] == '\n' || (m_text[m_pos] == '\r' && (m_pos + 1 >= m_text.size() ||
                                                                    m_text[m_pos + 1] != '\n'))) {
                ++m_line;
                m_lineStart = m_pos + 1;
            }
            ++m_pos;
        }
        if (m_pos >= m_text.size())
            return false;
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && !isSpace(m_text[m_pos]))
            ++m_pos;
        t.text = std::string_view(m_text).substr(start, m_pos - start);
        t.line = m_line;
        t.column = columnOf(m_text, m_lineStart, start);
        return true;
    }

private:
    static bool isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    }

    const std::string& m_text;
    std::size_t m_pos;
    std::size_t m_lineStart;
    long m_line = 1;
};

std::string plural(unsigned long long n, const std::string& word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

} // namespace

Dataset parseFann(const std::string& text, const std::string& file) {
    static const char* const headerParts[] = {"records", "inputs", "outputs"};
    Scanner scanner(text);
    Token t;
    if (!scanner.next(t))
        throw InputError(file, "the file is empty; expected a header line \"records inputs "
                               "outputs\"");
    const long headerLine = t.line;
    unsigned long long header[3] = {0, 0, 0};
    int parts = 0;
    bool more = true;
    for (; more && t.line == headerLine; more = scanner.next(t), ++parts) {
        if (parts >= 3)
            continue;
        unsigned long long value = 0;
        bool ok = !t.text.empty() && t.text.size() <= 9;
        for (const char c : t.text) {
            ok = ok && c >= '0' && c <= '9';
            value = value * 10 + static_cast<unsigned>(c - '0');
        }
        if (!ok || value == 0)
            throw InputError(file, t.line, t.column,
                             "expected a positive integer (the number of " +
                                 std::string(headerParts[parts]) +
                                 ") in the header line "
                                 "\"records inputs outputs\", got " +
                                 quoted(t.text));
        header[parts] = value;
    }
    if (parts != 3)
        throw InputError(file, headerLine, 0,
                         "expected a header line of three integers \"records inputs outputs\", "
                         "got " +
                             plural(static_cast<unsigned long long>(parts), "field"));
    const unsigned long long records = header[0], inputs = header[1], outputs = header[2];
    const unsigned long long perRecord = inputs + outputs;
    const unsigned long long expected = records * perRecord;
    const std::string announced = "the header on line " + std::to_string(headerLine) +
                                  " announces " + plural(records, "record") + " of " +
                                  plural(inputs, "input") + " and " + plural(outputs, "output") +
                                  " (" + plural(expected, "number") + ")";

    // `t` holds the first token after the header, if `more`.
    std::vector<double> values;
    std::vector<long> lines;
    unsigned long long count = 0;
    Token extra;
    long lastLine = headerLine;
    for (; more; more = scanner.next(t), ++count) {
        lastLine = t.line;
        if (count >= expected) {
            if (count == expected)
                extra = t;
            continue;
        }
        const unsigned long long record = count / perRecord + 1;
        const unsigned long long k = count % perRecord;
        if (k == 0)
            lines.push_back(t.line); // where the record starts
        const std::string where = "(record " + std::to_string(record) + ", " +
                                  (k < inputs ? "input " + std::to_string(k + 1)
                                              : "output " + std::to_string(k - inputs + 1)) +
                                  ")";
        double v = 0.0;
        switch (parseNumber(t.text, v)) {
        case NumberText::Number:
            values.push_back(v);
            break;
        case NumberText::NotFinite:
            throw InputError(file, t.line, t.column,
                             quoted(t.text) + " " + where +
                                 " is not a finite number; NaN and Inf are not allowed in data");
        case NumberText::NotNumber:
            throw InputError(file, t.line, t.column,
                             "expected a number " + where + ", got " + quoted(t.text));
        }
    }
    if (count < expected)
        throw InputError(file, lastLine, 0,
                         announced + ", but the file holds " + plural(count, "number") +
                             " after it");
    if (count > expected)
        throw InputError(file, extra.line, extra.column,
                         announced + ", but the file holds " + plural(count, "number") +
                             " after it; the first extra one is " + quoted(extra.text));

    Dataset d;
    d.name = fileNameOf(file);
    const auto n = static_cast<Eigen::Index>(records);
    const auto inputCount = static_cast<Eigen::Index>(inputs);
    d.inputs = FeatureMatrix(storageForValues(inputCount * n), inputCount, n);
    d.targets.resize(static_cast<Eigen::Index>(outputs), n);
    std::size_t i = 0;
    for (Eigen::Index r = 0; r < n; ++r) {
        for (Eigen::Index k = 0; k < inputCount; ++k)
            d.inputs.set(k, r, values[i++]);
        for (Eigen::Index k = 0; k < d.targets.rows(); ++k)
            d.targets(k, r) = values[i++];
    }
    d.sourceRows = std::move(lines);
    for (unsigned long long k = 0; k < inputs; ++k)
        d.inputNames.push_back("x" + std::to_string(k + 1));
    for (unsigned long long k = 0; k < outputs; ++k)
        d.targetNames.push_back("y" + std::to_string(k + 1));
    return d;
}

Dataset readFann(const std::string& path) {
    return parseFann(readWholeFile(path), path);
}

} // namespace bp
