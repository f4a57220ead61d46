#include "bench_workloads.h"

#include <algorithm>
#include <cmath>
#include <time.h>

namespace bench {

bp::Network initialNetwork(const Workload& w) {
    bp::Architecture a = w.arch;
    a.init = bp::Init::Uniform;
    a.uniformRange = 1.0;
    bp::Network net = bp::makeNetwork(a, w.seed);
    for (bp::Layer& l : net.layers)
        l.w *= bp::Scalar(1.0 / std::sqrt(static_cast<double>(l.inputs())));
    return net;
}

namespace {

double clockSeconds(clockid_t id) {
    timespec t{};
    clock_gettime(id, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

} // namespace

Stopwatch::Stopwatch()
    : m_wall0(clockSeconds(CLOCK_MONOTONIC)), m_cpu0(clockSeconds(CLOCK_THREAD_CPUTIME_ID)) {}

double Stopwatch::wallSeconds() const {
    return clockSeconds(CLOCK_MONOTONIC) - m_wall0;
}

double Stopwatch::cpuSeconds() const {
    return clockSeconds(CLOCK_THREAD_CPUTIME_ID) - m_cpu0;
}

double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace bench
