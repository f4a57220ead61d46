// Lesson files (core/io/lesson_file.h): the built-in lessons read, a lesson's parts land
// where the format says, and every mistake a teacher can make gets its line and column.
#include "io/lesson_file.h"
#include "math/error.h"

#include <QtTest>

using namespace bp;

namespace {
// The error parseLesson gives for `text`, "lesson.md:line:column: message".
QString errorOf(const std::string& text) {
    try {
        parseLesson(text, "lesson.md");
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return "no error";
}
const std::string kHead = "# A lesson\nIntro.\n## Step one\nText.\n```lesson\n";
} // namespace

class LessonFile : public QObject {
    Q_OBJECT
private slots:
    void readsTheParts() {
        const Lesson l = parseLesson("\xEF\xBB\xBF# Title\r\nThe intro.\n\n## First\nSome "
                                     "*text*.\n```lesson\nopen data=a.csv targets=3,4 "
                                     "model=m.json\nask z 1 2   # predict it\nstep phase 3\n"
                                     "expect dJdw 2 1 0 -0.0381\nselect edge 2 1 0\n```\n"
                                     "After.\n```text\n## not a step\n```\n## Second\n"
                                     "```lesson\nopen preset=xor\nshow Loss and metrics\n"
                                     "compare update-order steps=100\nexpect J 0.30\n```\n",
                                     "l.md");
        QCOMPARE(QString::fromStdString(l.title), QString("Title"));
        QCOMPARE(QString::fromStdString(l.intro), QString("The intro.\n\n"));
        QCOMPARE(l.steps.size(), std::size_t(2));
        const LessonStep& s = l.steps[0];
        QCOMPARE(QString::fromStdString(s.title), QString("First"));
        QCOMPARE(s.line, 4L);
        QVERIFY(QString::fromStdString(s.text).contains("## not a step")); // inside a fence
        QCOMPARE(s.actions.size(), std::size_t(5));
        QCOMPARE(s.actions[0].data, std::string("a.csv"));
        QCOMPARE(s.actions[0].targets, std::string("3,4"));
        QCOMPARE(s.actions[0].model, std::string("m.json"));
        QVERIFY(s.actions[1].kind == LessonAction::Kind::Ask);
        QCOMPARE(s.actions[1].quantity.node, 2);
        QCOMPARE(s.actions[2].count, 3L);
        QCOMPARE(s.actions[2].line, 9L);
        QCOMPARE(s.actions[3].value, -0.0381);
        QCOMPARE(s.actions[3].decimals, 4);
        QCOMPARE(s.actions[3].quantity.column, 0);
        QVERIFY(s.actions[4].isEdge);
        const LessonStep& t = l.steps[1];
        QCOMPARE(t.actions[0].preset, std::string("xor"));
        QCOMPARE(t.actions[1].text, std::string("Loss and metrics"));
        QCOMPARE(t.actions[2].steps, 100L);
        QCOMPARE(t.actions[3].decimals, 2);
        QVERIFY(t.actions[3].quantity.kind == RecordQuantity::Kind::J);
    }

    void theBuiltInLessonsRead() {
        const std::vector<std::string> paths = builtinLessonPaths();
        QCOMPARE(paths.size(), std::size_t(5));
        for (const std::string& p : paths) {
            const Lesson l = loadLesson(p);
            QVERIFY2(l.steps.size() >= 3, p.c_str());
            QVERIFY2(l.steps[0].actions.at(0).kind == LessonAction::Kind::Open, p.c_str());
        }
    }

    void mistakesNameLineAndColumn() {
        QCOMPARE(errorOf(kHead + "stpe phase\n```\n"),
                 QString("lesson.md:6:1: unknown action 'stpe': expected open, step, select, "
                         "show, ask, expect or compare"));
        QCOMPARE(errorOf(kHead + "  ask q 1 1\n```\n"),
                 QString("lesson.md:6:7: unknown quantity 'q': expected z, x, delta, dJdz, dJdw, "
                         "w or J"));
        QCOMPARE(errorOf(kHead + "step phase x\n```\n"),
                 QString("lesson.md:6:12: expected how many (a whole number 1..1000000), got 'x'"));
        QCOMPARE(errorOf(kHead + "expect z 1 1 0.3.7\n```\n"),
                 QString("lesson.md:6:14: expected a number, got '0.3.7'"));
        QCOMPARE(errorOf(kHead + "expect w 1 1\n```\n"),
                 QString("lesson.md:6:13: expected the input j (0: the bias) after '1'"));
        QCOMPARE(errorOf(kHead + "open preset=xor model=m.json\n```\n"),
                 QString("lesson.md:6:6: targets= and model= go with data=, not with preset="));
        QCOMPARE(errorOf(kHead + "open colour=red\n```\n"),
                 QString("lesson.md:6:6: unknown key 'colour': expected preset, data, targets "
                         "or model"));
        QCOMPARE(errorOf(kHead + "select node 1 1 7\n```\n"),
                 QString("lesson.md:6:17: unexpected '7' at the end of 'select'"));
        QCOMPARE(errorOf(kHead + "step phase\n"),
                 QString("lesson.md:5:1: this ``` block is not closed: expected a line with ``` "
                         "after it"));
        QCOMPARE(errorOf("Intro first\n## Step\n"),
                 QString("lesson.md:1:1: expected the lesson's title first, as '# Title'"));
        QCOMPARE(errorOf("# T\n```lesson\nstep phase\n```\n"),
                 QString("lesson.md:2:1: a lesson block before the first step: write a '## ' "
                         "heading above it"));
        QCOMPARE(errorOf("# T\nNo steps.\n"),
                 QString("lesson.md:2:1: the lesson has no steps: expected a '## ' heading"));
        QCOMPARE(errorOf(""), QString("lesson.md:1:1: the lesson is empty: expected '# Title' and "
                                      "at least one '## Step'"));
        QCOMPARE(errorOf(kHead + "compare update-order steps=0\n```\n"),
                 QString("lesson.md:6:22: expected steps=N with N 1..1000000, got 'steps=0'"));
    }

    void aMissingFileIsNamed() {
        try {
            loadLesson("/nonexistent/lesson.md");
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("/nonexistent/lesson.md"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(LessonFile)
#include "tst_data_lesson_file.moc"
