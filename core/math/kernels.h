#pragma once
// The inner loops of training, written once, so that every way of training (phase
// by phase, record by record, the train() loop that fuses an update with the next
// forward product) does the same arithmetic in the same order, bit for bit.
//
// The order is part of the definition: every z_i(k) and every gradient sum is
// accumulated one multiply-add at a time, over j = 1, 2, … (or over the batch's
// records in the order they were trained). Each multiply-add is an explicit fused
// multiply-add (rounded once) where the processor has one, else a product and a sum:
// bp_core is compiled with -ffp-contract=off, so the compiler never fuses on its own
// (it would fuse some sums and not others, depending on the loop around them).
// Rows are processed in tiles of SIMD registers; a tile holds whole rows, so the
// tiling never changes the order in which any single number is summed.
//
// Matrices are column-major (Eigen's default): element (i, j) of a rows × cols
// matrix is at [i + j·rows]. Column 0 of a weight matrix is the bias.
//
// core/math/reference.h states the same arithmetic one number at a time, and
// tst_core_reference holds these loops to it bit for bit.
#include "math/simd.h"

namespace bp::kernels {

// z_i = w_{i,0} + Σ_j w_{i,j}·x_j  (j = 1..cols−1; x[j−1] is x_j) for the V·lanes rows
// from `row` on.
template <typename P, int V, typename T>
inline void affineTile(const T* w, Index rows, Index cols, const T* x, T* z, Index row) {
    constexpr Index n = lanes<P, T>();
    P acc[V];
    for (int v = 0; v < V; ++v)
        acc[v] = load<P>(w + row + v * n); // the bias, w_{i,0}
    for (Index j = 1; j < cols; ++j) {
        const T* column = w + j * rows + row;
        const P xj = broadcast<P>(x[j - 1]);
        for (int v = 0; v < V; ++v)
            acc[v] = madd(load<P>(column + v * n), xj, acc[v]); // z_i += w_{i,j}·x_j
    }
    for (int v = 0; v < V; ++v)
        store(z + row + v * n, acc[v]);
}

// z = w·[1; x] for a rows × cols weight matrix w and x of cols − 1 values.
template <typename T> void affine(const T* w, Index rows, Index cols, const T* x, T* z) {
    forEachTile<T, 8>(rows, [&](auto tile, Index row) {
        using Tl = decltype(tile);
        affineTile<typename Tl::P, Tl::V>(w, rows, cols, x, z, row);
    });
}

// affineTile for R records at once (x of record r at xs + r·xStride, its z at
// zs + r·rows): each weight is loaded once for all of them.
template <typename P, int V, int R, typename T>
inline void affineBatchTile(const T* w, Index rows, Index cols, const T* xs, Index xStride, T* zs,
                            Index row) {
    constexpr Index n = lanes<P, T>();
    P acc[R][V];
    for (int r = 0; r < R; ++r)
        for (int v = 0; v < V; ++v)
            acc[r][v] = load<P>(w + row + v * n); // the bias, w_{i,0}
    for (Index j = 1; j < cols; ++j) {
        const T* column = w + j * rows + row;
        P wj[V];
        for (int v = 0; v < V; ++v)
            wj[v] = load<P>(column + v * n);
        for (int r = 0; r < R; ++r) {
            const P xj = broadcast<P>(xs[r * xStride + j - 1]);
            for (int v = 0; v < V; ++v)
                acc[r][v] = madd(wj[v], xj, acc[r][v]); // z_i += w_{i,j}·x_j
        }
    }
    for (int r = 0; r < R; ++r)
        for (int v = 0; v < V; ++v)
            store(zs + r * rows + row + v * n, acc[r][v]);
}

// affine() for `records` records: z of record r = w·[1; x of record r], the same
// numbers as one affine() per record.
template <typename T>
void affineBatch(const T* w, Index rows, Index cols, const T* xs, Index xStride, T* zs,
                 Index records) {
    forEachTile<T, 2>(rows, [&](auto tile, Index row) {
        using Tl = decltype(tile);
        Index r = 0;
        for (; r + 4 <= records; r += 4)
            affineBatchTile<typename Tl::P, Tl::V, 4>(w, rows, cols, xs + r * xStride, xStride,
                                                      zs + r * rows, row);
        for (; r < records; ++r)
            affineBatchTile<typename Tl::P, Tl::V, 1>(w, rows, cols, xs + r * xStride, xStride,
                                                      zs + r * rows, row);
    });
}

// out_{j−1} = Σ_i w_{i,j}·d_i for j = 1..cols−1, skipping the bias column: the
// backward pass's δ(k) = w(k+1)ᵀ·∂J/∂z(k+1). Each sum runs over the rows in four
// interleaved register chains (rows 4n·m + …), joined in a fixed order; then a half
// register, if as many rows are left; then the rest one by one.
template <typename T>
void transposedProduct(const T* w, Index rows, Index cols, const T* d, T* out) {
    using P = Packet<T>;
    using H = HalfPacket<T>;
    constexpr Index n = lanes<P, T>(), h = lanes<H, T>();
    const Index packed = rows - rows % n;
    const bool half = h > 1 && rows - packed >= h;
    for (Index j = 1; j < cols; ++j) {
        const T* column = w + j * rows;
        T sum = 0;
        Index i = 0;
        if (packed > 0) {
            const P zero = broadcast<P>(T(0));
            P acc0 = zero, acc1 = zero, acc2 = zero, acc3 = zero;
            for (; i + 4 * n <= packed; i += 4 * n) {
                acc0 = madd(load<P>(column + i), load<P>(d + i), acc0);
                acc1 = madd(load<P>(column + i + n), load<P>(d + i + n), acc1);
                acc2 = madd(load<P>(column + i + 2 * n), load<P>(d + i + 2 * n), acc2);
                acc3 = madd(load<P>(column + i + 3 * n), load<P>(d + i + 3 * n), acc3);
            }
            if (i < packed) {
                acc0 = madd(load<P>(column + i), load<P>(d + i), acc0);
                i += n;
            }
            if (i < packed) {
                acc1 = madd(load<P>(column + i), load<P>(d + i), acc1);
                i += n;
            }
            if (i < packed) {
                acc2 = madd(load<P>(column + i), load<P>(d + i), acc2);
                i += n;
            }
            sum = laneSum<P, T>((acc0 + acc1) + (acc2 + acc3));
        }
        if constexpr (h > 1) {
            if (half) {
                sum += laneSum<H, T>(load<H>(column + i) * load<H>(d + i));
                i += h;
            }
        }
        for (; i < rows; ++i)
            sum = madd(column[i], d[i], sum);
        out[j - 1] = sum;
    }
}

// What one weight-matrix update needs. The batch's records are columns: record b
// left ∂J/∂z(k) in dz[· + b·rows] and x(k−1) in x[1 + b·cols ...] with x[b·cols] = 1
// (the bias input), so that ∂J/∂w_{i,j} of record b is dz_{i,b}·x_{j,b}.
template <typename T> struct UpdateArgs {
    T* w = nullptr; // rows × cols
    Index rows = 0, cols = 0;
    const T* dz = nullptr;      // rows × records
    const T* x = nullptr;       // cols × records
    const T* input = nullptr;   // instead of x, for one record: x(k−1) without the 1
    int records = 0;            // in dz and x
    const T* partial = nullptr; // Σ over earlier records of the batch (rows × cols), or null
    int count = 1;              // all records of the batch: g = sum / count
    T a = 0;                    // learning rate
    T mu = 0;                   // momentum
    T lambda = 0;               // L2
    bool freezeBias = false;
    T* velocity = nullptr;   // rows × cols; needed when mu ≠ 0
    const T* next = nullptr; // optional: the next record's x(k−1) (cols − 1 values) …
    T* nextZ = nullptr;      // … whose z(k) = w·[1; next] is computed with the new w
};

// x_j(k−1) of record b, with x_0 = 1 (the bias input).
template <typename T> inline T inputOf(const UpdateArgs<T>& u, Index j, int b) {
    if (u.input)
        return j == 0 ? T(1) : u.input[j - 1];
    return u.x[j + b * u.cols];
}

// For the rows of one tile and column j: s_{i,j} = partial + Σ_b dz_{i,b}·x_{j,b}.
template <typename P, int V, typename T>
inline void gradientSum(const UpdateArgs<T>& u, Index j, Index row, P (&s)[V]) {
    constexpr Index n = lanes<P, T>();
    for (int v = 0; v < V; ++v)
        s[v] = u.partial ? load<P>(u.partial + j * u.rows + row + v * n) : P{};
    for (int b = 0; b < u.records; ++b) {
        const P xjb = broadcast<P>(inputOf(u, j, b));
        const T* dz = u.dz + b * u.rows + row;
        for (int v = 0; v < V; ++v)
            s[v] = madd(load<P>(dz + v * n), xjb, s[v]); // Σ ∂J/∂z_i · x_j
    }
}

// Adds the records to the partial sums: sum_{i,j} = partial + Σ_b dz_{i,b}·x_{j,b}.
template <typename P, int V, typename T>
inline void foldTile(const UpdateArgs<T>& u, T* sum, Index row) {
    constexpr Index n = lanes<P, T>();
    for (Index j = 0; j < u.cols; ++j) {
        P s[V];
        gradientSum<P, V>(u, j, row, s);
        for (int v = 0; v < V; ++v)
            store(sum + j * u.rows + row + v * n, s[v]);
    }
}

// The next record's z_i(k), summed from the new weights as a sweep reaches them:
// z_i = w_{i,0} at j = 0, then z_i += w_{i,j}·x_j (x_j of the next record).
template <typename P, typename T>
inline void addToNextZ(const UpdateArgs<T>& u, Index j, const P& w, P& z) {
    z = j == 0 ? w : madd(w, broadcast<P>(u.next[j - 1]), z);
}

// Online SGD without momentum or L2 (a batch of one record): w_{i,j} ← w_{i,j} −
// (a·∂J/∂z_i)·x_j, with a·∂J/∂z_i formed once per row (and the next record's z, if asked).
template <typename P, int V, bool Next, typename T>
inline void onlineTile(const UpdateArgs<T>& u, Index row) {
    constexpr Index n = lanes<P, T>();
    const T* x = u.input ? u.input : u.x + 1; // x_1, x_2, …
    const P a = broadcast<P>(u.a);
    P step[V], z[V];
    for (int v = 0; v < V; ++v) {
        step[v] = a * load<P>(u.dz + row + v * n); // a·∂J/∂z_i
        // The bias, j = 0 (x_0 = 1): w_{i,0} ← w_{i,0} − a·∂J/∂z_i
        P w = load<P>(u.w + row + v * n);
        if (!u.freezeBias) {
            w = w - step[v];
            store(u.w + row + v * n, w);
        }
        if constexpr (Next)
            addToNextZ(u, 0, w, z[v]);
    }
    for (Index j = 1; j < u.cols; ++j) {
        T* wj = u.w + j * u.rows + row;
        const P xj = broadcast<P>(x[j - 1]);
        for (int v = 0; v < V; ++v) {
            const P w = madd(-step[v], xj, load<P>(wj + v * n)); // w ← w − (a·∂J/∂z_i)·x_j
            store(wj + v * n, w);
            if constexpr (Next)
                addToNextZ(u, j, w, z[v]);
        }
    }
    if constexpr (Next)
        for (int v = 0; v < V; ++v)
            store(u.nextZ + row + v * n, z[v]);
}

// The update of the rows of one tile, column by column (and, if asked, the next
// record's z for these rows from the new weights, in the same sweep).
template <typename P, int V, bool L2, bool Momentum, bool Next, typename T>
inline void updateTile(const UpdateArgs<T>& u, Index row) {
    constexpr Index n = lanes<P, T>();
    const P a = broadcast<P>(u.a), mu = broadcast<P>(u.mu), lambda = broadcast<P>(u.lambda);
    const P count = broadcast<P>(static_cast<T>(u.count));
    P z[V];
    for (int v = 0; v < V; ++v)
        z[v] = broadcast<P>(T(0)); // set at j = 0 when Next
    for (Index j = 0; j < u.cols; ++j) {
        T* wj = u.w + j * u.rows + row;
        P g[V];
        gradientSum<P, V>(u, j, row, g);
        for (int v = 0; v < V; ++v) {
            if (u.count != 1)
                g[v] = g[v] / count; // the batch's mean ∂J/∂w
            P w = load<P>(wj + v * n);
            if (L2 && j > 0)
                g[v] = madd(lambda, w, g[v]); // g_{i,j} += λ·w_{i,j}, not on biases
            if (Momentum) {
                T* vj = u.velocity + j * u.rows + row + v * n;
                g[v] = madd(mu, load<P>(vj), g[v]); // v ← μ·v + g
                store(vj, g[v]);
            }
            if (!(j == 0 && u.freezeBias)) {
                w = madd(-a, g[v], w); // w ← w − a·g
                store(wj + v * n, w);
            }
            if constexpr (Next)
                addToNextZ(u, j, w, z[v]);
        }
    }
    if constexpr (Next)
        for (int v = 0; v < V; ++v)
            store(u.nextZ + row + v * n, z[v]);
}

template <typename P, int V, typename T> inline void updateTile(const UpdateArgs<T>& u, Index row) {
    const bool l2 = u.lambda != 0, momentum = u.mu != 0;
    if (u.next) {
        if (l2)
            momentum ? updateTile<P, V, true, true, true>(u, row)
                     : updateTile<P, V, true, false, true>(u, row);
        else
            momentum ? updateTile<P, V, false, true, true>(u, row)
                     : updateTile<P, V, false, false, true>(u, row);
    } else {
        if (l2)
            momentum ? updateTile<P, V, true, true, false>(u, row)
                     : updateTile<P, V, true, false, false>(u, row);
        else
            momentum ? updateTile<P, V, false, true, false>(u, row)
                     : updateTile<P, V, false, false, false>(u, row);
    }
}

// Online SGD: one record, no momentum, no L2.
template <typename T> inline bool isOnline(const UpdateArgs<T>& u) {
    return u.lambda == 0 && u.mu == 0 && u.records == 1 && u.count == 1 && !u.partial;
}

// g = (partial + Σ_b ∂J/∂z_b·[1, x_bᵀ]) / count (+ λ·w), v ← μ·v + g, w ← w − a·g;
// and z of the next record if u.next is set.
template <typename T> void update(const UpdateArgs<T>& u) {
    if (isOnline(u)) { // the lean sweep
        forEachTile<T, 4>(u.rows, [&](auto tile, Index row) {
            using Tl = decltype(tile);
            u.next ? onlineTile<typename Tl::P, Tl::V, true>(u, row)
                   : onlineTile<typename Tl::P, Tl::V, false>(u, row);
        });
        return;
    }
    forEachTile<T, 4>(u.rows, [&](auto tile, Index row) {
        using Tl = decltype(tile);
        updateTile<typename Tl::P, Tl::V>(u, row);
    });
}

// sum = partial + Σ_b ∂J/∂z_b·[1, x_bᵀ]: the records so far of a batch too large to
// keep (sum may be u.partial).
template <typename T> void fold(const UpdateArgs<T>& u, T* sum) {
    forEachTile<T, 4>(u.rows, [&](auto tile, Index row) {
        using Tl = decltype(tile);
        foldTile<typename Tl::P, Tl::V>(u, sum, row);
    });
}

} // namespace bp::kernels
