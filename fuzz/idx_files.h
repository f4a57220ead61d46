#pragma once
// The two IDX fuzz targets share this: bp::readIdx reads an images file and a labels
// file from disk, so the target writes the fuzzed file and a valid partner for it (as
// many records as the fuzzed header declares) into the scratch directory, and loads
// them twice: as written, and gzip-compressed (the same loader, through zlib), which
// must give the same outcome.
#include "fuzz_check.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bp::fuzz {

constexpr std::uint32_t kImagesMagic = 0x00000803;
constexpr std::uint32_t kLabelsMagic = 0x00000801;

// A partner never holds more records than this; a header declaring more meets a
// partner of this many (a count mismatch, also worth reaching).
constexpr std::uint32_t kMaxPartnerRecords = 4096;

enum class Fuzzed { Images, Labels };

// Writes `data` as the fuzzed file of the pair, a partner to match, and loads the pair
// as written and (unless `data` is gzip already) gzip-compressed; a different outcome
// is a finding. Returns the outcome as written.
Outcome loadIdxPair(Fuzzed which, const std::uint8_t* data, std::size_t size);

// The pair loaded again with the class subset {all.classNames[0]}, checked against `all`.
void checkIdxSubset(const Dataset& all);

} // namespace bp::fuzz
