#pragma once
// The one entry point for data files: picks the reader by the file name (or by
// its first bytes) and hands it the options. See docs/data-formats.md.
#include "io/load_progress.h"
#include "math/dataset.h"

#include <string>
#include <vector>

namespace bp {

struct LoadOptions {
    // IDX: the labels file beside the images file. Empty: derived from the
    // images file name ("...-images-idx3-ubyte[.gz]" -> "...-labels-idx1-ubyte[.gz]").
    std::string labelsPath;
    // CSV: target columns by header name or 1-based index; empty = the last column.
    std::vector<std::string> targets;
    // CSV: an integer target column is class labels (text labels always are).
    bool classify = false;
    // CSV and IDX: keep only the records of these classes. The classes keep their
    // sorted order and the one-hot targets cover just them. Implies `classify`.
    std::vector<std::string> classes;
};

enum class DataFormat { Csv, Fann, Idx };

// By extension: .csv .tsv .txt -> CSV, .data -> FANN, "idx" or "-ubyte" in the
// name or .gz -> IDX; otherwise by the first bytes (gzip or IDX magic -> IDX, a
// first line of three integers -> FANN, else CSV). InputError if unreadable.
DataFormat detectDataFormat(const std::string& path);

// Reads a CSV, FANN or IDX file into a Dataset. Throws InputError naming the
// file, line and column and what was expected; never returns partial data. Reports how
// far it got on `progress`, and throws LoadCancelled when cancelled there.
Dataset loadDataset(const std::string& path, const LoadOptions& opt = {},
                    const LoadProgress& progress = {});

} // namespace bp
