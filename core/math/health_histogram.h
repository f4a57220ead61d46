#pragma once
// A histogram over fixed bins, for the per-layer health (layer_health.h,
// docs/instruments.md): x(k) over 80 bins of width 0.1 on [−4, 4) and the two sides
// beyond; ∂J/∂z(k) over sign-symmetric bins, one per decade of |∂J/∂z| from 10⁻⁸ to
// 10², a middle bin for |∂J/∂z| < 10⁻⁸ (exact zeros: dead ReLU units) and the two
// sides beyond. NaN falls in no bin and is counted apart.
#include <string>
#include <vector>

namespace bp {

class Histogram {
public:
    // Linear bins [edges[i−1], edges[i]) between ascending edges (at least two; found
    // fastest when evenly spaced), with counts[0] the values below edges[0] and
    // counts.back() those at or above edges.back().
    static Histogram linear(std::vector<double> edges);
    // Mirrored bins on a few ascending positive edges m_0 < … < m_n: [m_{p−1}, m_p) for v > 0,
    // the same bin of −v for v < 0, the middle bin |v| < m_0, and |v| ≥ m_n on each side.
    static Histogram symmetric(std::vector<double> magnitudeEdges);
    // The fixed bins of x(k) and of ∂J/∂z(k) (the header comment).
    static Histogram ofActivations();
    static Histogram ofGradients();

    void add(double v);
    void clear();

    const std::vector<long>& counts() const { return m_counts; } // lowest values first
    long nan() const { return m_nan; }
    long total() const; // every value added, NaN included
    // The range of counts()[i] as text: "[0.1, 0.2)", "< -4", ">= 4", "(-10, -1]", "|v| < 1e-08".
    std::string binText(std::size_t i) const;
    const std::vector<double>& edges() const { return m_edges; }
    bool isSymmetric() const { return m_symmetric; }

private:
    Histogram(std::vector<double> edges, bool symmetric);

    std::vector<double> m_edges;
    bool m_symmetric = false;
    double m_perSpacing = 0; // linear: 1 / the mean spacing of the edges, for a first guess
    std::vector<long> m_counts;
    long m_nan = 0;
};

} // namespace bp
