#include "diff/weight_diff_panel.h"

#include "diff/diff_heatmap.h"
#include "graph/diverging_palette.h"
#include "graph/graph_tooltips.h"
#include "style/screen_text.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QTimer>

namespace bp {

namespace {
constexpr int kRunningRefreshMs = 1000; // while running: a new diff about once a second

// w₃,₁₇(1) — the seed's w_{i,j}(k) in plain text, for the table.
QString weightName(int k, int i, int j) {
    return QStringLiteral("w%1,%2(%3)").arg(subscript(i), subscript(j)).arg(k);
}

// Whether the two networks' weight matrices have the same sizes, layer by layer.
bool sameShape(const Network& a, const Network& b) {
    if (a.depth() != b.depth())
        return false;
    for (int k = 1; k <= a.depth(); ++k)
        if (a.layer(k).w.rows() != b.layer(k).w.rows() ||
            a.layer(k).w.cols() != b.layer(k).w.cols())
            return false;
    return true;
}

// Where a snapshot is: "1 200 records trained (epoch 2)" (the epoch in progress).
QString whereText(const Snapshot& s) {
    return QObject::tr("%1 records trained (epoch %2)")
        .arg(countText(static_cast<double>(s.recordsTrained)))
        .arg(s.epoch + 1);
}
} // namespace

WeightDiffPanel::WeightDiffPanel(QWidget* parent) : QWidget(parent) {
    m_source = new QComboBox;
    m_source->addItem(tr("This run: the history's start → now"),
                      static_cast<int>(Source::HistoryStart));
    m_source->addItem(tr("This run: the mark → now"), static_cast<int>(Source::Mark));
    m_source->addItem(tr("Main run → fork, now"), static_cast<int>(Source::Fork));
    m_source->setToolTip(tr("Which two sets of weights to compare: Δw = the second − the first"));
    m_markButton = new QPushButton(tr("Mark this point"));
    m_markButton->setToolTip(tr("Remember the run's state now; \"the mark → now\" then shows what "
                                "changed since"));
    m_refresh = new QPushButton(tr("Refresh"));
    m_markLabel = new QLabel;
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Compare:")));
    top->addWidget(m_source);
    top->addWidget(m_markButton);
    top->addWidget(m_markLabel, 1);
    top->addWidget(m_refresh);

    auto* maps = new QWidget;
    m_maps = new QVBoxLayout(maps);
    m_maps->setContentsMargins(0, 0, 4, 0);
    m_maps->addStretch(1);
    auto* mapsArea = new QScrollArea;
    mapsArea->setWidget(maps);
    mapsArea->setWidgetResizable(true);
    mapsArea->setFrameShape(QFrame::NoFrame);

    m_table = new QTableWidget(0, 4);
    m_table->setHorizontalHeaderLabels({tr("weight"), tr("from"), tr("to"), tr("Δw")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setToolTip(tr("The weights that differ most (|Δw| largest first); click one to "
                           "select it on the graph"));
    auto* tableBox = new QWidget;
    auto* tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(new QLabel(tr("Largest differences")));
    tableLayout->addWidget(m_table, 1);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(mapsArea);
    split->addWidget(tableBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400}); // scaled to the width it gets: the heatmaps 3/5 of it
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    m_whileRunning = new QTimer(this);
    m_whileRunning->setInterval(kRunningRefreshMs);
    connect(m_whileRunning, &QTimer::timeout, this, [this] {
        // Of two snapshots, on this thread: the mark's while the run moves on, the fork's
        // (either run may be running). Never the history's start: each would make the
        // worker restore a state from its history, and that start moves on anyway.
        const bool moving = m_snapshot && m_snapshot->running && source() == Source::Mark;
        if (m_shown && (moving || source() == Source::Fork))
            refresh();
    });
    m_whileRunning->start();
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        m_forkWanted = false; // the user (or the fork's return) chose
        updateMarkLabel();
        refresh();
    });
    connect(m_markButton, &QPushButton::clicked, this, &WeightDiffPanel::markHere);
    connect(m_refresh, &QPushButton::clicked, this, &WeightDiffPanel::refresh);
    connect(m_table, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (!m_diff || row < 0 || row >= static_cast<int>(m_diff->largestChanges.size()))
            return;
        const WeightChange& c = m_diff->largestChanges[static_cast<std::size_t>(row)];
        emit weightChosen(c.layer, c.node, c.column);
    });
    setForkAvailable(false);
    updateMarkLabel();
    showMessage(tr("No run yet."));
}

WeightDiffPanel::Source WeightDiffPanel::source() const {
    return static_cast<Source>(m_source->currentData().toInt());
}

void WeightDiffPanel::setSource(Source s) {
    m_source->setCurrentIndex(m_source->findData(static_cast<int>(s)));
}

void WeightDiffPanel::setForkAvailable(bool on) {
    m_forkAvailable = on;
    // The fork entry is there only while there is a fork (Train → Fork here…).
    auto* model = qobject_cast<QStandardItemModel*>(m_source->model());
    if (model)
        if (QStandardItem* item = model->item(m_source->findData(static_cast<int>(Source::Fork))))
            item->setEnabled(on);
    // A fork replaced by another (Fork here… again) comes back as the source it was.
    if (!on && source() == Source::Fork) {
        setSource(Source::HistoryStart);
        m_forkWanted = true;
    } else if (on && m_forkWanted) {
        setSource(Source::Fork);
    }
}

void WeightDiffPanel::setSnapshot(std::shared_ptr<const Snapshot> s) {
    const bool moved = !m_snapshot || !s || m_snapshot->time != s->time ||
                       m_snapshot->serial > s->serial; // a new setup starts the serials again
    const bool first = !m_snapshot;
    m_snapshot = std::move(s);
    if (!m_snapshot)
        return;
    const bool dropMark = m_mark && !sameShape(m_mark->network, m_snapshot->network);
    if (dropMark)
        m_mark.reset(); // set on another network
    if (first || dropMark)
        updateMarkLabel();
    if (moved && !m_snapshot->running && m_shown)
        refresh();
}

void WeightDiffPanel::markHere() {
    if (!m_snapshot)
        return;
    m_mark = m_snapshot;
    setSource(Source::Mark);
    updateMarkLabel();
    refresh();
}

void WeightDiffPanel::updateMarkLabel() {
    m_markLabel->setText(m_mark ? tr("mark: %1").arg(whereText(*m_mark)) : tr("no mark set"));
    m_markButton->setEnabled(m_snapshot != nullptr);
}

void WeightDiffPanel::refresh() {
    if (!m_snapshot)
        return;
    switch (source()) {
    case Source::Fork:
        emit forkDiffRequested();
        return;
    case Source::HistoryStart:
        emit historyDiffRequested();
        return;
    case Source::Mark:
        diffFromMark();
        return;
    }
}

// Δw = w(on screen) − w(mark), by the session's diffWeights, of the two snapshots' weights.
void WeightDiffPanel::diffFromMark() {
    if (!m_mark) {
        showMessage(tr("No mark set: press \"Mark this point\", train on, and see what "
                       "changed since."));
        return;
    }
    auto d = std::make_shared<WeightDiff>(diffWeights(m_mark->network, m_snapshot->network));
    d->fromTime = m_mark->time;
    d->toTime = m_snapshot->time;
    const QString ends = m_snapshot->time >= m_mark->time
                             ? tr("from the mark (%1) to now").arg(whereText(*m_mark))
                             : tr("from the mark (%1) back to now (%2)")
                                   .arg(whereText(*m_mark), whereText(*m_snapshot));
    showDiff(std::move(d), ends);
}

void WeightDiffPanel::setShown(bool on) {
    m_shown = on;
    if (on)
        refresh();
}

void WeightDiffPanel::showDiff(std::shared_ptr<const WeightDiff> diff, const QString& ends) {
    m_diff = std::move(diff);
    if (!m_diff)
        return;
    QString where = ends;
    if (where.isEmpty()) // from the history
        where = m_diff->fromTime == 0
                    ? tr("from the setup to now")
                    : tr("from the history's start (%1 phases after the setup) to now")
                          .arg(countText(static_cast<double>(m_diff->fromTime)));
    const WeightDiff& d = *m_diff;
    QString text = tr("Δw %1: %2 of %3 weights differ, ‖Δw‖ = %4")
                       .arg(where, countText(static_cast<double>(d.changed)),
                            countText(static_cast<double>(d.total)), screenNumber(d.norm));
    if (!d.largestChanges.empty()) {
        const WeightChange& c = d.largestChanges.front();
        text += tr(", largest |Δw| = %1 at %2.")
                    .arg(screenNumber(std::abs(c.delta)), weightName(c.layer, c.node, c.column));
    } else {
        text += tr(": the two are the same, bit for bit.");
    }
    m_summary->setText(text);
    buildHeatmaps();
    fillTable();
}

void WeightDiffPanel::showMessage(const QString& text) {
    m_summary->setText(text);
}

QString WeightDiffPanel::summaryText() const {
    return m_summary->text();
}

DiffHeatmap* WeightDiffPanel::heatmap(int k) const {
    if (k < 1 || k > static_cast<int>(m_heatmaps.size()))
        return nullptr;
    return m_heatmaps[static_cast<std::size_t>(k - 1)];
}

// A caption and a heatmap per layer, each coloured to its own largest |Δw| (a layer that
// barely moved still shows where it moved; the caption gives the scale).
void WeightDiffPanel::buildHeatmaps() {
    const int layers = static_cast<int>(m_diff->delta.size());
    while (static_cast<int>(m_heatmaps.size()) > layers) {
        delete m_captions.back();
        delete m_heatmaps.back();
        m_captions.pop_back();
        m_heatmaps.pop_back();
    }
    while (static_cast<int>(m_heatmaps.size()) < layers) {
        auto* caption = new QLabel;
        caption->setWordWrap(true);
        auto* map = new DiffHeatmap;
        connect(map, &DiffHeatmap::weightClicked, this, &WeightDiffPanel::weightChosen);
        const int at = m_maps->count() - 1; // before the stretch
        m_maps->insertWidget(at, caption);
        m_maps->insertWidget(at + 1, map);
        m_captions.push_back(caption);
        m_heatmaps.push_back(map);
    }
    for (int k = 1; k <= layers; ++k) {
        const auto l = static_cast<std::size_t>(k - 1);
        const Matrix& delta = m_diff->delta[l];
        const double largest = m_diff->largestIn[l];
        const double range = DivergingPalette::niceRange(largest);
        const long changed = m_diff->changedIn[l];
        m_captions[static_cast<std::size_t>(k - 1)]->setText(
            tr("<b>Δw(%1)</b>: %2 units × %3 columns (j = 0: the bias); %4 differ, largest "
               "|Δw| %5; colours ±%6 (blue −, red +)")
                .arg(k)
                .arg(delta.rows())
                .arg(delta.cols())
                .arg(countText(static_cast<double>(changed)), screenNumber(largest),
                     screenNumber(range, 2)));
        m_heatmaps[static_cast<std::size_t>(k - 1)]->setLayer(m_diff, k, range);
    }
}

void WeightDiffPanel::fillTable() {
    const auto& changes = m_diff->largestChanges;
    m_table->setRowCount(static_cast<int>(changes.size()));
    for (int r = 0; r < static_cast<int>(changes.size()); ++r) {
        const WeightChange& c = changes[static_cast<std::size_t>(r)];
        const QStringList cells = {weightName(c.layer, c.node, c.column), fullNumber(c.from),
                                   fullNumber(c.to), fullNumber(c.delta)};
        for (int col = 0; col < cells.size(); ++col) {
            auto* item = new QTableWidgetItem(cells[col]);
            if (col > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, col, item);
        }
    }
}

} // namespace bp
