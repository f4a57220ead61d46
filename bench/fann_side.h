#pragma once
// The peer side of backprop-bench: FANN 2.2, float build (libfloatfann), trained
// incrementally (online SGD, one update per record) on the same records, in the
// same order and from the same starting weights as the core.
#include "bench_workloads.h"

#include <vector>

namespace bench {

// A dataset as FANN reads it: one float row per record (fann_type is float in
// libfloatfann). Built once per dataset, outside the timed runs.
struct FannData {
    unsigned inputs = 0;
    unsigned outputs = 0;
    unsigned records = 0;
    std::vector<float> in;  // records × inputs, row by row
    std::vector<float> out; // records × outputs
    std::vector<float*> inRows;
    std::vector<float*> outRows;
};

FannData makeFannData(const bp::Dataset& d);

// One line on what the FANN network is set to, for the report.
// How FANN trains: online, or (miniBatch > 0) the core's mini-batch SGD.
struct FannMode {
    int miniBatch = 0;
};
std::string fannSettings(const Workload& w, FannMode mode = {});

// Builds a FANN network shaped like w.arch with initialNetwork(w)'s weights,
// sets it up as the core is (see fann_side.cpp), and times w.epochs calls of
// fann_train_epoch over the first w.records records of `data`. With
// `measureAccuracy`, runs w.test through it afterwards (not timed).
SideResult runFann(const Workload& w, FannData& data, bool measureAccuracy, FannMode mode = {});

} // namespace bench
