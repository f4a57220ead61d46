#include "graph/graph_tooltips.h"

#include "math/explain.h"

namespace bp {

namespace {
QString sub(const QString& symbol, const QString& index, int k) {
    return symbol + QStringLiteral("<sub>") + index + QStringLiteral("</sub>(") +
           QString::number(k) + QStringLiteral(")");
}
QString row(const QString& name, const QString& value) {
    return QStringLiteral("<tr><td>") + name + QStringLiteral("</td><td>= ") + value +
           QStringLiteral("</td></tr>");
}
// A value of the record in progress, or the previous record's, said so.
QString valueText(double v, bool current) {
    if (current)
        return fullNumber(v);
    return QStringLiteral("<i>not yet computed for this record</i> (was ") + fullNumber(v) +
           QStringLiteral(")");
}
QString table(const QString& title, const QString& rows, const QString& note = {}) {
    QString html = QStringLiteral("<b>") + title + QStringLiteral("</b><table>") + rows +
                   QStringLiteral("</table>");
    if (!note.isEmpty())
        html += QStringLiteral("<i>") + note + QStringLiteral("</i>");
    return html;
}
} // namespace

QString fullNumber(double v) {
    return QString::fromStdString(formatNumber(v, 6));
}

QString nodeToolTip(const Snapshot& s, const RecordProgress& p, int k, int i, int imageCols) {
    const Network& net = s.network;
    if (k < 0 || k > net.depth())
        return {};
    const QString n = QString::number(i);
    if (i == 0) {
        if (k >= net.depth())
            return {};
        return table(QStringLiteral("bias input ") +
                         sub(QStringLiteral("x"), QStringLiteral("0"), k),
                     row(sub(QStringLiteral("x"), QStringLiteral("0"), k), QStringLiteral("1")),
                     QStringLiteral("its weights are the biases w<sub>i,0</sub>(") +
                         QString::number(k + 1) + QStringLiteral(")"));
    }
    const bool matches = valuesMatchNetwork(s);
    if (k == 0) {
        if (i > net.inputSize)
            return {};
        QString title = QStringLiteral("input ") + n;
        if (imageCols > 0)
            title += QStringLiteral(" (pixel row %1, column %2)")
                         .arg((i - 1) / imageCols + 1)
                         .arg((i - 1) % imageCols + 1);
        const QString value = matches ? valueText(s.values.input(i - 1), p.xCurrent(0))
                                      : QStringLiteral("<i>no record yet</i>");
        return table(title, row(sub(QStringLiteral("x"), n, 0), value));
    }
    const Layer& layer = net.layer(k);
    if (i > layer.size())
        return {};
    const QString activation = QString::fromStdString(toString(layer.activation));
    const QString title =
        QStringLiteral("node %1 of layer %2 (%3%4)")
            .arg(i)
            .arg(k)
            .arg(activation, k == net.depth() ? QStringLiteral(", output") : QString());
    QString rows =
        row(sub(QStringLiteral("w"), n + QStringLiteral(",0"), k) + QStringLiteral(" (bias)"),
            fullNumber(layer.w(i - 1, 0)));
    if (!matches)
        return table(title, rows, QStringLiteral("no record yet"));
    const LayerValues& v = s.values.layer(k);
    const int r = i - 1;
    rows += row(sub(QStringLiteral("z"), n, k), valueText(v.z(r), p.xCurrent(k)));
    rows += row(sub(QStringLiteral("x"), n, k) + QStringLiteral(" = g(z)"),
                valueText(v.x(r), p.xCurrent(k)));
    if (k == net.depth() && s.values.target.size() == layer.size())
        rows += row(QStringLiteral("y<sub>") + n + QStringLiteral("</sub> (target)"),
                    fullNumber(s.values.target(r)));
    rows += row(sub(QStringLiteral("\u03b4"), n, k) + QStringLiteral(" = \u2202J/\u2202x"),
                valueText(v.delta(r), p.deltaCurrent(k)));
    rows += row(QStringLiteral("\u2202J/\u2202") + sub(QStringLiteral("z"), n, k),
                valueText(v.dJdz(r), p.gradientCurrent(k)));
    if (k == net.depth() && p.lossDone)
        rows += row(QStringLiteral("J (this record)"), fullNumber(s.values.loss));
    return table(title, rows);
}

QString edgeToolTip(const Snapshot& s, const RecordProgress& p, int k, int i, int j) {
    const Network& net = s.network;
    if (k < 1 || k > net.depth())
        return {};
    const Layer& layer = net.layer(k);
    if (i < 1 || i > layer.size() || j < 0 || j > layer.inputs())
        return {};
    const QString ij = QString::number(i) + QStringLiteral(",") + QString::number(j);
    const QString name = sub(QStringLiteral("w"), ij, k);
    const QString from = j == 0 ? QStringLiteral("bias of node %1 of layer %2").arg(i).arg(k)
                                : QStringLiteral("from x<sub>%1</sub>(%2) to node %3 of layer %4")
                                      .arg(j)
                                      .arg(k - 1)
                                      .arg(i)
                                      .arg(k);
    QString rows = row(name, fullNumber(layer.w(i - 1, j)));
    if (valuesMatchNetwork(s))
        rows += row(QStringLiteral("\u2202J/\u2202") + name,
                    valueText(s.values.layer(k).dJdw(i - 1, j), p.gradientCurrent(k)));
    const auto kk = static_cast<std::size_t>(k - 1);
    if (kk < s.lastUpdate.size() && s.lastUpdate[kk].rows() == layer.w.rows() &&
        s.lastUpdate[kk].cols() == layer.w.cols())
        rows +=
            row(QStringLiteral("\u0394w (last update)"), fullNumber(s.lastUpdate[kk](i - 1, j)));
    else
        rows +=
            row(QStringLiteral("\u0394w (last update)"), QStringLiteral("<i>no update yet</i>"));
    return table(name + QStringLiteral(": ") + from, rows);
}

} // namespace bp
