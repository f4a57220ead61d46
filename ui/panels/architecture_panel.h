#pragma once
// The Architecture & hyper-parameters dock. The shape (layers, activations,
// loss, initialisation, seed) and the precision (double or float) apply with
// "Apply": it re-initialises the network deterministically (same seed, same
// weights; in float those weights rounded to float). A run that started from an
// opened model (e.g. from ONNX) keeps the model's weights when the layers,
// activations, initialisation and seed are unchanged: it gets another loss or
// precision (main_window_docks.cpp, keepsModelWeights). The hyper-parameters
// (learning rate, batch, momentum, L2, frozen biases) apply at once, also
// while training runs, from the next record on.
#include "math/network.h"
#include "math/optimizer.h"
#include "math/precision.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QSpinBox;
class QTableWidget;
class QVBoxLayout;

namespace bp {

class ArchitecturePanel : public QWidget {
    Q_OBJECT
public:
    QString limitNote() const; // what the last value outside a limit became ("" if none)
    explicit ArchitecturePanel(QWidget* parent = nullptr);

    Architecture architecture() const; // sizes[0] and the last size are the data's
    Hyper hyper() const;
    std::uint64_t seed() const;
    Precision precision() const;
    void set(const Architecture& a, const Hyper& h, std::uint64_t seed); // no signals
    void setPrecision(Precision p);                                      // no signals
    void setDataShape(Eigen::Index inputs, Eigen::Index outputs);

signals:
    void applyRequested();                 // re-initialise with this shape
    void hyperChanged(const bp::Hyper& h); // live

private:
    QGroupBox* createNetworkBox(); // the shape: applies on Apply
    void addHiddenLayers(QVBoxLayout* shape);
    QFormLayout* createNetworkForm();
    QGroupBox* createTrainingBox(); // the hyper-parameters: apply at once
    void addLimitNote(QVBoxLayout* layout);
    void connectHyper();
    void addHiddenRow(Eigen::Index size, Activation a);
    void refreshShapeLabel();

    QLabel* m_shape = nullptr;
    QTableWidget* m_hidden = nullptr;
    QComboBox* m_output = nullptr;
    QComboBox* m_loss = nullptr;
    QComboBox* m_init = nullptr;
    QSpinBox* m_seed = nullptr;
    QComboBox* m_precision = nullptr;
    QDoubleSpinBox* m_lr = nullptr;
    QSpinBox* m_batch = nullptr;
    QDoubleSpinBox* m_momentum = nullptr;
    QDoubleSpinBox* m_l2 = nullptr;
    QCheckBox* m_freezeBias = nullptr;
    QLabel* m_limitNote = nullptr;
    Eigen::Index m_inputs = 2, m_outputs = 1;
};

} // namespace bp
