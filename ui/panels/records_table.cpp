#include "panels/records_table.h"

#include <algorithm>
#include <QHeaderView>
#include <QKeyEvent>
#include <QStyle>
#include <QTimer>

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
    horizontalHeader()->setStretchLastSection(false);           // J needs a number's width, no more
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setResizeContentsPrecision(100); // measure a screenful, not 60,000 rows
    fitRows();
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // file order until a click
    setSortingEnabled(true);
    // A new order starts at its top: the worst records first after "loss J", descending.
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this] { QTimer::singleShot(0, this, [this] { scrollToTop(); }); });
    connect(this, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.isValid())
            emit recordActivated(m_model->recordAt(index.row()));
    });
}

void RecordsTable::setDataset(std::shared_ptr<const Dataset> data, const Normalizer& normalizer) {
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_model->setDataset(std::move(data), normalizer);
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
    // The index and line columns: the widest number of the whole table, not of the
    // first hundred rows measured above (and room for the header's sort arrow).
    const int arrow = style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, this) + 8;
    const auto fitNumber = [&](int column, long widest) {
        const int text = QFontMetrics(bold).horizontalAdvance(QString::number(widest)) + pad;
        const int header = horizontalHeader()->fontMetrics().horizontalAdvance(
                               m_model->headerData(column, Qt::Horizontal).toString()) +
                           pad + arrow;
        setColumnWidth(column, std::max(text, header));
    };
    fitNumber(0, std::max<long>(0, static_cast<long>(d->records()) - 1));
    if (m_model->hasSourceColumn())
        fitNumber(1, *std::max_element(d->sourceRows.begin(), d->sourceRows.end()));
    setColumnWidth(m_model->predictionColumn(), QFontMetrics(bold).horizontalAdvance(widest) + pad);
    setColumnWidth(m_model->lossColumn(),
                   QFontMetrics(bold).horizontalAdvance(QStringLiteral("0.00000")) + pad);
}

void RecordsTable::setSnapshot(std::shared_ptr<const Snapshot> snapshot) {
    const long before = m_model->currentRecord();
    const bool running = snapshot && snapshot->running;
    m_model->setSnapshot(std::move(snapshot));
    const long now = m_model->currentRecord();
    if (m_follow && !running && now != before && m_model->rowOf(now) >= 0)
        scrollTo(m_model->index(m_model->rowOf(now), 0), QAbstractItemView::PositionAtCenter);
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
        emit recordActivated(m_model->recordAt(currentIndex().row()));
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

} // namespace bp
