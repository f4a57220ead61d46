#include "io/json_reader.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace bp::json_reading {

std::string readJsonFile(const std::string& path, const std::string& what,
                         std::uintmax_t maxBytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(path, "cannot read the " + what + ": this is a folder, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path,
                         "cannot open the " + what + ": " + std::generic_category().message(errno));
    const std::uintmax_t bytes = std::filesystem::file_size(path, ec);
    if (!ec && bytes > maxBytes)
        throw InputError(path, "the file has " + std::to_string(bytes >> 20) +
                                   " MB, too large for a " + what + " (at most " +
                                   std::to_string(maxBytes >> 20) + " MB)");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw InputError(path,
                         "cannot read the " + what + ": " + std::generic_category().message(errno));
    return text.str();
}

} // namespace bp::json_reading
