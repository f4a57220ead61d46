#pragma once
// What a lesson drives: the window implements it (ui/window/main_window_lessons.cpp),
// so that a lesson runs the same commands the menus run and nothing of the window is
// reached from here.
#include "io/lesson_file.h"
#include "session/snapshot.h"

#include <memory>
#include <QString>

namespace bp {

class LessonHost {
public:
    virtual ~LessonHost() = default;
    // `open`: data and model paths relative to `lessonDir`. Empty if done, else why not.
    virtual QString openLessonData(const LessonAction& open, const QString& lessonDir) = 0;
    // The ticket of a command that changes nothing (a pause): its snapshot comes after
    // everything asked before it, e.g. the setup of an `open`.
    virtual quint64 settleTicket() = 0;
    // One `step` of the unit; the ticket of the session command (docs/session.md).
    virtual quint64 stepLesson(LessonAction::Unit unit) = 0;
    // `select`: the node or edge on the graph and in the Inspector.
    virtual void selectLessonItem(const LessonAction& select) = 0;
    // `show`: raises the dock with this title; false if there is none.
    virtual bool showLessonDock(const QString& title) = 0;
    virtual std::shared_ptr<const Snapshot> lessonSnapshot() const = 0;
};

} // namespace bp
