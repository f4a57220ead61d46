#include "panels/records_model.h"

#include "style/screen_text.h"

#include "math/backprop.h"
#include "math/explain.h"
#include "math/loss.h"
#include "math/metrics.h"

#include <algorithm>
#include <QBrush>
#include <QColor>
#include <QFont>

namespace bp {

namespace {

constexpr int kBatchRows = 400; // rows computed per timer tick at most

QString cellNumber(double v) {
    return screenNumber(v, 4);
}

// "z-score", "min-max": the Dataset dock's words for the normalisation.
QString normalisationName(Normalizer::Kind k) {
    switch (k) {
    case Normalizer::Kind::ZScore:
        return QStringLiteral("z-score");
    case Normalizer::Kind::MinMax:
        return QStringLiteral("min-max");
    case Normalizer::Kind::None:
        break;
    }
    return QStringLiteral("raw");
}

QString joined(const Vector& v, int max) {
    QStringList parts;
    for (Eigen::Index i = 0; i < std::min<Eigen::Index>(v.size(), max); ++i)
        parts << cellNumber(v[i]);
    if (v.size() > max)
        parts << QStringLiteral("…");
    return parts.join(QStringLiteral(", "));
}

} // namespace

RecordsModel::RecordsModel(QObject* parent) : QAbstractTableModel(parent) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &RecordsModel::computePending);
}

void RecordsModel::setDataset(std::shared_ptr<const Dataset> data, const Normalizer& normalizer) {
    beginResetModel();
    m_data = std::move(data);
    m_normalizer = normalizer;
    m_rows.assign(m_data ? static_cast<std::size_t>(m_data->records()) : 0, Row{});
    m_queue.clear();
    m_order.clear();
    m_rowOf.clear();
    m_sortColumn = -1;
    m_sortedAtRecords = -1;
    m_current = -1;
    endResetModel();
}

long RecordsModel::recordAt(int row) const {
    return m_order.empty() ? row : m_order[static_cast<std::size_t>(row)];
}

int RecordsModel::rowOf(long record) const {
    if (record < 0 || record >= rowCount())
        return -1;
    return m_rowOf.empty() ? static_cast<int>(record) : m_rowOf[static_cast<std::size_t>(record)];
}

void RecordsModel::setSnapshot(std::shared_ptr<const Snapshot> snapshot) {
    const bool sameNetwork = m_snapshot && snapshot && m_snapshot->network == snapshot->network;
    m_snapshot = std::move(snapshot);
    if (!sameNetwork)
        invalidatePredictions();
    setCurrentRecord(m_snapshot ? m_snapshot->recordIndex : -1);
}

void RecordsModel::setCurrentRecord(long index) {
    if (index == m_current)
        return;
    const long old = m_current;
    m_current = index;
    for (long r : {old, index})
        if (const int row = rowOf(r); row >= 0)
            emit dataChanged(this->index(row, 0), this->index(row, columnCount() - 1));
}

void RecordsModel::invalidatePredictions() {
    for (Row& row : m_rows)
        row = Row{};
    m_queue.clear(); // (a sort by loss keeps its order: sortNote() says which weights it used)
    if (rowCount() > 0)
        emit dataChanged(index(0, predictionColumn()), index(rowCount() - 1, lossColumn()));
}

int RecordsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_data ? 0 : static_cast<int>(m_data->records());
}

bool RecordsModel::hasSourceColumn() const {
    return m_data && m_data->sourceRows.size() == static_cast<std::size_t>(m_data->records());
}

int RecordsModel::firstInputColumn() const {
    return hasSourceColumn() ? 2 : 1;
}

int RecordsModel::inputColumns() const {
    return m_data ? static_cast<int>(std::min<Eigen::Index>(m_data->inputSize(), kMaxInputColumns))
                  : 0;
}

bool RecordsModel::hasMoreColumn() const {
    return m_data && m_data->inputSize() > kMaxInputColumns;
}

int RecordsModel::targetColumn() const {
    return firstInputColumn() + inputColumns() + (hasMoreColumn() ? 1 : 0);
}
int RecordsModel::predictionColumn() const {
    return targetColumn() + 1;
}
int RecordsModel::lossColumn() const {
    return targetColumn() + 2;
}

int RecordsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_data ? 0 : lossColumn() + 1;
}

bool RecordsModel::canPredict() const {
    return m_data && m_snapshot && m_snapshot->network.depth() > 0 &&
           m_snapshot->network.inputSize == m_data->inputSize() &&
           m_snapshot->network.outputSize() == m_data->outputSize();
}

QString RecordsModel::targetText(Eigen::Index r) const {
    if (m_data->isClassification() && r < static_cast<Eigen::Index>(m_data->labels.size())) {
        const int c = m_data->labels[static_cast<std::size_t>(r)];
        if (c >= 0 && c < static_cast<int>(m_data->classNames.size()))
            return QString::fromStdString(m_data->classNames[static_cast<std::size_t>(c)]);
        return QString::number(c);
    }
    return joined(m_data->targets.col(r), 3);
}

QVariant RecordsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_data || index.row() >= rowCount())
        return {};
    const int r = static_cast<int>(recordAt(index.row()));
    const int col = index.column();
    const int input = col - firstInputColumn(); // 0-based input shown in this column
    const bool isInput = input >= 0 && input < inputColumns();
    const bool current = r == m_current;
    if (role == Qt::BackgroundRole)
        return current ? QVariant(QBrush(QColor(255, 190, 0, 95))) : QVariant();
    if (role == Qt::FontRole && current) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::TextAlignmentRole)
        return col < firstInputColumn() || isInput || col == lossColumn()
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    const bool predicted = col == predictionColumn() || col == lossColumn();
    if (predicted &&
        (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::ForegroundRole)) {
        if (!canPredict())
            return role == Qt::DisplayRole ? QVariant(QStringLiteral("—")) : QVariant();
        const Row& row = m_rows[static_cast<std::size_t>(r)];
        if (!row.valid) {
            if (!row.queued) { // computed after this paint, not inside it
                m_rows[static_cast<std::size_t>(r)].queued = true;
                m_queue.push_back(r);
                m_timer.start();
            }
            return role == Qt::DisplayRole ? QVariant(QStringLiteral("…")) : QVariant();
        }
        if (role == Qt::ForegroundRole)
            return row.correct == 0 && col == predictionColumn()
                       ? QVariant(QBrush(QColor(205, 45, 35)))
                       : QVariant();
        if (role == Qt::ToolTipRole)
            return tr("f = (%1), J = %2").arg(row.outputs, cellNumber(row.loss));
        return col == predictionColumn() ? row.prediction : cellNumber(row.loss);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (col == 0)
        return r;
    if (col == 1 && hasSourceColumn())
        return static_cast<qlonglong>(m_data->sourceRows[static_cast<std::size_t>(r)]);
    if (isInput)
        return role == Qt::ToolTipRole ? inputTooltip(input, r)
                                       : cellNumber(m_data->inputs(input, r));
    if (hasMoreColumn() && col == firstInputColumn() + inputColumns())
        return tr("+%1 more").arg(m_data->inputSize() - inputColumns());
    if (col == targetColumn())
        return targetText(r);
    return {};
}

QVariant RecordsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || !m_data)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        QString tip;
        if (section == 0)
            tip = tr("The record's index in the training data: the name the graph, the status "
                     "bar and Jump to record (Ctrl+J) use");
        else if (section == 1 && hasSourceColumn())
            tip = m_data->sourceRowKind == Dataset::SourceRow::Line
                      ? tr("The line of %1 the record is on")
                            .arg(QString::fromStdString(m_data->name))
                      : tr("The record's item in %1 (0-based, as IDX tools count)")
                            .arg(QString::fromStdString(m_data->name));
        else if (section >= firstInputColumn() && section < firstInputColumn() + inputColumns())
            tip = m_normalizer.kind == Normalizer::Kind::None
                      ? tr("x(0) as in the file (no normalisation)")
                      : tr("x(0) = (x − offset) / scale, %1-normalised on the training data: the "
                           "value the network is fed (the file's value is in each cell's tooltip)")
                            .arg(normalisationName(m_normalizer.kind));
        else if (section == predictionColumn())
            tip = tr("The network's output f = x(L) for this record, with the weights now");
        else if (section == lossColumn())
            tip = tr("J of this record with the weights now");
        if (section == m_sortColumn && !sortNote().isEmpty())
            tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + sortNote();
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    if (role != Qt::DisplayRole)
        return {};
    if (section == 0)
        return tr("record");
    if (section == 1 && hasSourceColumn())
        return m_data->sourceRowKind == Dataset::SourceRow::Line ? tr("line") : tr("item");
    if (section >= firstInputColumn() && section < firstInputColumn() + inputColumns()) {
        const int input = section - firstInputColumn();
        const std::size_t i = static_cast<std::size_t>(input);
        QString name = QStringLiteral("x") + subscript(input + 1) + QStringLiteral("(0)");
        if (m_normalizer.kind != Normalizer::Kind::None)
            name += QStringLiteral(", ") + normalisationName(m_normalizer.kind);
        if (i < m_data->inputNames.size() && !m_data->inputNames[i].empty())
            name += QStringLiteral("\n") + QString::fromStdString(m_data->inputNames[i]);
        return name;
    }
    if (hasMoreColumn() && section == firstInputColumn() + inputColumns())
        return QStringLiteral("…");
    if (section == targetColumn())
        return m_data->isClassification() ? tr("class") : tr("target y");
    if (section == predictionColumn())
        return tr("prediction f");
    if (section == lossColumn())
        return tr("loss J");
    return {};
}

void RecordsModel::computePending() {
    if (m_queue.empty() || !canPredict())
        return;
    const std::size_t count = std::min<std::size_t>(m_queue.size(), kBatchRows);
    computeRows(
        std::vector<int>(m_queue.begin(), m_queue.begin() + static_cast<std::ptrdiff_t>(count)));
    m_queue.erase(m_queue.begin(), m_queue.begin() + static_cast<std::ptrdiff_t>(count));
    if (!m_queue.empty())
        m_timer.start();
}

void RecordsModel::computeRows(const std::vector<int>& records) {
    const Network& net = m_snapshot->network;
    const Activation out = net.layers.back().activation;
    RecordValues v;
    prepare(net, v);
    int lo = rowCount();
    int hi = -1;
    for (const int r : records) {
        if (r < 0 || r >= rowCount())
            continue;
        m_data->inputs.copyColumn(r, v.input);
        v.target = m_data->targets.col(r);
        forward(net, v); // the engine's forward pass
        Row& row = m_rows[static_cast<std::size_t>(r)];
        row.loss = lossValue(net.loss, out, v.layers.back().z, v.output(), v.target);
        row.outputs = joined(v.output(), 10);
        if (m_data->isClassification()) {
            const int c = classOf(v.output());
            const int truth = classOf(v.target);
            row.correct = c == truth ? 1 : 0;
            row.confidence = v.output().size() == 1 ? v.output()[0] : v.output()[c];
            const QString name =
                c >= 0 && c < static_cast<int>(m_data->classNames.size())
                    ? QString::fromStdString(m_data->classNames[static_cast<std::size_t>(c)])
                    : QString::number(c);
            row.prediction = (row.correct ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + name +
                             QStringLiteral(" (f = %1)").arg(cellNumber(row.confidence));
        } else {
            row.correct = -1;
            row.confidence = v.output().size() > 0 ? v.output()[0] : 0;
            row.prediction = joined(v.output(), 3);
        }
        row.valid = true;
        row.queued = false;
        lo = std::min(lo, rowOf(r));
        hi = std::max(hi, rowOf(r));
    }
    if (hi >= lo)
        emit dataChanged(index(lo, predictionColumn()), index(hi, lossColumn()));
}

QString RecordsModel::inputTooltip(int input, Eigen::Index r) const {
    const double x = m_data->inputs(input, r);
    const std::size_t i = static_cast<std::size_t>(input);
    const QString name = i < m_data->inputNames.size()
                             ? QString::fromStdString(m_data->inputNames[i])
                             : QStringLiteral("x%1").arg(input + 1);
    if (m_normalizer.kind == Normalizer::Kind::None || m_normalizer.offset.size() <= input)
        return tr("x%1(0) = %2 (%3 as in the file)").arg(input + 1).arg(cellNumber(x), name);
    // The file's value back from x(0) = (x − offset) / scale.
    const double raw = m_normalizer.offset[input] + m_normalizer.scale[input] * x;
    return tr("x%1(0) = %2, %3-normalised; %4 = %5 in the file")
        .arg(input + 1)
        .arg(cellNumber(x), normalisationName(m_normalizer.kind), name,
             QString::fromStdString(formatNumber(raw, 6)));
}

} // namespace bp
