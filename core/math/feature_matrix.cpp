#include "math/feature_matrix.h"
#include "math/number_text.h"

#include <cstdio>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace bp {

std::string toString(Storage s) {
    switch (s) {
    case Storage::Bytes:
        return "bytes";
    case Storage::Float:
        return "float";
    case Storage::Double:
        return "double";
    }
    return "double";
}

Storage storageForValues(Eigen::Index values) {
    return values <= kDoubleStorageLimit ? Storage::Double : Storage::Float;
}

FeatureMatrix::FeatureMatrix(Matrix values)
    : m_storage(Storage::Double), m_double(std::move(values)) {}

FeatureMatrix FeatureMatrix::ofFloats(MatrixT<float> values) {
    FeatureMatrix f;
    f.m_storage = Storage::Float;
    f.m_float = std::move(values);
    return f;
}

FeatureMatrix::FeatureMatrix(Storage storage, Eigen::Index rows, Eigen::Index cols)
    : m_storage(storage) {
    switch (storage) {
    case Storage::Bytes:
        throw std::logic_error("FeatureMatrix: byte storage is made by FeatureMatrix::bytes");
    case Storage::Float:
        m_float = MatrixT<float>::Zero(rows, cols);
        break;
    case Storage::Double:
        m_double = Matrix::Zero(rows, cols);
        break;
    }
}

FeatureMatrix FeatureMatrix::bytes(Eigen::Index rows, Eigen::Index cols, double divisor) {
    FeatureMatrix f;
    f.m_storage = Storage::Bytes;
    f.m_bytes = Bytes::Zero(rows, cols);
    f.m_divisor = divisor;
    for (std::size_t p = 0; p < f.m_byteDouble.size(); ++p) {
        // x = p / 255 in double, as the IDX reader always gave it (not p · (1/255),
        // which differs in the last bit for 24 of the 256 bytes).
        f.m_byteDouble[p] = static_cast<double>(p) / divisor;
        f.m_byteFloat[p] = static_cast<float>(f.m_byteDouble[p]);
    }
    return f;
}

Eigen::Index FeatureMatrix::rows() const {
    switch (m_storage) {
    case Storage::Bytes:
        return m_bytes.rows();
    case Storage::Float:
        return m_float.rows();
    case Storage::Double:
        break;
    }
    return m_double.rows();
}

Eigen::Index FeatureMatrix::cols() const {
    switch (m_storage) {
    case Storage::Bytes:
        return m_bytes.cols();
    case Storage::Float:
        return m_float.cols();
    case Storage::Double:
        break;
    }
    return m_double.cols();
}

std::size_t FeatureMatrix::memoryBytes() const {
    const auto n = static_cast<std::size_t>(size());
    switch (m_storage) {
    case Storage::Bytes:
        return n;
    case Storage::Float:
        return n * sizeof(float);
    case Storage::Double:
        break;
    }
    return n * sizeof(double);
}

double FeatureMatrix::operator()(Eigen::Index i, Eigen::Index r) const {
    switch (m_storage) {
    case Storage::Bytes:
        return m_byteDouble[m_bytes(i, r)];
    case Storage::Float:
        return static_cast<double>(m_float(i, r));
    case Storage::Double:
        break;
    }
    return m_double(i, r);
}

void FeatureMatrix::set(Eigen::Index i, Eigen::Index r, double x) {
    switch (m_storage) {
    case Storage::Bytes:
        throw std::logic_error("FeatureMatrix::set: byte storage holds pixels, not values");
    case Storage::Float:
        m_float(i, r) = static_cast<float>(x);
        return;
    case Storage::Double:
        m_double(i, r) = x;
        return;
    }
}

template <typename T> void FeatureMatrix::copyColumn(Eigen::Index r, VectorT<T>& x) const {
    if (x.size() != rows())
        x.resize(rows());
    copyColumn(r, x.data());
}

template <typename T> void FeatureMatrix::copyColumn(Eigen::Index r, T* out) const {
    const Eigen::Index n = rows();
    switch (m_storage) {
    case Storage::Bytes: {
        const std::uint8_t* p = m_bytes.col(r).data();
        const auto& value = [this]() -> const std::array<T, 256>& {
            if constexpr (std::is_same_v<T, float>)
                return m_byteFloat;
            else
                return m_byteDouble;
        }();
        for (Eigen::Index k = 0; k < n; ++k)
            out[k] = value[p[k]]; // x_k = p_k / 255
        return;
    }
    case Storage::Float:
        Eigen::Map<VectorT<T>>(out, n) = m_float.col(r).template cast<T>();
        return;
    case Storage::Double:
        Eigen::Map<VectorT<T>>(out, n) = m_double.col(r).template cast<T>();
        return;
    }
}

template void FeatureMatrix::copyColumn<float>(Eigen::Index, VectorT<float>&) const;
template void FeatureMatrix::copyColumn<double>(Eigen::Index, VectorT<double>&) const;
template void FeatureMatrix::copyColumn<float>(Eigen::Index, float*) const;
template void FeatureMatrix::copyColumn<double>(Eigen::Index, double*) const;

Vector FeatureMatrix::column(Eigen::Index r) const {
    Vector x;
    copyColumn(r, x);
    return x;
}

FeatureMatrix FeatureMatrix::columns(const std::vector<Eigen::Index>& records) const {
    const auto n = static_cast<Eigen::Index>(records.size());
    FeatureMatrix out; // the same storage and byte values, none of the columns
    out.m_storage = m_storage;
    out.m_divisor = m_divisor;
    out.m_byteDouble = m_byteDouble;
    out.m_byteFloat = m_byteFloat;
    switch (m_storage) {
    case Storage::Bytes:
        out.m_bytes.resize(m_bytes.rows(), n);
        break;
    case Storage::Float:
        out.m_float.resize(m_float.rows(), n);
        break;
    case Storage::Double:
        out.m_double.resize(m_double.rows(), n);
        break;
    }
    for (Eigen::Index c = 0; c < n; ++c) {
        const Eigen::Index r = records[static_cast<std::size_t>(c)];
        if (r < 0 || r >= cols())
            throw std::out_of_range("FeatureMatrix::columns: record " + std::to_string(r) + " of " +
                                    std::to_string(cols()));
        switch (m_storage) {
        case Storage::Bytes:
            out.m_bytes.col(c) = m_bytes.col(r);
            break;
        case Storage::Float:
            out.m_float.col(c) = m_float.col(r);
            break;
        case Storage::Double:
            out.m_double.col(c) = m_double.col(r);
            break;
        }
    }
    return out;
}

Matrix FeatureMatrix::toMatrix() const {
    switch (m_storage) {
    case Storage::Bytes: {
        Matrix m(rows(), cols());
        for (Eigen::Index r = 0; r < cols(); ++r)
            for (Eigen::Index i = 0; i < rows(); ++i)
                m(i, r) = m_byteDouble[m_bytes(i, r)];
        return m;
    }
    case Storage::Float:
        return m_float.cast<double>();
    case Storage::Double:
        break;
    }
    return m_double;
}

bool FeatureMatrix::operator==(const FeatureMatrix& o) const {
    if (m_storage != o.m_storage || rows() != o.rows() || cols() != o.cols())
        return false;
    switch (m_storage) {
    case Storage::Bytes:
        return m_divisor == o.m_divisor && m_bytes == o.m_bytes;
    case Storage::Float:
        return m_float == o.m_float;
    case Storage::Double:
        break;
    }
    return m_double == o.m_double;
}

std::string describeStorage(const FeatureMatrix& f) {
    char size[32];
    std::snprintf(size, sizeof size, "%s MB",
                  fixedText(static_cast<double>(f.memoryBytes()) / 1e6, 1).c_str());
    return "stored as " + toString(f.storage()) + " (" + size + ")";
}

} // namespace bp
