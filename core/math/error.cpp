#include "math/error.h"

namespace bp {

static std::string describe(const std::string& file, long line, long column,
                            const std::string& message) {
    std::string where = file;
    if (line > 0)
        where += (where.empty() ? "line " : ":") + std::to_string(line);
    if (line > 0 && column > 0)
        where += ":" + std::to_string(column);
    return where.empty() ? message : where + ": " + message;
}

InputError::InputError(std::string file, long line, long column, const std::string& message)
    : std::runtime_error(describe(file, line, column, message)), m_file(std::move(file)),
      m_line(line), m_column(column), m_message(message) {}

} // namespace bp
