// The records table: one row per record, the inputs (a "…" column for wide
// data), the class or target, and the network's prediction and loss for the
// record, computed lazily for the rows a view asks for; the current record
// highlighted; double-click asks to jump to a record.
#include "hand_network_snapshots.h"
#include "io/builtin_datasets.h"
#include "math/explain.h"
#include "math/metrics.h"
#include "math/training.h"
#include "panels/records_table.h"

#include <QHeaderView>
#include <QtTest>

using namespace bp;
using bp::test::SnapshotMaker;

namespace {

std::shared_ptr<Dataset> flowers(int records, int inputs) {
    auto d = std::make_shared<Dataset>();
    d->name = "flowers";
    d->inputs = FeatureMatrix(Storage::Double, inputs, records);
    for (int r = 0; r < records; ++r)
        for (int i = 0; i < inputs; ++i)
            d->inputs.set(i, r, r + 0.5 * i);
    d->targets = Matrix::Zero(2, records);
    d->classNames = {"setosa", "virginica"};
    for (int r = 0; r < records; ++r) {
        d->labels.push_back(r % 2);
        d->targets(r % 2, r) = 1;
    }
    return d;
}

QString cell(const QAbstractItemModel& m, int row, int col, int role = Qt::DisplayRole) {
    return m.data(m.index(row, col), role).toString();
}

} // namespace

class RecordsTest : public QObject {
    Q_OBJECT

private slots:
    void rowsAndColumns() {
        RecordsTable table;
        table.setDataset(flowers(150, 4));
        const RecordsModel& m = *table.recordsModel();
        QCOMPARE(m.rowCount(), 150);
        QCOMPARE(m.columnCount(), 1 + 4 + 1 + 2); // #, x1..x4, class, prediction, loss
        QCOMPARE(m.headerData(1, Qt::Horizontal).toString(), QString("x₁(0)"));
        QCOMPARE(m.headerData(m.targetColumn(), Qt::Horizontal).toString(), QString("class"));
        QCOMPARE(cell(m, 7, 0), QString("7"));
        QCOMPARE(cell(m, 7, 2), QString("7.5")); // x_2(0) of record 7
        QCOMPARE(cell(m, 7, m.targetColumn()), QString("virginica"));
        QCOMPARE(cell(m, 7, m.predictionColumn()), QString("—")); // no network yet
    }

    void wideDataGetAnEllipsisColumn() {
        RecordsTable table;
        table.setDataset(flowers(3, 784));
        const RecordsModel& m = *table.recordsModel();
        QCOMPARE(m.inputColumns(), 4);
        QVERIFY(m.hasMoreColumn());
        QCOMPARE(m.headerData(5, Qt::Horizontal).toString(), QString("…"));
        QCOMPARE(cell(m, 0, 5), QString("+780 more"));
        QCOMPARE(m.columnCount(), 1 + 4 + 1 + 1 + 2);
    }

    void predictionOfTheHandNetwork() {
        // The 2-2-2 hand network on its own record: f = (0.7514, 0.7729), J = 0.2984.
        SnapshotMaker maker;
        RecordsTable table;
        table.setDataset(bp::test::handData());
        table.setSnapshot(maker.snapshot());
        RecordsModel& m = *table.recordsModel();
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(cell(m, 0, m.targetColumn()), QString("0.01, 0.99"));
        // Asked for, computed just after (never inside data()).
        QCOMPARE(cell(m, 0, m.predictionColumn()), QString("…"));
        QTRY_COMPARE(cell(m, 0, m.predictionColumn()), QString("0.7514, 0.7729"));
        QCOMPARE(cell(m, 0, m.lossColumn()), QString("0.2984"));
        QCOMPARE(cell(m, 0, m.predictionColumn(), Qt::ToolTipRole),
                 QString("f = (0.7514, 0.7729), J = 0.2984"));
        // New weights: predictions are recomputed from them.
        table.setSnapshot(maker.stepThrough({Phase::Kind::Update, 0}));
        m.data(m.index(0, m.lossColumn()));
        m.computePending();
        const double after = evaluate(maker.run().network(), *bp::test::handData()).loss;
        QVERIFY(after < 0.2984);
        QCOMPARE(cell(m, 0, m.lossColumn()), QString::fromStdString(formatNumber(after, 4)));
    }

    void classificationMarksRightAndWrong() {
        auto data = flowers(4, 2);
        Network net;
        net.inputSize = 2;
        net.loss = Loss::Mse;
        Layer out;
        out.activation = Activation::Linear;
        out.w = Matrix::Zero(2, 3);
        out.w(1, 0) = 1; // always says class 1 ("virginica") with f = (0, 1)
        net.layers = {out};
        auto s = std::make_shared<Snapshot>();
        s->network = net;
        RecordsModel m;
        m.setDataset(data);
        m.setSnapshot(s);
        for (int r = 0; r < 4; ++r)
            m.data(m.index(r, m.predictionColumn()));
        m.computePending();
        QCOMPARE(cell(m, 0, m.predictionColumn()), QString("✗ virginica (f = 1)"));
        QCOMPARE(cell(m, 1, m.predictionColumn()), QString("✓ virginica (f = 1)"));
        QCOMPARE(cell(m, 0, m.lossColumn()), QString("1")); // ½[(1 − 0)² + (0 − 1)²]
        QCOMPARE(cell(m, 1, m.lossColumn()), QString("0"));
        QVERIFY(m.data(m.index(0, m.predictionColumn()), Qt::ForegroundRole).isValid());
        QVERIFY(!m.data(m.index(1, m.predictionColumn()), Qt::ForegroundRole).isValid());
    }

    void onlyAskedRowsAreComputed() {
        auto data = flowers(60000, 4);
        Network net;
        net.inputSize = 4;
        Layer out;
        out.activation = Activation::Sigmoid;
        out.w = Matrix::Zero(2, 5);
        net.layers = {out};
        auto s = std::make_shared<Snapshot>();
        s->network = net;
        RecordsTable table;
        table.resize(600, 300);
        table.setDataset(data);
        table.setSnapshot(s);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        RecordsModel& m = *table.recordsModel();
        QTRY_COMPARE(cell(m, 0, m.lossColumn()), QString("0.25")); // ½[(1 − ½)² + (0 − ½)²]
        // A row far below the screen was never asked for.
        QCOMPARE(cell(m, 50000, m.lossColumn()), QString("…"));
    }

    void highlightsCurrentAndActivates() {
        RecordsTable table;
        table.resize(500, 300);
        table.setDataset(flowers(200, 2));
        auto s = std::make_shared<Snapshot>();
        s->recordIndex = 120;
        table.setSnapshot(s);
        const RecordsModel& m = *table.recordsModel();
        QCOMPARE(m.currentRecord(), 120L);
        QVERIFY(m.data(m.index(120, 0), Qt::BackgroundRole).isValid());
        QVERIFY(!m.data(m.index(119, 0), Qt::BackgroundRole).isValid());
        QCOMPARE(m.data(m.index(120, 1), Qt::FontRole).value<QFont>().bold(), true);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        // Stepping scrolls the current record into view.
        QVERIFY(table.rowAt(table.viewport()->height() / 2) > 50);

        QSignalSpy activated(&table, &RecordsTable::recordActivated);
        const QRect cellRect = table.visualRect(m.index(120, 1));
        QTest::mouseClick(table.viewport(), Qt::LeftButton, {}, cellRect.center());
        QTest::mouseDClick(table.viewport(), Qt::LeftButton, {}, cellRect.center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.front().front().value<long>(), 120L);
        table.setCurrentIndex(m.index(121, 1));
        QTest::keyClick(&table, Qt::Key_Return);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.back().front().value<long>(), 121L);
    }

    void screenshot() {
        // Iris after a few epochs of a 4-5-3 network, stepping record by record.
        auto iris = std::make_shared<Dataset>(builtinDataset("iris"));
        Architecture a;
        a.sizes = {4, 5, 3};
        a.hidden = Activation::Relu;
        a.output = Activation::Softmax;
        a.loss = Loss::CrossEntropy;
        Hyper h;
        h.learningRate = 0.02;
        Normalizer::fit(Normalizer::Kind::ZScore, iris->inputs).apply(iris->inputs);
        TrainingRun run(makeNetwork(a, 3), iris, h, Schedule{});
        for (int e = 0; e < 3; ++e)
            run.stepEpoch();
        run.stepRecord();
        auto s = std::make_shared<Snapshot>();
        s->network = run.network();
        s->recordIndex = run.lastRecordIndex();
        RecordsTable table;
        table.resize(760, 420);
        table.setDataset(iris);
        table.setSnapshot(s);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        const RecordsModel& m = *table.recordsModel();
        const int row = table.rowAt(table.viewport()->height() / 2);
        QTRY_VERIFY(cell(m, row, m.lossColumn()) != QString("…"));
        const QString dir = qEnvironmentVariable("BP_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(table.grab().save(dir + "/records-table.png"));
    }
};

QTEST_MAIN(RecordsTest)
#include "tst_ui_records.moc"
