#include "session/breakpoint_rules.h"

#include "math/metrics.h"
#include "session/breakpoint_checks.h"
#include "session/worker_detail.h"

#include <QStringList>

namespace bp {

using detail::number;

namespace {
QString className(const Dataset& data, int c) {
    const auto& names = data.classNames;
    return c >= 0 && static_cast<std::size_t>(c) < names.size()
               ? QString::fromStdString(names[static_cast<std::size_t>(c)])
               : QString::number(c);
}
} // namespace

template <typename T>
BreakpointHit afterLoss(const Breakpoints& b, const TrainingRunT<T>& run, int epochOfRecord) {
    const RecordValuesT<T>& v = run.values();
    const double loss = static_cast<double>(v.loss);
    if (b.lossAbove && loss > *b.lossAbove)
        return {PauseReason::LossAbove, QStringLiteral("J = %1 > %2 at record %3 (epoch %4).")
                                            .arg(number(loss), number(*b.lossAbove))
                                            .arg(run.lastRecordIndex())
                                            .arg(epochOfRecord)};
    if (!b.misclassified || !run.data().isClassification())
        return {};
    const int predicted = classOf(v.output());
    const int truth = classOf(v.target);
    if (predicted == truth)
        return {};
    return {PauseReason::Misclassified,
            QStringLiteral("Record %1 (epoch %2) classified as %3, target %4.")
                .arg(run.lastRecordIndex())
                .arg(epochOfRecord)
                .arg(className(run.data(), predicted), className(run.data(), truth))};
}

template <typename T>
BreakpointHit afterBackward(const Breakpoints& b, const TrainingRunT<T>& run, int epochOfRecord) {
    if (!b.gradientNormAbove)
        return {};
    const double norm = recordGradientNorm(run.network(), run.values());
    if (norm <= *b.gradientNormAbove)
        return {};
    return {PauseReason::GradientNorm, QStringLiteral("‖∂J/∂w‖ = %1 > %2 at record %3 (epoch %4).")
                                           .arg(number(norm), number(*b.gradientNormAbove))
                                           .arg(run.lastRecordIndex())
                                           .arg(epochOfRecord)};
}

BreakpointHit afterEpoch(const Breakpoints& b, const std::deque<EpochStats>& log) {
    if (!b.lossRisingEpochs || *b.lossRisingEpochs <= 0 || log.empty())
        return {};
    const int n = *b.lossRisingEpochs;
    int rises = 0;
    for (std::size_t i = log.size() - 1; i > 0 && rises < n; --i) {
        if (log[i].trainLoss > log[i - 1].trainLoss)
            ++rises;
        else
            break;
    }
    if (rises < n)
        return {};
    QStringList losses;
    for (std::size_t i = log.size() - 1 - static_cast<std::size_t>(n); i < log.size(); ++i)
        losses << number(log[i].trainLoss);
    return {PauseReason::LossRising, QStringLiteral("The epoch loss rose %1 epochs in a row: %2.")
                                         .arg(n)
                                         .arg(losses.join(QStringLiteral(" → ")))};
}

template <typename T> BreakpointHit beforeRecord(const TrainingRunT<T>& run) {
    return {PauseReason::RecordReached,
            QStringLiteral("Record %1 is next (position %2 of epoch %3).")
                .arg(run.recordIndex())
                .arg(run.position())
                .arg(run.epoch() + 1)};
}

#define BP_INSTANTIATE(T)                                                                          \
    template BreakpointHit afterLoss<T>(const Breakpoints&, const TrainingRunT<T>&, int);          \
    template BreakpointHit afterBackward<T>(const Breakpoints&, const TrainingRunT<T>&, int);      \
    template BreakpointHit beforeRecord<T>(const TrainingRunT<T>&);
BP_INSTANTIATE(float)
BP_INSTANTIATE(double)
#undef BP_INSTANTIATE

} // namespace bp
