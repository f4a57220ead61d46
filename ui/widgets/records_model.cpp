#include "records_model.h"

#include "backprop.h"
#include "explain.h"
#include "loss.h"
#include "metrics.h"

#include <algorithm>
#include <QBrush>
#include <QColor>
#include <QFont>

namespace bp {

namespace {

constexpr int kBatchRows = 400; // rows computed per timer tick at most

QString number(double v) {
    const QString s = QString::fromStdString(formatNumber(std::abs(v), 4));
    return v < 0 ? QStringLiteral("\u2212") + s : s;
}

QString subscript(int n) {
    QString out;
    for (QChar c : QString::number(n))
        out += QChar(0x2080 + c.digitValue());
    return out;
}

QString joined(const Vector& v, int max) {
    QStringList parts;
    for (Eigen::Index i = 0; i < std::min<Eigen::Index>(v.size(), max); ++i)
        parts << number(v[i]);
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

void RecordsModel::setDataset(std::shared_ptr<const Dataset> data) {
    beginResetModel();
    m_data = std::move(data);
    m_rows.assign(m_data ? static_cast<std::size_t>(m_data->records()) : 0, Row{});
    m_queue.clear();
    m_current = -1;
    endResetModel();
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
        if (r >= 0 && r < rowCount())
            emit dataChanged(this->index(static_cast<int>(r), 0),
                             this->index(static_cast<int>(r), columnCount() - 1));
}

void RecordsModel::invalidatePredictions() {
    for (Row& row : m_rows)
        row = Row{};
    m_queue.clear();
    if (rowCount() > 0)
        emit dataChanged(index(0, predictionColumn()), index(rowCount() - 1, lossColumn()));
}

int RecordsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_data ? 0 : static_cast<int>(m_data->records());
}

int RecordsModel::inputColumns() const {
    return m_data ? static_cast<int>(std::min<Eigen::Index>(m_data->inputSize(), kMaxInputColumns))
                  : 0;
}

bool RecordsModel::hasMoreColumn() const {
    return m_data && m_data->inputSize() > kMaxInputColumns;
}

int RecordsModel::targetColumn() const {
    return 1 + inputColumns() + (hasMoreColumn() ? 1 : 0);
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
    const int r = index.row();
    const int col = index.column();
    const bool current = r == m_current;
    if (role == Qt::BackgroundRole)
        return current ? QVariant(QBrush(QColor(255, 190, 0, 95))) : QVariant();
    if (role == Qt::FontRole && current) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::TextAlignmentRole)
        return col == 0 || (col >= 1 && col <= inputColumns()) || col == lossColumn()
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
            return tr("f = (%1), J = %2").arg(row.outputs, number(row.loss));
        return col == predictionColumn() ? row.prediction : number(row.loss);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (col == 0)
        return r;
    if (col <= inputColumns())
        return number(m_data->inputs(col - 1, r));
    if (hasMoreColumn() && col == inputColumns() + 1)
        return tr("+%1 more").arg(m_data->inputSize() - inputColumns());
    if (col == targetColumn())
        return targetText(r);
    return {};
}

QVariant RecordsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || !m_data)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        if (section == predictionColumn())
            return tr("The network's output f = x(L) for this record, with the weights now");
        if (section == lossColumn())
            return tr("J of this record with the weights now");
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    if (section == 0)
        return QStringLiteral("#");
    if (section <= inputColumns()) {
        const std::size_t i = static_cast<std::size_t>(section - 1);
        QString name = QStringLiteral("x") + subscript(section) + QStringLiteral("(0)");
        if (i < m_data->inputNames.size() && !m_data->inputNames[i].empty())
            name += QStringLiteral("\n") + QString::fromStdString(m_data->inputNames[i]);
        return name;
    }
    if (hasMoreColumn() && section == inputColumns() + 1)
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
    const Network& net = m_snapshot->network;
    const Activation out = net.layers.back().activation;
    RecordValues v;
    prepare(net, v);
    const std::size_t count = std::min<std::size_t>(m_queue.size(), kBatchRows);
    int lo = rowCount();
    int hi = -1;
    for (std::size_t n = 0; n < count; ++n) {
        const int r = m_queue[n];
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
            const double confidence = v.output().size() == 1 ? v.output()[0] : v.output()[c];
            const QString name =
                c >= 0 && c < static_cast<int>(m_data->classNames.size())
                    ? QString::fromStdString(m_data->classNames[static_cast<std::size_t>(c)])
                    : QString::number(c);
            row.prediction = (row.correct ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + name +
                             QStringLiteral(" (f = %1)").arg(number(confidence));
        } else {
            row.correct = -1;
            row.prediction = joined(v.output(), 3);
        }
        row.valid = true;
        row.queued = false;
        lo = std::min(lo, r);
        hi = std::max(hi, r);
    }
    m_queue.erase(m_queue.begin(), m_queue.begin() + static_cast<std::ptrdiff_t>(count));
    if (hi >= lo)
        emit dataChanged(index(lo, predictionColumn()), index(hi, lossColumn()));
    if (!m_queue.empty())
        m_timer.start();
}

} // namespace bp
