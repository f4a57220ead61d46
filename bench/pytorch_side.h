#pragma once
// The PyTorch side of backprop-bench (--peer-pytorch): bench/pytorch_peer.py runs as
// a child process that loads its data once and then trains one round of a workload
// each time it is asked, so that its rounds interleave with the core's and FANN's.
// The child reads the starting weights and the circle records that writePeerData()
// wrote, so all three sides start from the same weights (rounded to float32 on the
// PyTorch side) and train on the same records. Nothing here links to PyTorch.
#include "bench_workloads.h"

#include <cstdio>
#include <string>
#include <sys/types.h>
#include <vector>

namespace bench {

// Writes, into the existing directory `dir`, what pytorch_peer.py --peer-dir reads:
// <id>-start.json for each workload (its starting network as a model file, see
// docs/model-format.md, with its learning rate and batch size) and, for a workload
// that trains on generated data (W3), circle-train.csv and circle-test.csv (a header,
// then the inputs and the target of each record, 17 significant digits). Throws
// std::runtime_error (or bp::InputError) when a file cannot be written.
void writePeerData(const std::string& dir, const std::vector<Workload>& workloads);

class PytorchPeer {
public:
    // Starts `python -u script --serve --peer-dir peerDir --only ids --data dataDir`
    // (python: a path, or a name looked up in PATH) and waits for its first line.
    // Throws std::runtime_error when the child cannot be started or answers something
    // else than ready or a skip.
    PytorchPeer(const std::string& python, const std::string& script, const std::string& peerDir,
                const std::string& ids, const std::string& dataDir);
    ~PytorchPeer(); // asks the child to quit and waits for it
    PytorchPeer(const PytorchPeer&) = delete;
    PytorchPeer& operator=(const PytorchPeer&) = delete;

    // False when the child said it cannot import torch, or when there is no such
    // interpreter (skipMessage() then says so).
    bool available() const { return m_available; }
    const std::string& skipMessage() const { return m_skip; }
    // "PyTorch 1.13.1, float32, 1 thread, BLAS_INFO=open"
    const std::string& description() const { return m_description; }

    // One round: the child trains a fresh network from w's starting weights over the
    // first w.records records for w.epochs epochs and times the loop itself (wall
    // clock; CPU time of the whole Python process). Throws std::runtime_error when the
    // child fails or answers something unexpected.
    SideResult run(const Workload& w, bool measureAccuracy);

private:
    std::string readLine();
    void stop();

    pid_t m_pid = -1;
    std::FILE* m_toChild = nullptr;
    std::FILE* m_fromChild = nullptr;
    bool m_available = false;
    std::string m_skip;
    std::string m_description;
};

} // namespace bench
