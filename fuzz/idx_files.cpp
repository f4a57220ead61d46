#include "idx_files.h"

#include "io/idx_reader.h"

#include <algorithm>
#include <zlib.h>

namespace bp::fuzz {
namespace {

struct Pair {
    std::string images = scratchDir() + "/fuzz-images-idx3-ubyte";
    std::string labels = scratchDir() + "/fuzz-labels-idx1-ubyte";
};

const Pair& pair() {
    static const Pair p;
    return p;
}

void putBigEndian32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

// `count` images of 1 × 1 pixel, the pixel of image r being r mod 256.
std::vector<std::uint8_t> imagesFile(std::uint32_t count) {
    std::vector<std::uint8_t> f;
    for (const std::uint32_t v : {kImagesMagic, count, 1u, 1u})
        putBigEndian32(f, v);
    for (std::uint32_t r = 0; r < count; ++r)
        f.push_back(static_cast<std::uint8_t>(r));
    return f;
}

// `count` labels, the label of record r being r mod 3.
std::vector<std::uint8_t> labelsFile(std::uint32_t count) {
    std::vector<std::uint8_t> f;
    for (const std::uint32_t v : {kLabelsMagic, count})
        putBigEndian32(f, v);
    for (std::uint32_t r = 0; r < count; ++r)
        f.push_back(static_cast<std::uint8_t>(r % 3));
    return f;
}

// The record count in the header of the file at `path` as the loader reads it
// (gunzipped if gzip); 0 if there is none.
std::uint32_t declaredRecords(const std::string& path) {
    std::vector<std::uint8_t> bytes;
    try {
        bytes = readMaybeGzipped(path);
    } catch (const InputError&) {
        return 0;
    }
    if (bytes.size() < 8)
        return 0;
    return (std::uint32_t(bytes[4]) << 24) | (std::uint32_t(bytes[5]) << 16) |
           (std::uint32_t(bytes[6]) << 8) | std::uint32_t(bytes[7]);
}

void writePartner(Fuzzed which, const std::string& fuzzedPath) {
    const std::uint32_t count = std::min(declaredRecords(fuzzedPath), kMaxPartnerRecords);
    const std::vector<std::uint8_t> partner =
        which == Fuzzed::Images ? labelsFile(count) : imagesFile(count);
    writeFile(which == Fuzzed::Images ? pair().labels : pair().images, partner.data(),
              partner.size());
}

void writeGzipped(const std::string& path, const std::uint8_t* data, std::size_t size) {
    gzFile out = gzopen(path.c_str(), "wb");
    if (!out)
        writeFileFailed(path);
    const bool written = size == 0 || gzwrite(out, data, static_cast<unsigned>(size)) > 0;
    if (gzclose(out) != Z_OK || !written)
        writeFileFailed(path);
}

Outcome loadPair(const LoadOptions& opt = {}) {
    LoadOptions withLabels = opt;
    withLabels.labelsPath = pair().labels;
    return attempt([&] { return readIdx(pair().images, withLabels); },
                   {pair().images, pair().labels});
}

} // namespace

Outcome loadIdxPair(Fuzzed which, const std::uint8_t* data, std::size_t size) {
    const std::string& fuzzed = which == Fuzzed::Images ? pair().images : pair().labels;
    writeFile(fuzzed, data, size);
    writePartner(which, fuzzed);
    const Outcome plain = loadPair();
    const bool gzip = size >= 2 && data[0] == 0x1F && data[1] == 0x8B;
    if (!gzip) {
        writeGzipped(fuzzed, data, size);
        if (!sameOutcome(plain, loadPair()))
            finding("the gzip-compressed file loads differently from the plain one" +
                    (plain.dataset ? std::string() : ": " + plain.error));
    }
    return plain;
}

void checkIdxSubset(const Dataset& all) {
    if (all.classNames.size() < 2)
        return;
    LoadOptions opt;
    opt.classes = {all.classNames.front()};
    const Outcome kept = loadPair(opt);
    if (!kept.dataset)
        finding("a class subset of a file that loads fails: " + kept.error);
    checkSubset(all, *kept.dataset);
}

} // namespace bp::fuzz
