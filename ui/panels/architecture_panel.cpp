#include "panels/architecture_panel.h"
#include "panels/limited_box.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bp {

namespace {
const Activation kHidden[] = {Activation::Linear, Activation::Sigmoid, Activation::Tanh,
                              Activation::Relu, Activation::LeakyRelu};
const Activation kOutput[] = {Activation::Linear, Activation::Sigmoid,   Activation::Tanh,
                              Activation::Relu,   Activation::LeakyRelu, Activation::Softmax};

QComboBox* activationBox(bool output) {
    auto* box = new QComboBox;
    if (output)
        for (Activation a : kOutput)
            box->addItem(QString::fromStdString(toString(a)), int(a));
    else
        for (Activation a : kHidden)
            box->addItem(QString::fromStdString(toString(a)), int(a));
    return box;
}
void select(QComboBox* box, int value) {
    box->setCurrentIndex(std::max(0, box->findData(value)));
}

} // namespace

ArchitecturePanel::ArchitecturePanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createNetworkBox());
    layout->addWidget(createTrainingBox());
    addLimitNote(layout);
    layout->addStretch(1);
    connectHyper();
}

QGroupBox* ArchitecturePanel::createNetworkBox() {
    auto* shapeBox = new QGroupBox(tr("Network (applies on Apply)"));
    auto* shape = new QVBoxLayout(shapeBox);
    addHiddenLayers(shape);
    shape->addLayout(createNetworkForm());
    auto* apply = new QPushButton(tr("Apply (start the run again)"));
    apply->setObjectName("apply");
    apply->setToolTip(tr("Starts the run again from new initial weights (the same seed gives "
                         "the same ones). An opened model keeps its weights if only the loss or "
                         "the precision changed"));
    shape->addWidget(apply);
    connect(apply, &QPushButton::clicked, this, &ArchitecturePanel::applyRequested);
    return shapeBox;
}

// The shape in words, the hidden layers' table and the buttons that add and remove rows.
void ArchitecturePanel::addHiddenLayers(QVBoxLayout* shape) {
    m_shape = new QLabel;
    m_shape->setWordWrap(true);
    shape->addWidget(m_shape);
    m_hidden = new QTableWidget(0, 2);
    m_hidden->setHorizontalHeaderLabels({tr("hidden nodes"), tr("activation")});
    m_hidden->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_hidden->setMinimumHeight(fontMetrics().height() * 6);
    shape->addWidget(m_hidden);
    auto* rowButtons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add layer"));
    auto* remove = new QPushButton(tr("Remove layer"));
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    shape->addLayout(rowButtons);
    connect(add, &QPushButton::clicked, this, [this] {
        addHiddenRow(4, Activation::Sigmoid);
        refreshShapeLabel();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row =
            m_hidden->currentRow() >= 0 ? m_hidden->currentRow() : m_hidden->rowCount() - 1;
        if (row >= 0)
            m_hidden->removeRow(row);
        refreshShapeLabel();
    });
}

// Output activation, loss, initialisation, seed and precision.
QFormLayout* ArchitecturePanel::createNetworkForm() {
    auto* form = new QFormLayout;
    m_output = activationBox(true);
    form->addRow(tr("Output activation"), m_output);
    m_loss = new QComboBox;
    m_loss->setObjectName("loss");
    m_loss->addItem(tr("mse  (½ Σ (y − f)²)"), int(Loss::Mse));
    m_loss->addItem(tr("cross_entropy"), int(Loss::CrossEntropy));
    form->addRow(tr("Loss"), m_loss);
    m_init = new QComboBox;
    m_init->addItem(tr("xavier (Glorot uniform)"), int(Init::Xavier));
    m_init->addItem(tr("he (uniform)"), int(Init::He));
    m_init->addItem(tr("uniform ±0.5"), int(Init::Uniform));
    form->addRow(tr("Initialisation"), m_init);
    m_seed = new QSpinBox;
    m_seed->setObjectName("seed");
    m_seed->setRange(0, 1000000000);
    m_seed->setToolTip(tr("Seeds the initial weights, the shuffles, the split and the generated "
                          "data: the same seed gives the same run"));
    form->addRow(tr("Seed"), m_seed);
    m_precision = new QComboBox;
    m_precision->setObjectName("precision");
    m_precision->addItem(tr("double (matches a hand computation)"), int(Precision::Double));
    m_precision->addItem(tr("float (faster, ~7 digits)"), int(Precision::Float));
    m_precision->setToolTip(
        tr("The number type training computes in. double: every number on screen matches a "
           "hand computation. float: the fast path for big networks; every weight and value is "
           "rounded to float (about 7 significant digits). Applies on Apply: the same seed's "
           "weights, rounded to float."));
    form->addRow(tr("Precision"), m_precision);
    return form;
}

QGroupBox* ArchitecturePanel::createTrainingBox() {
    auto* hyperBox = new QGroupBox(tr("Training (applies at the next record)"));
    auto* hform = new QFormLayout(hyperBox);
    m_lr = decimalBox(0, 100, 0.01, 5);
    m_lr->setObjectName("learningRate");
    hform->addRow(tr("Learning rate a"), m_lr);
    m_batch = new QSpinBox;
    m_batch->setRange(1, 100000);
    m_batch->setToolTip(tr("1 = online SGD, as in the seed"));
    hform->addRow(tr("Batch size"), m_batch);
    m_momentum = decimalBox(0, 0.999, 0.05, 3);
    m_momentum->setToolTip(tr("PyTorch's convention: v ← μ·v + g, w ← w − a·v"));
    hform->addRow(tr("Momentum μ"), m_momentum);
    m_l2 = decimalBox(0, 10, 0.0001, 6);
    m_l2->setToolTip(tr("g += λ·w for weights (not biases)"));
    hform->addRow(tr("L2 λ"), m_l2);
    m_freezeBias = new QCheckBox(tr("freeze biases w_{i,0}"));
    hform->addRow(QString(), m_freezeBias);
    return hyperBox;
}

void ArchitecturePanel::addLimitNote(QVBoxLayout* layout) {
    // A value typed outside its limit is set to the limit, and this says so.
    m_limitNote = new QLabel;
    m_limitNote->setObjectName("limitNote");
    m_limitNote->setWordWrap(true);
    m_limitNote->setStyleSheet("QLabel { color: #b9770e; }");
    m_limitNote->hide();
    layout->addWidget(m_limitNote);
    const LimitNote say = [this](const QString& note) {
        m_limitNote->setText(note);
        m_limitNote->setVisible(!note.isEmpty());
    };
    limitBox(m_lr, limits::learningRate, say);
    limitBox(m_batch, limits::batchSize, say);
    limitBox(m_momentum, limits::momentum, say);
    limitBox(m_l2, limits::l2, say);
    limitBox(m_seed, limits::seed, say);
}

// The training settings apply live: every change is sent as it is made.
void ArchitecturePanel::connectHyper() {
    connect(m_lr, &QDoubleSpinBox::valueChanged, this, [this] { emit hyperChanged(hyper()); });
    connect(m_batch, &QSpinBox::valueChanged, this, [this] { emit hyperChanged(hyper()); });
    connect(m_momentum, &QDoubleSpinBox::valueChanged, this,
            [this] { emit hyperChanged(hyper()); });
    connect(m_l2, &QDoubleSpinBox::valueChanged, this, [this] { emit hyperChanged(hyper()); });
    connect(m_freezeBias, &QCheckBox::toggled, this, [this] { emit hyperChanged(hyper()); });
}

void ArchitecturePanel::addHiddenRow(Eigen::Index size, Activation a) {
    const int row = m_hidden->rowCount();
    m_hidden->insertRow(row);
    auto* nodes = new QSpinBox;
    nodes->setRange(1, 4096);
    nodes->setValue(static_cast<int>(size));
    connect(nodes, &QSpinBox::valueChanged, this, &ArchitecturePanel::refreshShapeLabel);
    m_hidden->setCellWidget(row, 0, nodes);
    QComboBox* act = activationBox(false);
    select(act, int(a));
    m_hidden->setCellWidget(row, 1, act);
}

Architecture ArchitecturePanel::architecture() const {
    Architecture a;
    a.sizes.push_back(m_inputs);
    for (int r = 0; r < m_hidden->rowCount(); ++r) {
        a.sizes.push_back(static_cast<QSpinBox*>(m_hidden->cellWidget(r, 0))->value());
        a.perLayer.push_back(
            Activation(static_cast<QComboBox*>(m_hidden->cellWidget(r, 1))->currentData().toInt()));
    }
    a.sizes.push_back(m_outputs);
    a.output = Activation(m_output->currentData().toInt());
    a.perLayer.push_back(a.output);
    a.hidden = a.perLayer.size() > 1 ? a.perLayer.front() : Activation::Sigmoid;
    a.loss = Loss(m_loss->currentData().toInt());
    a.init = Init(m_init->currentData().toInt());
    return a;
}

QString ArchitecturePanel::limitNote() const {
    return m_limitNote->isVisible() ? m_limitNote->text() : QString();
}

Hyper ArchitecturePanel::hyper() const {
    Hyper h;
    // (clamped as the boxes do when editing finishes, for a value still being typed)
    const auto within = [](double v, const Limit& l) { return std::clamp(v, l.min, l.max); };
    h.learningRate = within(m_lr->value(), limits::learningRate);
    h.batchSize = static_cast<int>(within(m_batch->value(), limits::batchSize));
    h.momentum = within(m_momentum->value(), limits::momentum);
    h.l2 = within(m_l2->value(), limits::l2);
    h.freezeBias = m_freezeBias->isChecked();
    return h;
}

std::uint64_t ArchitecturePanel::seed() const {
    return static_cast<std::uint64_t>(
        std::clamp(static_cast<double>(m_seed->value()), limits::seed.min, limits::seed.max));
}

Precision ArchitecturePanel::precision() const {
    return Precision(m_precision->currentData().toInt());
}

void ArchitecturePanel::setPrecision(Precision p) {
    const QSignalBlocker block(m_precision);
    select(m_precision, int(p));
}

void ArchitecturePanel::set(const Architecture& a, const Hyper& h, std::uint64_t seed) {
    const QSignalBlocker block(this);
    m_hidden->setRowCount(0);
    for (std::size_t k = 1; k + 1 < a.sizes.size(); ++k)
        addHiddenRow(a.sizes[k], a.activationOf(static_cast<int>(k)));
    select(m_output, int(a.activationOf(static_cast<int>(a.sizes.size()) - 1)));
    select(m_loss, int(a.loss));
    select(m_init, int(a.init));
    m_seed->setValue(static_cast<int>(seed));
    m_lr->setValue(h.learningRate);
    m_batch->setValue(h.batchSize);
    m_momentum->setValue(h.momentum);
    m_l2->setValue(h.l2);
    m_freezeBias->setChecked(h.freezeBias);
    if (!a.sizes.empty())
        setDataShape(a.sizes.front(), a.sizes.back());
}

void ArchitecturePanel::setDataShape(Eigen::Index inputs, Eigen::Index outputs) {
    m_inputs = inputs;
    m_outputs = outputs;
    refreshShapeLabel();
}

void ArchitecturePanel::refreshShapeLabel() {
    QStringList sizes{QString::number(m_inputs)};
    for (int r = 0; r < m_hidden->rowCount(); ++r)
        sizes << QString::number(static_cast<QSpinBox*>(m_hidden->cellWidget(r, 0))->value());
    sizes << QString::number(m_outputs);
    m_shape->setText(tr("Shape %1 (input and output sizes follow the data)").arg(sizes.join("-")));
}

} // namespace bp
