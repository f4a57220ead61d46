// The trainer's health windows: the health breakpoints' and the health samples' (one
// window when both take the same records), fed after each record trained.
#include "session/session_trainer.h"

namespace bp {

template <typename T> BreakpointHit SessionTrainerT<T>::healthAfterRecord(int epochOfRecord) {
    const Run& run = *m_cursor.run;
    const HealthBreakpoints& b = m_ctx.breakpoints.health;
    const bool breakpoints = b.any();
    const HealthSampler breakpointSampler = samplerOf(b);
    bool shared = false; // the breakpoints are checked on the samples' window
    BreakpointHit hit;
    if (m_ctx.healthSampling) {
        shared = breakpoints && sameSampler(*m_ctx.healthSampling, breakpointSampler);
        const HealthSampler& sampler = *m_ctx.healthSampling;
        const long t = run.recordsTrained();
        if (sampler.starts(t)) // thinned at the source when windows close too fast
            m_skipHealthWindow = !shared && !shortGoal() && m_goal != Goal::None && !paced() &&
                                 Clock::now() - m_lastHealthSample < kHealthSampleGap;
        HealthSample s;
        // (Breakpoints set mid-window on the same sampler: that window is theirs too.)
        if (m_skipHealthWindow && !shared && sampler.adds(t)) {
            m_healthSampler.skip(t);
        } else if (m_healthSampler.afterRecord(sampler, run, epochOfRecord, m_cursor.time, s)) {
            m_lastHealthSample = Clock::now();
            if (shared)
                hit = healthHit(b, s.layers, s.first, s.last, s.epoch);
            m_healthSamples.push_back(std::move(s)); // to the outbox with the loss points
        }
    }
    if (breakpoints && !shared) {
        HealthSample s;
        if (m_healthWatch.afterRecord(breakpointSampler, run, epochOfRecord, m_cursor.time, s))
            hit = healthHit(b, s.layers, s.first, s.last, s.epoch);
    }
    return hit;
}

template <typename T>
void SessionTrainerT<T>::doSetHealthSampling(const std::optional<HealthSampler>& sampler) {
    m_ctx.healthSampling = sampler;
    m_healthSampler.clear(); // a new window from the next record on
    m_skipHealthWindow = false;
}

#define BP_INSTANTIATE(T)                                                                          \
    template BreakpointHit SessionTrainerT<T>::healthAfterRecord(int);                             \
    template void SessionTrainerT<T>::doSetHealthSampling(const std::optional<HealthSampler>&);
BP_INSTANTIATE(float)
BP_INSTANTIATE(double)
#undef BP_INSTANTIATE

} // namespace bp
