#include "math/health_histogram.h"

#include "math/number_text.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bp {

namespace {
// How many edges are at or below v (0 below the first, edges.size() at or above the
// last), for edges about evenly spaced: a first guess from the spacing, which the edges
// themselves then correct, so that any ascending edges give the exact count.
std::size_t edgesAtOrBelow(const std::vector<double>& edges, double perSpacing, double v) {
    const std::size_t n = edges.size();
    const double guess = std::floor((v - edges.front()) * perSpacing) + 1;
    std::size_t p = guess <= 0 ? 0 : guess >= double(n) ? n : static_cast<std::size_t>(guess);
    while (p > 0 && v < edges[p - 1])
        --p;
    while (p < n && v >= edges[p])
        ++p;
    return p;
}

// The same for edges a decade apart and few: counted without a branch.
std::size_t edgesAtOrBelowFew(const std::vector<double>& edges, double v) {
    std::size_t p = 0;
    for (double e : edges)
        p += v >= e;
    return p;
}

std::string text(double v) {
    return significantText(v, 6);
}
} // namespace

Histogram::Histogram(std::vector<double> edges, bool symmetric)
    : m_edges(std::move(edges)), m_symmetric(symmetric),
      m_perSpacing(static_cast<double>(m_edges.size() - 1) / (m_edges.back() - m_edges.front())) {
    // Linear: one bin below, one between each two edges, one above. Symmetric: the
    // same on each side of the middle bin.
    m_counts.assign(symmetric ? 2 * m_edges.size() + 1 : m_edges.size() + 1, 0);
}

Histogram Histogram::linear(std::vector<double> edges) {
    return Histogram(std::move(edges), false);
}

Histogram Histogram::symmetric(std::vector<double> magnitudeEdges) {
    return Histogram(std::move(magnitudeEdges), true);
}

Histogram Histogram::ofActivations() {
    std::vector<double> edges;
    for (int i = -40; i <= 40; ++i)
        edges.push_back(i / 10.0); // −4, −3.9, …, 4: the nearest doubles to i/10
    return linear(std::move(edges));
}

Histogram Histogram::ofGradients() {
    std::vector<double> edges;
    for (int e = -8; e <= 2; ++e)
        edges.push_back(std::pow(10.0, e)); // 10⁻⁸, 10⁻⁷, …, 10²
    return symmetric(std::move(edges));
}

void Histogram::add(double v) {
    if (std::isnan(v)) {
        ++m_nan;
        return;
    }
    if (!m_symmetric) {
        ++m_counts[edgesAtOrBelow(m_edges, m_perSpacing, v)];
        return;
    }
    const std::size_t middle = m_edges.size();
    const std::size_t p = edgesAtOrBelowFew(m_edges, std::abs(v)); // m_{p−1} ≤ |v| < m_p
    ++m_counts[p == 0 ? middle : v > 0 ? middle + p : middle - p];
}

void Histogram::clear() {
    std::fill(m_counts.begin(), m_counts.end(), 0L);
    m_nan = 0;
}

long Histogram::total() const {
    return std::accumulate(m_counts.begin(), m_counts.end(), m_nan);
}

std::string Histogram::binText(std::size_t i) const {
    const std::vector<double>& m = m_edges;
    if (!m_symmetric) {
        if (i == 0)
            return "< " + text(m.front());
        if (i == m.size())
            return ">= " + text(m.back());
        return "[" + text(m[i - 1]) + ", " + text(m[i]) + ")";
    }
    const std::size_t middle = m.size();
    if (i == middle)
        return "|v| < " + text(m.front());
    const std::size_t p = i > middle ? i - middle : middle - i;
    if (i > middle)
        return p == m.size() ? ">= " + text(m.back())
                             : "[" + text(m[p - 1]) + ", " + text(m[p]) + ")";
    return p == m.size() ? "<= " + text(-m.back())
                         : "(" + text(-m[p]) + ", " + text(-m[p - 1]) + "]";
}

} // namespace bp
