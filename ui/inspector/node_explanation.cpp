#include "inspector/node_explanation.h"

#include "inspector/equation_html.h"

#include <cstdio>

namespace bp {

namespace {

using namespace terms;

QString phaseText(const Phase& p) {
    return QString::fromStdString(toString(p));
}
// Full precision, for checking a hand computation digit by digit.
QString fullPrecision(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return QString::fromLatin1(buf);
}

class HtmlWriter {
public:
    explicit HtmlWriter(const ExplanationOptions& o) : m_o(o) {}

    void title(const QString& html, const QString& subtitle) {
        m_html += QStringLiteral("<h3 style='margin:0 0 2px 0'>") + html + QStringLiteral("</h3>");
        if (!subtitle.isEmpty())
            note(subtitle);
    }
    void heading(const QString& text) {
        m_html +=
            QStringLiteral("<h4 style='color:%1; margin:12px 0 3px 0'>").arg(m_o.accentColor) +
            text.toHtmlEscaped() + QStringLiteral("</h4>");
    }
    void paragraph(const QString& html) {
        m_html += QStringLiteral("<p style='margin:2px 0 5px 0'>") + html + QStringLiteral("</p>");
    }
    void note(const QString& html) { paragraph(muted(html)); }
    // One engine equation: the result in bold, a tag saying which quantity (or
    // convention) it is, and the engine's own notes, if any, on lines below.
    void equation(const Equation& e, const QString& tag = {}) {
        QString html = equationHtml(e);
        if (!tag.isEmpty())
            html += QStringLiteral("&nbsp;&nbsp;") + muted(QStringLiteral("[") + tag + "]");
        for (const std::string& note : e.notes)
            html += QStringLiteral("<br>&nbsp;&nbsp;&nbsp;&nbsp;") +
                    muted(QString::fromStdString(note).toHtmlEscaped());
        paragraph(html);
    }
    // A value this record has not reached yet: said so, never shown stale.
    void pending(const QString& whatHtml, const QString& when) {
        paragraph(QStringLiteral("<i style='color:%1'>").arg(m_o.mutedColor) + whatHtml +
                  QStringLiteral(": not yet computed in this record") +
                  (when.isEmpty() ? QString() : QStringLiteral(" (") + when.toHtmlEscaped() + ")") +
                  QStringLiteral(".</i>"));
    }
    QString muted(const QString& html) const {
        return QStringLiteral("<span style='color:%1'>").arg(m_o.mutedColor) + html +
               QStringLiteral("</span>");
    }
    const QString& html() const { return m_html; }

private:
    const ExplanationOptions& m_o;
    QString m_html;
};

QString sym(const Term& symbol) {
    return termHtml(symbol);
}
// w_{i,j}(k): every incoming weight of node i.
Term incomingWeights(int i, int k) {
    return symbol("w", {std::to_string(i), "j"}, k);
}

void recordLine(HtmlWriter& out, const Snapshot& s) {
    if (!s.hasPhase && s.recordIndex >= 0) {
        out.note(QStringLiteral("Record %1 is next, nothing of it computed yet: step a phase "
                                "(F11) or the record (F10).")
                     .arg(s.recordIndex));
        return;
    }
    if (!s.hasPhase) {
        out.note(QStringLiteral("Nothing computed yet: step a phase (F11) or a record (F10)."));
        return;
    }
    out.note(QStringLiteral("Record %1 · last phase: %2 · next phase: %3")
                 .arg(s.recordIndex)
                 .arg(phaseText(s.lastPhase), phaseText(s.nextPhase)));
}

QString activationName(Activation a) {
    return QString::fromStdString(toString(a));
}

// What the factor after "a·" is, when it is not this record's ∂J/∂w.
QString stepMeaning(const Hyper& h) {
    QStringList parts;
    if (h.batchSize > 1)
        parts << QStringLiteral("the mean ∂J/∂w over the mini-batch (up to %1 records)")
                     .arg(h.batchSize);
    if (h.l2 > 0)
        parts << QStringLiteral("plus λ·w with λ = %1 (not for biases)")
                     .arg(QString::fromStdString(formatNumber(h.l2, 4)));
    if (h.momentum > 0)
        parts << QStringLiteral("through momentum μ = %1: v ← μ·v + g, w ← w − a·v, so the "
                                "factor after a· is v")
                     .arg(QString::fromStdString(formatNumber(h.momentum, 4)));
    return parts.join(QStringLiteral("; "));
}

bool plainStep(const Hyper& h) {
    return h.batchSize == 1 && h.l2 == 0 && h.momentum == 0;
}

void updateRule(HtmlWriter& out, const Hyper& h) {
    QString text = QStringLiteral("w ← w − a·∂J/∂w with a = %1")
                       .arg(QString::fromStdString(formatNumber(h.learningRate, 4)));
    if (h.batchSize == 1)
        text += QStringLiteral(", after every record (online, as in the seed)");
    out.paragraph(text.toHtmlEscaped());
    const QString meaning = stepMeaning(h);
    if (!meaning.isEmpty())
        out.note(QStringLiteral("The step uses ") + meaning.toHtmlEscaped() + ".");
    if (h.freezeBias)
        out.note(QStringLiteral("Biases are frozen: w<sub>i,0</sub> does not change."));
}

// One weight's update line, after an update phase: before = after − Δw.
void updateLine(HtmlWriter& out, const Snapshot& s, const Network& before, int k, int i, int j,
                const ExplainStyle& style) {
    const Eigen::Index row = i - 1;
    const double w0 = before.layer(k).w(row, j);
    const double w1 = s.network.layer(k).w(row, j);
    const double dw = s.lastUpdate[static_cast<std::size_t>(k - 1)](row, j);
    if (j == 0 && s.hyper.freezeBias) {
        out.paragraph(sym(weightSymbol(i, j, k)) +
                      QStringLiteral(" stays <b>%1</b> (bias frozen)")
                          .arg(QString::fromStdString(formatNumber(w1, style.precision))));
        return;
    }
    const double a = s.hyper.learningRate;
    // Online SGD: the factor is this record's ∂J/∂w as the engine computed it.
    // Otherwise it is the optimizer's step, read back from Δw = −a·step.
    const double step =
        plainStep(s.hyper) ? s.values.layer(k).dJdw(row, j) : (a != 0 ? -dw / a : 0);
    out.equation(explainUpdate(k, i, j, w0, a, step, w1, style),
                 QStringLiteral("Δw = ") +
                     QString::fromStdString(formatNumber(dw, style.precision)));
}

void forwardSection(HtmlWriter& out, const Snapshot& s, const Network& rec, const RecordProgress& p,
                    int k, int i, const ExplainStyle& style) {
    out.heading(QStringLiteral("Forward"));
    if (!p.xCurrent(k)) {
        out.pending(
            sym(nodeSymbol("z", i, k)) + ", " + sym(nodeSymbol("x", i, k)),
            QStringLiteral("the forward pass reaches layer %1 at phase “forward %1”").arg(k));
        return;
    }
    out.equation(explainZ(rec, s.values, k, i, style));
    out.equation(explainX(rec, s.values, k, i, style));
}

void backwardSection(HtmlWriter& out, const Snapshot& s, const Network& rec,
                     const RecordProgress& p, int k, int i, const ExplanationOptions& o) {
    const int L = rec.depth();
    const ExplainStyle& style = o.style;
    out.heading(QStringLiteral("Backward"));
    out.note(QStringLiteral("δ is the seed's: δ = ∂J/∂x, the derivative with respect to the "
                            "node's output. Many textbooks call ∂J/∂z “δ”; here it is "
                            "written ∂J/∂z."));
    if (p.deltaCurrent(k))
        out.equation(explainDelta(rec, s.values, k, i, style),
                     QStringLiteral("δ = ∂J/∂x, the seed's δ"));
    else
        out.pending(sym(nodeSymbol("δ", i, k)),
                    k == L ? QStringLiteral("δ of the output layer comes with phase “loss”")
                           : QStringLiteral("phase “backward %1”").arg(k));
    if (p.gradientCurrent(k))
        out.equation(explainDJdz(rec, s.values, k, i, style),
                     QStringLiteral("∂J/∂z, the textbooks' “δ”"));
    else
        out.pending(QStringLiteral("∂J/∂") + sym(nodeSymbol("z", i, k)),
                    QStringLiteral("phase “backward %1”").arg(k));
    if (k == L)
        out.note(QString::fromStdString(outputSimplificationNote(rec)).toHtmlEscaped());

    const Eigen::Index inputs = rec.layer(k).inputs();
    if (!p.gradientCurrent(k)) {
        out.pending(QStringLiteral("∂J/∂") + sym(incomingWeights(i, k)),
                    QStringLiteral("phase “backward %1”").arg(k));
        return;
    }
    const Eigen::Index shown = std::min<Eigen::Index>(inputs + 1, o.maxWeights);
    for (Eigen::Index j = 0; j < shown; ++j)
        out.equation(explainDJdw(rec, s.values, k, i, static_cast<int>(j), style));
    if (shown < inputs + 1)
        out.note(QStringLiteral("… and %1 more incoming weights: click an edge to see one.")
                     .arg(inputs + 1 - shown));
}

void updateSection(HtmlWriter& out, const Snapshot& s, const Network& rec, const RecordProgress& p,
                   int k, int i, const ExplanationOptions& o) {
    out.heading(QStringLiteral("Update"));
    updateRule(out, s.hyper);
    if (p.highlightsUpdate) {
        const Eigen::Index inputs = rec.layer(k).inputs();
        const Eigen::Index shown = std::min<Eigen::Index>(inputs + 1, o.maxWeights);
        for (Eigen::Index j = 0; j < shown; ++j)
            updateLine(out, s, rec, k, i, static_cast<int>(j), o.style);
        if (shown < inputs + 1)
            out.note(QStringLiteral("… and %1 more weights updated.").arg(inputs + 1 - shown));
        return;
    }
    const QString what = QStringLiteral("The update of ") + sym(incomingWeights(i, k));
    if (p.gradientCurrent(1) && s.nextPhase.kind == Phase::Kind::Update)
        out.pending(what, QStringLiteral("it is the next phase"));
    else if (p.gradientCurrent(1))
        out.note(QStringLiteral("This record's ∂J/∂w joined the mini-batch; the weights change "
                                "when the batch closes."));
    else
        out.pending(what, QStringLiteral("after the backward pass, at phase “update”"));
}

// x_i(0) = the record's input i.
Equation inputEquation(const Snapshot& s, int i, const ExplainStyle& style) {
    Equation e;
    e.sides = {nodeSymbol("x", i, 0), number(s.values.input[i - 1])};
    e.digits = style.precision;
    return e;
}

bool validNode(const Network& net, int k, int i) {
    if (k < 0 || k > net.depth())
        return false;
    const Eigen::Index size = k == 0 ? net.inputSize : net.layer(k).size();
    return i >= 1 && i <= size;
}

} // namespace

QString nodeExplanationHtml(const Snapshot& s, int k, int i, const ExplanationOptions& o) {
    HtmlWriter out(o);
    const Network& net = s.network;
    if (net.depth() == 0 || !validNode(net, k, i)) {
        out.note(QStringLiteral("There is no node %1 in layer %2 of this network.").arg(i).arg(k));
        return out.html();
    }
    const RecordProgress& p = s.progress;
    const int L = net.depth();
    if (k == 0) {
        out.title(QStringLiteral("Input ") + sym(nodeSymbol("x", i, 0)),
                  QStringLiteral("input %1 of the record (layer 0)").arg(i));
        recordLine(out, s);
        if (p.xCurrent(0))
            out.equation(inputEquation(s, i, o.style));
        else
            out.pending(sym(nodeSymbol("x", i, 0)),
                        QStringLiteral("it is read at phase “forward 1”"));
        return out.html();
    }
    const Layer& layer = net.layer(k);
    out.title(QStringLiteral("Node ") + sym(nodeSymbol("x", i, k)),
              QStringLiteral("node %1 of layer %2 of %3 · %4 layer · g = %5")
                  .arg(i)
                  .arg(k)
                  .arg(L)
                  .arg(k == L ? QStringLiteral("output") : QStringLiteral("hidden"),
                       activationName(layer.activation)));
    recordLine(out, s);
    const Network rec = networkOfRecord(s);
    forwardSection(out, s, rec, p, k, i, o.style);
    if (k == L) {
        out.heading(QStringLiteral("Loss"));
        if (p.lossDone)
            out.equation(explainLoss(rec, s.values, o.style));
        else
            out.pending(QStringLiteral("J"), QStringLiteral("phase “loss”"));
    }
    backwardSection(out, s, rec, p, k, i, o);
    updateSection(out, s, rec, p, k, i, o);
    return out.html();
}

QString edgeExplanationHtml(const Snapshot& s, int k, int i, int j, const ExplanationOptions& o) {
    HtmlWriter out(o);
    const Network& net = s.network;
    if (net.depth() == 0 || k < 1 || !validNode(net, k, i) || j < 0 || j > net.layer(k).inputs()) {
        out.note(QStringLiteral("There is no weight w<sub>%1,%2</sub>(%3) in this network.")
                     .arg(i)
                     .arg(j)
                     .arg(k));
        return out.html();
    }
    const RecordProgress& p = s.progress;
    const Eigen::Index row = i - 1;
    const ExplainStyle& style = o.style;
    const QString name = sym(weightSymbol(i, j, k));
    out.title(QStringLiteral("Weight ") + name,
              j == 0
                  ? QStringLiteral("the bias of node %1 of layer %2 (its input is the constant 1)")
                        .arg(i)
                        .arg(k)
                  : QStringLiteral("from ") + sym(nodeSymbol("x", j, k - 1)) +
                        QStringLiteral(" into node %1 of layer %2").arg(i).arg(k));
    recordLine(out, s);

    const double w = net.layer(k).w(row, j);
    out.heading(QStringLiteral("Value"));
    out.paragraph(name + QStringLiteral(" = <b>%1</b> now")
                             .arg(QString::fromStdString(formatNumber(w, style.precision))));
    out.note(QStringLiteral("full precision: %1").arg(fullPrecision(w)));

    out.heading(QStringLiteral("Gradient"));
    if (p.gradientCurrent(k))
        out.equation(explainDJdw(networkOfRecord(s), s.values, k, i, j, style));
    else
        out.pending(QStringLiteral("∂J/∂") + name, QStringLiteral("phase “backward %1”").arg(k));

    out.heading(QStringLiteral("Update"));
    if (p.highlightsUpdate) {
        updateRule(out, s.hyper);
        updateLine(out, s, networkOfRecord(s), k, i, j, style);
    } else if (!s.lastUpdate.empty()) {
        const double dw = s.lastUpdate[static_cast<std::size_t>(k - 1)](row, j);
        QString when = s.lastUpdateRecords >= 0
                           ? QStringLiteral(" (after %1 records trained)").arg(s.lastUpdateRecords)
                           : QString();
        out.paragraph(QStringLiteral("Δw of the last update") + when +
                      QStringLiteral(": <b>%1</b>")
                          .arg(QString::fromStdString(formatNumber(dw, style.precision))));
        out.pending(QStringLiteral("This record's update"),
                    QStringLiteral("it runs after the backward pass"));
    } else {
        out.note(QStringLiteral("No update yet: w ← w − a·∂J/∂w runs after the backward pass."));
    }
    return out.html();
}

} // namespace bp
