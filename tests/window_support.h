#pragma once
// Helpers the tst_ui_window_* tests share.
#include "io/experiment.h"
#include "io/model_file.h"
#include "window/main_window.h"

#include <functional>
#include <QString>

namespace bp::testing {

// The iris preset (4-8-3, ReLU and softmax), then its network changed by `edit` and
// opened as a model file, as File → Open model does.
inline bool openIrisWith(MainWindow& w, const QString& path,
                         const std::function<void(Network&)>& edit) {
    if (!w.loadPreset("iris"))
        return false;
    const PreparedExperiment& p = w.prepared();
    Model m = p.modelFor(p.network, p.experiment.hyper);
    edit(m.network);
    saveModel(m, path.toStdString());
    return w.openModel(path);
}

} // namespace bp::testing
