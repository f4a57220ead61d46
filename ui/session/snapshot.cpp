#include "session/snapshot.h"

namespace bp {

QString toText(PauseReason r) {
    switch (r) {
    case PauseReason::None:
        return QString();
    case PauseReason::User:
        return QStringLiteral("Paused");
    case PauseReason::NonFinite:
        return QStringLiteral("Paused: NaN or Inf");
    case PauseReason::LossAbove:
        return QStringLiteral("Paused: loss above the threshold");
    case PauseReason::LossRising:
        return QStringLiteral("Paused: the epoch loss is rising");
    case PauseReason::GradientNorm:
        return QStringLiteral("Paused: gradient norm above the threshold");
    case PauseReason::RecordReached:
        return QStringLiteral("Paused at the chosen record");
    case PauseReason::Misclassified:
        return QStringLiteral("Paused: a record was misclassified");
    case PauseReason::EpochsDone:
        return QStringLiteral("Finished the epochs");
    case PauseReason::LayerHealth:
        return QStringLiteral("Paused: a layer's health");
    }
    return QString();
}

Network networkOfRecord(const Snapshot& s) {
    Network net = s.network;
    if (s.weightsBefore.size() == net.layers.size())
        for (std::size_t k = 0; k < net.layers.size(); ++k)
            net.layers[k].w = s.weightsBefore[k];
    return net;
}

bool valuesMatchNetwork(const Snapshot& s) {
    const Network& net = s.network;
    const RecordValues& v = s.values;
    if (v.input.size() != net.inputSize || v.layers.size() != net.layers.size())
        return false;
    for (int k = 1; k <= net.depth(); ++k) {
        const Layer& l = net.layer(k);
        const LayerValues& lv = v.layer(k);
        if (lv.z.size() != l.size() || lv.x.size() != l.size() || lv.delta.size() != l.size() ||
            lv.dJdz.size() != l.size() || lv.dJdw.rows() != l.w.rows() ||
            lv.dJdw.cols() != l.w.cols())
            return false;
    }
    return true;
}

} // namespace bp
