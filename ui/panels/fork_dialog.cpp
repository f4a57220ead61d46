#include "panels/fork_dialog.h"

#include "math/explain.h"
#include "panels/limited_box.h"
#include "session/fork.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace bp {

namespace {

QString number(double v) {
    return QString::fromStdString(formatNumber(v, 6));
}

} // namespace

QString hyperChanges(const Hyper& from, const Hyper& to) {
    QStringList parts;
    if (to.learningRate != from.learningRate)
        parts << QStringLiteral("a = %1").arg(number(to.learningRate));
    if (to.momentum != from.momentum)
        parts << QStringLiteral("\u03bc = %1").arg(number(to.momentum));
    if (to.batchSize != from.batchSize)
        parts << QObject::tr("batch %1").arg(to.batchSize);
    if (to.l2 != from.l2)
        parts << QStringLiteral("\u03bb = %1").arg(number(to.l2));
    if (to.freezeBias != from.freezeBias)
        parts << (to.freezeBias ? QObject::tr("biases frozen") : QObject::tr("biases free"));
    return parts.join(QStringLiteral(", "));
}

ForkDialog::ForkDialog(const Hyper& current, QWidget* parent)
    : QDialog(parent), m_current(current) {
    setWindowTitle(tr("Fork the run here"));
    setObjectName(QStringLiteral("forkDialog"));
    auto* intro = new QLabel(
        tr("A second run starts from exactly this state: the weights, the optimizer's open "
           "mini-batch and velocity, this epoch's record order, the random state and the place "
           "in the record. Both train; the Loss chart overlays them. Unchanged, the two runs "
           "stay bit-identical."));
    intro->setWordWrap(true);
    m_lr = decimalBox(0, 100, 0.01, 5);
    m_lr->setObjectName(QStringLiteral("forkLearningRate"));
    m_batch = new QSpinBox;
    m_batch->setRange(1, 100000);
    m_batch->setObjectName(QStringLiteral("forkBatch"));
    m_momentum = decimalBox(0, 0.999, 0.05, 3);
    m_momentum->setObjectName(QStringLiteral("forkMomentum"));
    m_l2 = decimalBox(0, 10, 0.0001, 6);
    m_l2->setObjectName(QStringLiteral("forkL2"));
    m_note = new QLabel;
    m_note->setWordWrap(true);
    const LimitNote say = [this](const QString& text) {
        if (!text.isEmpty())
            m_note->setText(text);
    };
    limitBox(m_lr, limits::learningRate, say);
    limitBox(m_batch, limits::batchSize, say);
    limitBox(m_momentum, limits::momentum, say);
    limitBox(m_l2, limits::l2, say);

    auto* form = new QFormLayout;
    form->addRow(tr("Learning rate a"), m_lr);
    form->addRow(tr("Momentum \u03bc"), m_momentum);
    form->addRow(tr("Batch size"), m_batch);
    form->addRow(tr("L2 \u03bb"), m_l2);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(buttons);
    setHyper(current);
    for (QDoubleSpinBox* b : {m_lr, m_momentum, m_l2})
        connect(b, &QDoubleSpinBox::valueChanged, this, &ForkDialog::updateNote);
    connect(m_batch, &QSpinBox::valueChanged, this, &ForkDialog::updateNote);
    updateNote();
    setMinimumWidth(fontMetrics().horizontalAdvance('m') * 34);
}

void ForkDialog::setHyper(const Hyper& h) {
    m_lr->setValue(h.learningRate);
    m_batch->setValue(h.batchSize);
    m_momentum->setValue(h.momentum);
    m_l2->setValue(h.l2);
}

Hyper ForkDialog::hyper() const {
    Hyper h = m_current;
    // A value the box rounded to its decimals but did not change stays the run's own.
    if (m_lr->value() != m_lr->valueFromText(m_lr->textFromValue(m_current.learningRate)))
        h.learningRate = m_lr->value();
    h.batchSize = m_batch->value();
    if (m_momentum->value() !=
        m_momentum->valueFromText(m_momentum->textFromValue(m_current.momentum)))
        h.momentum = m_momentum->value();
    if (m_l2->value() != m_l2->valueFromText(m_l2->textFromValue(m_current.l2)))
        h.l2 = m_l2->value();
    return h;
}

void ForkDialog::updateNote() {
    const QString changes = hyperChanges(m_current, hyper());
    m_note->setText(changes.isEmpty()
                        ? tr("Nothing changed: the fork will stay bit-identical to this run.")
                        : tr("The fork trains with %1 from the next record on.").arg(changes));
}

} // namespace bp
