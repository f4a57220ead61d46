// libFuzzer target: the bytes as a lesson file, through bp::parseLesson (what
// bp::loadLesson hands a file's text to). A refusal must be an InputError that names
// the file with a line and column inside the text (fuzz_check.h); a lesson that reads
// must have a title and steps, and every action must sit on a line of the text.
#include "fuzz_check.h"
#include "io/lesson_file.h"

#include <algorithm>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string file = "fuzz.md";
    const long lines = long(std::count(text.begin(), text.end(), '\n')) + 1;
    bp::Lesson lesson;
    try {
        lesson = bp::parseLesson(text, file);
    } catch (const bp::InputError& e) {
        bp::fuzz::checkError(e, {file});
        if (e.line() < 1 || e.line() > lines || e.column() < 1)
            bp::fuzz::finding("an error outside the text: " + std::string(e.what()));
        return 0;
    }
    if (lesson.title.empty() || lesson.steps.empty())
        bp::fuzz::finding("a lesson read without a title or without steps");
    for (const bp::LessonStep& step : lesson.steps) {
        if (step.title.empty() || step.line < 1 || step.line > lines)
            bp::fuzz::finding("a step without a title, or its line outside the text");
        for (const bp::LessonAction& a : step.actions) {
            if (a.line <= step.line || a.line > lines || a.column < 1)
                bp::fuzz::finding("an action's line " + std::to_string(a.line) +
                                  " is not in its step (from line " + std::to_string(step.line) +
                                  ")");
            if (a.kind == bp::LessonAction::Kind::Step && (a.count < 1 || a.count > 1000000))
                bp::fuzz::finding("a step count outside 1..1000000 was read");
        }
    }
    return 0;
}
