#include "io/csv_layout.h"

#include "io/text_input.h"
#include "math/error.h"

#include <algorithm>

namespace bp {
namespace {

void checkWidth(const CsvLayout& l, const CsvRecord& r, const CsvTokenizer& tokens,
                const std::string& file) {
    if (r.size == l.width)
        return;
    const std::string message = "expected " + std::to_string(l.width) + " fields (separated by " +
                                delimiterName(l.delimiter) + ") as in line " +
                                std::to_string(l.first.line) + ", got " + std::to_string(r.size);
    if (r.size > l.width)
        throw InputError(file, r.fields[l.width].line, tokens.column(r.fields[l.width]), message);
    throw InputError(file, r.line, 0, message);
}

// A header: the first record has a non-number in a column that holds (mostly) numbers
// below it; "mostly" so that a typo further down still gets its own message. A lone
// record of nothing but text is a header too.
void findHeader(CsvLayout& l, const std::string& file) {
    bool allText = true;
    double v = 0.0;
    for (std::size_t j = 0; j < l.width; ++j) {
        const bool text = l.parse(l.first.fields[j], v) == NumberText::NotNumber;
        allText = allText && text;
        if (text && l.numbersBelow[j] > l.textBelow[j])
            l.header = true;
    }
    if (l.rowsBelow == 0 && allText)
        l.header = true;
    l.names.assign(l.width, std::string());
    if (!l.header)
        return;
    for (std::size_t j = 0; j < l.width; ++j)
        l.names[j] = trimmed(l.first.fields[j].text);
    if (l.rowsBelow == 0)
        throw InputError(file, l.first.line, 0, "a header row but no data records below it");
}

} // namespace

std::string CsvLayout::describe(std::size_t j) const {
    if (header && !names[j].empty())
        return "column \"" + names[j] + "\"";
    return "column " + std::to_string(j + 1);
}

void scanCsvLayout(CsvLayout& l, const std::string& text, const std::string& file,
                   const LoadProgress& progress) {
    l.delimiter = detectCsvDelimiter(text, l.start, file);
    l.decimalComma = l.delimiter == ';';
    CsvTokenizer tokens(text, l.start, l.delimiter, file);
    ByteProgress meter(progress, text.size());
    tokens.next(l.first);
    l.width = l.first.size;
    l.textBelow.assign(l.width, 0);
    l.numbersBelow.assign(l.width, 0);
    CsvRecord r;
    double v = 0.0;
    while (tokens.next(r)) {
        checkWidth(l, r, tokens, file);
        for (std::size_t j = 0; j < l.width; ++j) {
            if (l.parse(r.fields[j], v) == NumberText::NotNumber)
                ++l.textBelow[j];
            else
                ++l.numbersBelow[j];
        }
        ++l.rowsBelow;
        meter.at(tokens.offset());
    }
    findHeader(l, file);
    meter.done();
}

std::size_t findCsvColumn(const CsvLayout& l, const std::string& spec, const std::string& file) {
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
                throw InputError(file, "target column \"" + key + "\" is ambiguous: columns " +
                                           std::to_string(hits[0] + 1) + " and " +
                                           std::to_string(hits[1] + 1) + " have that name");
        }
    }
    if (!key.empty() && key.size() < 10 &&
        std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        const std::size_t index = std::stoul(key);
        if (index >= 1 && index <= l.width)
            return index - 1;
        throw InputError(file, "target column " + key + " is out of range: the file has " +
                                   std::to_string(l.width) + " columns");
    }
    if (!l.header)
        throw InputError(file, "unknown target column \"" + key +
                                   "\": the file has no header row, so give a column "
                                   "number from 1 to " +
                                   std::to_string(l.width));
    std::string list;
    for (std::size_t j = 0; j < l.width; ++j)
        list += (j ? ", " : "") + (l.names[j].empty() ? std::to_string(j + 1) : l.names[j]);
    throw InputError(file, "unknown target column \"" + key + "\"; the columns are: " + list);
}

} // namespace bp
