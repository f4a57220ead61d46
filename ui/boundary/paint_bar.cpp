// The Decision boundary's Paint bar: the toggle, the class to paint, the hint (or why
// painting is off) and "Export points…". The points themselves go to the window
// (paintRequested, removeRequested), which changes the session's data.
#include "boundary/decision_boundary_view.h"

#include "boundary/boundary_canvas.h"
#include "boundary/painted_points.h"

#include <algorithm>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace bp {

void DecisionBoundaryView::createPaintBar() {
    m_paintBar = new QWidget(this);
    auto* paint = new QToolButton(m_paintBar);
    paint->setText(tr("Paint"));
    paint->setCheckable(true);
    paint->setToolTip(tr("Click on the plane to add a training point of the chosen class, "
                         "right-click a point to remove it. Training pauses first."));
    m_paint = paint;
    m_paintClass = new QComboBox(m_paintBar);
    m_paintClass->setToolTip(tr("The class of the points you paint"));
    // A width that does not follow the class names: the dock's size must not change
    // when the data do.
    m_paintClass->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_paintClass->setMinimumContentsLength(10);
    m_paintHint = new QLabel(m_paintBar);
    m_paintHint->setWordWrap(true);
    m_paintHint->setMinimumWidth(60);
    m_export = new QPushButton(tr("Export points…"), m_paintBar);
    m_export->setToolTip(tr("The training data, painted points included, as a CSV file"));
    // The buttons on one row, the hint under them (beside them it wrapped into a column
    // that took the plot's height in the narrow right dock).
    auto* column = new QVBoxLayout(m_paintBar);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* row = new QHBoxLayout;
    row->addWidget(m_paint);
    row->addWidget(m_paintClass);
    row->addStretch(1);
    row->addWidget(m_export);
    column->addLayout(row);
    column->addWidget(m_paintHint);
    connect(paint, &QToolButton::toggled, this, &DecisionBoundaryView::setPainting);
    connect(m_export, &QPushButton::clicked, this, &DecisionBoundaryView::exportRequested);
    connect(m_canvas, &BoundaryCanvas::paintClicked, this,
            [this](double x1, double x2) { emit paintRequested(x1, x2, paintClass()); });
    connect(m_canvas, &BoundaryCanvas::removeClicked, this, &DecisionBoundaryView::removeRequested);
    updatePaintBar();
    fixPaintBarHeight();
}

// One height for the bar, whatever its hint says or its class list holds: a wrapped
// label's height-for-width, or a row that grows by a pixel with its items, made the
// window's docks (and the graph beside them) change height as the hint changed. Again
// when the font does (presentation mode).
void DecisionBoundaryView::fixPaintBarHeight() {
    const QFontMetrics fm = m_paintHint->fontMetrics();
    m_paintHint->setFixedHeight(2 * fm.lineSpacing() + 2); // two lines of hint
    const int row = std::max({m_paint->sizeHint().height(), m_paintClass->sizeHint().height(),
                              m_export->sizeHint().height()});
    m_paintBar->setFixedHeight(row + 2 + m_paintHint->height());
}

void DecisionBoundaryView::updatePaintBar() {
    const bool can = paintable();
    // The classes by their names ("setosa"), or "class 1" for a number-named class.
    const int chosen = m_paintClass->currentIndex();
    QStringList names;
    if (m_train && can)
        for (const std::string& c : m_train->classNames) {
            const QString name = QString::fromStdString(c);
            bool number = false;
            name.toDouble(&number);
            names << (number ? tr("class %1").arg(name) : name);
        }
    QStringList shown;
    for (int i = 0; i < m_paintClass->count(); ++i)
        shown << m_paintClass->itemText(i);
    if (shown != names) {
        m_paintClass->clear();
        m_paintClass->addItems(names);
        m_paintClass->setCurrentIndex(chosen >= 0 && chosen < names.size() ? chosen : 0);
    }
    m_paint->setEnabled(can);
    m_paintClass->setEnabled(can);
    if (!can && m_paint->isChecked())
        m_paint->setChecked(false);
    m_canvas->setPainting(can && m_paint->isChecked());
    m_export->setEnabled(m_train && m_train->inputSize() == 2 && m_train->records() > 0);
    m_paintHint->setText(paintNote());
}

void DecisionBoundaryView::setPainting(bool on) {
    if (m_paint->isChecked() != on) {
        m_paint->setChecked(on); // toggled comes back here
        return;
    }
    updatePaintBar();
}

bool DecisionBoundaryView::painting() const {
    return m_canvas->painting();
}

bool DecisionBoundaryView::paintable() const {
    return whyNotPaintable(m_train.get()).empty();
}

int DecisionBoundaryView::paintClass() const {
    return std::max(0, m_paintClass->currentIndex());
}

void DecisionBoundaryView::setPaintClass(int c) {
    m_paintClass->setCurrentIndex(c);
}

QAbstractButton* DecisionBoundaryView::paintButton() const {
    return m_paint;
}

QString DecisionBoundaryView::paintNote() const {
    const std::string why = whyNotPaintable(m_train.get());
    if (!why.empty())
        return QString::fromStdString(why);
    if (!m_paint->isChecked())
        return tr("Paint to add and remove training points on the plane.");
    return tr("Click adds a point · right-click removes one (training pauses)");
}

} // namespace bp
