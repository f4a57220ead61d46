#pragma once
// The What-if dock: the weight, bias or input selected in the graph with a spin box.
// Editing it runs the record through the network again (core/math/what_if.h) and shows
// every z and x of the record, its J and the training set's J before and after the
// edit; Undo returns to the trained value. The edit lives in this dock until Keep in
// run puts a weight's edit into the training run (TrainingSession::setWeight, a step on
// the timeline that Back one phase undoes); a snapshot with new weights (Step, Run)
// drops an edit not kept. Input edits stay in the dock: the data are not changed.
// Below, the loss slice (core/math/loss_slice.h): J over the training set as the
// weight varies, or for two weights a heatmap. The training set's J and the slices are
// computed off the GUI thread, the newest request cancelling an older one.
#include "math/loss_slice.h"
#include "math/what_if.h"
#include "session/snapshot.h"
#include "session/weight_path.h"
#include "whatif/latest_task.h"

#include <memory>
#include <optional>
#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace bp {

class LossHeatmap;
class LossSliceChart;

class WhatIfPanel : public QWidget {
    Q_OBJECT
public:
    explicit WhatIfPanel(QWidget* parent = nullptr);
    ~WhatIfPanel() override;

    void setTrainingSet(std::shared_ptr<const Dataset> train);
    void setSnapshot(std::shared_ptr<const Snapshot> s);
    // w_{i,j}(k) (j = 0 the bias) or, for k = 0, the input x_i(0) of the record.
    void showTarget(const WhatIfTarget& t);
    void setShown(bool shown); // computes only while the dock is visible

    // The edit: as if typed into the box (the record and the training set's J follow).
    void setValue(double value);
    void undo(); // back to the trained value
    // Asks for the edited weight in the run (keepWanted); false if there is no weight edit.
    bool keep();
    bool hasEdit() const { return m_edit.has_value(); }
    void setSliceRadius(double radius); // the slice spans trained value ± radius
    void setTwoWeights(bool on);        // the heatmap of the last two weights selected
    // The path training took, from the session's history (asked for with pathWanted):
    // drawn on the heatmap if it is of the two weights shown.
    void setWeightPath(std::shared_ptr<const WeightPath> path);

    const std::optional<WhatIfTarget>& target() const { return m_target; }
    const std::optional<RecordWhatIf>& result() const { return m_result; }
    // The training set's J before and after the edit, once computed (else nullopt).
    std::optional<double> trainingLossBefore() const { return m_trainBefore; }
    std::optional<double> trainingLossAfter() const { return m_trainAfter; }
    const std::optional<LossSlice>& slice() const { return m_slice; }
    const std::optional<LossGrid>& grid() const { return m_grid; }
    const std::shared_ptr<const WeightPath>& weightPath() const { return m_path; }
    QDoubleSpinBox* valueBox() const { return m_value; }
    QTableWidget* table() const { return m_table; }
    QPushButton* keepButton() const { return m_keep; }
    LossSliceChart* sliceChart() const { return m_chart; }

signals:
    void editStarted(); // the user changed the value: the window pauses training
    // Keep in run: the window sets the weight in the session (TrainingSession::setWeight).
    void keepWanted(bp::WhatIfTarget target, double value);
    void trainingLossReady(); // trainingLossBefore/After are set
    void sliceReady();        // slice() (or grid()) holds the newest
    // The heatmap of these two weights is being computed: the window asks the session for
    // their path over the history (TrainingSession::requestWeightPath).
    void pathWanted(bp::WhatIfTarget first, bp::WhatIfTarget second);

private:
    bool ready() const; // a snapshot with values, a training set and a target that fits
    void refresh();     // the record's what-if and the table; asks for the training-set J
    void fillTable();
    void requestTrainingLoss();
    // the loss slice and heatmap (what_if_slice.cpp)
    void requestSlice();
    void showSlice();
    void updateHeader();
    double trainedValue() const;
    QString targetName(const WhatIfTarget& t) const;

    std::shared_ptr<const Snapshot> m_snapshot;
    std::shared_ptr<const Dataset> m_train;
    std::optional<WhatIfTarget> m_target;
    std::optional<WhatIfTarget> m_second; // the weight selected before m_target
    std::optional<double> m_edit;         // the edited value (none: the trained one)
    std::optional<RecordWhatIf> m_result;
    std::optional<double> m_trainBefore, m_trainAfter;
    std::optional<LossSlice> m_slice;
    std::optional<LossGrid> m_grid;
    double m_radius = 0; // 0: the default, max(1, 2|w|)
    bool m_shown = true;
    bool m_twoWeights = false;
    bool m_settingBox = false;
    bool m_pausing = false; // an edit while running waits for the pause's snapshot
    std::shared_ptr<const WeightPath> m_path; // of m_target and m_second, from the history

    QLabel* m_header;
    QDoubleSpinBox* m_value;
    QLabel* m_trained;
    QPushButton* m_undo;
    QPushButton* m_keep;
    QTableWidget* m_table;
    QDoubleSpinBox* m_radiusBox;
    QCheckBox* m_twoBox;
    QLabel* m_sliceNote;
    LossSliceChart* m_chart;
    LossHeatmap* m_heatmap;
    LatestTask<std::pair<double, double>> m_trainTask{this};
    LatestTask<LossSlice> m_sliceTask{this};
    LatestTask<LossGrid> m_gridTask{this};
};

} // namespace bp
