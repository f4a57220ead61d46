#include "io/lesson_file.h"
#include "io/shipped_dir.h"

#include "io/text_input.h"
#include "math/error.h"
#include "math/prediction.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace bp {

namespace {

constexpr long kMaxStepCount = 1000000; // steps of one `step` line
constexpr long kMaxCompare = 1000000;   // steps of `compare update-order`

struct Word {
    std::string text;
    long column = 0; // 1-based
};

std::vector<Word> words(const std::string& line) {
    std::vector<Word> out;
    std::size_t n = 0;
    while (n < line.size()) {
        while (n < line.size() && std::isspace(static_cast<unsigned char>(line[n])))
            ++n;
        if (n >= line.size() || line[n] == '#') // a comment to the end of the line
            break;
        const std::size_t start = n;
        while (n < line.size() && !std::isspace(static_cast<unsigned char>(line[n])))
            ++n;
        out.push_back({line.substr(start, n - start), static_cast<long>(start + 1)});
    }
    return out;
}

// Reads one `lesson` block line; every error names the word it is about.
class ActionReader {
public:
    ActionReader(const std::string& file, long line, std::vector<Word> w)
        : m_file(file), m_line(line), m_words(std::move(w)) {}

    LessonAction read() {
        LessonAction a;
        a.line = m_line;
        a.column = m_words[0].column;
        const std::string& verb = m_words[0].text;
        if (verb == "open")
            readOpen(a);
        else if (verb == "step")
            readStep(a);
        else if (verb == "select")
            readSelect(a);
        else if (verb == "show")
            readShow(a);
        else if (verb == "ask")
            readQuantity(a, LessonAction::Kind::Ask, 1);
        else if (verb == "expect")
            readExpect(a);
        else if (verb == "compare")
            readCompare(a);
        else
            fail(0, "unknown action '" + verb +
                        "': expected open, step, select, show, ask, expect or compare");
        return a;
    }

private:
    [[noreturn]] void fail(std::size_t word, const std::string& message) const {
        const long column = word < m_words.size()
                                ? m_words[word].column
                                : m_words.back().column + long(m_words.back().text.size());
        throw InputError(m_file, m_line, column, message);
    }
    const std::string& at(std::size_t word, const std::string& expected) const {
        if (word >= m_words.size())
            fail(word, "expected " + expected + " after '" + m_words.back().text + "'");
        return m_words[word].text;
    }
    void noMoreAfter(std::size_t word) const {
        if (m_words.size() > word)
            fail(word,
                 "unexpected '" + m_words[word].text + "' at the end of '" + m_words[0].text + "'");
    }
    long integer(std::size_t word, const std::string& what, long lo, long hi) const {
        const std::string& t = at(word, what);
        long v = 0;
        bool ok = !t.empty() && t.size() <= 9;
        for (char c : t)
            ok = ok && std::isdigit(static_cast<unsigned char>(c));
        if (ok)
            v = std::stol(t);
        if (!ok || v < lo || v > hi)
            fail(word, "expected " + what + " (a whole number " + std::to_string(lo) + ".." +
                           std::to_string(hi) + "), got '" + t + "'");
        return v;
    }

    void readOpen(LessonAction& a) {
        a.kind = LessonAction::Kind::Open;
        if (m_words.size() < 2)
            fail(1, "expected preset=NAME or data=FILE after 'open'");
        for (std::size_t n = 1; n < m_words.size(); ++n) {
            const std::string& t = m_words[n].text;
            const std::size_t eq = t.find('=');
            const std::string key = t.substr(0, eq), value = eq == t.npos ? "" : t.substr(eq + 1);
            if (eq == t.npos || value.empty())
                fail(n, "expected key=value (preset=, data=, targets=, model=), got '" + t + "'");
            if (key == "preset")
                a.preset = value;
            else if (key == "data")
                a.data = value;
            else if (key == "targets")
                a.targets = value;
            else if (key == "model")
                a.model = value;
            else
                fail(n, "unknown key '" + key + "': expected preset, data, targets or model");
        }
        if (a.preset.empty() == a.data.empty())
            fail(1, "'open' takes either preset=NAME or data=FILE");
        if (!a.preset.empty() && (!a.targets.empty() || !a.model.empty()))
            fail(1, "targets= and model= go with data=, not with preset=");
    }

    void readStep(LessonAction& a) {
        a.kind = LessonAction::Kind::Step;
        const std::string& unit = at(1, "phase, record, batch or epoch");
        if (unit == "phase")
            a.unit = LessonAction::Unit::Phase;
        else if (unit == "record")
            a.unit = LessonAction::Unit::Record;
        else if (unit == "batch")
            a.unit = LessonAction::Unit::Batch;
        else if (unit == "epoch")
            a.unit = LessonAction::Unit::Epoch;
        else
            fail(1, "expected phase, record, batch or epoch, got '" + unit + "'");
        if (m_words.size() > 2)
            a.count = integer(2, "how many", 1, kMaxStepCount);
        noMoreAfter(3);
    }

    void readSelect(LessonAction& a) {
        a.kind = LessonAction::Kind::Select;
        const std::string& what = at(1, "node or edge");
        if (what != "node" && what != "edge")
            fail(1, "expected node or edge, got '" + what + "'");
        a.isEdge = what == "edge";
        a.quantity.kind = a.isEdge ? RecordQuantity::Kind::W : RecordQuantity::Kind::X;
        a.quantity.layer = int(integer(2, "the layer k", 0, 1000));
        a.quantity.node = int(integer(3, "the node i", 1, 1000000));
        if (a.isEdge)
            a.quantity.column = int(integer(4, "the input j (0: the bias)", 0, 1000000));
        noMoreAfter(a.isEdge ? 5 : 4);
    }

    void readShow(LessonAction& a) {
        a.kind = LessonAction::Kind::Show;
        for (std::size_t n = 1; n < m_words.size(); ++n)
            a.text += (n > 1 ? " " : "") + m_words[n].text;
        if (a.text.empty())
            fail(1, "expected the title of a dock after 'show' (Inspector, Loss, …)");
    }

    // QUANTITY [k i [j]]; returns the index of the word after it.
    std::size_t readQuantity(LessonAction& a, LessonAction::Kind kind, std::size_t first) {
        a.kind = kind;
        const std::string& name = at(first, "a quantity (z, x, delta, dJdz, dJdw, w or J)");
        const auto k = quantityKind(name);
        if (!k)
            fail(first,
                 "unknown quantity '" + name + "': expected z, x, delta, dJdz, dJdw, w or J");
        a.quantity.kind = *k;
        std::size_t n = first + 1;
        if (*k != RecordQuantity::Kind::J) {
            a.quantity.layer = int(integer(n++, "the layer k", 1, 1000));
            a.quantity.node = int(integer(n++, "the node i", 1, 1000000));
            if (*k == RecordQuantity::Kind::DJdw || *k == RecordQuantity::Kind::W)
                a.quantity.column = int(integer(n++, "the input j (0: the bias)", 0, 1000000));
        }
        if (kind == LessonAction::Kind::Ask)
            noMoreAfter(n);
        return n;
    }

    void readExpect(LessonAction& a) {
        const std::size_t n = readQuantity(a, LessonAction::Kind::Expect, 1);
        const std::string& t = at(n, "the value");
        const auto v = readTypedNumber(t, &a.decimals);
        if (!v)
            fail(n, "expected a number, got '" + t + "'");
        a.value = *v;
        noMoreAfter(n + 1);
    }

    void readCompare(LessonAction& a) {
        a.kind = LessonAction::Kind::Compare;
        if (at(1, "update-order") != "update-order")
            fail(1, "expected update-order, got '" + m_words[1].text + "'");
        for (std::size_t n = 2; n < m_words.size(); ++n) {
            if (m_words[n].text.rfind("steps=", 0) != 0)
                fail(n, "expected steps=N, got '" + m_words[n].text + "'");
            const std::string v = m_words[n].text.substr(6);
            bool ok = !v.empty() && v.size() <= 9;
            for (char c : v)
                ok = ok && std::isdigit(static_cast<unsigned char>(c));
            a.steps = ok ? std::stol(v) : 0;
            if (a.steps < 1 || a.steps > kMaxCompare)
                fail(n, "expected steps=N with N 1.." + std::to_string(kMaxCompare) + ", got '" +
                            m_words[n].text + "'");
        }
    }

    const std::string& m_file;
    long m_line;
    std::vector<Word> m_words;
};

std::string trimmed(const std::string& s) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a])))
        ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1])))
        --b;
    return s.substr(a, b - a);
}

} // namespace

Lesson parseLesson(const std::string& text, const std::string& file) {
    Lesson lesson;
    lesson.file = file;
    std::istringstream in(text);
    std::string raw;
    long lineNo = 0;
    bool inLesson = false, inOtherFence = false;
    long fenceLine = 0;
    LessonStep* step = nullptr;
    auto addText = [&](const std::string& line) {
        std::string& target = step ? step->text : lesson.intro;
        if (!target.empty() || !trimmed(line).empty())
            target += line + "\n";
    };
    while (std::getline(in, raw)) {
        ++lineNo;
        if (!raw.empty() && raw.back() == '\r')
            raw.pop_back();
        if (lineNo == 1 && raw.rfind("\xEF\xBB\xBF", 0) == 0)
            raw.erase(0, 3); // a byte order mark
        const std::string line = trimmed(raw);
        if (inLesson) {
            if (line == "```") {
                inLesson = false;
                continue;
            }
            std::vector<Word> w = words(raw);
            if (!w.empty())
                step->actions.push_back(ActionReader(file, lineNo, std::move(w)).read());
            continue;
        }
        if (inOtherFence) {
            inOtherFence = line != "```";
            addText(raw);
            continue;
        }
        if (line == "```lesson") {
            if (!step)
                throw InputError(file, lineNo, 1,
                                 "a lesson block before the first step: write a '## ' heading "
                                 "above it");
            inLesson = true;
            fenceLine = lineNo;
            continue;
        }
        if (line.rfind("```", 0) == 0) {
            inOtherFence = true;
            fenceLine = lineNo;
            addText(raw);
            continue;
        }
        if (lesson.title.empty() && step == nullptr && lesson.intro.empty() && line.empty())
            continue; // blank lines before the title
        if (lesson.title.empty()) {
            if (line.rfind("# ", 0) != 0 || trimmed(line.substr(2)).empty())
                throw InputError(file, lineNo, 1,
                                 "expected the lesson's title first, as '# Title'");
            lesson.title = trimmed(line.substr(2));
            continue;
        }
        if (line.rfind("## ", 0) == 0) {
            if (trimmed(line.substr(3)).empty())
                throw InputError(file, lineNo, 4, "expected the step's title after '## '");
            lesson.steps.push_back(LessonStep{trimmed(line.substr(3)), {}, {}, lineNo});
            step = &lesson.steps.back();
            continue;
        }
        addText(raw);
    }
    if (inLesson || inOtherFence)
        throw InputError(file, fenceLine, 1,
                         "this ``` block is not closed: expected a line with ``` after it");
    if (lesson.title.empty())
        throw InputError(file, std::max(lineNo, 1L), 1,
                         "the lesson is empty: expected '# Title' and at least one '## Step'");
    if (lesson.steps.empty())
        throw InputError(file, lineNo, 1, "the lesson has no steps: expected a '## ' heading");
    return lesson;
}

Lesson loadLesson(const std::string& path) {
    return parseLesson(readWholeFile(path), path);
}

#ifndef BP_SOURCE_LESSONS_DIR
#define BP_SOURCE_LESSONS_DIR "resources/lessons"
#endif

std::vector<std::string> builtinLessonPaths() {
    const char* env = std::getenv("BP_LESSONS_DIR");
    const std::filesystem::path dir =
        env && *env ? std::string(env) : shippedDir("lessons", BP_SOURCE_LESSONS_DIR);
    std::vector<std::string> paths;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error))
        if (entry.is_regular_file() && entry.path().extension() == ".md" &&
            entry.path().filename() != "README.md")
            paths.push_back(entry.path().string());
    std::sort(paths.begin(), paths.end());
    return paths;
}

} // namespace bp
