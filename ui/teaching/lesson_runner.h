#pragma once
// Runs a lesson's steps against the window (LessonHost): each step's actions in order,
// waiting for the session's snapshot after every `step`, stopping at an `ask` until
// the student answers, and at the step's end checking its `expect` lines and grading
// the answer against the engine's values. Back replays the lesson from its first step
// with the asks skipped: the session is deterministic, so it ends exactly where it was.
#include "io/lesson_file.h"
#include "math/prediction.h"
#include "session/snapshot.h"

#include <memory>
#include <optional>
#include <QObject>
#include <QString>
#include <QStringList>

namespace bp {

class LessonHost;

// How a step's `expect` lines came out, and the answer to its `ask`.
struct StepOutcome {
    QStringList expectations; // "✓ z₁(1) = 0.3775" or "✗ z₁(1) is 0.3776, the lesson says 0.3775"
    int failed = 0;           // expectations the session did not meet
    QString error;            // an action that could not run ("file:line:column: …")
};

class LessonRunner : public QObject {
    Q_OBJECT
public:
    explicit LessonRunner(LessonHost* host, QObject* parent = nullptr);

    void start(Lesson lesson); // shows step 1 and runs its actions
    void next();
    void back(); // to the previous step, by replaying the lesson up to it
    // Predict-then-check outside a lesson: asks for `q`, then steps one phase.
    void predictNextPhase(const RecordQuantity& q);

    // The student's answer to the pending ask (a number, as typed), or none.
    void answer(const QString& typed);
    void skip();
    // Every snapshot the window shows: a `step` waits for its ticket.
    void onSnapshot(const Snapshot& s);

    const Lesson& lesson() const { return m_lesson; }
    bool hasLesson() const { return !m_lesson.steps.empty(); }
    int stepIndex() const { return m_step; } // 0-based; −1 before start
    bool busy() const { return m_waitTicket != 0 || m_asking || m_replaying; }
    const StepOutcome& outcome() const { return m_outcome; }
    int asked() const { return m_asked; }
    int exact() const { return m_exact; }
    int close() const { return m_close; }

signals:
    void stepShown(int index); // a step's text is to be shown (its actions start)
    void askRequested(const QString& labelHtml);
    void graded(const QString& verdict, int kind, const QString& equationHtml);
    void comparisonReady(const QString& html);
    void stepFinished(); // every action of the step ran (outcome() holds the checks)

private:
    struct Pending {
        RecordQuantity quantity;
        QString typed; // empty: skipped
    };
    void runStep(int index, bool replay);
    void runActions();
    bool runAction(const LessonAction& a); // false: wait (a ticket, an answer)
    void finishStep();
    void fail(const LessonAction& a, const QString& message);
    QString lessonDir() const;

    LessonHost* m_host;
    Lesson m_lesson;
    int m_step = -1;
    std::vector<LessonAction> m_actions; // of the step running
    std::size_t m_next = 0;              // the next action to run
    quint64 m_waitTicket = 0;
    bool m_asking = false;
    bool m_replaying = false; // Back: running earlier steps without asks
    int m_replayTo = -1;
    bool m_free = false; // predictNextPhase: not a lesson step
    std::optional<Pending> m_pending;
    std::vector<LessonAction> m_expects;
    StepOutcome m_outcome;
    int m_asked = 0, m_exact = 0, m_close = 0;
};

// z<sub>1</sub>(1), ∂J/∂w<sub>1,2</sub>(2): a quantity as the Inspector writes it.
QString quantityHtml(const RecordQuantity& q);

} // namespace bp
