#pragma once
// backprop-cli's commands, each a CLI11 subcommand with its options. The callback
// runs the command and stores its exit code in `result`: 0 success, 1 data or model
// error (errors are thrown; main() turns them into messages and codes).
#include <CLI/CLI.hpp>

namespace cli {

// train stopped by Ctrl+C: the model trained until then was saved (--save) and is
// complete. (A second Ctrl+C ends the program at once, killed by SIGINT.)
constexpr int kInterrupted = 3;

void addTrainCommand(CLI::App& app, int& result);
void addEvalCommand(CLI::App& app, int& result);
void addStepCommand(CLI::App& app, int& result);
void addGradcheckCommand(CLI::App& app, int& result);
void addHealthCommand(CLI::App& app, int& result);
void addExportCommand(CLI::App& app, int& result);

} // namespace cli
