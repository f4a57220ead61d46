#pragma once
// CSV and TSV files: header row optional (detected), delimiter ',' ';' or tab
// (detected), RFC 4180 quoting, CRLF, UTF-8 byte order mark.
#include "io/data_loader.h"

#include <string>

namespace bp {

// Reports its progress on `progress` (load_progress.h): reading the file, then the
// passes of parseCsv; LoadCancelled when cancelled there.
Dataset readCsv(const std::string& path, const LoadOptions& opt = {},
                const LoadProgress& progress = {});

// `text` is the file's content; `file` names it in messages and, without its
// directory, becomes the dataset name. Pass 1 learns the layout (csv_layout.h), pass 2
// stores the numbers; each reports the bytes it has scanned on `progress`.
Dataset parseCsv(const std::string& text, const std::string& file, const LoadOptions& opt = {},
                 const LoadProgress& progress = {});

} // namespace bp
