#pragma once
// Jump to record (Ctrl+J): by the record index the window shows everywhere (graph,
// status bar, Records dock), or by the 1-based place in this epoch's order.
#include <QDialog>

class QLabel;
class QRadioButton;
class QSpinBox;

namespace bp {

class JumpDialog : public QDialog {
    Q_OBJECT

public:
    // records: the training records (indices 0..records−1); perEpoch: places in this
    // epoch (1..perEpoch); current: the record index and place shown now.
    JumpDialog(long records, long perEpoch, long currentIndex, long currentPlace,
               QWidget* parent = nullptr);

    bool byIndex() const;
    long recordIndex() const; // when byIndex()
    long place() const;       // 1-based, when !byIndex()
    void setRecordIndex(long index);
    void setPlace(long place);
    QString labelText() const; // what the dialog asks, for tests and screen readers

private:
    QRadioButton* m_byIndex;
    QRadioButton* m_byPlace;
    QSpinBox* m_index;
    QSpinBox* m_place;
    QLabel* m_hint;
};

} // namespace bp
