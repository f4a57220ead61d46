#pragma once
// A small command-line parser: `--name value` and `--flag` options after a
// command word. Unknown options and missing values are usage errors (exit 2).
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Arguments {
public:
    // valued: options that take a value; flags: options that don't.
    Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
              const std::set<std::string>& flags);

    bool has(const std::string& name) const;
    std::string text(const std::string& name, const std::string& fallback = {}) const;
    std::string required(const std::string& name) const;
    double number(const std::string& name, double fallback) const;
    long integer(const std::string& name, long fallback) const;
    std::vector<std::string> list(const std::string& name) const; // comma-separated

private:
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
};

} // namespace cli
