#include "panels/dataset_panel.h"

#include "math/explain.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bp {

namespace {
constexpr int kPreviewRows = 12;
constexpr int kPreviewColumns = 10;

std::vector<std::string> splitList(const QString& s) {
    std::vector<std::string> out;
    for (const QString& part : s.split(',', Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out.push_back(part.trimmed().toStdString());
    return out;
}
QString joinList(const std::vector<std::string>& v) {
    QStringList l;
    for (const std::string& s : v)
        l << QString::fromStdString(s);
    return l.join(',');
}
} // namespace

DatasetPanel::DatasetPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    addSourceRows(form);
    addPreparationRows(form);
    layout->addLayout(form);
    addLoadButton(layout);
    addResultViews(layout);
    setChoice(DataSource{});
}

// Where the data come from: a built-in set or a file, and how to read the file.
void DatasetPanel::addSourceRows(QFormLayout* form) {
    m_preset = new QComboBox;
    m_preset->addItems(presetNames());
    m_preset->setToolTip(tr("Built-in datasets; choosing one also sets a suitable network"));
    form->addRow(tr("Built-in"), m_preset);
    auto* fileRow = new QHBoxLayout;
    m_file = new QLabel(tr("(none)"));
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* open = new QPushButton(tr("Open file…"));
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(open);
    form->addRow(tr("File"), fileRow);
    m_targets = new QLineEdit;
    m_targets->setPlaceholderText(tr("last column"));
    m_targets->setToolTip(tr("CSV target column(s) by name or 1-based number, comma-separated"));
    form->addRow(tr("Target columns"), m_targets);
    m_classify = new QCheckBox(tr("integer targets are class labels"));
    form->addRow(QString(), m_classify);
    m_classes = new QLineEdit;
    m_classes->setPlaceholderText(tr("all"));
    m_classes->setToolTip(tr("Keep only these classes, comma-separated (the seed's "
                             "labels_include)"));
    form->addRow(tr("Classes"), m_classes);
    m_labels = new QLineEdit;
    m_labels->setPlaceholderText(tr("beside the images file"));
    form->addRow(tr("IDX labels"), m_labels);
    connect(m_preset, &QComboBox::activated, this,
            [this] { emit presetChosen(m_preset->currentText()); });
    connect(open, &QPushButton::clicked, this, &DatasetPanel::openFileRequested);
}

// What is done to the records before training: noise, normalisation, split, count, order.
void DatasetPanel::addPreparationRows(QFormLayout* form) {
    m_noise = new QDoubleSpinBox;
    m_noise->setRange(0, 2);
    m_noise->setSingleStep(0.05);
    m_noise->setValue(0.1);
    form->addRow(tr("Noise (generated)"), m_noise);
    m_normalization = new QComboBox;
    m_normalization->addItem(tr("none"), int(Normalizer::Kind::None));
    m_normalization->addItem(tr("min-max to [0, 1]"), int(Normalizer::Kind::MinMax));
    m_normalization->addItem(tr("z-score"), int(Normalizer::Kind::ZScore));
    m_normalization->setToolTip(tr("Fitted on the training split only"));
    form->addRow(tr("Normalisation"), m_normalization);
    m_trainShare = new QSpinBox;
    m_trainShare->setRange(1, 100);
    m_trainShare->setSuffix(tr(" % train"));
    m_trainShare->setToolTip(tr("100 %: no test set, records in file order"));
    form->addRow(tr("Split"), m_trainShare);
    m_recordLimit = new QSpinBox;
    m_recordLimit->setRange(0, 100000000);
    m_recordLimit->setSpecialValueText(tr("all"));
    form->addRow(tr("Records per epoch"), m_recordLimit);
    m_shuffle = new QCheckBox(tr("shuffle every epoch (seeded)"));
    form->addRow(QString(), m_shuffle);
}

void DatasetPanel::addLoadButton(QVBoxLayout* layout) {
    auto* load = new QPushButton(tr("Load"));
    load->setDefault(true);
    layout->addWidget(load);
    connect(load, &QPushButton::clicked, this, [this] { emit loadRequested(choice()); });
}

// Below the button: the last error, the preset in use, a summary and the first records.
void DatasetPanel::addResultViews(QVBoxLayout* layout) {
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet("QLabel { color: #c0392b; font-weight: bold; }");
    m_error->hide();
    layout->addWidget(m_error);
    m_presetInUse = new QLabel;
    m_presetInUse->setWordWrap(true);
    m_presetInUse->hide();
    layout->addWidget(m_presetInUse);
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_preview = new QTableWidget;
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    layout->addWidget(m_preview, 1);
}

DataSource DatasetPanel::choice() const {
    DataSource c;
    c.builtin = m_filePath.isEmpty() ? m_builtin.toStdString() : std::string();
    c.file = m_filePath.toStdString();
    c.load.targets = splitList(m_targets->text());
    c.load.classify = m_classify->isChecked();
    c.load.classes = splitList(m_classes->text());
    c.load.labelsPath = m_labels->text().trimmed().toStdString();
    c.noise = m_noise->value();
    c.normalization = static_cast<Normalizer::Kind>(m_normalization->currentData().toInt());
    c.trainShare = m_trainShare->value() / 100.0;
    c.recordLimit = m_recordLimit->value();
    c.shuffle = m_shuffle->isChecked();
    c.seed = m_seed;
    return c;
}

void DatasetPanel::setChoice(const DataSource& c) {
    const QSignalBlocker block(this);
    m_builtin = QString::fromStdString(c.builtin);
    m_filePath = QString::fromStdString(c.file);
    m_seed = c.seed;
    if (m_filePath.isEmpty()) {
        const int i = m_preset->findText(m_builtin);
        if (i >= 0)
            m_preset->setCurrentIndex(i);
        m_file->setText(tr("(built-in: %1)").arg(m_builtin));
    } else {
        m_file->setText(QFileInfo(m_filePath).fileName());
        m_file->setToolTip(m_filePath);
    }
    m_targets->setText(joinList(c.load.targets));
    m_classify->setChecked(c.load.classify);
    m_classes->setText(joinList(c.load.classes));
    m_labels->setText(QString::fromStdString(c.load.labelsPath));
    m_noise->setValue(c.noise);
    m_normalization->setCurrentIndex(m_normalization->findData(int(c.normalization)));
    m_trainShare->setValue(static_cast<int>(std::lround(c.trainShare * 100)));
    m_recordLimit->setValue(static_cast<int>(c.recordLimit));
    m_shuffle->setChecked(c.shuffle);
    updateEnabled();
}

void DatasetPanel::setFile(const QString& path) {
    if (path != m_filePath) {
        // Another file starts from all of it: the last data's targets, class subset,
        // labels file and record limit (a preset's digits 0–2, 53 records) do not carry over.
        m_targets->clear();
        m_classes->clear();
        m_labels->clear();
        m_recordLimit->setValue(0);
    }
    m_filePath = path;
    m_file->setText(QFileInfo(path).fileName());
    m_file->setToolTip(path);
    updateEnabled();
}

void DatasetPanel::updateEnabled() {
    const bool file = !m_filePath.isEmpty();
    m_targets->setEnabled(file);
    m_classify->setEnabled(file);
    m_labels->setEnabled(file);
    m_noise->setEnabled(!file);
}

void DatasetPanel::showError(const QString& message, const QString& inUse) {
    m_error->setText(inUse.isEmpty()
                         ? tr("Could not load: %1").arg(message)
                         : tr("Could not load: %1\nThe previous dataset, %2, stays in use (shown "
                              "below).")
                               .arg(message, inUse));
    m_error->show();
}

void DatasetPanel::setPresetInUse(const QString& preset, const QString& cli) {
    m_presetInUse->setText(preset.isEmpty() ? QString()
                           : cli.isEmpty()
                               ? tr("Preset in use: <b>%1</b>").arg(preset.toHtmlEscaped())
                               : tr("Preset in use: <b>%1</b> — the same as <code>%2</code>")
                                     .arg(preset.toHtmlEscaped(), cli.toHtmlEscaped()));
    m_presetInUse->setVisible(!preset.isEmpty());
}

QString DatasetPanel::presetInUse() const {
    return m_presetInUse->isVisible() ? m_presetInUse->text() : QString();
}

QString DatasetPanel::fileText() const {
    return m_file->text();
}

QString DatasetPanel::errorText() const {
    return m_error->isVisible() ? m_error->text() : QString();
}

void DatasetPanel::showLoaded(const Dataset& all, const PreparedExperiment& p) {
    m_error->hide();
    m_error->clear();
    QString summary = tr("<b>%1</b>: %2 records · %3 inputs · %4 outputs")
                          .arg(QString::fromStdString(all.name).toHtmlEscaped())
                          .arg(all.records())
                          .arg(all.inputSize())
                          .arg(all.outputSize());
    if (all.isClassification())
        summary += tr(" · %1 classes").arg(all.classNames.size());
    summary += QStringLiteral(" · ") + QString::fromStdString(describeStorage(all.inputs));
    summary +=
        tr("<br>train %1 · test %2").arg(p.train->records()).arg(p.test ? p.test->records() : 0);
    if (p.train->inputs.storage() != all.inputs.storage()) // normalised: bytes become numbers
        summary += tr(" · normalised inputs %1")
                       .arg(QString::fromStdString(describeStorage(p.train->inputs)));
    m_summary->setText(summary);

    const int inputs = static_cast<int>(std::min<Eigen::Index>(all.inputSize(), kPreviewColumns));
    const bool more = all.inputSize() > kPreviewColumns;
    const int rows = static_cast<int>(std::min<Eigen::Index>(all.records(), kPreviewRows));
    QStringList headers;
    for (int j = 0; j < inputs; ++j)
        headers << (static_cast<std::size_t>(j) < all.inputNames.size()
                        ? QString::fromStdString(all.inputNames[static_cast<std::size_t>(j)])
                        : QString("x%1").arg(j + 1));
    if (more)
        headers << QString("… (%1)").arg(all.inputSize());
    headers << (all.isClassification() ? tr("class") : tr("target"));
    m_preview->clear();
    m_preview->setColumnCount(headers.size());
    m_preview->setRowCount(rows);
    m_preview->setHorizontalHeaderLabels(headers);
    for (int r = 0; r < rows; ++r) {
        int c = 0;
        for (; c < inputs; ++c)
            m_preview->setItem(
                r, c,
                new QTableWidgetItem(QString::fromStdString(formatNumber(all.inputs(c, r), 5))));
        if (more)
            m_preview->setItem(r, c++, new QTableWidgetItem("…"));
        QString target;
        if (all.isClassification())
            target = QString::fromStdString(
                all.classNames[static_cast<std::size_t>(all.labels[static_cast<std::size_t>(r)])]);
        else
            for (Eigen::Index t = 0; t < all.outputSize(); ++t)
                target +=
                    (t ? ", " : "") + QString::fromStdString(formatNumber(all.targets(t, r), 5));
        m_preview->setItem(r, c, new QTableWidgetItem(target));
    }
    m_preview->resizeColumnsToContents();
}

} // namespace bp
