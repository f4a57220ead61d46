// backprop-cli: train, evaluate, step through, gradient-check, health-check and export
// multi-layer perceptrons with the Backprop Studio engine. The options are declared with CLI11
// (options.h, command_*.cpp), which also writes --help.
#include "commands.h"
#include "options.h"

#include "math/error.h"

#include <csignal>
#include <cstdio>
#include <exception>
#include <new>
#include <string>

namespace {
const char* kFooter = "exit codes: 0 success, 1 data or model error, 2 usage error, 3 train "
                      "stopped by Ctrl+C (the model trained so far saved; a second Ctrl+C "
                      "ends at once and leaves --save as it was)";

// The command given (for messages), or "" before one.
std::string commandOf(const CLI::App& app) {
    for (const CLI::App* sub : app.get_subcommands())
        return sub->get_name();
    return {};
}
} // namespace

int main(int argc, char** argv) {
    // A write past the file-size limit (ulimit -f) fails with EFBIG, which the atomic
    // writer reports (and the old file stays), instead of killing the process.
    std::signal(SIGXFSZ, SIG_IGN);
    CLI::App app(
        "train, evaluate, step through, gradient-check, health-check and export multi-layer "
        "perceptrons",
        "backprop-cli");
    app.footer(kFooter);
    app.set_version_flag("--version", "backprop-cli 0.1.0");
    app.require_subcommand(1);
    int result = 0;
    cli::addTrainCommand(app, result);
    cli::addEvalCommand(app, result);
    cli::addStepCommand(app, result);
    cli::addGradcheckCommand(app, result);
    cli::addHealthCommand(app, result);
    cli::addExportCommand(app, result);
    // A first word that is no command (CLI11 would only say one is required).
    if (argc > 1 && argv[1][0] != '-') {
        bool known = false;
        for (const CLI::App* sub : app.get_subcommands({}))
            known = known || sub->get_name() == argv[1];
        if (!known) {
            std::fprintf(stderr, "backprop-cli: unknown command '%s'\n\n%s", argv[1],
                         app.help().c_str());
            return 2;
        }
    }
    std::string command;
    try {
        app.parse(argc, argv); // runs the chosen command's callback
        return result;
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        command = commandOf(app);
        std::fprintf(stderr, "backprop-cli%s%s: %s\n(see backprop-cli %s--help)\n",
                     command.empty() ? "" : " ", command.c_str(), e.what(),
                     command.empty() ? "" : (command + " ").c_str());
        return 2;
    } catch (const cli::UsageError& e) {
        command = commandOf(app);
        std::fprintf(stderr, "backprop-cli %s: %s\n(see backprop-cli %s --help)\n", command.c_str(),
                     e.what(), command.c_str());
        return 2;
    } catch (const bp::InputError& e) {
        std::fprintf(stderr, "backprop-cli %s: %s\n", commandOf(app).c_str(), e.what());
        return 1;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "backprop-cli %s: out of memory\n", commandOf(app).c_str());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "backprop-cli %s: %s\n", commandOf(app).c_str(), e.what());
        return 1;
    }
}
