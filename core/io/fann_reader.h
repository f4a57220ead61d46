#pragma once
// FANN training files (.data): a header line "records inputs outputs", then for
// each record its inputs and its outputs, whitespace separated.
#include "io/load_progress.h"
#include "math/dataset.h"

#include <string>

namespace bp {

// Reports reading the file and then the one pass over it on `progress`
// (load_progress.h); LoadCancelled when cancelled there.
Dataset readFann(const std::string& path, const LoadProgress& progress = {});

// `text` is the file's content; `file` names it in messages and, without its
// directory, becomes the dataset name. Reports the bytes scanned on `progress`.
Dataset parseFann(const std::string& text, const std::string& file,
                  const LoadProgress& progress = {});

} // namespace bp
