// The What-if dock's lower half: the loss slice, J over the training set as the selected
// weight varies (core/math/loss_slice.h), or for two weights a heatmap with the path
// training took (from the session's history). Computed off the GUI thread.
#include "whatif/what_if_panel.h"

#include "style/screen_text.h"
#include "whatif/loss_heatmap.h"
#include "whatif/loss_slice_chart.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLabel>

namespace bp {

namespace {
constexpr int slicePoints = 41; // odd: the middle point is the trained value
constexpr int gridPoints = 21;
} // namespace

void WhatIfPanel::setSliceRadius(double radius) {
    if (radius == m_radius)
        return;
    m_radius = radius;
    m_settingBox = true;
    m_radiusBox->setValue(radius);
    m_settingBox = false;
    requestSlice();
}

void WhatIfPanel::setTwoWeights(bool on) {
    if (on == m_twoWeights)
        return;
    m_twoWeights = on;
    m_twoBox->setChecked(on);
    m_chart->setVisible(!on);
    m_heatmap->setVisible(on);
    requestSlice();
}

void WhatIfPanel::setWeightPath(std::shared_ptr<const WeightPath> path) {
    if (!path || !m_target || !m_second || path->first != *m_target || path->second != *m_second)
        return; // of weights no longer shown
    m_path = std::move(path);
    showSlice();
}

void WhatIfPanel::requestSlice() {
    m_slice.reset();
    m_grid.reset();
    m_path.reset();
    m_sliceTask.cancel();
    m_gridTask.cancel();
    if (!m_shown || !ready() || !m_train || m_train->records() == 0 || m_snapshot->running) {
        showSlice();
        return;
    }
    if (m_target->isInput()) {
        showSlice();
        return;
    }
    const std::shared_ptr<const Snapshot> s = m_snapshot;
    const std::shared_ptr<const Dataset> train = m_train;
    const WhatIfTarget t = *m_target;
    const double w = trainedValue();
    const std::vector<double> values =
        sliceValues(w, m_radius > 0 ? m_radius : defaultSliceRadius(w), slicePoints);
    m_sliceNote->setText(tr("Computing J over %1 records at %2 points…")
                             .arg(countText(static_cast<double>(train->records())))
                             .arg(m_twoWeights ? gridPoints * gridPoints : slicePoints));
    if (m_twoWeights && m_second && targetFits(s->network, *m_second)) {
        const WhatIfTarget t2 = *m_second;
        const double w2 = targetValue(s->network, s->values.input, t2);
        const std::vector<double> a =
            sliceValues(w, m_radius > 0 ? m_radius : defaultSliceRadius(w), gridPoints);
        const std::vector<double> b =
            sliceValues(w2, m_radius > 0 ? m_radius : defaultSliceRadius(w2), gridPoints);
        emit pathWanted(t, t2);
        m_gridTask.start(
            [s, train, t, t2, a, b](const std::atomic<bool>& cancel) {
                SliceControl c;
                c.cancel = &cancel;
                if (s->precision == Precision::Float)
                    return lossGrid(castNetwork<float>(s->network), *train, t, a, t2, b, c);
                return lossGrid(s->network, *train, t, a, t2, b, c);
            },
            [this](LossGrid g) {
                m_grid = std::move(g);
                showSlice();
                emit sliceReady();
            });
        return;
    }
    m_sliceTask.start(
        [s, train, t, values](const std::atomic<bool>& cancel) {
            SliceControl c;
            c.cancel = &cancel;
            if (s->precision == Precision::Float)
                return lossSlice(castNetwork<float>(s->network), *train, t, values, c);
            return lossSlice(s->network, *train, t, values, c);
        },
        [this](LossSlice sl) {
            m_slice = std::move(sl);
            showSlice();
            emit sliceReady();
        });
}

void WhatIfPanel::showSlice() {
    if (!ready() || m_target->isInput()) {
        m_chart->clearSlice(m_target && m_target->isInput()
                                ? tr("A loss slice is of a weight: select an edge or a node")
                                : QString());
        m_heatmap->clearGrid();
        m_sliceNote->clear();
        return;
    }
    if (m_snapshot->running) {
        m_sliceNote->setText(tr("Pause training to see the loss slice."));
        return;
    }
    const QString name = targetName(*m_target);
    if (m_twoWeights) {
        if (!m_second) {
            m_heatmap->clearGrid();
            m_sliceNote->setText(tr("Select a second weight: the heatmap is of the last two "
                                    "edges clicked."));
            return;
        }
        if (!m_grid)
            return;
        const WhatIfTarget& t2 = *m_second;
        // The path: both weights at the record starts the session's history holds.
        QVector<QPointF> path;
        if (m_path)
            for (std::size_t n = 0; n < m_path->a.size(); ++n)
                path.append({m_path->a[n], m_path->b[n]});
        const QPointF trained(trainedValue(),
                              targetValue(m_snapshot->network, m_snapshot->values.input, t2));
        m_heatmap->showGrid(*m_grid, name, targetName(t2), trained, path);
        m_sliceNote->setText(
            tr("J over all %1 training records on a %2×%2 grid of %3 and %4. The line is the "
               "path training took, replayed from the history: %5.")
                .arg(countText(static_cast<double>(m_train->records())))
                .arg(gridPoints)
                .arg(name, targetName(t2))
                .arg(!m_path ? tr("asking the session…")
                             : tr("%1 record starts from record %2")
                                   .arg(m_path->a.size())
                                   .arg(m_path->records.empty() ? 0 : m_path->records.front())));
        return;
    }
    if (!m_slice)
        return;
    const std::size_t mid = m_slice->values.size() / 2;
    if (m_slice->loss.size() <= mid)
        return;
    const QPointF trained(m_slice->values[mid], m_slice->loss[mid]);
    std::optional<QPointF> edited;
    if (m_edit && m_trainAfter && m_result)
        edited = QPointF(m_result->valueAfter, *m_trainAfter);
    m_chart->showSlice(*m_slice, name, trained, edited);
    m_sliceNote->setText(tr("J over all %1 training records at %2 values of %3; every other "
                            "weight as trained. ● trained (J = %4)%5")
                             .arg(countText(static_cast<double>(m_train->records())))
                             .arg(m_slice->values.size())
                             .arg(name, screenNumber(trained.y(), 6))
                             .arg(edited
                                      ? tr(", ■ what if (J = %1)").arg(screenNumber(edited->y(), 6))
                                      : QString()));
}

} // namespace bp
