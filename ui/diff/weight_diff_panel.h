#pragma once
// The Weight diff dock: which weights differ, and by how much, between the state on
// screen and an earlier one: a mark the user set (its weights kept with it), the
// history's start, or the main run and its fork. A heatmap of Δw(k) per layer and a
// table of the largest differences; a click on either selects that weight on the graph
// (weightChosen). The numbers are the session's diffWeights (ui/session/weight_diff.h),
// of two snapshots' weights or computed by the worker from its history
// (TrainingSession::requestDiff): the panel only asks for them and shows them.
#include "session/snapshot.h"
#include "session/weight_diff.h"

#include <memory>
#include <QWidget>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;
class QVBoxLayout;

namespace bp {

class DiffHeatmap;

class WeightDiffPanel : public QWidget {
    Q_OBJECT
public:
    enum class Source { HistoryStart, Mark, Fork };

    explicit WeightDiffPanel(QWidget* parent = nullptr);

    // The shown run's newest snapshot: what "now" is, how far back the history reaches.
    // While the dock is in front a paused run's new state is compared at once; a running
    // one's (to the mark or the fork) about once a second.
    void setSnapshot(std::shared_ptr<const Snapshot> s);
    void setForkAvailable(bool on);
    // Whether the dock is in front (QDockWidget::visibilityChanged: a dock behind another
    // tab is not): only then does the panel ask for diffs. In front: one at once.
    void setShown(bool on);
    bool shown() const { return m_shown; }
    Source source() const;
    void setSource(Source s);
    // The mark: the state on screen now, which the Mark source compares from. It stays
    // (also after a rewind to before it: Δw then runs backwards) until a network of
    // another shape is set up.
    void markHere();
    std::shared_ptr<const Snapshot> mark() const { return m_mark; }
    qint64 markTime() const { return m_mark ? m_mark->time : -1; }

    // A diff to show (from requestDiff, or the window's main-vs-fork diff), and what its
    // two ends are, for the summary: "from record 1 200 (epoch 1) to record 3 400".
    void showDiff(std::shared_ptr<const WeightDiff> diff, const QString& ends);
    // Why there is no diff to show (the session refused, the history moved on).
    void showMessage(const QString& text);
    std::shared_ptr<const WeightDiff> diff() const { return m_diff; }
    QTableWidget* largestTable() const { return m_table; }
    DiffHeatmap* heatmap(int k) const; // nullptr if there is no layer k
    QString summaryText() const;
    // Asks for the diff of the chosen source now (also what Refresh does).
    void refresh();

signals:
    // Compare the history's start with now (TrainingSession::requestDiff()).
    void historyDiffRequested();
    // Compare the main run with its fork now.
    void forkDiffRequested();
    void weightChosen(int layer, int node, int column);

private:
    void buildHeatmaps();
    void fillTable();
    void diffFromMark();
    void updateMarkLabel();

    QComboBox* m_source = nullptr;
    QPushButton* m_markButton = nullptr;
    QPushButton* m_refresh = nullptr;
    QLabel* m_markLabel = nullptr;
    QLabel* m_summary = nullptr;
    QVBoxLayout* m_maps = nullptr; // captions and heatmaps, a pair per layer
    std::vector<QLabel*> m_captions;
    std::vector<DiffHeatmap*> m_heatmaps;
    QTableWidget* m_table = nullptr;
    QTimer* m_whileRunning = nullptr;

    std::shared_ptr<const Snapshot> m_snapshot;
    std::shared_ptr<const WeightDiff> m_diff;
    std::shared_ptr<const Snapshot> m_mark;
    bool m_forkAvailable = false;
    bool m_shown = false;
    bool m_forkWanted = false; // the fork was the source when it closed
};

} // namespace bp
