#include "teaching/lesson_runner.h"

#include "inspector/equation_html.h"
#include "teaching/lesson_host.h"
#include "teaching/order_comparison.h"

#include <cmath>
#include <QFileInfo>

namespace bp {

namespace {
QString where(const Lesson& lesson, const LessonAction& a) {
    return QString("%1:%2:%3: ").arg(QString::fromStdString(lesson.file)).arg(a.line).arg(a.column);
}

// What the snapshot holds for q, if its values are computed yet.
std::optional<double> engineValue(const Snapshot& s, const RecordQuantity& q) {
    if (!s.hasPhase || !valuesMatchNetwork(s) || !checkQuantity(s.network, q).empty())
        return std::nullopt;
    return quantityValue(s.network, s.values, q);
}
} // namespace

QString quantityHtml(const RecordQuantity& q) {
    using namespace terms;
    const int k = q.layer, i = q.node, j = q.column;
    switch (q.kind) {
    case RecordQuantity::Kind::Z:
        return termHtml(nodeSymbol("z", i, k));
    case RecordQuantity::Kind::X:
        return termHtml(nodeSymbol("x", i, k));
    case RecordQuantity::Kind::Delta:
        return termHtml(nodeSymbol("δ", i, k));
    case RecordQuantity::Kind::DJdz:
        return termHtml(partial(symbol("J"), nodeSymbol("z", i, k)));
    case RecordQuantity::Kind::DJdw:
        return termHtml(partial(symbol("J"), weightSymbol(i, j, k)));
    case RecordQuantity::Kind::W:
        return QObject::tr("the updated %1").arg(termHtml(weightSymbol(i, j, k)));
    case RecordQuantity::Kind::J:
        break;
    }
    return "J";
}

LessonRunner::LessonRunner(LessonHost* host, QObject* parent) : QObject(parent), m_host(host) {}

QString LessonRunner::lessonDir() const {
    return QFileInfo(QString::fromStdString(m_lesson.file)).absolutePath();
}

void LessonRunner::start(Lesson lesson) {
    m_lesson = std::move(lesson);
    m_asked = m_exact = m_close = 0;
    m_replaying = false;
    runStep(0, false);
}

void LessonRunner::next() {
    if (busy() || m_step + 1 >= int(m_lesson.steps.size()))
        return;
    runStep(m_step + 1, false);
}

void LessonRunner::back() {
    if (busy() || m_step <= 0)
        return;
    // Replays steps 0 .. m_step − 1 without asking; the last of them is then shown.
    m_replayTo = m_step - 1;
    m_replaying = true;
    runStep(0, true);
}

void LessonRunner::predictNextPhase(const RecordQuantity& q) {
    if (busy())
        return;
    LessonAction ask;
    ask.kind = LessonAction::Kind::Ask;
    ask.quantity = q;
    LessonAction step;
    step.kind = LessonAction::Kind::Step;
    step.unit = LessonAction::Unit::Phase;
    m_free = true;
    m_actions = {ask, step};
    m_next = 0;
    m_expects.clear();
    m_outcome = {};
    runActions();
}

void LessonRunner::runStep(int index, bool replay) {
    m_free = false;
    m_step = index;
    m_actions = m_lesson.steps[std::size_t(index)].actions;
    m_next = 0;
    m_expects.clear();
    m_pending.reset();
    m_outcome = {};
    if (!replay || index == m_replayTo)
        emit stepShown(index);
    runActions();
}

void LessonRunner::runActions() {
    while (m_next < m_actions.size()) {
        const LessonAction a = m_actions[m_next++];
        if (!runAction(a))
            return;
        if (!m_outcome.error.isEmpty())
            break; // the rest of the step cannot mean what it says
    }
    finishStep();
}

bool LessonRunner::runAction(const LessonAction& a) {
    switch (a.kind) {
    case LessonAction::Kind::Open: {
        const QString error = m_host->openLessonData(a, lessonDir());
        if (!error.isEmpty()) {
            fail(a, error);
            return true;
        }
        // What follows (a select, an ask) sees the new network once its snapshot is in.
        m_waitTicket = m_host->settleTicket();
        return m_waitTicket == 0;
    }
    case LessonAction::Kind::Step:
        for (long n = 0; n < a.count; ++n)
            m_waitTicket = m_host->stepLesson(a.unit);
        return m_waitTicket == 0; // wait for the last command's snapshot
    case LessonAction::Kind::Select: {
        const auto s = m_host->lessonSnapshot();
        RecordQuantity q = a.quantity;
        if (q.layer == 0) { // an input node: layer 0 is not a layer of the network
            if (s && (q.node < 1 || q.node > s->network.inputSize))
                fail(a, tr("input %1 does not exist: the network has inputs 1..%2")
                            .arg(q.node)
                            .arg(s->network.inputSize));
        } else if (s) {
            const std::string problem = checkQuantity(s->network, q);
            if (!problem.empty())
                fail(a, QString::fromStdString(problem));
        }
        if (m_outcome.error.isEmpty())
            m_host->selectLessonItem(a);
        return true;
    }
    case LessonAction::Kind::Show:
        if (!m_host->showLessonDock(QString::fromStdString(a.text)))
            fail(a, tr("there is no dock titled \"%1\"").arg(QString::fromStdString(a.text)));
        return true;
    case LessonAction::Kind::Ask: {
        const auto s = m_host->lessonSnapshot();
        const std::string problem = s ? checkQuantity(s->network, a.quantity) : "";
        if (!problem.empty()) {
            fail(a, QString::fromStdString(problem));
            return true;
        }
        m_pending = Pending{a.quantity, {}};
        if (m_replaying)
            return true; // Back replays without asking
        m_asking = true;
        emit askRequested(quantityHtml(a.quantity));
        return false;
    }
    case LessonAction::Kind::Expect:
        m_expects.push_back(a);
        return true;
    case LessonAction::Kind::Compare: {
        const auto s = m_host->lessonSnapshot();
        const QString html = s ? updateOrderTable(*s, a.steps) : QString();
        if (html.isEmpty())
            fail(a, tr("compare update-order needs a record: step a phase first"));
        else if (!m_replaying || m_step == m_replayTo)
            emit comparisonReady(html);
        return true;
    }
    }
    return true;
}

void LessonRunner::fail(const LessonAction& a, const QString& message) {
    m_outcome.error = where(m_lesson, a) + message;
}

void LessonRunner::answer(const QString& typed) {
    if (!m_asking)
        return;
    m_asking = false;
    if (m_pending)
        m_pending->typed = typed;
    runActions();
}

void LessonRunner::skip() {
    if (!m_asking)
        return;
    m_asking = false;
    m_pending.reset();
    runActions();
}

void LessonRunner::onSnapshot(const Snapshot& s) {
    if (m_waitTicket == 0 || s.command < m_waitTicket)
        return;
    m_waitTicket = 0;
    runActions();
}

void LessonRunner::finishStep() {
    const auto s = m_host->lessonSnapshot();
    // The expect lines: the engine's value, rounded to the decimals the lesson wrote.
    for (const LessonAction& e : m_expects) {
        const QString label = QString::fromStdString(quantityLabel(e.quantity));
        const std::optional<double> v = s ? engineValue(*s, e.quantity) : std::nullopt;
        const QString stated = QString::fromStdString(formatNumber(e.value, 12));
        // Met: |engine − stated| ≤ half a unit of the last decimal written ("0.30": 2).
        const double engine = v.value_or(0);
        const bool met =
            v && std::abs(engine - e.value) <= 0.5 * std::pow(10.0, -e.decimals) * (1 + 1e-9);
        if (met) {
            m_outcome.expectations << tr("✓ %1 = %2").arg(label, stated);
        } else {
            ++m_outcome.failed;
            m_outcome.expectations
                << (v ? tr("✗ %1 is %2 in the engine; the lesson says %3 (%4)")
                            .arg(label, QString::fromStdString(formatNumber(engine, 10)), stated,
                                 where(m_lesson, e).chopped(2))
                      : tr("✗ %1 is not computed yet; the lesson says %2 (%3)")
                            .arg(label, stated, where(m_lesson, e).chopped(2)));
        }
    }
    // The ask: graded against the value the phase just computed, with its equation.
    if (m_pending && !m_pending->typed.isEmpty() && s) {
        const RecordQuantity q = m_pending->quantity;
        const std::optional<double> v = engineValue(*s, q);
        const auto grade = v ? gradePrediction(m_pending->typed.toStdString(), *v) : std::nullopt;
        if (grade) {
            ++m_asked;
            m_exact += grade->kind == PredictionGrade::Kind::Exact;
            m_close += grade->kind == PredictionGrade::Kind::Close;
            ExplainStyle style;
            style.precision = std::max(4, std::min(12, grade->decimals + 2));
            const Equation eq = explainQuantity(networkOfRecord(*s), s->network, s->values, q,
                                                s->hyper.learningRate, style);
            emit graded(QString::fromStdString(gradeText(*grade)), int(grade->kind),
                        equationHtml(eq));
        } else {
            emit graded(tr("not graded: %1 was not computed by this phase")
                            .arg(QString::fromStdString(quantityLabel(q))),
                        int(PredictionGrade::Kind::Wrong), QString());
        }
    }
    m_pending.reset();
    if (m_free) {
        m_free = false;
        emit stepFinished();
        return;
    }
    if (m_replaying) {
        if (m_step < m_replayTo && m_outcome.error.isEmpty()) {
            runStep(m_step + 1, true);
            return;
        }
        m_replaying = false;
    }
    emit stepFinished();
}

} // namespace bp
