#include "io/idx_reader.h"

#include "io/class_labels.h"
#include "io/text_input.h"
#include "math/error.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <zlib.h>

namespace bp {
namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;
constexpr std::uint32_t kLabelsMagic = 0x00000801;

std::string hex32(std::uint32_t v) {
    static const char digits[] = "0123456789ABCDEF";
    std::string out = "0x";
    for (int shift = 28; shift >= 0; shift -= 4)
        out += digits[(v >> shift) & 0xF];
    return out;
}

std::uint32_t bigEndian32(const std::vector<std::uint8_t>& b, std::size_t at) {
    return (std::uint32_t(b[at]) << 24) | (std::uint32_t(b[at + 1]) << 16) |
           (std::uint32_t(b[at + 2]) << 8) | std::uint32_t(b[at + 3]);
}

struct IdxFile {
    std::vector<std::uint8_t> bytes;
    std::vector<std::uint32_t> dims;
    std::size_t dataOffset = 0;
};

// Checks the magic number and that the data is exactly as long as the header says.
IdxFile readIdxFile(const std::string& path, std::uint32_t magic, const LoadProgress& progress) {
    const bool images = magic == kImagesMagic;
    const std::string kind = images ? "images" : "labels";
    IdxFile f;
    f.bytes = readMaybeGzipped(path, progress);
    const std::size_t size = f.bytes.size();
    if (size == 0)
        throw InputError(path, "the file is empty; expected an IDX " + kind + " file (magic " +
                                   hex32(magic) + ")");
    if (size < 4)
        throw InputError(path, "truncated IDX file: " + std::to_string(size) +
                                   " bytes, shorter than the 4-byte magic number");
    const std::uint32_t found = bigEndian32(f.bytes, 0);
    if (found != magic) {
        if (found == kLabelsMagic)
            throw InputError(path, "this is an IDX labels file (magic 0x00000801), expected an "
                                   "images file (magic 0x00000803); open the images file, the "
                                   "labels file beside it is found by its name");
        if (found == kImagesMagic)
            throw InputError(path, "this is an IDX images file (magic 0x00000803), expected a "
                                   "labels file (magic 0x00000801)");
        throw InputError(path, "not an IDX " + kind + " file: the magic number is " + hex32(found) +
                                   ", expected " + hex32(magic) +
                                   (images ? " (unsigned bytes, 3 dimensions)"
                                           : " (unsigned bytes, 1 dimension)"));
    }
    const std::size_t dimCount = magic & 0xFF;
    f.dataOffset = 4 + 4 * dimCount;
    if (size < f.dataOffset)
        throw InputError(path, "truncated IDX file: " + std::to_string(size) +
                                   " bytes, shorter than its " + std::to_string(f.dataOffset) +
                                   "-byte header");
    std::uint64_t dataSize = 1;
    std::string shape;
    for (std::size_t i = 0; i < dimCount; ++i) {
        const std::uint32_t d = bigEndian32(f.bytes, 4 + 4 * i);
        f.dims.push_back(d);
        shape += (i ? " × " : "") + std::to_string(d);
        // Saturate instead of overflowing: no real file is that large.
        dataSize = (d != 0 && dataSize > (std::uint64_t(1) << 48) / d) ? (std::uint64_t(1) << 48)
                                                                       : dataSize * d;
    }
    const std::uint64_t available = size - f.dataOffset;
    const std::string announced = "the header announces " + shape + " bytes of data after its " +
                                  std::to_string(f.dataOffset) + "-byte header";
    if (available < dataSize)
        throw InputError(path, "truncated IDX file: " + announced + ", the file holds only " +
                                   std::to_string(available));
    if (available > dataSize)
        throw InputError(path, "the IDX file is longer than its header says: " + announced +
                                   ", the file holds " + std::to_string(available - dataSize) +
                                   " bytes more");
    if (f.dims.front() == 0)
        throw InputError(path, "the IDX " + kind + " file holds no records");
    return f;
}

// zlib's message, without the "path: " it puts in front.
std::string gzipMessage(gzFile in, const std::string& path, int& code) {
    std::string message = gzerror(in, &code);
    if (message.compare(0, path.size() + 2, path + ": ") == 0)
        message.erase(0, path.size() + 2);
    return message;
}

// The size of the file on disk (0 if unknown).
std::size_t fileSize(const std::string& path) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    return ec ? 0 : static_cast<std::size_t>(size);
}

// The bytes to expect: a gzip file's last four bytes hold the uncompressed
// size (mod 2^32), a plain file is as long as it is. Only a hint.
std::size_t sizeHint(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        return 0;
    const std::streamoff size = in.tellg();
    unsigned char head[2] = {0, 0};
    unsigned char tail[4] = {0, 0, 0, 0};
    in.seekg(0);
    in.read(reinterpret_cast<char*>(head), 2);
    if (size < 18 || head[0] != 0x1F || head[1] != 0x8B)
        return size > 0 ? static_cast<std::size_t>(size) : 0;
    in.seekg(size - 4);
    in.read(reinterpret_cast<char*>(tail), 4);
    const std::size_t isize = std::size_t(tail[0]) | (std::size_t(tail[1]) << 8) |
                              (std::size_t(tail[2]) << 16) | (std::size_t(tail[3]) << 24);
    // A damaged trailer must not make us reserve gigabytes.
    return std::min<std::size_t>(isize, static_cast<std::size_t>(size) * 1032);
}

} // namespace

std::vector<std::uint8_t> readMaybeGzipped(const std::string& path, const LoadProgress& progress) {
    errno = 0;
    gzFile in = gzopen(path.c_str(), "rb");
    if (in == nullptr)
        throw InputError(path, std::string("cannot open the file: ") +
                                   (errno ? std::strerror(errno) : "out of memory"));
    gzbuffer(in, 1 << 17);
    std::vector<std::uint8_t> bytes;
    bytes.reserve(sizeHint(path));
    std::array<std::uint8_t, 1 << 16> chunk;
    ByteProgress meter(progress, fileSize(path));
    for (;;) {
        try {
            meter.at(static_cast<std::size_t>(std::max<z_off_t>(gzoffset(in), 0)));
        } catch (const LoadCancelled&) {
            gzclose(in);
            throw;
        }
        const int n = gzread(in, chunk.data(), static_cast<unsigned>(chunk.size()));
        if (n < 0) {
            int code = 0;
            const std::string message = gzipMessage(in, path, code);
            gzclose(in);
            throw InputError(path, "cannot read the file: " +
                                       (code == Z_ERRNO ? std::string(std::strerror(errno))
                                                        : "corrupt gzip data (" + message + ")"));
        }
        if (n == 0)
            break;
        bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + n);
    }
    int code = 0;
    const std::string message = gzipMessage(in, path, code);
    gzclose(in);
    if (code != Z_OK && code != Z_STREAM_END)
        throw InputError(path, "truncated or corrupt gzip data (" + message + ")");
    meter.done();
    return bytes;
}

std::string defaultLabelsPath(const std::string& imagesPath) {
    const std::size_t slash = imagesPath.find_last_of("/\\");
    const std::string dir = slash == std::string::npos ? "" : imagesPath.substr(0, slash + 1);
    std::string name = imagesPath.substr(dir.size());
    std::size_t at = name.find("images-idx3");
    if (at != std::string::npos) {
        name.replace(at, 11, "labels-idx1");
    } else if ((at = name.find("images")) != std::string::npos) {
        name.replace(at, 6, "labels");
        if ((at = name.find("idx3")) != std::string::npos)
            name.replace(at, 4, "idx1");
    } else {
        return {};
    }
    const std::string candidate = dir + name;
    const bool gz = name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0;
    const std::string other = gz ? candidate.substr(0, candidate.size() - 3) : candidate + ".gz";
    std::error_code ec;
    if (!std::filesystem::exists(candidate, ec) && std::filesystem::exists(other, ec))
        return other;
    return candidate;
}

Dataset readIdx(const std::string& imagesPath, const LoadOptions& opt,
                const LoadProgress& progress) {
    if (!opt.targets.empty())
        throw InputError(imagesPath, "target columns apply to CSV files; the targets of IDX "
                                     "images are their labels");
    // The progress: both files by their size on disk, then copying the pixels.
    const std::string labelsPath =
        opt.labelsPath.empty() ? defaultLabelsPath(imagesPath) : opt.labelsPath;
    const double imageBytes = static_cast<double>(fileSize(imagesPath));
    const double labelBytes = labelsPath.empty() ? 0.0 : static_cast<double>(fileSize(labelsPath));
    const double imageShare =
        imageBytes + labelBytes > 0 ? 0.95 * imageBytes / (imageBytes + labelBytes) : 0.95;
    const IdxFile images = readIdxFile(imagesPath, kImagesMagic, progress.part(0.0, imageShare));
    if (labelsPath.empty())
        throw InputError(imagesPath, "cannot tell the labels file from the images file name "
                                     "(it has no \"images\" in it); give the labels path");
    std::error_code ec;
    if (opt.labelsPath.empty() && !std::filesystem::exists(labelsPath, ec))
        throw InputError(imagesPath, "no labels file beside the images: looked for " +
                                         fileNameOf(labelsPath) + "; give the labels path");
    const IdxFile labels = readIdxFile(labelsPath, kLabelsMagic, progress.part(imageShare, 0.95));
    const std::uint32_t count = images.dims[0];
    if (labels.dims[0] != count)
        throw InputError(labelsPath, "the labels file holds " + std::to_string(labels.dims[0]) +
                                         " labels but the images file " + fileNameOf(imagesPath) +
                                         " holds " + std::to_string(count) + " images");

    std::vector<std::string> labelText(count);
    for (std::uint32_t r = 0; r < count; ++r)
        labelText[r] = std::to_string(labels.bytes[labels.dataOffset + r]);
    const ClassEncoding e = encodeClasses(labelText, opt.classes, labelsPath, "the labels file");

    const std::size_t rows = images.dims[1];
    const std::size_t cols = images.dims[2];
    const std::size_t pixels = rows * cols;
    if (pixels == 0)
        throw InputError(imagesPath, "the IDX images are empty (" + std::to_string(rows) + " × " +
                                         std::to_string(cols) + " pixels)");
    Dataset d;
    d.name = fileNameOf(imagesPath);
    // The pixels as they are, one byte each; read as x = p / 255, in [0, 1].
    d.inputs = FeatureMatrix::bytes(static_cast<Eigen::Index>(pixels),
                                    static_cast<Eigen::Index>(e.kept.size()), 255.0);
    for (std::size_t c = 0; c < e.kept.size(); ++c) {
        const std::uint8_t* image = images.bytes.data() + images.dataOffset + e.kept[c] * pixels;
        std::copy(image, image + pixels, d.inputs.byteColumn(static_cast<Eigen::Index>(c)));
        d.sourceRows.push_back(static_cast<long>(e.kept[c]));
    }
    d.sourceRowKind = Dataset::SourceRow::Item;
    d.inputNames.reserve(pixels);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c)
            d.inputNames.push_back("pixel_" + std::to_string(r) + "_" + std::to_string(c));
    d.classNames = e.classNames;
    d.targetNames = e.classNames;
    d.labels = e.labels;
    d.targets = oneHot(e.labels, e.classNames.size());
    progress.report(1.0);
    return d;
}

} // namespace bp
