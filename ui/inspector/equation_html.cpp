#include "inspector/equation_html.h"

#include <QRegularExpression>

namespace bp {

QString equationHtml(const std::string& engineText) {
    QString html = QString::fromStdString(engineText).toHtmlEscaped();
    // e^z_l(2) (softmax): the exponent up to the next space or slash.
    static const QRegularExpression power(QStringLiteral("e\\^([^\\s/]+)"));
    html.replace(power, QStringLiteral("e<sup>\\1</sup>"));
    // w_{i,j}(k): a braced subscript.
    static const QRegularExpression braced(QStringLiteral("_\\{([^}]*)\\}"));
    html.replace(braced, QStringLiteral("<sub>\\1</sub>"));
    // z_1(1), Σ_j, y_k, δ_l: one index after a symbol. Words such as leaky_relu or
    // cross_entropy (more letters after the underscore) stay as they are.
    static const QRegularExpression single(
        QStringLiteral("(?<=[A-Za-z\\x{03B4}\\x{03A3}])_([0-9]+|[A-Za-z])(?![A-Za-z0-9_])"));
    html.replace(single, QStringLiteral("<sub>\\1</sub>"));
    return html;
}

EquationParts splitNote(const std::string& engineText) {
    // The engine appends each note as "   (…)" after the equation.
    static const std::string kSeparator = "   (";
    EquationParts parts;
    std::string::size_type at = engineText.find(kSeparator);
    parts.equation = engineText.substr(0, at);
    while (at != std::string::npos) {
        const std::string::size_type next = engineText.find(kSeparator, at + 1);
        std::string note =
            engineText.substr(at + 3, next == std::string::npos ? next : next - at - 3);
        if (note.size() >= 2 && note.front() == '(' && note.back() == ')')
            note = note.substr(1, note.size() - 2);
        parts.notes.push_back(note);
        at = next;
    }
    return parts;
}

QString equationHtmlWithResult(const std::string& equation) {
    const std::string::size_type at = equation.rfind(" = ");
    if (at == std::string::npos)
        return equationHtml(equation);
    return equationHtml(equation.substr(0, at + 3)) + QStringLiteral("<b>") +
           equationHtml(equation.substr(at + 3)) + QStringLiteral("</b>");
}

} // namespace bp
