#include "io/csv_tokenizer.h"

#include "io/text_input.h"
#include "math/error.h"

namespace bp {

bool CsvTokenizer::next(CsvRecord& r) {
    while (m_pos < m_text.size() && atBlankLine())
        skipLine();
    if (m_pos >= m_text.size())
        return false;
    r.size = 0;
    r.line = m_line;
    for (;;) {
        if (r.size == r.fields.size())
            r.fields.emplace_back();
        CsvField& f = r.fields[r.size++];
        while (m_pos < m_text.size() && isBlank(m_text[m_pos]))
            ++m_pos;
        f.line = m_line;
        f.lineStart = m_lineStart;
        f.offset = m_pos;
        f.quoted = m_pos < m_text.size() && m_text[m_pos] == '"';
        if (f.quoted)
            readQuoted(f);
        else
            readPlain(f);
        if (m_pos < m_text.size() && m_text[m_pos] == m_delimiter) {
            ++m_pos;
            continue;
        }
        if (m_pos < m_text.size())
            newline();
        // Growing `fields` may have moved the strings the views point into.
        for (std::size_t k = 0; k < r.size; ++k)
            if (r.fields[k].quoted)
                r.fields[k].text = r.fields[k].unquoted;
        return true;
    }
}

long CsvTokenizer::column(const CsvField& f) const {
    return columnOf(m_text, f.lineStart, f.offset);
}

bool CsvTokenizer::atBlankLine() const {
    std::size_t i = m_pos;
    while (i < m_text.size() && isBlank(m_text[i]))
        ++i;
    return i >= m_text.size() || m_text[i] == '\n' || m_text[i] == '\r';
}

void CsvTokenizer::skipLine() {
    while (m_pos < m_text.size() && m_text[m_pos] != '\n' && m_text[m_pos] != '\r')
        ++m_pos;
    if (m_pos < m_text.size())
        newline();
}

// At '\n', '\r' or "\r\n": step over it and start a new line.
void CsvTokenizer::newline() {
    if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n')
        ++m_pos;
    ++m_pos;
    ++m_line;
    m_lineStart = m_pos;
}

void CsvTokenizer::readPlain(CsvField& f) {
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && m_text[m_pos] != '\n' &&
           m_text[m_pos] != '\r')
        ++m_pos;
    std::size_t end = m_pos;
    while (end > start && isBlank(m_text[end - 1]))
        --end;
    f.text = std::string_view(m_text).substr(start, end - start);
}

void CsvTokenizer::readQuoted(CsvField& f) {
    f.unquoted.clear();
    ++m_pos; // the opening quote
    for (;;) {
        if (m_pos >= m_text.size())
            throw InputError(m_file, f.line, column(f),
                             "unterminated quoted field: no closing '\"' before the end of "
                             "the file");
        const char c = m_text[m_pos];
        if (c == '"') {
            if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
                f.unquoted += '"';
                m_pos += 2;
                continue;
            }
            ++m_pos;
            break;
        }
        if (c == '\n' || c == '\r') {
            newline();
            f.unquoted += '\n';
            continue;
        }
        f.unquoted += c;
        ++m_pos;
    }
    f.text = f.unquoted;
    while (m_pos < m_text.size() && isBlank(m_text[m_pos]))
        ++m_pos;
    if (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && m_text[m_pos] != '\n' &&
        m_text[m_pos] != '\r')
        throw InputError(m_file, m_line, columnOf(m_text, m_lineStart, m_pos),
                         "expected " + delimiterName(m_delimiter) +
                             " or the end of the line after a closing quote, got " +
                             inQuotes(std::string_view(m_text).substr(m_pos, 1)));
}

std::string delimiterName(char delimiter) {
    return delimiter == '\t' ? std::string("a tab") : "'" + std::string(1, delimiter) + "'";
}

char detectCsvDelimiter(const std::string& text, std::size_t start, const std::string& file) {
    char best = ',';
    std::size_t bestWidth = 0;
    for (const char candidate : {'\t', ';', ','}) {
        CsvTokenizer tokens(text, start, candidate, file);
        CsvRecord r;
        std::size_t width = 0;
        bool consistent = true;
        try {
            for (int n = 0; n < 50 && tokens.next(r); ++n) {
                if (n == 0)
                    width = r.size;
                else if (r.size != width)
                    consistent = false;
            }
        } catch (const InputError&) {
            consistent = false;
        }
        if (consistent && width > 1)
            return candidate;
        if (width >= bestWidth) {
            best = candidate;
            bestWidth = width;
        }
    }
    return bestWidth > 1 ? best : ',';
}

} // namespace bp
