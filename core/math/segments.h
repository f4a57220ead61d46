#pragma once
// Element-wise work on a layer's vectors in fixed-size segments.
//
// Eigen vectorises a dynamic-size vector only with its widest register (16 floats with
// AVX-512) and does the rest one value at a time, so a layer of 8 or 10 nodes would run
// entirely in scalar code. A fixed-size segment gets the register that fits it. Each
// value gets the same arithmetic wherever it falls, since the segments depend only on
// the vector's length.
#include <Eigen/Core>

namespace bp {

// Values [i, i + N) of a vector, as an Eigen array (N fixed, or Eigen::Dynamic with n).
template <int N> struct Segment {
    Eigen::Index i;
    Eigen::Index n = N;
    template <typename V> auto of(V& v) const {
        if constexpr (N == Eigen::Dynamic)
            return v.segment(i, n).array();
        else
            return v.template segment<N>(i).array();
    }
};

// Runs f(segment) over [0, size): 16 values at a time, then 8, then 4, then one by one.
template <typename F> void forSegments(Eigen::Index size, F f) {
    Eigen::Index i = 0;
    for (; i + 16 <= size; i += 16)
        f(Segment<16>{i});
    if (i + 8 <= size) {
        f(Segment<8>{i});
        i += 8;
    }
    if (i + 4 <= size) {
        f(Segment<4>{i});
        i += 4;
    }
    for (; i < size; ++i)
        f(Segment<1>{i});
}

} // namespace bp
