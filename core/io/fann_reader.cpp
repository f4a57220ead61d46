#include "io/fann_reader.h"

#include "io/text_input.h"
#include "math/error.h"

#include <algorithm>
#include <string_view>

namespace bp {
namespace {

struct Token {
    std::string_view text;
    long line = 0;
    long column = 0;
};

// Whitespace-separated tokens with their line and column. The column is counted as
// the scan goes (in characters, as columnOf counts): counting it from the start of
// the line for every token made a long line quadratic.
class Scanner {
public:
    explicit Scanner(const std::string& text) : m_text(text), m_pos(byteOrderMarkLength(text)) {}

    bool next(Token& t) {
        while (m_pos < m_text.size() && isSpace(m_text[m_pos])) {
            if (endsLine()) {
                ++m_pos;
                ++m_line;
                m_column = 1;
            } else {
                step();
            }
        }
        if (m_pos >= m_text.size())
            return false;
        const std::size_t start = m_pos;
        t.line = m_line;
        t.column = m_column;
        while (m_pos < m_text.size() && !isSpace(m_text[m_pos]))
            step();
        t.text = std::string_view(m_text).substr(start, m_pos - start);
        return true;
    }
    std::size_t offset() const { return m_pos; } // the byte after the last token

private:
    static bool isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    }

    // '\n', or a '\r' not followed by '\n' (a "\r\n" ends the line at its '\n').
    bool endsLine() const {
        const char c = m_text[m_pos];
        return c == '\n' ||
               (c == '\r' && (m_pos + 1 >= m_text.size() || m_text[m_pos + 1] != '\n'));
    }

    // Past one byte; UTF-8 continuation bytes add no column.
    void step() {
        if ((static_cast<unsigned char>(m_text[m_pos]) & 0xC0) != 0x80)
            ++m_column;
        ++m_pos;
    }

    const std::string& m_text;
    std::size_t m_pos;
    long m_line = 1;
    long m_column = 1;
};

std::string plural(unsigned long long n, const std::string& word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// The header line "records inputs outputs" and what it announces.
struct FannHeader {
    unsigned long long records = 0, inputs = 0, outputs = 0;
    long line = 0;

    unsigned long long perRecord() const { return inputs + outputs; }
    unsigned long long expected() const { return records * perRecord(); }
    std::string announced() const {
        return "the header on line " + std::to_string(line) + " announces " +
               plural(records, "record") + " of " + plural(inputs, "input") + " and " +
               plural(outputs, "output") + " (" + plural(expected(), "number") + ")";
    }
};

// A header number has at most 9 digits: records × (inputs + outputs) then fits in 64
// bits, and a header announcing more than the file holds is refused by counting.
constexpr std::size_t kMaxHeaderDigits = 9;

// A header field `part` ("records", "inputs", "outputs"): a positive integer of at
// most kMaxHeaderDigits digits.
unsigned long long headerValue(const Token& t, const std::string& part, const std::string& file) {
    const bool digits = !t.text.empty() && std::all_of(t.text.begin(), t.text.end(),
                                                       [](char c) { return c >= '0' && c <= '9'; });
    if (digits && t.text.size() > kMaxHeaderDigits)
        throw InputError(file, t.line, t.column,
                         "expected at most 999999999 " + part +
                             " (9 digits) in the header line \"records inputs outputs\", got " +
                             inQuotes(t.text));
    unsigned long long value = 0;
    for (const char c : digits ? t.text : std::string_view())
        value = value * 10 + static_cast<unsigned>(c - '0');
    if (value == 0)
        throw InputError(file, t.line, t.column,
                         "expected a positive integer (the number of " + part +
                             ") in the header line \"records inputs outputs\", got " +
                             inQuotes(t.text));
    return value;
}

// Reads the header line, whose first token is `t`. Afterwards `t` holds the first
// token after the header, if `more`.
FannHeader readHeader(Scanner& scanner, Token& t, bool& more, const std::string& file) {
    static const char* const headerParts[] = {"records", "inputs", "outputs"};
    FannHeader h;
    h.line = t.line;
    unsigned long long header[3] = {0, 0, 0};
    int parts = 0;
    for (more = true; more && t.line == h.line; more = scanner.next(t), ++parts)
        if (parts < 3)
            header[parts] = headerValue(t, headerParts[parts], file);
    if (parts != 3)
        throw InputError(file, h.line, 0,
                         "expected a header line of three integers \"records inputs outputs\", "
                         "got " +
                             plural(static_cast<unsigned long long>(parts), "field"));
    h.records = header[0];
    h.inputs = header[1];
    h.outputs = header[2];
    return h;
}

// "(record 3, input 2)" for the count-th number after the header.
std::string placeOf(const FannHeader& h, unsigned long long count) {
    const unsigned long long record = count / h.perRecord() + 1;
    const unsigned long long k = count % h.perRecord();
    return "(record " + std::to_string(record) + ", " +
           (k < h.inputs ? "input " + std::to_string(k + 1)
                         : "output " + std::to_string(k - h.inputs + 1)) +
           ")";
}

double numberOf(const Token& t, const std::string& where, const std::string& file) {
    double v = 0.0;
    switch (parseNumber(t.text, v)) {
    case NumberText::Number:
        break;
    case NumberText::NotFinite:
        throw InputError(file, t.line, t.column,
                         inQuotes(t.text) + " " + where +
                             " is not a finite number; NaN and Inf are not allowed in data");
    case NumberText::NotNumber:
        throw InputError(file, t.line, t.column,
                         "expected a number " + where + ", got " + inQuotes(t.text));
    }
    return v;
}

// The numbers after the header, record by record, and the line each record starts on.
struct FannNumbers {
    std::vector<double> values;
    std::vector<long> lines;
};

// Reads every number after the header (`t` is the first, if `more`); throws unless
// there are exactly as many as the header announces.
FannNumbers readNumbers(Scanner& scanner, Token& t, bool more, const FannHeader& h,
                        const std::string& file, ByteProgress& meter) {
    FannNumbers n;
    const unsigned long long expected = h.expected();
    unsigned long long count = 0;
    Token extra;
    long lastLine = h.line;
    for (; more; more = scanner.next(t), ++count) {
        lastLine = t.line;
        const bool recordStarts = count % h.perRecord() == 0;
        if (recordStarts)
            meter.at(scanner.offset());
        if (count >= expected) {
            if (count == expected)
                extra = t;
            continue;
        }
        if (recordStarts)
            n.lines.push_back(t.line); // where the record starts
        n.values.push_back(numberOf(t, placeOf(h, count), file));
    }
    if (count < expected)
        throw InputError(file, lastLine, 0,
                         h.announced() + ", but the file holds " + plural(count, "number") +
                             " after it");
    if (count > expected)
        throw InputError(file, extra.line, extra.column,
                         h.announced() + ", but the file holds " + plural(count, "number") +
                             " after it; the first extra one is " + inQuotes(extra.text));
    return n;
}

Dataset datasetOf(const FannHeader& h, FannNumbers numbers, const std::string& file) {
    Dataset d;
    d.name = fileNameOf(file);
    const auto n = static_cast<Eigen::Index>(h.records);
    const auto inputCount = static_cast<Eigen::Index>(h.inputs);
    d.inputs = FeatureMatrix(storageForValues(inputCount * n), inputCount, n);
    d.targets.resize(static_cast<Eigen::Index>(h.outputs), n);
    std::size_t i = 0;
    for (Eigen::Index r = 0; r < n; ++r) {
        for (Eigen::Index k = 0; k < inputCount; ++k)
            d.inputs.set(k, r, numbers.values[i++]);
        for (Eigen::Index k = 0; k < d.targets.rows(); ++k)
            d.targets(k, r) = numbers.values[i++];
    }
    d.sourceRows = std::move(numbers.lines);
    for (unsigned long long k = 0; k < h.inputs; ++k)
        d.inputNames.push_back("x" + std::to_string(k + 1));
    for (unsigned long long k = 0; k < h.outputs; ++k)
        d.targetNames.push_back("y" + std::to_string(k + 1));
    return d;
}

} // namespace

Dataset parseFann(const std::string& text, const std::string& file, const LoadProgress& progress) {
    Scanner scanner(text);
    Token t;
    if (!scanner.next(t))
        throw InputError(file, "the file is empty; expected a header line \"records inputs "
                               "outputs\"");
    bool more = true;
    const FannHeader header = readHeader(scanner, t, more, file);
    ByteProgress meter(progress, text.size());
    FannNumbers numbers = readNumbers(scanner, t, more, header, file, meter);
    Dataset d = datasetOf(header, std::move(numbers), file);
    meter.done();
    return d;
}

// Reading the file is a tenth of the progress, the one pass the rest.
Dataset readFann(const std::string& path, const LoadProgress& progress) {
    return parseFann(readWholeFile(path, progress.part(0.0, 0.1)), path, progress.part(0.1, 1.0));
}

} // namespace bp
