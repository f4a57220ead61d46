#include "pytorch_side.h"

#include "io/json.h"
#include "io/model_file.h"
#include "math/dataset.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <set>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bench {

namespace {

void writeCsv(const std::string& path, const bp::Dataset& d) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    for (Eigen::Index i = 0; i < d.inputSize(); ++i)
        out << (i ? "," : "") << "x" << (i + 1);
    for (Eigen::Index i = 0; i < d.outputSize(); ++i)
        out << ",y" << (i + 1);
    out << "\n";
    for (Eigen::Index r = 0; r < d.records(); ++r) {
        for (Eigen::Index i = 0; i < d.inputSize(); ++i)
            out << (i ? "," : "") << bp::json::formatNumber(double(d.inputs(i, r)));
        for (Eigen::Index i = 0; i < d.outputSize(); ++i)
            out << "," << bp::json::formatNumber(double(d.targets(i, r)));
        out << "\n";
    }
    if (!out.flush())
        throw std::runtime_error("could not write " + path);
}

double number(const bp::json::Value& v, const char* key) {
    const bp::json::Value* x = v.find(key);
    if (!x || x->type != bp::json::Type::Number)
        throw std::runtime_error(std::string("PyTorch peer: no number '") + key +
                                 "' in its answer");
    return x->number;
}

std::string text(const bp::json::Value& v, const char* key) {
    const bp::json::Value* x = v.find(key);
    return x && x->type == bp::json::Type::String ? x->text : std::string();
}

} // namespace

void writePeerData(const std::string& dir, const std::vector<Workload>& workloads) {
    std::set<const bp::Dataset*> written;
    for (const Workload& w : workloads) {
        bp::saveModel(startingModel(w), dir + "/" + w.id + "-start.json");
        // Fashion-MNIST the peer reads from its IDX files; generated data it cannot.
        if (w.id == "W3" && !written.count(w.train.get())) {
            writeCsv(dir + "/circle-train.csv", *w.train);
            writeCsv(dir + "/circle-test.csv", *w.test);
            written.insert(w.train.get());
        }
    }
}

PytorchPeer::PytorchPeer(const std::string& python, const std::string& script,
                         const std::string& peerDir, const std::string& ids,
                         const std::string& dataDir) {
    // A child that dies must give this process an error, not a SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    int toChild[2], fromChild[2];
    if (pipe(toChild) != 0 || pipe(fromChild) != 0)
        throw std::runtime_error(std::string("PyTorch peer: pipe: ") + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, toChild[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], STDOUT_FILENO);
    for (int fd : {toChild[0], toChild[1], fromChild[0], fromChild[1]})
        posix_spawn_file_actions_addclose(&actions, fd);
    std::vector<std::string> args = {python,  "-u",     script, "--serve", "--peer-dir",
                                     peerDir, "--only", ids,    "--data",  dataDir};
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = posix_spawnp(&m_pid, python.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(toChild[0]);
    close(fromChild[1]);
    if (rc != 0) {
        close(toChild[1]);
        close(fromChild[0]);
        m_pid = -1;
        if (rc == ENOENT) { // no interpreter: as optional as no torch
            m_skip = python + " not found; skipping";
            return;
        }
        throw std::runtime_error("PyTorch peer: cannot start " + python + ": " + std::strerror(rc));
    }
    m_toChild = fdopen(toChild[1], "w");
    m_fromChild = fdopen(fromChild[0], "r");

    const std::string line = readLine();
    const bp::json::Value v = bp::json::parse(line, "PyTorch peer");
    if (const bp::json::Value* skip = v.find("skip")) {
        m_skip = skip->text;
        stop();
        return;
    }
    const bp::json::Value* ready = v.find("ready");
    if (!ready || ready->type != bp::json::Type::Bool || !ready->boolean)
        throw std::runtime_error("PyTorch peer: unexpected first line: " + line);
    m_available = true;
    m_description = "PyTorch " + text(v, "torch") +
                    (text(v, "debianPackage").empty()
                         ? std::string()
                         : " (Debian python3-torch " + text(v, "debianPackage") + ")") +
                    ", " + text(v, "dtype") + ", " + std::to_string(long(number(v, "threads"))) +
                    " thread, " + text(v, "blas");
    if (!text(v, "openblasCoretype").empty())
        m_description += ", OPENBLAS_CORETYPE=" + text(v, "openblasCoretype");
}

PytorchPeer::~PytorchPeer() {
    stop();
}

void PytorchPeer::stop() {
    if (m_toChild) {
        std::fputs("quit\n", m_toChild);
        std::fclose(m_toChild);
        m_toChild = nullptr;
    }
    if (m_fromChild) {
        std::fclose(m_fromChild);
        m_fromChild = nullptr;
    }
    if (m_pid > 0) {
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_pid = -1;
    }
}

std::string PytorchPeer::readLine() {
    std::string line;
    for (int c; (c = std::fgetc(m_fromChild)) != EOF;) {
        if (c == '\n')
            return line;
        line.push_back(static_cast<char>(c));
    }
    stop();
    throw std::runtime_error("PyTorch peer: the child process ended without an answer "
                             "(its messages are above)");
}

SideResult PytorchPeer::run(const Workload& w, bool measureAccuracy) {
    if (!m_available)
        throw std::runtime_error("PyTorch peer: not running");
    std::fprintf(m_toChild, "run %s %ld %d %d\n", w.id.c_str(), long(w.records), w.epochs,
                 measureAccuracy ? 1 : 0);
    if (std::fflush(m_toChild) != 0)
        throw std::runtime_error("PyTorch peer: cannot write to the child process");
    const std::string line = readLine();
    const bp::json::Value v = bp::json::parse(line, "PyTorch peer");
    SideResult r;
    r.steps = long(number(v, "steps"));
    r.wallSeconds = number(v, "wallSeconds");
    r.cpuSeconds = number(v, "cpuSeconds");
    r.testAccuracy = number(v, "testAccuracy");
    r.testLoss = number(v, "testLoss");
    if (r.steps != w.steps())
        throw std::runtime_error("PyTorch peer: trained " + std::to_string(r.steps) +
                                 " steps, asked for " + std::to_string(w.steps()));
    return r;
}

} // namespace bench
