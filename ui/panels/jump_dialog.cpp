#include "panels/jump_dialog.h"

#include <algorithm>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QRadioButton>
#include <QSpinBox>

namespace bp {

JumpDialog::JumpDialog(long records, long perEpoch, long currentIndex, long currentPlace,
                       QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Jump to record"));
    m_byIndex =
        new QRadioButton(tr("Record index (as on the graph, status bar and Records dock):"));
    m_byPlace = new QRadioButton(tr("Place in this epoch's order (1 to %1):").arg(perEpoch));
    m_index = new QSpinBox;
    m_index->setRange(0, static_cast<int>(std::max(0L, records - 1)));
    m_index->setValue(static_cast<int>(std::clamp(currentIndex, 0L, records - 1)));
    m_index->setToolTip(tr("0 to %1: the index of a record in the training data").arg(records - 1));
    m_place = new QSpinBox;
    m_place->setRange(1, static_cast<int>(std::max(1L, perEpoch)));
    m_place->setValue(static_cast<int>(std::clamp(currentPlace, 1L, std::max(1L, perEpoch))));
    m_place->setToolTip(tr("1 to %1").arg(perEpoch));
    m_hint = new QLabel(tr("The record jumped to runs next; the one in progress is abandoned "
                           "(its update, if any, does not run)."));
    m_hint->setWordWrap(true);
    m_byIndex->setChecked(true);
    m_place->setEnabled(false);
    connect(m_byIndex, &QRadioButton::toggled, this, [this](bool on) {
        m_index->setEnabled(on);
        m_place->setEnabled(!on);
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* grid = new QGridLayout(this);
    grid->addWidget(m_byIndex, 0, 0);
    grid->addWidget(m_index, 0, 1);
    grid->addWidget(m_byPlace, 1, 0);
    grid->addWidget(m_place, 1, 1);
    grid->addWidget(m_hint, 2, 0, 1, 2);
    grid->addWidget(buttons, 3, 0, 1, 2);
}

bool JumpDialog::byIndex() const {
    return m_byIndex->isChecked();
}

long JumpDialog::recordIndex() const {
    return m_index->value();
}

long JumpDialog::place() const {
    return m_place->value();
}

void JumpDialog::setRecordIndex(long index) {
    m_byIndex->setChecked(true);
    m_index->setValue(static_cast<int>(index));
}

void JumpDialog::setPlace(long place) {
    m_byPlace->setChecked(true);
    m_place->setValue(static_cast<int>(place));
}

QString JumpDialog::labelText() const {
    return m_byIndex->text() + '\n' + m_byPlace->text();
}

} // namespace bp
