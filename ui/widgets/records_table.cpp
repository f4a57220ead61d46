#include "records_table.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QStyle>

namespace bp {

RecordsTable::RecordsTable(QWidget* parent) : QTableView(parent) {
    m_model = new RecordsModel(this);
    setModel(m_model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // uniform rows: fast with 60,000
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setResizeContentsPrecision(100); // measure a screenful, not 60,000 rows
    fitRows();
    connect(this, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.isValid())
            emit recordActivated(index.row());
    });
}

void RecordsTable::setDataset(std::shared_ptr<const Dataset> data) {
    m_model->setDataset(std::move(data));
    fitColumns();
}

QFont RecordsTable::boldFont() const {
    QFont bold = font();
    bold.setBold(true);
    return bold;
}

void RecordsTable::fitColumns() {
    resizeColumnsToContents();
    const Dataset* d = m_model->dataset();
    if (!d)
        return;
    // Predictions are computed after the first paint: size their column for the
    // longest text they can have, not for the "…" shown before.
    QString widest = QStringLiteral("−0.0000, −0.0000, −0.0000");
    if (d->isClassification()) {
        QString longest;
        for (const std::string& name : d->classNames)
            if (static_cast<int>(name.size()) > longest.size())
                longest = QString::fromStdString(name);
        widest = QStringLiteral("✓ ") + longest + QStringLiteral(" (f = 0.9999)");
        const int classWidth = QFontMetrics(boldFont()).horizontalAdvance(longest) + 16;
        setColumnWidth(m_model->targetColumn(),
                       std::max(columnWidth(m_model->targetColumn()), classWidth));
    }
    const QFont bold = boldFont(); // the current record's row
    const int pad = 2 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 16;
    setColumnWidth(m_model->predictionColumn(), QFontMetrics(bold).horizontalAdvance(widest) + pad);
    setColumnWidth(m_model->lossColumn(),
                   QFontMetrics(bold).horizontalAdvance(QStringLiteral("0.00000")) + pad);
}

void RecordsTable::setSnapshot(std::shared_ptr<const Snapshot> snapshot) {
    const long before = m_model->currentRecord();
    const bool running = snapshot && snapshot->running;
    m_model->setSnapshot(std::move(snapshot));
    const long now = m_model->currentRecord();
    if (m_follow && !running && now != before && now >= 0 && now < m_model->rowCount())
        scrollTo(m_model->index(static_cast<int>(now), 0), QAbstractItemView::PositionAtCenter);
}

void RecordsTable::setPresentationMode(bool on) {
    if (m_presentation == on)
        return;
    m_presentation = on;
    QFont f = font();
    f.setPointSizeF(on ? f.pointSizeF() * 1.5 : f.pointSizeF() / 1.5);
    setFont(f);
    fitRows();
    fitColumns();
}

void RecordsTable::fitRows() {
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
}

void RecordsTable::keyPressEvent(QKeyEvent* event) {
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        currentIndex().isValid()) {
        emit recordActivated(currentIndex().row());
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

} // namespace bp
