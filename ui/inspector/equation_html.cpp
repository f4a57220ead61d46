#include "inspector/equation_html.h"

#include "math/explain.h"

#include <QStringList>

namespace bp {

namespace {
QString escaped(const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped();
}

QString joined(const std::vector<Term>& terms, const QString& separator, int digits,
               bool bracketNegativeNumbers) {
    QString html;
    for (std::size_t n = 0; n < terms.size(); ++n) {
        const Term& t = terms[n];
        const bool bracket = bracketNegativeNumbers && t.kind == Term::Kind::Number && t.value < 0;
        html += (n ? separator : QString()) +
                (bracket ? "(" + termHtml(t, digits) + ")" : termHtml(t, digits));
    }
    return html;
}

QString symbolHtml(const Term& t) {
    QString html = escaped(t.name);
    if (!t.indices.empty()) {
        QStringList indices;
        for (const std::string& index : t.indices)
            indices << escaped(index);
        html += QStringLiteral("<sub>") + indices.join(',') + QStringLiteral("</sub>");
    }
    if (t.layer != Term::kNoLayer)
        html += QStringLiteral("(%1)").arg(t.layer);
    return html;
}
} // namespace

QString termHtml(const Term& t, int digits) {
    switch (t.kind) {
    case Term::Kind::Symbol:
        return symbolHtml(t);
    case Term::Kind::Number:
        return escaped(formatNumber(t.value, digits));
    case Term::Kind::Word:
        return escaped(t.name);
    case Term::Kind::Group:
        return joined(t.operands, QString(), digits, false);
    case Term::Kind::Sum:
        return joined(t.operands, QStringLiteral(" + "), digits, false) +
               (t.ofTerms > 0 ? QStringLiteral(" + … (%1 terms)").arg(t.ofTerms) : QString());
    case Term::Kind::Product:
        return joined(t.operands, QStringLiteral("·"), digits, true);
    case Term::Kind::Partial:
        return "∂" + termHtml(t.operands[0], digits) + "/∂" + termHtml(t.operands[1], digits);
    case Term::Kind::Power:
        return termHtml(t.operands[0], digits) + QStringLiteral("<sup>") +
               termHtml(t.operands[1], digits) + QStringLiteral("</sup>");
    }
    return {};
}

QString equationHtml(const Equation& e) {
    if (e.sides.empty())
        return {};
    QString html;
    const std::size_t last = e.sides.size() - 1;
    for (std::size_t n = 0; n < e.sides.size(); ++n) {
        if (n)
            html += " " + escaped(n == 1 ? e.firstRelation : std::string("=")) + " ";
        const QString side = termHtml(e.sides[n], e.digits);
        html += n == last && n > 0 ? QStringLiteral("<b>") + side + QStringLiteral("</b>") : side;
    }
    return html;
}

} // namespace bp
