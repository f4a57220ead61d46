#include "teaching/lesson_panel.h"

#include "math/error.h"
#include "teaching/lesson_runner.h"
#include "teaching/predict_box.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

namespace bp {

namespace {
// The seed's plain-text subscripts as the graph writes them: z_1(1) → z₁(1),
// w_{1,0}(1) → w₁,₀(1), Σ_j → Σⱼ (lesson files are typed on a keyboard).
QString withSubscripts(QString text) {
    static const QRegularExpression braced(QStringLiteral("(?<=[A-Za-zδΣ])_\\{([0-9ijkl,]+)\\}"));
    static const QRegularExpression single(
        QStringLiteral("(?<=[A-Za-zδΣ])_([0-9ijkl])(?![A-Za-z0-9_])"));
    const auto lowered = [](const QString& s) {
        static const QString from = QStringLiteral("0123456789ijkl");
        static const QString to = QStringLiteral("₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₗ");
        QString out;
        for (const QChar c : s)
            out += from.contains(c) ? to[from.indexOf(c)] : c;
        return out;
    };
    for (const QRegularExpression* re : {&braced, &single}) {
        QString out;
        qsizetype last = 0;
        for (auto it = re->globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            out += text.mid(last, m.capturedStart() - last) + lowered(m.captured(1));
            last = m.capturedEnd();
        }
        text = out + text.mid(last);
    }
    return text;
}

QString plain(const QLabel* label) {
    QTextDocument d;
    d.setHtml(label->text());
    return d.toPlainText();
}
} // namespace

LessonPanel::LessonPanel(LessonHost* host, QWidget* parent) : QWidget(parent) {
    m_runner = new LessonRunner(host, this);
    m_lessons = new QComboBox(this);
    m_lessons->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_lessons->setMinimumContentsLength(16);
    m_lessons->addItem(tr("Choose a lesson…"));
    for (const std::string& path : builtinLessonPaths()) {
        QString title = QFileInfo(QString::fromStdString(path)).completeBaseName();
        try {
            title = QString::fromStdString(loadLesson(path).title);
        } catch (const std::exception&) { // opening it will say what is wrong
        }
        m_lessons->addItem(title, QString::fromStdString(path));
    }
    m_lessons->addItem(tr("Open a lesson file…"), QStringLiteral("open"));
    m_lessons->setToolTip(tr("The built-in lessons, or a lesson file a teacher wrote "
                             "(docs/teaching.md)"));

    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_position = new QLabel(this);
    m_position->setWordWrap(true);
    m_text = new QTextBrowser(this);
    m_text->setOpenExternalLinks(true);
    m_text->setMinimumHeight(60); // the dock shares the left side: a small window stays small
    m_predict = new PredictBox(this);
    m_checks = new QLabel(this);
    m_checks->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet("color: #c62828");
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_score = new QLabel(this);
    m_back = new QPushButton(tr("◀ Back"), this);
    m_next = new QPushButton(tr("Next ▶"), this);
    m_next->setToolTip(tr("The next step: runs its actions on the session"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addStretch(1);
    buttons->addWidget(m_score);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_lessons);
    layout->addWidget(m_title);
    layout->addWidget(m_position);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_predict);
    layout->addWidget(m_checks);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    connect(m_lessons, &QComboBox::activated, this, [this](int index) {
        const QString data = m_lessons->itemData(index).toString();
        if (data == "open")
            openLessonDialog();
        else if (!data.isEmpty())
            openLesson(data);
    });
    connect(m_back, &QPushButton::clicked, m_runner, &LessonRunner::back);
    connect(m_next, &QPushButton::clicked, m_runner, &LessonRunner::next);
    connect(m_runner, &LessonRunner::stepShown, this, &LessonPanel::showStep);
    connect(m_runner, &LessonRunner::stepFinished, this, &LessonPanel::stepFinished);
    connect(m_runner, &LessonRunner::askRequested, this, [this](const QString& label) {
        m_predict->ask(label);
        updateButtons();
    });
    connect(m_runner, &LessonRunner::graded, m_predict, &PredictBox::showResult);
    // The comparison goes on the step's page, which scrolls (the dock fits a 1280×800 window).
    connect(m_runner, &LessonRunner::comparisonReady, m_text,
            [this](const QString& html) { m_text->append(html); });
    connect(m_predict, &PredictBox::checked, m_runner, &LessonRunner::answer);
    connect(m_predict, &PredictBox::skipped, m_runner, &LessonRunner::skip);
    m_title->setText(tr("<b><big>Lessons</big></b>"));
    m_text->setMarkdown(tr("Choose a lesson above. Each step says what happens in the "
                           "seed's notation and drives the session: **Next** runs it, "
                           "**Back** returns the session to where it was.\n\n"
                           "Train → *Predict before each phase* asks you for a value before "
                           "every phase, in or out of a lesson."));
    updateButtons();
}

bool LessonPanel::openLesson(const QString& path) {
    Lesson lesson;
    try {
        lesson = loadLesson(path.toStdString());
    } catch (const std::exception& e) {
        showError(QString::fromStdString(e.what()));
        return false;
    }
    showError({});
    const int item = m_lessons->findData(path);
    m_lessons->setCurrentIndex(item >= 0 ? item : 0);
    m_runner->start(std::move(lesson));
    emit lessonOpened();
    return true;
}

void LessonPanel::openLessonDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open lesson"), QString(),
                                                      tr("Lessons (*.md);;All files (*)"));
    if (!path.isEmpty())
        openLesson(path);
}

void LessonPanel::onSnapshot(const Snapshot& s) {
    m_runner->onSnapshot(s);
}

void LessonPanel::showStep(int index) {
    const Lesson& lesson = m_runner->lesson();
    const LessonStep& step = lesson.steps[std::size_t(index)];
    // Rich text, not a font of its own: it grows with the presentation mode's font.
    m_title->setText("<b><big>" +
                     withSubscripts(QString::fromStdString(lesson.title)).toHtmlEscaped() +
                     "</big></b>");
    m_position->setText(
        tr("Step %1 of %2: %3")
            .arg(index + 1)
            .arg(lesson.steps.size())
            .arg(withSubscripts(QString::fromStdString(step.title)).toHtmlEscaped()));
    const std::string text = index == 0 ? lesson.intro + "\n" + step.text : step.text;
    m_text->setMarkdown(withSubscripts(QString::fromStdString(text)));
    m_predict->clear();
    m_checks->clear();
    showError({});
    updateButtons();
}

void LessonPanel::stepFinished() {
    const StepOutcome& o = m_runner->outcome();
    m_checks->setText(
        withSubscripts(o.expectations.join("\n")).toHtmlEscaped().replace("\n", "<br>"));
    showError(o.error);
    const int asked = m_runner->asked();
    m_score->setText(asked ? tr("Score: %1 exact, %2 close of %3")
                                 .arg(m_runner->exact())
                                 .arg(m_runner->close())
                                 .arg(asked)
                           : QString());
    updateButtons();
}

void LessonPanel::updateButtons() {
    const bool busy = m_runner->busy();
    const int step = m_runner->stepIndex();
    const int steps = int(m_runner->lesson().steps.size());
    // Back replays the lesson from its first step: exact only if that step opens the data.
    const Lesson& lesson = m_runner->lesson();
    bool opens = false;
    for (const LessonAction& a :
         lesson.steps.empty() ? std::vector<LessonAction>{} : lesson.steps.front().actions)
        opens = opens || a.kind == LessonAction::Kind::Open;
    m_back->setEnabled(m_runner->hasLesson() && !busy && step > 0 && opens);
    m_back->setToolTip(opens || !m_runner->hasLesson()
                           ? tr("The previous step, with the session exactly where it was then")
                           : tr("This lesson's first step does not open data, so Back could "
                                "not put the session back exactly"));
    m_next->setEnabled(m_runner->hasLesson() && !busy && step + 1 < steps);
}

void LessonPanel::showError(const QString& message) {
    m_error->setText(message.toHtmlEscaped());
    m_error->setVisible(!message.isEmpty());
}

QString LessonPanel::errorText() const {
    return m_error->isHidden() ? QString() : plain(m_error);
}
QString LessonPanel::checksText() const {
    return plain(m_checks);
}
QString LessonPanel::pageText() const {
    return m_text->toPlainText();
}
QString LessonPanel::scoreText() const {
    return m_score->text();
}

} // namespace bp
