#pragma once
// The records table: every record of the training data with its inputs, target,
// and the network's prediction and loss for it; the current record highlighted.
// Double-click (or Enter) on a row asks the main window to jump to that record. A
// header click sorts by that column (again: the other way), e.g. by loss J,
// descending, to find the worst records.
#include "panels/records_model.h"

#include <QTableView>

namespace bp {

class RecordsTable : public QTableView {
    Q_OBJECT
public:
    explicit RecordsTable(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> data, const Normalizer& normalizer = {});
    // Predictions from its network; highlights (and, while stepping, scrolls to)
    // the current record.
    void setSnapshot(std::shared_ptr<const Snapshot> snapshot);
    // Scroll to the current record when it changes while stepping (default on).
    void setFollowCurrent(bool on) { m_follow = on; }
    void setPresentationMode(bool on);
    RecordsModel* recordsModel() const { return m_model; }

signals:
    void recordActivated(long index); // a dataset record index

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void fitRows();
    void fitColumns();
    QFont boldFont() const;

    RecordsModel* m_model = nullptr;
    bool m_follow = true;
    bool m_presentation = false;
};

} // namespace bp
