#include "graph/edge_plan.h"

#include "graph/diverging_palette.h"

#include <algorithm>
#include <cmath>
#include <QLineF>

namespace bp {

namespace {
constexpr int kFullFanIn = 33;      // bias + 32 inputs: every edge in full
constexpr int kStrongBudget = 320;  // edges in full per thinned layer
constexpr int kFaintBudget = 400;   // a thinned layer with more edges draws no faint ones
constexpr int kSelectedEdges = 48;  // edges shown in full around the selected node
constexpr int kFlashedPerLayer = 6; // at most this many flashing edges per layer

double magnitude(double v) {
    return std::isfinite(v) ? std::abs(v) : HUGE_VAL; // NaN and Inf first: they must be seen
}

// The indices of the `count` largest |values| (all of them if there are fewer), the
// largest first. One pass with a small sorted list: count is at most a few dozen.
std::vector<int> strongest(const double* values, int n, int stride, int count,
                           std::vector<int>& top) {
    count = std::min(count, n);
    top.clear();
    for (int i = 0; i < n; ++i) {
        const double m = magnitude(values[static_cast<std::ptrdiff_t>(i) * stride]);
        if (static_cast<int>(top.size()) == count &&
            m <= magnitude(values[static_cast<std::ptrdiff_t>(top.back()) * stride]))
            continue;
        if (static_cast<int>(top.size()) == count)
            top.pop_back();
        auto at = top.end();
        while (at != top.begin() &&
               magnitude(values[static_cast<std::ptrdiff_t>(*(at - 1)) * stride]) < m)
            --at;
        top.insert(at, i);
    }
    return top;
}

// The scale: the largest |measure| over every current layer.
double largestMeasure(const Snapshot& s, const RecordProgress& progress, bool gradient) {
    const Network& net = s.network;
    double maxAbs = 0;
    for (int k = 1; k <= net.depth(); ++k) {
        if (gradient && !progress.gradientCurrent(k))
            continue;
        const Matrix& m = gradient ? s.values.layer(k).dJdw : net.layer(k).w;
        if (m.size() > 0)
            maxAbs = std::max(maxAbs, m.cwiseAbs().maxCoeff());
    }
    return maxAbs;
}

// Where edge (i − 1, j) of a layer with `cols` columns sits in its marks: row-major.
std::size_t cellOf(int r, int c, int cols) {
    return static_cast<std::size_t>(r) * static_cast<std::size_t>(cols) +
           static_cast<std::size_t>(c);
}

// Layer k's edges: the measure they show, in the shape of the layer's weights w(k).
struct LayerEdges {
    int k = 1;
    int rows = 0; // of w(k)
    int cols = 0;
    const Matrix& measure; // w(k), or ∂J/∂w(k)
    bool current = true;   // false: ∂J/∂w is not of the record in progress
};

// How layer k draws each edge: 0: not drawn, 1: faint, 2: in full; row-major over (i − 1, j).
// Sets *thinned when the layer does not draw all its edges in full.
std::vector<char> markEdges(const LayerEdges& layer, LayerMode mode, const GraphItem& sel,
                            bool* thinned, std::vector<int>& scratch) {
    const int k = layer.k;
    const int rows = layer.rows;
    const int cols = layer.cols;
    const Matrix& measure = layer.measure;
    std::vector<char> marks(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols), 0);
    auto mark = [&](int r, int c) -> char& { return marks[cellOf(r, c, cols)]; };
    const bool thin = cols > kFullFanIn || mode == LayerMode::Cells ||
                      static_cast<long>(rows) * cols > kStrongBudget;
    if (!thin) {
        std::fill(marks.begin(), marks.end(), 2);
    } else {
        *thinned = true;
        const bool withFaint = static_cast<long>(rows) * cols <= kFaintBudget;
        if (withFaint)
            std::fill(marks.begin(), marks.end(), 1);
        const int perNode = std::clamp(kStrongBudget / std::max(1, rows), 1, 8);
        for (int r = 0; r < rows; ++r) {
            // Eigen is column-major: row r's entries are `rows` apart.
            for (int c : strongest(measure.data() + r, cols, rows, perNode, scratch))
                mark(r, c) = 2;
        }
    }
    // The selected node's incoming and outgoing edges, the selected edge.
    if (sel.isNode() && sel.layer == k && sel.node >= 1 && sel.node <= rows) {
        const int r = sel.node - 1;
        for (int c : strongest(measure.data() + r, cols, rows, kSelectedEdges, scratch))
            mark(r, c) = 2;
    }
    if (sel.isNode() && sel.layer == k - 1 && sel.node >= 1 && sel.node < cols) {
        const int c = sel.node;
        for (int r : strongest(measure.data() + static_cast<long>(c) * rows, rows, 1,
                               kSelectedEdges, scratch))
            mark(r, c) = 2;
    }
    if (sel.isEdge() && sel.layer == k && sel.node >= 1 && sel.node <= rows && sel.input >= 0 &&
        sel.input < cols)
        mark(sel.node - 1, sel.input) = 2;
    return marks;
}

// The largest |Δw| of the last update flash: 1 where an edge of layer k flashes.
std::vector<char> flashMarks(const Snapshot& s, const LayerEdges& layer, bool flashes,
                             std::vector<int>& scratch) {
    const int k = layer.k;
    const int rows = layer.rows;
    const int cols = layer.cols;
    std::vector<char> flash(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols), 0);
    if (flashes && s.lastUpdate[static_cast<std::size_t>(k - 1)].rows() == rows &&
        s.lastUpdate[static_cast<std::size_t>(k - 1)].cols() == cols) {
        const Matrix& dw = s.lastUpdate[static_cast<std::size_t>(k - 1)];
        const int count = std::clamp((rows * cols + 3) / 4, 1, kFlashedPerLayer);
        for (int index : strongest(dw.data(), rows * cols, 1, count, scratch)) {
            const int r = index % rows; // column-major
            const int c = index / rows;
            if (dw(r, c) != 0)
                flash[cellOf(r, c, cols)] = 1;
        }
    }
    return flash;
}

// The edges of a plan by how they are drawn, in this order.
struct EdgeLists {
    std::vector<PlannedEdge> faint, strong, flashed;
};

// Layer k's marked edges into the lists.
void collectEdges(const Snapshot& s, const LayerEdges& layer, const std::vector<char>& marks,
                  const std::vector<char>& flash, EdgeLists& lists) {
    const int k = layer.k;
    const int rows = layer.rows;
    const int cols = layer.cols;
    const Matrix& measure = layer.measure;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const std::size_t at = cellOf(r, c, cols);
            if (!marks[at] && !flash[at])
                continue;
            PlannedEdge e;
            e.layer = k;
            e.node = r + 1;
            e.input = c;
            e.value = measure(r, c);
            e.current = layer.current;
            e.strong = marks[at] == 2;
            if (flash[at]) {
                e.flashed = true;
                e.strong = true;
                e.delta = s.lastUpdate[static_cast<std::size_t>(k - 1)](r, c);
                lists.flashed.push_back(e);
            } else {
                (e.strong ? lists.strong : lists.faint).push_back(e);
            }
        }
    }
}
} // namespace

EdgePlan planEdges(const Snapshot& s, const RecordProgress& progress, const GraphLayout& layout,
                   const GraphOptions& options) {
    EdgePlan plan;
    const Network& net = s.network;
    if (layout.depth() != net.depth())
        return plan;
    const bool gradient = options.edgeMeasure == EdgeMeasure::Gradient;
    const bool flashes =
        progress.highlightsUpdate && s.lastUpdate.size() == static_cast<std::size_t>(net.depth());
    plan.range = DivergingPalette::niceRange(largestMeasure(s, progress, gradient));

    std::vector<int> scratch;
    EdgeLists lists;
    for (int k = 1; k <= net.depth(); ++k) {
        const Matrix& w = net.layer(k).w;
        const LayerEdges layer{k, static_cast<int>(w.rows()), static_cast<int>(w.cols()),
                               gradient ? s.values.layer(k).dJdw : w,
                               !gradient || progress.gradientCurrent(k)};
        const LayerMode mode = layout.layers[static_cast<std::size_t>(k)].mode;
        const std::vector<char> marks =
            markEdges(layer, mode, options.selected, &plan.thinned, scratch);
        const std::vector<char> flash = flashMarks(s, layer, flashes, scratch);
        collectEdges(s, layer, marks, flash, lists);
    }
    std::vector<PlannedEdge>& strong = lists.strong;
    std::stable_sort(strong.begin(), strong.end(), [](const PlannedEdge& a, const PlannedEdge& b) {
        return magnitude(a.value) < magnitude(b.value);
    });
    plan.edges.reserve(lists.faint.size() + strong.size() + lists.flashed.size());
    plan.edges.insert(plan.edges.end(), lists.faint.begin(), lists.faint.end());
    plan.edges.insert(plan.edges.end(), strong.begin(), strong.end());
    plan.edges.insert(plan.edges.end(), lists.flashed.begin(), lists.flashed.end());
    return plan;
}

qreal edgeWidth(const PlannedEdge& e, const EdgePlan& plan, const GraphLayout& layout) {
    const qreal unit = layout.unit / 16; // 1 at a 16-pixel line height
    if (!e.strong)
        return unit * 0.6;
    const double t = std::isfinite(e.value) ? std::min(1.0, std::abs(e.value) / plan.range) : 1.0;
    const LayerMode mode = layout.layers[static_cast<std::size_t>(e.layer)].mode;
    const bool small = mode == LayerMode::Labelled || mode == LayerMode::Dots;
    return small ? unit * (0.8 + 4.2 * t) : unit * (0.6 + 2.0 * t);
}

GraphItem edgeAt(const EdgePlan& plan, const GraphLayout& layout, const QPointF& pos) {
    const qreal reach = layout.unit * 0.3;
    for (auto e = plan.edges.rbegin(); e != plan.edges.rend(); ++e) {
        if (!e->strong)
            continue;
        const QPointF a = layout.anchor(e->layer - 1, e->input);
        const QPointF b = layout.anchor(e->layer, e->node);
        // Distance from pos to the segment a–b.
        const QPointF ab = b - a;
        const qreal len2 = QPointF::dotProduct(ab, ab);
        const qreal t =
            len2 > 0 ? std::clamp(QPointF::dotProduct(pos - a, ab) / len2, 0.0, 1.0) : 0.0;
        const qreal d = QLineF(pos, a + t * ab).length();
        if (d <= std::max(reach, edgeWidth(*e, plan, layout) / 2))
            return {e->layer, e->node, e->input};
    }
    return {};
}

} // namespace bp
