// RecordsModel's order: sorting by a column (a header click), and what the order is.
#include "panels/records_model.h"

#include <algorithm>
#include <numeric>

namespace bp {

double RecordsModel::sortKey(int column, long r) const {
    const std::size_t i = static_cast<std::size_t>(r);
    if (column == 1 && hasSourceColumn())
        return static_cast<double>(m_data->sourceRows[i]);
    const int input = column - firstInputColumn();
    if (input >= 0 && input < inputColumns())
        return m_data->inputs(input, r);
    if (column == targetColumn())
        return m_data->isClassification() && i < m_data->labels.size() ? m_data->labels[i]
                                                                       : m_data->targets(0, r);
    if (column == predictionColumn()) // wrong ones first, then by the output
        return m_rows[i].valid ? (m_rows[i].correct == 0 ? -2.0 : 0.0) + m_rows[i].confidence : 0;
    if (column == lossColumn())
        return m_rows[i].valid ? m_rows[i].loss : 0;
    return static_cast<double>(r);
}

void RecordsModel::sort(int column, Qt::SortOrder order) {
    if (!m_data || column < 0 || column >= columnCount())
        return;
    const bool byNetwork = column == predictionColumn() || column == lossColumn();
    if (byNetwork && !canPredict())
        return;
    if (hasMoreColumn() && column == firstInputColumn() + inputColumns())
        return; // "+780 more" has nothing to sort by
    emit layoutAboutToBeChanged();
    const int n = rowCount();
    if (byNetwork) { // every row's J with the weights now
        std::vector<int> missing;
        for (int r = 0; r < n; ++r)
            if (!m_rows[static_cast<std::size_t>(r)].valid)
                missing.push_back(r);
        computeRows(missing);
        m_sortedAtRecords = m_snapshot->recordsTrained;
    } else {
        m_sortedAtRecords = -1;
    }
    std::vector<double> key(static_cast<std::size_t>(n));
    for (int r = 0; r < n; ++r)
        key[static_cast<std::size_t>(r)] = sortKey(column, r);
    const QModelIndexList before = persistentIndexList();
    std::vector<long> recordsBefore;
    for (const QModelIndex& i : before)
        recordsBefore.push_back(recordAt(i.row()));
    m_order.resize(static_cast<std::size_t>(n));
    std::iota(m_order.begin(), m_order.end(), 0);
    std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) {
        const double ka = key[static_cast<std::size_t>(a)], kb = key[static_cast<std::size_t>(b)];
        return order == Qt::AscendingOrder ? ka < kb : ka > kb;
    });
    m_rowOf.assign(static_cast<std::size_t>(n), 0);
    for (int row = 0; row < n; ++row)
        m_rowOf[static_cast<std::size_t>(m_order[static_cast<std::size_t>(row)])] = row;
    m_sortColumn = column;
    m_sortOrder = order;
    QModelIndexList after;
    for (qsizetype k = 0; k < before.size(); ++k)
        after.push_back(
            index(rowOf(recordsBefore[static_cast<std::size_t>(k)]), before[k].column()));
    changePersistentIndexList(before, after);
    emit layoutChanged();
}

QString RecordsModel::sortNote() const {
    if (m_sortColumn < 0)
        return {};
    const QString by = headerData(m_sortColumn, Qt::Horizontal).toString().replace('\n', ' ');
    QString note =
        tr("Sorted by %1, %2")
            .arg(by, m_sortOrder == Qt::AscendingOrder ? tr("ascending") : tr("descending"));
    if (m_sortedAtRecords >= 0)
        note += tr(", with the weights after %1 records trained (click the header again to "
                   "sort with the weights now)")
                    .arg(m_sortedAtRecords);
    return note;
}

} // namespace bp
