#pragma once
#include <string>
#include <vector>

namespace cli {

// Each returns the process exit code: 0 success, 1 data or model error, 2 usage error
// (errors are thrown; main() turns them into messages and codes).
int trainCommand(const std::vector<std::string>& args);
int evalCommand(const std::vector<std::string>& args);
int stepCommand(const std::vector<std::string>& args);
int gradcheckCommand(const std::vector<std::string>& args);

} // namespace cli
