#pragma once
// The SIMD registers the training kernels (kernels.h) work in: a register of T as a
// GCC/Clang vector, its lanes, unaligned loads and stores, a broadcast, the fused
// multiply-add, the tiling of a layer's rows into registers, and the sum of a
// register's lanes in a fixed order.
#include <Eigen/Core>

#include <cmath>
#include <cstring>
#include <type_traits>
#if defined(__AVX__) || defined(__FMA__)
#include <immintrin.h>
#endif

namespace bp::kernels {

using Index = Eigen::Index;

// One SIMD register of T (GCC/Clang vector extension): 64 bytes where the processor
// has AVX-512, else 32. A half register takes the rows left over after the last full
// one, and T itself the rows after that.
#ifdef __AVX512F__
constexpr int kRegisterBytes = 64;
#else
constexpr int kRegisterBytes = 32;
#endif
template <typename T, int Bytes> struct Register {
    typedef T type __attribute__((vector_size(Bytes)));
};
template <typename T> using Packet = typename Register<T, kRegisterBytes>::type;
template <typename T> using HalfPacket = typename Register<T, kRegisterBytes / 2>::type;

template <typename P, typename T> constexpr Index lanes() {
    return sizeof(P) / sizeof(T);
}

template <typename P, typename T> inline P load(const T* p) {
    P v;
    std::memcpy(&v, p, sizeof v); // an unaligned load
    return v;
}
template <typename P, typename T> inline void store(T* p, const P& v) {
    std::memcpy(p, &v, sizeof v);
}

// s in every lane of a register, in one instruction.
template <typename P, typename T> inline P broadcast(T s) {
    constexpr bool isFloat = std::is_same_v<T, float>;
    if constexpr (std::is_same_v<P, T>) {
        return s;
#ifdef __AVX512F__
    } else if constexpr (sizeof(P) == 64) {
        if constexpr (isFloat)
            return _mm512_set1_ps(s);
        else
            return _mm512_set1_pd(s);
#endif
#ifdef __AVX__
    } else if constexpr (sizeof(P) == 32) {
        if constexpr (isFloat)
            return _mm256_set1_ps(s);
        else
            return _mm256_set1_pd(s);
    } else if constexpr (sizeof(P) == 16) {
        if constexpr (isFloat)
            return _mm_set1_ps(s);
        else
            return _mm_set1_pd(s);
#endif
    } else {
        P v;
        for (Index i = 0; i < lanes<P, T>(); ++i)
            v[i] = s;
        return v;
    }
}

// a·b + c, rounded once where the processor has fused multiply-add; P is float,
// double or a register of either.
template <typename P> inline P madd(P a, P b, P c) {
    if constexpr (std::is_floating_point_v<P>) {
#ifdef __FMA__
        return std::fma(a, b, c);
#else
        return a * b + c;
#endif
    } else {
        constexpr bool isFloat = std::is_same_v<std::decay_t<decltype(a[0])>, float>;
#ifdef __AVX512F__
        if constexpr (sizeof(P) == 64) {
            if constexpr (isFloat)
                return _mm512_fmadd_ps(a, b, c);
            else
                return _mm512_fmadd_pd(a, b, c);
        }
#endif
#ifdef __FMA__
        if constexpr (sizeof(P) == 32) {
            if constexpr (isFloat)
                return _mm256_fmadd_ps(a, b, c);
            else
                return _mm256_fmadd_pd(a, b, c);
        }
        if constexpr (sizeof(P) == 16) {
            if constexpr (isFloat)
                return _mm_fmadd_ps(a, b, c);
            else
                return _mm_fmadd_pd(a, b, c);
        }
#endif
        return a * b + c;
    }
}

// Which register type and how many of them a tile of rows uses.
template <typename P_, int V_> struct Tile {
    using P = P_;
    static constexpr int V = V_;
};

// Runs tile(Tile<…>{}, row) over all rows: `wide` full registers at a time, then one,
// then a half register, then single rows.
template <typename T, int Wide, typename TileFn> void forEachTile(Index rows, TileFn tile) {
    using P = Packet<T>;
    using H = HalfPacket<T>;
    constexpr Index n = lanes<P, T>(), h = lanes<H, T>();
    Index row = 0;
    for (; row + Wide * n <= rows; row += Wide * n)
        tile(Tile<P, Wide>{}, row);
    for (; row + n <= rows; row += n)
        tile(Tile<P, 1>{}, row);
    if constexpr (h > 1)
        for (; row + h <= rows; row += h)
            tile(Tile<H, 1>{}, row);
    for (; row < rows; ++row)
        tile(Tile<T, 1>{}, row);
}

// The sum of a register's lanes as a tree: halves added lane by lane, again and
// again (a fixed order, and a short chain).
template <typename P, typename T> inline T laneSum(const P& v) {
    if constexpr (sizeof(P) == 2 * sizeof(T)) {
        return v[0] + v[1];
    } else {
        using Half = typename Register<T, sizeof(P) / 2>::type;
        Half lo, hi;
        std::memcpy(&lo, &v, sizeof lo);
        std::memcpy(&hi, reinterpret_cast<const char*>(&v) + sizeof lo, sizeof hi);
        return laneSum<Half, T>(lo + hi); // lane i + lane i + half
    }
}

} // namespace bp::kernels
