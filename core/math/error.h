#pragma once
#include <stdexcept>
#include <string>

namespace bp {

// An error in user input (a data file, a model file, an option). what() reads
// "file:line:column: message" with the parts that apply.
class InputError : public std::runtime_error {
public:
    InputError(std::string file, long line, long column, const std::string& message);
    explicit InputError(const std::string& message) : InputError({}, 0, 0, message) {}
    InputError(std::string file, const std::string& message)
        : InputError(std::move(file), 0, 0, message) {}

    const std::string& file() const { return m_file; }
    long line() const { return m_line; }
    long column() const { return m_column; }
    const std::string& message() const { return m_message; }

private:
    std::string m_file;
    long m_line;
    long m_column;
    std::string m_message;
};

} // namespace bp
