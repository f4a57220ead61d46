#include "teaching/predict_box.h"

#include "math/prediction.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextDocument>
#include <QVBoxLayout>

namespace bp {

PredictBox::PredictBox(QWidget* parent) : QWidget(parent) {
    m_question = new QLabel(this);
    m_field = new QLineEdit(this);
    m_field->setPlaceholderText(tr("your value"));
    m_field->setMinimumWidth(90);
    m_check = new QPushButton(tr("Check"), this);
    m_skip = new QPushButton(tr("Skip"), this);
    m_check->setToolTip(tr("Runs the phase and grades the value typed (Enter)"));
    m_skip->setToolTip(tr("Runs the phase without a prediction"));
    m_verdict = new QLabel(this);
    m_equation = new QLabel(this);
    m_verdict->setWordWrap(true);
    m_equation->setWordWrap(true);
    m_equation->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_question);
    row->addWidget(m_field, 1);
    row->addWidget(m_check);
    row->addWidget(m_skip);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(row);
    column->addWidget(m_verdict);
    column->addWidget(m_equation);

    auto submit = [this] {
        if (!m_asking)
            return;
        if (!readTypedNumber(m_field->text().toStdString())) {
            showProblem(tr("Type a number, e.g. 0.3775 or −0.038 (a decimal comma works too)."));
            return;
        }
        m_asking = false;
        emit checked(m_field->text());
    };
    connect(m_check, &QPushButton::clicked, this, submit);
    connect(m_field, &QLineEdit::returnPressed, this, submit);
    connect(m_skip, &QPushButton::clicked, this, [this] {
        if (!m_asking)
            return;
        m_asking = false;
        emit skipped();
    });
    clear();
}

void PredictBox::ask(const QString& label) {
    m_asking = true;
    m_question->setText(tr("Predict %1:").arg(label));
    m_field->clear();
    m_field->setEnabled(true);
    m_check->setEnabled(true);
    m_skip->setEnabled(true);
    m_verdict->clear();
    m_equation->clear();
    setVisible(true);
    m_field->setFocus();
}

void PredictBox::showResult(const QString& verdict, int kind, const QString& equationHtml) {
    const char* colour = kind == int(PredictionGrade::Kind::Exact)   ? "#1b7f3b"
                         : kind == int(PredictionGrade::Kind::Close) ? "#9a6700"
                                                                     : "#c62828";
    m_verdict->setText(QString("<b style='color:%1'>%2</b>").arg(colour, verdict.toHtmlEscaped()));
    m_equation->setText(equationHtml);
    m_field->setEnabled(false);
    m_check->setEnabled(false);
    m_skip->setEnabled(false);
}

void PredictBox::showProblem(const QString& text) {
    m_verdict->setText(text.toHtmlEscaped());
}

void PredictBox::clear() {
    m_asking = false;
    m_question->setText(tr("Predict:"));
    m_field->clear();
    m_verdict->clear();
    m_equation->clear();
    setVisible(false);
}

QString PredictBox::typed() const {
    return m_field->text();
}

QString PredictBox::resultText() const {
    QTextDocument verdict, equation;
    verdict.setHtml(m_verdict->text());
    equation.setHtml(m_equation->text());
    return verdict.toPlainText() + "\n" + equation.toPlainText();
}

} // namespace bp
