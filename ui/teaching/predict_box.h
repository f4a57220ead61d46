#pragma once
// Predict, then check: "Predict z₁(1): [      ] Check  Skip", and after the phase ran
// the grade (core/math/prediction.h) and the filled-in equation. Lessons' `ask` and
// Train → Predict before each phase both use it.
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace bp {

class PredictBox : public QWidget {
    Q_OBJECT
public:
    explicit PredictBox(QWidget* parent = nullptr);

    // Asks for `label` (rich text, "z<sub>1</sub>(1)"); the field gets the focus.
    void ask(const QString& label);
    // The grade line ("exact (to 4 decimals)", in green, amber or red) and the equation.
    void showResult(const QString& verdict, int kind, const QString& equationHtml);
    // A value that could not be graded ("not a number: …"): the field stays open.
    void showProblem(const QString& text);
    void clear();
    bool isAsking() const { return m_asking; }
    QString typed() const;

    // For tests and the window: the parts, by role.
    QLineEdit* field() const { return m_field; }
    QPushButton* checkButton() const { return m_check; }
    QPushButton* skipButton() const { return m_skip; }
    QString resultText() const; // the verdict and the equation as plain text

signals:
    void checked(const QString& typed); // Check or Enter, with a number typed
    void skipped();

private:
    QLabel* m_question = nullptr;
    QLineEdit* m_field = nullptr;
    QPushButton* m_check = nullptr;
    QPushButton* m_skip = nullptr;
    QLabel* m_verdict = nullptr;
    QLabel* m_equation = nullptr;
    bool m_asking = false;
};

} // namespace bp
