#pragma once
// The records of a dataset as a table: index, the first inputs, the target or
// class, and, once a network is set, its prediction and the record's loss J.
// Predictions are computed lazily: only for rows a view asks for (the visible
// ones), in a batch just after the paint that asked, never inside data().
#include "dataset.h"
#include "snapshot.h"

#include <memory>
#include <QAbstractTableModel>
#include <QTimer>
#include <vector>

namespace bp {

class RecordsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kMaxInputColumns = 4; // wider data get a "…" column

    explicit RecordsModel(QObject* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> data);
    // The network for predictions (recomputed when its weights change) and the
    // current record (highlighted).
    void setSnapshot(std::shared_ptr<const Snapshot> snapshot);
    void setCurrentRecord(long index); // −1: none
    long currentRecord() const { return m_current; }
    const Dataset* dataset() const { return m_data.get(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Column numbers (they depend on the dataset's input count).
    int inputColumns() const; // shown input columns, without the "…" column
    bool hasMoreColumn() const;
    int targetColumn() const;
    int predictionColumn() const;
    int lossColumn() const;
    // Whether the network fits the data (same input and output sizes).
    bool canPredict() const;
    // Computes the rows asked for so far now (normally done by a zero timer).
    void computePending();

private:
    struct Row {
        bool valid = false;
        bool queued = false;
        QString prediction;
        QString outputs; // every output, for the tooltip
        double loss = 0;
        int correct = -1; // 1 right, 0 wrong, −1 not a classification
    };
    QString targetText(Eigen::Index r) const;
    void invalidatePredictions();

    std::shared_ptr<const Dataset> m_data;
    std::shared_ptr<const Snapshot> m_snapshot;
    long m_current = -1;
    mutable std::vector<Row> m_rows;
    mutable std::vector<int> m_queue;
    mutable QTimer m_timer;
};

} // namespace bp
