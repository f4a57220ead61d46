#pragma once
// The Lessons dock: a lesson's steps one page at a time (Back / Next), the text of the
// step in the seed's notation, the predict box, the step's checks and the score.
#include "io/lesson_file.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace bp {

class LessonHost;
class LessonRunner;
class PredictBox;
struct Snapshot;

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    LessonPanel(LessonHost* host, QWidget* parent = nullptr);

    // Reads and starts the lesson at `path`; false (and the error, with line and
    // column, in the panel) if it cannot be read.
    bool openLesson(const QString& path);
    void openLessonDialog();
    void onSnapshot(const Snapshot& s);

    LessonRunner* runner() const { return m_runner; }
    PredictBox* predictBox() const { return m_predict; }
    QPushButton* nextButton() const { return m_next; }
    QPushButton* backButton() const { return m_back; }
    QString errorText() const;
    QString checksText() const; // the step's expectations, one per line
    QString pageText() const;   // the step's text (and comparison table) as plain text
    QString scoreText() const;

signals:
    void lessonOpened(); // a lesson was read and its first step started

private:
    void showStep(int index);
    void stepFinished();
    void updateButtons();
    void showError(const QString& message);

    LessonRunner* m_runner = nullptr;
    QComboBox* m_lessons = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_position = nullptr;
    QTextBrowser* m_text = nullptr;
    PredictBox* m_predict = nullptr;
    QLabel* m_checks = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_score = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_next = nullptr;
};

} // namespace bp
