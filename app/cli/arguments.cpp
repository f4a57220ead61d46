#include "arguments.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace cli {

Arguments::Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
                     const std::set<std::string>& flags) {
    for (std::size_t n = 0; n < args.size(); ++n) {
        const std::string& a = args[n];
        if (a.rfind("--", 0) != 0)
            throw UsageError("unexpected argument '" + a + "' (options start with --)");
        std::string name = a.substr(2);
        std::string value;
        bool inlineValue = false;
        if (const std::size_t eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inlineValue = true;
        }
        if (flags.count(name)) {
            if (inlineValue)
                throw UsageError("--" + name + " takes no value");
            m_flags.insert(name);
        } else if (valued.count(name)) {
            if (!inlineValue) {
                if (n + 1 >= args.size())
                    throw UsageError("--" + name + " needs a value");
                value = args[++n];
            }
            m_values[name] = value;
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

bool Arguments::has(const std::string& name) const {
    return m_flags.count(name) || m_values.count(name);
}

std::string Arguments::text(const std::string& name, const std::string& fallback) const {
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

std::string Arguments::required(const std::string& name) const {
    const auto it = m_values.find(name);
    if (it == m_values.end())
        throw UsageError("--" + name + " is required");
    return it->second;
}

double Arguments::number(const std::string& name, double fallback) const {
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return fallback;
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(it->second.c_str(), &end);
    if (it->second.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(v))
        throw UsageError("--" + name + " expects a number, got '" + it->second + "'");
    return v;
}

long Arguments::integer(const std::string& name, long fallback) const {
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return fallback;
    char* end = nullptr;
    errno = 0;
    const long v = std::strtol(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end != '\0' || errno == ERANGE)
        throw UsageError("--" + name + " expects a whole number, got '" + it->second + "'");
    return v;
}

std::vector<std::string> Arguments::list(const std::string& name) const {
    std::vector<std::string> items;
    const std::string s = text(name);
    std::size_t start = 0;
    while (!s.empty() && start <= s.size()) {
        const std::size_t comma = s.find(',', start);
        const std::string item =
            s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty())
            items.push_back(item);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return items;
}

} // namespace cli
