#include "style/chart_style.h"

#include <QAbstractAxis>
#include <QChart>
#include <QFont>
#include <QLegend>
#include <QPalette>
#include <QPen>

namespace bp {

QColor mixColors(const QColor& a, const QColor& b, double t) {
    const double s = 1 - t;
    return QColor::fromRgbF(static_cast<float>(a.redF() * s + b.redF() * t),
                            static_cast<float>(a.greenF() * s + b.greenF() * t),
                            static_cast<float>(a.blueF() * s + b.blueF() * t));
}

QColor mutedTextColor(const QPalette& palette) {
    return mixColors(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.38);
}

bool isDarkPalette(const QPalette& palette) {
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

void styleChart(QChart* chart, const QPalette& palette, const QFont& font, bool presentation) {
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor grid = mixColors(base, text, 0.15);
    const QColor axisLine = mixColors(base, text, 0.45);
    chart->setBackgroundBrush(palette.color(QPalette::Window));
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundBrush(base);
    chart->setPlotAreaBackgroundVisible(true);
    chart->setTitleBrush(text);

    QFont labelFont = font;
    if (presentation)
        labelFont.setPointSizeF(labelFont.pointSizeF() * 1.5);
    QFont titleFont = labelFont;
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->legend()->setFont(labelFont);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsFont(labelFont);
        axis->setLabelsColor(text);
        axis->setTitleFont(labelFont);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(mixColors(base, text, 0.07));
        axis->setLinePenColor(axisLine);
    }
}

} // namespace bp
