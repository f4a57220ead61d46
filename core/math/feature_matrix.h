#pragma once
// The inputs of a dataset, stored once and compactly whatever the network's
// precision: records as columns (column r is x(0) of record r, without the
// leading 1 for the bias), each value a byte, a float or a double. The engine
// never sees the stored type: it reads values as double, or copies a column
// into a float or double vector. See docs/data-formats.md, "How inputs are stored".
// (The file is not called features.h: core/ is on the include path of every target,
// and that name would hide glibc's <features.h>.)
#include "math/types.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace bp {

enum class Storage {
    Bytes,  // IDX images: the file's pixels p as they are; x = p / divisor (255)
    Float,  // large text files, generated and normalised sets: 4 bytes a value
    Double, // small ones (at most kDoubleStorageLimit values): exact to the last digit
};
std::string toString(Storage s); // "bytes", "float", "double"

// Text formats, generators and normalisation keep up to this many values in double
// (2^22 values = 32 MiB), so that a hand computation on a teaching file matches to the
// last digit; above it, float.
constexpr Eigen::Index kDoubleStorageLimit = Eigen::Index(1) << 22;
Storage storageForValues(Eigen::Index values); // Double up to the limit, else Float

class FeatureMatrix {
public:
    using Bytes = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>;

    FeatureMatrix() = default;                            // 0 × 0, double
    explicit FeatureMatrix(Matrix values);                // double storage, the values as they are
    static FeatureMatrix ofFloats(MatrixT<float> values); // float storage
    // rows × cols zeros of a Float or Double storage (not Bytes: see bytes()).
    FeatureMatrix(Storage storage, Eigen::Index rows, Eigen::Index cols);
    // rows × cols zero bytes, read as x = p / divisor computed in double.
    static FeatureMatrix bytes(Eigen::Index rows, Eigen::Index cols, double divisor);

    Storage storage() const { return m_storage; }
    Eigen::Index rows() const; // values per record (the dataset's inputs)
    Eigen::Index cols() const; // records
    Eigen::Index size() const { return rows() * cols(); }
    std::size_t memoryBytes() const;             // of the stored values
    double divisor() const { return m_divisor; } // Bytes only: x = p / divisor

    // x_i(0) of record r, as the engine sees it.
    double operator()(Eigen::Index i, Eigen::Index r) const;
    // Float storage rounds x to float; Bytes storage cannot take a value (logic_error).
    void set(Eigen::Index i, Eigen::Index r, double x);
    // Bytes storage: the pixels of record r, to fill or read.
    std::uint8_t* byteColumn(Eigen::Index r) { return m_bytes.col(r).data(); }
    const std::uint8_t* byteColumn(Eigen::Index r) const { return m_bytes.col(r).data(); }

    // x = column r, cast to T. Allocates only when x does not have rows() entries:
    // the training loop calls this once per record.
    template <typename T> void copyColumn(Eigen::Index r, VectorT<T>& x) const;
    // The same into out[0 .. rows()−1].
    template <typename T> void copyColumn(Eigen::Index r, T* out) const;
    Vector column(Eigen::Index r) const; // a double copy of column r, for display
    // The columns at `records`, in that order, in the same storage (and divisor).
    FeatureMatrix columns(const std::vector<Eigen::Index>& records) const;
    // Every value as double. For small data and tests; not for a training path.
    Matrix toMatrix() const;

    // Same storage, shape and values (and divisor for bytes).
    bool operator==(const FeatureMatrix& o) const;
    bool operator!=(const FeatureMatrix& o) const { return !(*this == o); }

private:
    Storage m_storage = Storage::Double;
    Bytes m_bytes;
    MatrixT<float> m_float;
    Matrix m_double;
    double m_divisor = 1.0;
    std::array<double, 256> m_byteDouble{}; // p / divisor, for each byte p
    std::array<float, 256> m_byteFloat{};   // the same, cast to float
};

// "stored as bytes (47.0 MB)": for the summary line of a loaded dataset.
std::string describeStorage(const FeatureMatrix& f);

} // namespace bp
