#pragma once
// backprop-cli's commands, each a CLI11 subcommand with its options. The callback
// runs the command and stores its exit code in `result`: 0 success, 1 data or model
// error (errors are thrown; main() turns them into messages and codes).
#include <CLI/CLI.hpp>

namespace cli {

void addTrainCommand(CLI::App& app, int& result);
void addEvalCommand(CLI::App& app, int& result);
void addStepCommand(CLI::App& app, int& result);
void addGradcheckCommand(CLI::App& app, int& result);

} // namespace cli
