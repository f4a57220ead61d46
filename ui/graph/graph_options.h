#pragma once
// What the network graph shows, apart from the snapshot itself: the toggles, the
// selection and the animation state. Plain values, shared by NetworkView and the
// code that lays out and paints it.

namespace bp {

// What the ring and badge of a node show.
enum class NodeMeasure {
    Delta, // δ_i(k) = ∂J/∂x_i(k), the seed's δ
    DJdz,  // ∂J/∂z_i(k), the "δ" of many textbooks
};

// What colours (and widens) an edge.
enum class EdgeMeasure {
    Weight,   // w_{i,j}(k): colour by sign, width by |w|
    Gradient, // ∂J/∂w_{i,j}(k) of the record in progress: colour by sign, width by |∂J/∂w|
};

// How one layer is drawn; chosen by the layout from the layer's size and the space.
enum class LayerMode {
    Labelled, // circles with the label and the value inside, a badge for δ
    Dots,     // small circles, values in the tooltip
    Cells,    // a grid of small squares (more than ~32 nodes)
    Image,    // the input as a rows×cols image (e.g. 28×28 for 784 inputs)
};

// A node (layer k, node i ≥ 1) or an edge (layer k, node i, input j ≥ 0; j = 0 is
// the bias). layer < 0: nothing.
struct GraphItem {
    int layer = -1;
    int node = 0;
    int input = -1; // ≥ 0 for an edge

    bool isNode() const { return layer >= 0 && input < 0; }
    bool isEdge() const { return layer >= 1 && input >= 0; }
    bool operator==(const GraphItem& o) const {
        return layer == o.layer && node == o.node && input == o.input;
    }
};

struct GraphOptions {
    NodeMeasure nodeMeasure = NodeMeasure::Delta;
    EdgeMeasure edgeMeasure = EdgeMeasure::Weight;
    GraphItem selected;
    double flash = 0; // 1 → 0: the animated part of the update highlight
};

} // namespace bp
