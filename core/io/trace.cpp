#include "io/trace.h"

#include "math/number_text.h"

namespace bp {

namespace {
void row(AtomicFile& out, int epoch, Eigen::Index record, const std::string& phase, int layer,
         const char* quantity, long i, long j, double value) {
    const std::string num = roundTripText(value); // '.' whatever the locale
    std::string line = std::to_string(epoch) + ',' + std::to_string(record) + ',' + phase + ',' +
                       std::to_string(layer) + ',' + quantity + ',';
    if (i > 0)
        line += std::to_string(i);
    line += ',';
    if (j >= 0)
        line += std::to_string(j);
    line += ',';
    line += num;
    line += '\n';
    out.write(line);
}
} // namespace

TraceWriter::TraceWriter(const std::string& path) : m_file(path, "trace") {
    m_file.write("epoch,record,phase,layer,quantity,i,j,value\n");
}

void TraceWriter::write(const TrainingRun& run, const StepResult& step) {
    AtomicFile& out = m_file;
    const RecordValues& v = run.values();
    const Network& net = run.network();
    // The epoch and record the phase belonged to (the cursor may have moved on).
    const int epoch = run.epoch() + (step.epochDone ? 0 : 1);
    const Eigen::Index record = run.lastRecordIndex();
    const std::string phase = step.phase.kind == Phase::Kind::Forward    ? "forward"
                              : step.phase.kind == Phase::Kind::Backward ? "backward"
                              : step.phase.kind == Phase::Kind::Loss     ? "loss"
                                                                         : "update";
    const int k = step.phase.layer;
    switch (step.phase.kind) {
    case Phase::Kind::Forward:
        if (k == 1) {
            for (Eigen::Index i = 0; i < v.input.size(); ++i)
                row(out, epoch, record, phase, 0, "x0", i + 1, -1, v.input[i]);
            for (Eigen::Index i = 0; i < v.target.size(); ++i)
                row(out, epoch, record, phase, 0, "y", i + 1, -1, v.target[i]);
        }
        for (Eigen::Index i = 0; i < v.layer(k).z.size(); ++i) {
            row(out, epoch, record, phase, k, "z", i + 1, -1, v.layer(k).z[i]);
            row(out, epoch, record, phase, k, "x", i + 1, -1, v.layer(k).x[i]);
        }
        break;
    case Phase::Kind::Loss: {
        const int L = net.depth();
        row(out, epoch, record, phase, L, "J", 0, -1, v.loss);
        for (Eigen::Index i = 0; i < v.layer(L).delta.size(); ++i)
            row(out, epoch, record, phase, L, "delta", i + 1, -1, v.layer(L).delta[i]);
        break;
    }
    case Phase::Kind::Backward: {
        const LayerValues& lv = v.layer(k);
        for (Eigen::Index i = 0; i < lv.dJdz.size(); ++i) {
            if (k < net.depth())
                row(out, epoch, record, phase, k, "delta", i + 1, -1, lv.delta[i]);
            row(out, epoch, record, phase, k, "dJdz", i + 1, -1, lv.dJdz[i]);
        }
        for (Eigen::Index i = 0; i < lv.dJdw.rows(); ++i)
            for (Eigen::Index j = 0; j < lv.dJdw.cols(); ++j)
                row(out, epoch, record, phase, k, "dJdw", i + 1, j, lv.dJdw(i, j));
        break;
    }
    case Phase::Kind::Update:
        for (int l = 1; l <= net.depth(); ++l) {
            const Matrix& w = net.layer(l).w;
            for (Eigen::Index i = 0; i < w.rows(); ++i)
                for (Eigen::Index j = 0; j < w.cols(); ++j)
                    row(out, epoch, record, phase, l, "w", i + 1, j, w(i, j));
        }
        break;
    }
}

} // namespace bp
