#pragma once
// FANN training files (.data): a header line "records inputs outputs", then for
// each record its inputs and its outputs, whitespace separated.
#include "math/dataset.h"

#include <string>

namespace bp {

Dataset readFann(const std::string& path);

// `text` is the file's content; `file` names it in messages and, without its
// directory, becomes the dataset name.
Dataset parseFann(const std::string& text, const std::string& file);

} // namespace bp
