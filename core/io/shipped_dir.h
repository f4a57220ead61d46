#pragma once
// Where the files that ship with the app (resources/datasets, resources/lessons) are at run
// time: installed beside the executable, or the source tree's for a run from the build tree.
#include <string>

namespace bp {

// The folder `name` ("datasets", "lessons") of the shipped files: the installed copy
// <executable's dir>/../share/backprop-studio/<name> (the relative part is CMake's
// CMAKE_INSTALL_BINDIR → CMAKE_INSTALL_DATADIR) if it is a directory; else `sourceTreeDir`.
// `exe` is the executable's path; empty means this process's (/proc/self/exe).
std::string shippedDir(const std::string& name, const std::string& sourceTreeDir,
                       const std::string& exe = "");

} // namespace bp
