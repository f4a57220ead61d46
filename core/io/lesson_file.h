#pragma once
// A lesson: Markdown a teacher writes, with `lesson` blocks that drive the session
// (docs/teaching.md, "Writing a lesson"). The built-in lessons are such files in
// resources/lessons/.
//
//   # The forward pass                      the lesson's title (the first line)
//   Text shown on every page's top.         the introduction
//   ## z_1(1)                               a step: its title, then its text
//   The first hidden node's input is …
//   ```lesson
//   open data=worked-example.csv targets=3,4 model=worked-example.json
//   ask z 1 1                               the student predicts z_1(1) …
//   step phase                              … before the phase that computes it
//   expect z 1 1 0.3775                     the value the text states
//   ```
//
// Reading checks the grammar only (line and column in every error); what depends on the
// network, such as whether layer 3 exists, is checked when the step runs.
#include "math/record_quantity.h"

#include <string>
#include <vector>

namespace bp {

struct LessonAction {
    enum class Kind {
        Open,    // preset=NAME, or data=FILE [targets=3,4] [model=FILE]
        Step,    // phase | record | batch | epoch, `count` times
        Select,  // a node (k, i) or an edge (k, i, j): the graph and the Inspector follow
        Show,    // raise the dock titled `text` ("Inspector", "Loss")
        Ask,     // predict `quantity` before the next phase runs
        Expect,  // after the step's actions: `quantity` is `value` to the decimals written
        Compare, // update-order [steps=N]: the two orders of lesson 4, side by side
    };
    enum class Unit { Phase, Record, Batch, Epoch };
    Kind kind = Kind::Step;
    long line = 0, column = 0; // where it is written (1-based)

    // Open
    std::string preset, data, targets, model; // paths as written, relative to the lesson
    // Step
    Unit unit = Unit::Phase;
    long count = 1;
    // Select (edge when column >= 0), Ask, Expect
    RecordQuantity quantity;
    bool isEdge = false;
    double value = 0; // Expect
    int decimals = 0; // Expect: the decimals `value` was written with
    // Show
    std::string text;
    // Compare
    long steps = 1;
};

struct LessonStep {
    std::string title;
    std::string text; // Markdown, without the lesson blocks
    std::vector<LessonAction> actions;
    long line = 0; // of its "## " heading
};

struct Lesson {
    std::string file; // as opened (errors and relative paths name it)
    std::string title;
    std::string intro;
    std::vector<LessonStep> steps;
};

// Throws InputError("file:line:column: …") on anything it cannot read.
Lesson parseLesson(const std::string& text, const std::string& file);
Lesson loadLesson(const std::string& path);

// The built-in lessons, in their order: the *.md files of the shipped lessons folder
// (installed: <exe dir>/../share/backprop-studio/lessons, else the source tree's
// resources/lessons; shipped_dir.h; BP_LESSONS_DIR in the environment overrides it), sorted
// by name.
std::vector<std::string> builtinLessonPaths();

} // namespace bp
