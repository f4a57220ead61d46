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
    }
    return QString();
}

} // namespace bp
