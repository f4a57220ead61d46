#include "teaching/order_comparison.h"

#include "math/update_order.h"
#include "style/screen_text.h"

#include <QObject>

namespace bp {

namespace {
QString cell(const QString& text, bool differs = false) {
    return differs ? "<td><b>" + text + "</b></td>" : "<td>" + text + "</td>";
}
} // namespace

QString updateOrderTable(const Snapshot& s, long steps) {
    if (!s.hasPhase || !valuesMatchNetwork(s))
        return {};
    const Network start = networkOfRecord(s);
    const Vector input = s.values.input, target = s.values.target;
    const double a = s.hyper.learningRate;
    const Network right = stepInOrder(start, input, target, a, UpdateOrder::AfterAllGradients);
    const Network wrong = stepInOrder(start, input, target, a, UpdateOrder::LayerByLayer);
    QString html = QObject::tr("<p>From the weights this record started with, a = %1. "
                               "Bold: where the two orders differ.</p>")
                       .arg(screenNumber(a));
    html += "<table cellspacing='0' cellpadding='3' border='1'><tr><th>after one step</th><th>"
            "every gradient first</th><th>layer by layer</th></tr>";
    for (int k = start.depth(); k >= 1; --k)
        for (Eigen::Index i = 0; i < start.layer(k).size(); ++i)
            for (Eigen::Index j = 0; j <= start.layer(k).inputs(); ++j) {
                const double r = right.layer(k).w(i, j), w = wrong.layer(k).w(i, j);
                html += "<tr>" + cell(QString("w<sub>%1,%2</sub>(%3)").arg(i + 1).arg(j).arg(k)) +
                        cell(screenNumber(r, 7), r != w) + cell(screenNumber(w, 7), r != w) +
                        "</tr>";
            }
    const OrderRun longRight =
        trainInOrder(start, input, target, a, steps, UpdateOrder::AfterAllGradients);
    const OrderRun longWrong =
        trainInOrder(start, input, target, a, steps, UpdateOrder::LayerByLayer);
    html += "<tr>" + cell(QObject::tr("J after %1 steps").arg(countText(double(steps)))) +
            cell(screenNumber(longRight.lossAfter, 7), true) +
            cell(screenNumber(longWrong.lossAfter, 7), true) + "</tr></table>";
    return html;
}

} // namespace bp
