#pragma once
// The Dataset dock: a built-in dataset or a file (CSV, IDX, FANN), its options
// (targets, class subset, normalisation, split), a preview of the records, and
// the error of the last load, with file, line and column.
#include "panels/presets.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QVBoxLayout;

namespace bp {

class DatasetPanel : public QWidget {
    Q_OBJECT
public:
    explicit DatasetPanel(QWidget* parent = nullptr);

    DataSource choice() const;                                        // what the panel shows now
    void setChoice(const DataSource& c);                              // without emitting anything
    void showLoaded(const Dataset& all, const PreparedExperiment& p); // preview + summary
    // `inUse`: the data still in use (empty: none), which the panel goes on showing.
    void showError(const QString& message, const QString& inUse);
    QString errorText() const;
    QString fileText() const; // the data shown: a file name or "(built-in: …)"
    // The preset the data and network came from ("" once the user loads their own),
    // and the CLI command that sets up the same (empty: none).
    void setPresetInUse(const QString& preset, const QString& cli = {});
    QString presetInUse() const;
    // As if chosen in the file dialog. Another file than the one shown starts from all
    // its records and classes (targets, class subset, labels file, limit cleared).
    void setFile(const QString& path);
    void setSeed(std::uint64_t seed) { m_seed = seed; }

signals:
    void presetChosen(const QString& name);           // a built-in from the list
    void loadRequested(const bp::DataSource& choice); // Load pressed
    void openFileRequested();                         // "Open file…"

private:
    void addSourceRows(QFormLayout* form);
    void addPreparationRows(QFormLayout* form);
    void addLoadButton(QVBoxLayout* layout);
    void addResultViews(QVBoxLayout* layout);
    void updateEnabled();

    QComboBox* m_preset = nullptr;
    QLabel* m_file = nullptr;
    QLabel* m_presetInUse = nullptr;
    QString m_filePath;
    QLineEdit* m_targets = nullptr;
    QCheckBox* m_classify = nullptr;
    QLineEdit* m_classes = nullptr;
    QLineEdit* m_labels = nullptr;
    QDoubleSpinBox* m_noise = nullptr;
    QComboBox* m_normalization = nullptr;
    QSpinBox* m_trainShare = nullptr;
    QSpinBox* m_recordLimit = nullptr;
    QCheckBox* m_shuffle = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_error = nullptr;
    QTableWidget* m_preview = nullptr;
    QString m_builtin;
    std::uint64_t m_seed = 1; // set by the Architecture panel's seed
};

} // namespace bp
