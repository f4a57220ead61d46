#pragma once
// CSV and TSV files: header row optional (detected), delimiter ',' ';' or tab
// (detected), RFC 4180 quoting, CRLF, UTF-8 byte order mark.
#include "io/data_loader.h"

#include <string>

namespace bp {

Dataset readCsv(const std::string& path, const LoadOptions& opt = {});

// `text` is the file's content; `file` names it in messages and, without its
// directory, becomes the dataset name.
Dataset parseCsv(const std::string& text, const std::string& file, const LoadOptions& opt = {});

} // namespace bp
