#include "io/shipped_dir.h"

#include <filesystem>
#include <system_error>

#ifndef BP_INSTALLED_DATA_REL
#define BP_INSTALLED_DATA_REL "../share/backprop-studio"
#endif

namespace bp {

std::string shippedDir(const std::string& name, const std::string& sourceTreeDir,
                       const std::string& exe) {
    std::error_code ec;
    const std::filesystem::path self = exe.empty()
                                           ? std::filesystem::read_symlink("/proc/self/exe", ec)
                                           : std::filesystem::path(exe);
    if (ec || self.empty())
        return sourceTreeDir;
    const std::filesystem::path installed = self.parent_path() / BP_INSTALLED_DATA_REL / name;
    if (std::filesystem::is_directory(installed, ec))
        return installed.lexically_normal().string();
    return sourceTreeDir;
}

} // namespace bp
