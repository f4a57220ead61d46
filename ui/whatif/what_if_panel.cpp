// The What-if dock's upper half: the edit (a spin box, Undo, Keep in run) and the table
// of the record's values before and after it, with the training set's J. The loss slice
// below it is in what_if_slice.cpp.
#include "whatif/what_if_panel.h"

#include "math/metrics.h"
#include "session/widen.h"
#include "style/screen_text.h"
#include "whatif/loss_heatmap.h"
#include "whatif/loss_slice_chart.h"

#include <cmath>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bp {

namespace {
// The record's what-if in the session's precision, widened to double for the screen
// (exactly: every float is a double).
RecordWhatIf computeRecord(const Snapshot& s, const WhatIfTarget& t, double value) {
    if (s.precision == Precision::Double)
        return recordWhatIf(s.network, s.values.input, s.values.target, t, value);
    const RecordWhatIfT<float> f =
        recordWhatIf<float>(castNetwork<float>(s.network), s.values.input.cast<float>(),
                            s.values.target.cast<float>(), t, static_cast<float>(value));
    RecordWhatIf r;
    r.target = t;
    r.valueBefore = static_cast<double>(f.valueBefore);
    r.valueAfter = static_cast<double>(f.valueAfter);
    widenInto(f.before, r.before);
    widenInto(f.after, r.after);
    return r;
}

QString nodeName(const char* q, int i, int k) {
    return QString::fromLatin1(q) + subscript(i) + "(" + QString::number(k) + ")";
}
} // namespace

WhatIfPanel::WhatIfPanel(QWidget* parent)
    : QWidget(parent), m_header(new QLabel), m_value(new QDoubleSpinBox), m_trained(new QLabel),
      m_undo(new QPushButton(tr("Undo"))), m_keep(new QPushButton(tr("Keep in run"))),
      m_table(new QTableWidget(0, 4)), m_radiusBox(new QDoubleSpinBox),
      m_twoBox(new QCheckBox(tr("Two weights"))), m_sliceNote(new QLabel),
      m_chart(new LossSliceChart), m_heatmap(new LossHeatmap) {
    m_header->setWordWrap(true);
    m_value->setDecimals(6);
    m_value->setRange(-1e6, 1e6);
    m_value->setSingleStep(0.01);
    m_value->setKeyboardTracking(false);
    m_value->setEnabled(false);
    m_value->setToolTip(tr("Type a value or use the arrows: the record and the training set's "
                           "J are computed again with it. Training pauses."));
    m_undo->setEnabled(false);
    m_undo->setToolTip(tr("Back to the trained value"));
    m_keep->setEnabled(false);
    m_keep->setToolTip(tr("Set this weight in the training run, from the current record's "
                          "start on. Back one phase (Shift+F11) undoes it."));
    auto* edit = new QHBoxLayout;
    edit->addWidget(m_value, 1);
    edit->addWidget(m_undo);
    edit->addWidget(m_keep);
    edit->addWidget(m_trained, 1);

    m_table->setHorizontalHeaderLabels({tr("value"), tr("now"), tr("what if"), tr("change")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);

    m_radiusBox->setDecimals(4);
    m_radiusBox->setRange(0, 1e6);
    m_radiusBox->setSpecialValueText(tr("auto"));
    m_radiusBox->setPrefix(QStringLiteral("± "));
    m_radiusBox->setKeyboardTracking(false);
    m_radiusBox->setToolTip(tr("The slice spans the trained value ± this (auto: max(1, 2|w|))"));
    m_twoBox->setToolTip(tr("A heatmap of J over the last two weights selected in the graph, "
                            "with the path they took while this dock watched them"));
    auto* sliceRow = new QHBoxLayout;
    sliceRow->addWidget(new QLabel(tr("Loss slice")));
    sliceRow->addWidget(m_radiusBox);
    sliceRow->addWidget(m_twoBox);
    sliceRow->addStretch();
    m_sliceNote->setWordWrap(true);
    m_heatmap->hide();

    auto* top = new QWidget;
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_header);
    topLayout->addLayout(edit);
    topLayout->addWidget(m_table, 1);
    auto* bottom = new QWidget;
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addLayout(sliceRow);
    bottomLayout->addWidget(m_chart, 1);
    bottomLayout->addWidget(m_heatmap, 1);
    bottomLayout->addWidget(m_sliceNote);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 400}); // the slice gets a little more than the table
    m_table->setMinimumHeight(70);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_value, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!m_settingBox)
            setValue(v);
    });
    connect(m_undo, &QPushButton::clicked, this, &WhatIfPanel::undo);
    connect(m_keep, &QPushButton::clicked, this, &WhatIfPanel::keep);
    connect(m_radiusBox, &QDoubleSpinBox::valueChanged, this, &WhatIfPanel::setSliceRadius);
    connect(m_twoBox, &QCheckBox::toggled, this, &WhatIfPanel::setTwoWeights);
    updateHeader();
}

WhatIfPanel::~WhatIfPanel() = default;

void WhatIfPanel::setTrainingSet(std::shared_ptr<const Dataset> train) {
    m_train = std::move(train);
    m_edit.reset();
    refresh();
    requestSlice();
}

void WhatIfPanel::setSnapshot(std::shared_ptr<const Snapshot> s) {
    if (!s)
        return;
    const std::shared_ptr<const Snapshot> old = std::move(m_snapshot);
    m_snapshot = std::move(s);
    const bool newWeights = !old || !(old->network == m_snapshot->network);
    const bool newRecord = !old || old->shownRecord != m_snapshot->shownRecord ||
                           old->values.input != m_snapshot->values.input;
    if (newWeights && !m_pausing)
        m_edit.reset(); // training moved on: the edit was of weights that are gone
    if (!m_snapshot->running)
        m_pausing = false;
    if (newWeights || newRecord || !m_snapshot->running)
        refresh();
    if (newWeights && !m_snapshot->running)
        requestSlice();
}

void WhatIfPanel::showTarget(const WhatIfTarget& t) {
    if (m_target && *m_target == t)
        return;
    if (m_target && !m_target->isInput())
        m_second = m_target;
    m_target = t;
    m_edit.reset();
    refresh();
    requestSlice();
}

void WhatIfPanel::setShown(bool shown) {
    const bool was = m_shown;
    m_shown = shown;
    if (shown && !was) {
        refresh();
        requestSlice();
    }
}

void WhatIfPanel::setValue(double value) {
    if (!ready())
        return;
    if (m_snapshot->running)
        m_pausing = true; // keep the edit through the weights the pause arrives with
    m_edit = value;
    emit editStarted();
    refresh();
    showSlice(); // the what-if point moves
}

void WhatIfPanel::undo() {
    m_edit.reset();
    refresh();
    showSlice();
}

bool WhatIfPanel::keep() {
    if (!m_edit || !ready() || m_target->isInput())
        return false;
    emit keepWanted(*m_target, *m_edit); // the snapshot with the weight set drops m_edit
    return true;
}

bool WhatIfPanel::ready() const {
    return m_snapshot && m_target && targetFits(m_snapshot->network, *m_target) &&
           valuesMatchNetwork(*m_snapshot) &&
           m_snapshot->values.input.size() == m_snapshot->network.inputSize &&
           m_snapshot->values.target.size() == m_snapshot->network.outputSize();
}

double WhatIfPanel::trainedValue() const {
    return targetValue(m_snapshot->network, m_snapshot->values.input, *m_target);
}

QString WhatIfPanel::targetName(const WhatIfTarget& t) const {
    if (t.isInput())
        return nodeName("x", t.node, 0);
    return "w" + subscript(t.node) + QStringLiteral(",") + subscript(t.column) + "(" +
           QString::number(t.layer) + ")";
}

void WhatIfPanel::updateHeader() {
    if (!m_target) {
        m_header->setText(tr("Click an edge (a weight), a node (its bias) or an input node in "
                             "the graph to change it here and see what it does."));
        return;
    }
    const WhatIfTarget& t = *m_target;
    QString what =
        t.isInput() ? tr("%1: input %2 of the record").arg(targetName(t)).arg(t.node)
        : t.column == 0
            ? tr("%1: the bias of node %2 in layer %3").arg(targetName(t)).arg(t.node).arg(t.layer)
            : tr("%1: from node %2 of layer %3 to node %4 of layer %5")
                  .arg(targetName(t))
                  .arg(t.column)
                  .arg(t.layer - 1)
                  .arg(t.node)
                  .arg(t.layer);
    if (m_snapshot && m_snapshot->shownRecord >= 0)
        what += tr(" · record %1").arg(m_snapshot->shownRecord);
    m_header->setText(what);
}

void WhatIfPanel::refresh() {
    updateHeader();
    if (!ready()) {
        m_result.reset();
        m_trainBefore.reset();
        m_trainAfter.reset();
        m_value->setEnabled(false);
        m_undo->setEnabled(false);
        m_keep->setEnabled(false);
        m_trained->clear();
        m_table->setRowCount(0);
        return;
    }
    const double trained = trainedValue();
    const double value = m_edit.value_or(trained);
    m_result = computeRecord(*m_snapshot, *m_target, value);
    m_settingBox = true;
    m_value->setEnabled(true);
    m_value->setValue(m_result->valueAfter);
    m_settingBox = false;
    m_undo->setEnabled(m_edit.has_value());
    m_keep->setEnabled(m_edit.has_value() && !m_target->isInput());
    m_trained->setText(tr("trained: %1").arg(screenNumber(m_result->valueBefore, 6)));
    m_trainBefore.reset();
    m_trainAfter.reset();
    fillTable();
    if (m_shown && !m_snapshot->running)
        requestTrainingLoss();
}

void WhatIfPanel::fillTable() {
    if (!m_result)
        return;
    const RecordWhatIf& r = *m_result;
    struct Row {
        QString name;
        std::optional<double> before, after;
    };
    std::vector<Row> rows;
    rows.push_back({tr("J, training set"), m_trainBefore, m_trainAfter});
    rows.push_back({tr("J of the record"), r.before.loss, r.after.loss});
    if (r.target.isInput())
        rows.push_back({targetName(r.target), r.valueBefore, r.valueAfter});
    for (int k = 1; k <= static_cast<int>(r.before.layers.size()); ++k) {
        const LayerValues& b = r.before.layer(k);
        const LayerValues& a = r.after.layer(k);
        for (int i = 1; i <= b.z.size(); ++i) {
            rows.push_back({nodeName("z", i, k), b.z(i - 1), a.z(i - 1)});
            rows.push_back({nodeName("x", i, k), b.x(i - 1), a.x(i - 1)});
        }
    }
    m_table->setRowCount(static_cast<int>(rows.size()));
    const QString pending = m_snapshot && m_snapshot->running ? tr("(pause)") : tr("…");
    for (int row = 0; row < static_cast<int>(rows.size()); ++row) {
        const Row& x = rows[static_cast<std::size_t>(row)];
        const QString before = x.before ? screenNumber(*x.before, 6) : pending;
        const QString after = x.after ? screenNumber(*x.after, 6) : pending;
        const QString change = x.before && x.after ? signedNumber(*x.after - *x.before, 4) : "";
        const QStringList cells{x.name, before, after, change};
        for (int c = 0; c < 4; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == 2 && x.before && x.after && *x.after != *x.before) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            m_table->setItem(row, c, item);
        }
    }
}

void WhatIfPanel::requestTrainingLoss() {
    if (!ready() || !m_train || m_train->records() == 0)
        return;
    const std::shared_ptr<const Snapshot> s = m_snapshot;
    const std::shared_ptr<const Dataset> train = m_train;
    const WhatIfTarget t = *m_target;
    const std::optional<double> edit = m_edit;
    m_trainTask.start(
        [s, train, t, edit](const std::atomic<bool>&) {
            // J = (1/N) Σ_r J_r over the training set, before and with the edit.
            if (s->precision == Precision::Float) {
                const NetworkT<float> net = castNetwork<float>(s->network);
                const double before = evaluate(net, *train).loss;
                const double after =
                    edit ? trainingLossWith<float>(net, *train, t, static_cast<float>(*edit))
                         : before;
                return std::make_pair(before, after);
            }
            const double before = evaluate(s->network, *train).loss;
            const double after = edit ? trainingLossWith(s->network, *train, t, *edit) : before;
            return std::make_pair(before, after);
        },
        [this](std::pair<double, double> j) {
            m_trainBefore = j.first;
            m_trainAfter = j.second;
            fillTable();
            showSlice();
            emit trainingLossReady();
        });
}

} // namespace bp
