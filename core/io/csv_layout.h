#pragma once
// Pass 1 of the CSV reader (csv_reader.cpp): what the whole file says before any number
// is stored. Its dialect, width (a ragged row is refused), records, which columns hold
// text, whether the first record is a header; and the columns that a target names.
#include "io/csv_tokenizer.h"
#include "io/load_progress.h"
#include "io/text_input.h"

#include <cstddef>
#include <string>
#include <vector>

namespace bp {

struct CsvLayout {
    std::size_t start = 0; // the first byte after a byte order mark
    char delimiter = ',';
    bool decimalComma = false;
    CsvRecord first; // its fields view the text (keep the layout where it was scanned)
    std::size_t width = 0;
    std::size_t rowsBelow = 0;             // records after the first
    std::vector<std::size_t> textBelow;    // per column: non-numbers after the first record
    std::vector<std::size_t> numbersBelow; // per column: numbers (or nan/inf) after it
    bool header = false;
    std::vector<std::string> names; // header names ("" without a header)

    std::size_t records() const { return rowsBelow + (header ? 0 : 1); }
    NumberText parse(const CsvField& f, double& v) const {
        return parseNumber(f.text, v, decimalComma);
    }
    // "column \"petal length\"" by its header name, else "column 3".
    std::string describe(std::size_t j) const;
};

// Fills `l` from `text` (non-blank after l.start; `file` names it in messages), reading
// every record once. InputError on a broken quote, a ragged row, or a header without
// records below it; the bytes scanned go to `progress` (LoadCancelled if cancelled).
void scanCsvLayout(CsvLayout& l, const std::string& text, const std::string& file,
                   const LoadProgress& progress);

// The column that `spec` names: a header name (exact, then ignoring case) or a 1-based
// number. InputError (listing the columns) if it names none, or several.
std::size_t findCsvColumn(const CsvLayout& l, const std::string& spec, const std::string& file);

} // namespace bp
