#include "math/random.h"

#include "math/error.h"

#include <cmath>

namespace bp {

static std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

Random::Random(std::uint64_t seed) {
    std::uint64_t s = seed;
    for (auto& word : m_s)
        word = splitmix64(s);
}

std::uint64_t Random::next() {
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double Random::uniform() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Random::uniform(double lo, double hi) {
    return lo + (hi - lo) * uniform();
}

std::uint64_t Random::below(std::uint64_t n) {
    // Rejection sampling: discard the top sliver that would bias the modulo.
    const std::uint64_t limit = ~std::uint64_t(0) - (~std::uint64_t(0) % n);
    std::uint64_t r;
    do {
        r = next();
    } while (r >= limit);
    return r % n;
}

double Random::normal() {
    // Box-Muller; u1 in (0, 1] so the log is finite.
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

Random Random::fromState(const State& s) {
    if (s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] == 0)
        throw InputError("the random generator's state is all zero");
    Random r;
    for (std::size_t i = 0; i < s.size(); ++i)
        r.m_s[i] = s[i];
    return r;
}

bool Random::operator==(const Random& o) const {
    return m_s[0] == o.m_s[0] && m_s[1] == o.m_s[1] && m_s[2] == o.m_s[2] && m_s[3] == o.m_s[3];
}

} // namespace bp
