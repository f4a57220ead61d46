#pragma once
// The step trace: every phase of every record as CSV rows, in long format
//   epoch,record,phase,layer,quantity,i,j,value
// quantity is one of x0 (the record's input), y (target), z, x, J, delta (∂J/∂x),
// dJdz, dJdw, w (after an update). i and j are 1-based node numbers as in the seed
// (j = 0 is the bias); a column that does not apply is empty.
#include "io/atomic_file.h"
#include "math/training.h"

#include <string>

namespace bp {

class TraceWriter {
public:
    explicit TraceWriter(const std::string& path); // writes the header
    // The rows of the phase that `run` just ran (`step` is what stepPhase returned).
    void write(const TrainingRun& run, const StepResult& step);
    void commit() { m_file.commit(); }

private:
    AtomicFile m_file;
};

} // namespace bp
