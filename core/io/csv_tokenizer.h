#pragma once
// Splits CSV text into records of fields: RFC 4180 quoting (a quoted field may
// hold the delimiter, line breaks and "" for a quote), line endings \n, \r\n
// or \r, blank lines skipped, spaces around fields trimmed.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bp {

struct CsvField {
    std::string_view text; // into the file's text, or into `unquoted` for a quoted field
    std::string unquoted;  // a quoted field's content without the quotes and ""
    bool quoted = false;
    std::size_t offset = 0;    // byte where the field starts (its quote, if quoted)
    std::size_t lineStart = 0; // byte where the field's line starts
    long line = 0;
};

struct CsvRecord {
    std::vector<CsvField> fields; // reused between records; the first `size` are valid
    std::size_t size = 0;
    long line = 0;
};

class CsvTokenizer {
public:
    // `text` and `file` must outlive the tokenizer and the records it fills.
    CsvTokenizer(const std::string& text, std::size_t start, char delimiter,
                 const std::string& file)
        : m_text(text), m_file(file), m_delimiter(delimiter), m_pos(start), m_lineStart(start) {}

    // The next record, or false at the end. InputError on a broken quote.
    bool next(CsvRecord& r);
    // 1-based column (in characters) where the field starts.
    long column(const CsvField& f) const;
    // The byte the next record starts at (or the text's size at the end).
    std::size_t offset() const { return m_pos; }

private:
    bool isBlank(char c) const { return c != m_delimiter && (c == ' ' || c == '\t'); }
    bool atBlankLine() const;
    void skipLine();
    void newline();
    void readPlain(CsvField& f);
    void readQuoted(CsvField& f);

    const std::string& m_text;
    const std::string& m_file;
    char m_delimiter;
    std::size_t m_pos;
    std::size_t m_lineStart;
    long m_line = 1;
};

// Tab, then ';', then ',': the first that splits the first records into the
// same number (> 1) of fields. Otherwise the one giving the most fields.
char detectCsvDelimiter(const std::string& text, std::size_t start, const std::string& file);

// "a tab", "','", "';'" for messages.
std::string delimiterName(char delimiter);

} // namespace bp
