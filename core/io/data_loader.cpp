#include "io/data_loader.h"

#include "io/csv_reader.h"
#include "io/fann_reader.h"
#include "io/idx_reader.h"
#include "io/text_input.h"
#include "math/error.h"

#include <fstream>

namespace bp {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A first line of exactly three unsigned integers is a FANN header.
bool looksLikeFann(const std::string& head) {
    const std::string line = head.substr(0, head.find_first_of("\r\n"));
    int numbers = 0;
    bool inNumber = false;
    for (const char c : line) {
        if (c >= '0' && c <= '9') {
            if (!inNumber)
                ++numbers;
            inNumber = true;
        } else if (c == ' ' || c == '\t') {
            inNumber = false;
        } else {
            return false;
        }
    }
    return numbers == 3;
}

} // namespace

DataFormat detectDataFormat(const std::string& path) {
    const std::string name = lowered(fileNameOf(path));
    if (endsWith(name, ".csv") || endsWith(name, ".tsv") || endsWith(name, ".txt"))
        return DataFormat::Csv;
    if (endsWith(name, ".data"))
        return DataFormat::Fann;
    if (name.find("idx") != std::string::npos || name.find("-ubyte") != std::string::npos ||
        endsWith(name, ".gz"))
        return DataFormat::Idx;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path, "cannot open the file");
    std::string head(256, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    const auto byte = [&](std::size_t i) {
        return i < head.size() ? static_cast<unsigned char>(head[i]) : 0xFFu;
    };
    if (byte(0) == 0x1F && byte(1) == 0x8B)
        return DataFormat::Idx; // gzip
    if (byte(0) == 0 && byte(1) == 0 && byte(2) == 0x08)
        return DataFormat::Idx;
    return looksLikeFann(head) ? DataFormat::Fann : DataFormat::Csv;
}

Dataset loadDataset(const std::string& path, const LoadOptions& opt, const LoadProgress& progress) {
    const DataFormat format = detectDataFormat(path);
    if (format != DataFormat::Idx && !opt.labelsPath.empty())
        throw InputError(path, "a labels file applies to IDX images only");
    switch (format) {
    case DataFormat::Csv:
        return readCsv(path, opt, progress);
    case DataFormat::Fann:
        if (!opt.targets.empty() || opt.classify || !opt.classes.empty())
            throw InputError(path, "target columns and classes apply to CSV and IDX files; a "
                                   "FANN file's header fixes its inputs and outputs");
        return readFann(path, progress);
    case DataFormat::Idx:
        return readIdx(path, opt, progress);
    }
    throw InputError(path, "unknown data format");
}

} // namespace bp
