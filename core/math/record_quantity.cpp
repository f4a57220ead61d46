#include "math/record_quantity.h"

namespace bp {

namespace {
struct Named {
    RecordQuantity::Kind kind;
    const char* name;
};
const Named kNames[] = {
    {RecordQuantity::Kind::Z, "z"},         {RecordQuantity::Kind::X, "x"},
    {RecordQuantity::Kind::Delta, "delta"}, {RecordQuantity::Kind::DJdz, "dJdz"},
    {RecordQuantity::Kind::DJdw, "dJdw"},   {RecordQuantity::Kind::W, "w"},
    {RecordQuantity::Kind::J, "J"},
};

bool hasColumn(RecordQuantity::Kind k) {
    return k == RecordQuantity::Kind::DJdw || k == RecordQuantity::Kind::W;
}
} // namespace

Phase RecordQuantity::phase(int depth) const {
    switch (kind) {
    case Kind::Z:
    case Kind::X:
        return Phase{Phase::Kind::Forward, layer};
    case Kind::J:
        return Phase{Phase::Kind::Loss, 0};
    case Kind::Delta:
        return layer == depth ? Phase{Phase::Kind::Loss, 0} : Phase{Phase::Kind::Backward, layer};
    case Kind::DJdz:
    case Kind::DJdw:
        return Phase{Phase::Kind::Backward, layer};
    case Kind::W:
        return Phase{Phase::Kind::Update, 0};
    }
    return {};
}

std::optional<RecordQuantity::Kind> quantityKind(const std::string& name) {
    for (const Named& n : kNames)
        if (name == n.name)
            return n.kind;
    return std::nullopt;
}

std::string quantityName(RecordQuantity::Kind kind) {
    for (const Named& n : kNames)
        if (kind == n.kind)
            return n.name;
    return "";
}

std::string quantityLabel(const RecordQuantity& q) {
    const std::string i = std::to_string(q.node), k = "(" + std::to_string(q.layer) + ")";
    const std::string ij = "{" + i + "," + std::to_string(q.column) + "}";
    switch (q.kind) {
    case RecordQuantity::Kind::Z:
        return "z_" + i + k;
    case RecordQuantity::Kind::X:
        return "x_" + i + k;
    case RecordQuantity::Kind::Delta:
        return "δ_" + i + k;
    case RecordQuantity::Kind::DJdz:
        return "∂J/∂z_" + i + k;
    case RecordQuantity::Kind::DJdw:
        return "∂J/∂w_" + ij + k;
    case RecordQuantity::Kind::W:
        return "w_" + ij + k;
    case RecordQuantity::Kind::J:
        return "J";
    }
    return "";
}

std::string checkQuantity(const Network& net, const RecordQuantity& q) {
    if (q.kind == RecordQuantity::Kind::J)
        return "";
    const int L = net.depth();
    if (q.layer < 1 || q.layer > L)
        return "layer " + std::to_string(q.layer) + " does not exist: the network has layers 1.." +
               std::to_string(L);
    const auto& layer = net.layer(q.layer);
    if (q.node < 1 || q.node > layer.size())
        return "node " + std::to_string(q.node) + " does not exist: layer " +
               std::to_string(q.layer) + " has nodes 1.." + std::to_string(layer.size());
    if (hasColumn(q.kind) && (q.column < 0 || q.column > layer.inputs()))
        return "column " + std::to_string(q.column) + " does not exist: layer " +
               std::to_string(q.layer) + " has columns 0 (the bias).." +
               std::to_string(layer.inputs());
    return "";
}

double quantityValue(const Network& net, const RecordValues& v, const RecordQuantity& q) {
    if (q.kind == RecordQuantity::Kind::J)
        return v.loss;
    const Eigen::Index i = q.node - 1, j = q.column;
    switch (q.kind) {
    case RecordQuantity::Kind::Z:
        return v.layer(q.layer).z[i];
    case RecordQuantity::Kind::X:
        return v.layer(q.layer).x[i];
    case RecordQuantity::Kind::Delta:
        return v.layer(q.layer).delta[i];
    case RecordQuantity::Kind::DJdz:
        return v.layer(q.layer).dJdz[i];
    case RecordQuantity::Kind::DJdw:
        return v.layer(q.layer).dJdw(i, j);
    case RecordQuantity::Kind::W:
        return net.layer(q.layer).w(i, j);
    case RecordQuantity::Kind::J:
        break;
    }
    return v.loss;
}

Equation explainQuantity(const Network& before, const Network& after, const RecordValues& v,
                         const RecordQuantity& q, double a, const ExplainStyle& s) {
    const int k = q.layer, i = q.node, j = q.column;
    switch (q.kind) {
    case RecordQuantity::Kind::Z:
        return explainZ(before, v, k, i, s);
    case RecordQuantity::Kind::X:
        return explainX(before, v, k, i, s);
    case RecordQuantity::Kind::Delta:
        return explainDelta(before, v, k, i, s);
    case RecordQuantity::Kind::DJdz:
        return explainDJdz(before, v, k, i, s);
    case RecordQuantity::Kind::DJdw:
        return explainDJdw(before, v, k, i, j, s);
    case RecordQuantity::Kind::W:
        return explainUpdate(k, i, j, before.layer(k).w(i - 1, j), a, v.layer(k).dJdw(i - 1, j),
                             after.layer(k).w(i - 1, j), s);
    case RecordQuantity::Kind::J:
        break;
    }
    return explainLoss(before, v, s);
}

} // namespace bp
