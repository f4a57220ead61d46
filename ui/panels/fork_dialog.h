#pragma once
// Train → Fork here…: the hyper-parameters of a fork of the run (learning rate a,
// momentum μ, batch size, L2 λ), prefilled with the run's own; unchanged, the fork stays
// bit-identical to it (docs/instruments.md, "Forked runs").
#include "math/optimizer.h"

#include <QDialog>
#include <QString>

class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace bp {

class ForkDialog : public QDialog {
    Q_OBJECT
public:
    explicit ForkDialog(const Hyper& current, QWidget* parent = nullptr);
    Hyper hyper() const; // the current hyper-parameters with the four fields as set
    void setHyper(const Hyper& h);

    QDoubleSpinBox* learningRateBox() const { return m_lr; }

private:
    void updateNote();

    Hyper m_current;
    QDoubleSpinBox* m_lr = nullptr;
    QSpinBox* m_batch = nullptr;
    QDoubleSpinBox* m_momentum = nullptr;
    QDoubleSpinBox* m_l2 = nullptr;
    QLabel* m_note = nullptr;
};

// What `to` changes of `from`, in the seed's symbols: "a = 0.05, μ = 0.9, batch 10,
// λ = 0.001" (empty: nothing).
QString hyperChanges(const Hyper& from, const Hyper& to);

} // namespace bp
