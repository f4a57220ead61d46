#pragma once
#include <array>
#include <cstdint>
#include <vector>

namespace bp {

// A seeded generator whose numbers are the same on every platform and compiler
// (xoshiro256** seeded by splitmix64). The std:: distributions differ between
// standard libraries, so uniform reals, bounded integers, normals and shuffles
// are computed here from the raw 64-bit stream.
class Random {
public:
    explicit Random(std::uint64_t seed = 1);

    std::uint64_t next();                 // raw 64 bits
    double uniform();                     // [0, 1), 53 bits
    double uniform(double lo, double hi); // [lo, hi)
    std::uint64_t below(std::uint64_t n); // [0, n), unbiased; n > 0
    double normal();                      // mean 0, sd 1 (Box-Muller)

    template <typename T> void shuffle(std::vector<T>& v) {
        // Fisher-Yates, from the back.
        for (std::size_t i = v.size(); i > 1; --i) {
            std::size_t j = static_cast<std::size_t>(below(i));
            std::swap(v[i - 1], v[j]);
        }
    }

    bool operator==(const Random& o) const;

    // The generator's whole state (xoshiro256**'s four words), to save a run and go on
    // with the same numbers later. An all-zero state is refused (it never leaves zero).
    using State = std::array<std::uint64_t, 4>;
    State state() const { return {m_s[0], m_s[1], m_s[2], m_s[3]}; }
    static Random fromState(const State& s);

private:
    std::uint64_t m_s[4];
};

} // namespace bp
