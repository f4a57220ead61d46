#include "cli_memory.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <spawn.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bench {

std::vector<std::string> w2CliCommand(const std::string& cli, const std::string& dataDir,
                                      long records) {
    std::vector<std::string> argv = {cli,
                                     "train",
                                     "--data",
                                     dataDir + "/train-images-idx3-ubyte.gz",
                                     "--test",
                                     dataDir + "/t10k-images-idx3-ubyte.gz",
                                     "--layers",
                                     "784,128,10",
                                     "--activation",
                                     "sigmoid",
                                     "--output-activation",
                                     "sigmoid",
                                     "--loss",
                                     "mse",
                                     "--batch",
                                     "32",
                                     "--lr",
                                     "2.0",
                                     "--epochs",
                                     "1",
                                     "--precision",
                                     "float",
                                     "--no-shuffle"};
    if (records > 0) {
        argv.push_back("--records");
        argv.push_back(std::to_string(records));
    }
    return argv;
}

ChildRun runChild(const std::vector<std::string>& argv) {
    ChildRun run;
    run.argv = argv;
    int pipeEnds[2];
    if (pipe(pipeEnds) != 0)
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, pipeEnds[0]);
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipeEnds[1]);
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipeEnds[1]);
    if (spawned != 0) {
        close(pipeEnds[0]);
        throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(spawned));
    }
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(pipeEnds[0], buffer, sizeof buffer);
        if (n > 0)
            run.output.append(buffer, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR)
            break;
    }
    close(pipeEnds[0]);
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0)
        if (errno != EINTR)
            throw std::runtime_error(std::string("wait4: ") + std::strerror(errno));
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.peakMiB = double(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
    return run;
}

double selfPeakMiB() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

CliMemory measureCliMemory(const std::string& cli, const std::string& dataDir, bool quick) {
    CliMemory memory;
    memory.trainedRecords = quick ? 8192 : 60000;
    memory.benchPeakMiB = selfPeakMiB();
    memory.run = runChild(w2CliCommand(cli, dataDir, quick ? memory.trainedRecords : 0));
    if (memory.run.exitCode != 0)
        throw std::runtime_error("backprop-cli exited with " + std::to_string(memory.run.exitCode) +
                                 ":\n" + memory.run.output);
    return memory;
}

std::string epochLine(const std::string& output) {
    const std::size_t at = output.rfind("\nepoch ");
    if (at == std::string::npos)
        return "(no epoch line)";
    const std::size_t end = output.find('\n', at + 1);
    return output.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
}

std::string memoryLine(const CliMemory& m) {
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "W2 backprop-cli peak memory: %.1f MiB (dataset in float: %.1f MiB; ratio %.2f, "
                  "limit %g)",
                  m.run.peakMiB, m.datasetFloatMiB, m.ratio(), kMemoryLimit);
    return buf;
}

} // namespace bench
