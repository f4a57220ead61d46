#pragma once
// The records of a dataset as a table: the record index (the name every view uses),
// the line or item of the file it came from, the first inputs, the target or class,
// and, once a network is set, its prediction and the record's loss J.
// Predictions are computed lazily: only for rows a view asks for (the visible
// ones), in a batch just after the paint that asked, never inside data(). Sorting
// by any column (a header click) orders the rows; by prediction or loss it computes
// every row first, with the weights of that moment (sortNote() says which).
#include "math/dataset.h"
#include "session/snapshot.h"

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

    // `normalizer`: how the inputs were normalised (the table shows x(0), the values
    // the network is fed, labelled as normalised, with the file's value in the tooltip).
    void setDataset(std::shared_ptr<const Dataset> data, const Normalizer& normalizer = {});
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

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // Rows and records: the same until a sort.
    long recordAt(int row) const;
    int rowOf(long record) const; // −1: not in the table
    QString sortNote() const;     // what the current order is (empty: file order)

    // Column numbers (they depend on the dataset's input count).
    bool hasSourceColumn() const; // the file's line (or IDX item) of each record
    int firstInputColumn() const;
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
        double confidence = 0; // the predicted class's output (classification), else f_1
        int correct = -1;      // 1 right, 0 wrong, −1 not a classification
    };
    QString targetText(Eigen::Index r) const;
    QString inputTooltip(int input, Eigen::Index r) const;
    void invalidatePredictions();
    void computeRows(const std::vector<int>& records);
    double sortKey(int column, long r) const;

    std::shared_ptr<const Dataset> m_data;
    Normalizer m_normalizer;
    std::vector<int> m_order; // row → record (empty: row = record)
    std::vector<int> m_rowOf; // record → row
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    long m_sortedAtRecords = -1; // recordsTrained of the weights a loss sort used
    std::shared_ptr<const Snapshot> m_snapshot;
    long m_current = -1;
    mutable std::vector<Row> m_rows;
    mutable std::vector<int> m_queue;
    mutable QTimer m_timer;
};

} // namespace bp
