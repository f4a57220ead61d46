// Loading with progress and Cancel (io/load_progress.h), on real files written here:
// the CSV, FANN and IDX readers (plain and gzip) and prepareExperiment report a fraction
// that never decreases and ends at 1 with the data complete; a callback that says stop
// makes them throw LoadCancelled, and nothing else, with no further report.
#include "io/csv_reader.h"
#include "io/data_loader.h"
#include "io/experiment.h"
#include "io/load_progress.h"
#include "math/error.h"

#include <cstdio>
#include <QTemporaryDir>
#include <QtTest>
#include <zlib.h>

using bp::Dataset;
using bp::LoadOptions;
using bp::LoadProgress;

namespace {

constexpr int kRows = 20000; // about 1 MB of CSV: 16 steps of 64 KiB per pass

// Record r: a = r, b = r % 10 / 4, class "c<r % 3>" (or the number r % 3).
void writeCsv(const std::string& path, bool textClasses) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    QVERIFY(f);
    std::fputs("a,b,filler,class\n", f);
    for (int r = 0; r < kRows; ++r)
        std::fprintf(f, "%d,%g,0.123456789012345678901234567890,%s%d\n", r, (r % 10) / 4.0,
                     textClasses ? "c" : "", r % 3);
    std::fclose(f);
}

// Whitespace separated: records inputs outputs, then for record r: r, r % 5 and r % 2
// (about 600 KB).
void writeFann(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    QVERIFY(f);
    std::fprintf(f, "%d 2 1\n", kRows);
    for (int r = 0; r < kRows; ++r)
        std::fprintf(f, "%d.000000000 %d.0000000000\n%d\n", r, r % 5, r % 2);
    std::fclose(f);
}

// Pseudo-random bytes (xorshift), so that gzip cannot shrink them much.
std::string noise(std::size_t n) {
    std::string out(n, '\0');
    std::uint64_t x = 88172645463325252ull;
    for (char& c : out) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        c = static_cast<char>(x >> 56);
    }
    return out;
}

// 2000 images of 28 × 28 (1.6 MB) and their labels (image i is labelled i % 10), plain
// or gzip.
void writeIdx(const std::string& images, const std::string& labels, bool gzip) {
    constexpr std::uint32_t count = 2000, side = 28;
    auto header = [](const std::vector<std::uint32_t>& magicAndDims) {
        std::string h;
        for (std::uint32_t v : magicAndDims)
            for (int shift = 24; shift >= 0; shift -= 8)
                h += static_cast<char>((v >> shift) & 0xFF);
        return h;
    };
    const std::string imageBytes =
        header({0x803, count, side, side}) + noise(std::size_t(count) * side * side);
    std::string labelBytes = header({0x801, count});
    for (std::uint32_t i = 0; i < count; ++i)
        labelBytes += static_cast<char>(i % 10);
    const std::vector<std::pair<std::string, std::string>> files = {{images, imageBytes},
                                                                    {labels, labelBytes}};
    for (const auto& [path, bytes] : files) {
        if (gzip) {
            gzFile out = gzopen(path.c_str(), "wb");
            QVERIFY(out);
            QCOMPARE(gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())),
                     static_cast<int>(bytes.size()));
            QCOMPARE(gzclose(out), Z_OK);
        } else {
            std::FILE* f = std::fopen(path.c_str(), "wb");
            QVERIFY(f);
            QCOMPARE(std::fwrite(bytes.data(), 1, bytes.size(), f), bytes.size());
            std::fclose(f);
        }
    }
}

// What a load reported, with a callback that says stop once the fraction reaches `stopAt`.
struct Recorder {
    std::vector<double> fractions;
    double stopAt = 2.0; // never
    LoadProgress progress() {
        return LoadProgress([this](double f) {
            fractions.push_back(f);
            return f < stopAt;
        });
    }
};

QString listed(const std::vector<double>& v) {
    QStringList l;
    for (double f : v)
        l << QString::number(f, 'g', 4);
    return l.join(' ');
}

} // namespace

class TestDataLoadProgress : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }

    // One load of each kind, as loadDataset reads it.
    Dataset load(const QString& kind, const LoadProgress& progress) const {
        LoadOptions o;
        if (kind == "csv, class subset")
            o.classes = {"c0", "c2"};
        if (kind == "csv, classify")
            o.classify = true;
        const std::string file = kind.startsWith("csv, classify") ? path("numbers.csv")
                                 : kind.startsWith("csv")         ? path("classes.csv")
                                 : kind == "fann"                 ? path("records.data")
                                 : kind == "idx"                  ? path("plain-images-idx3-ubyte")
                                                 : path("zipped-images-idx3-ubyte.gz");
        return bp::loadDataset(file, o, progress);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        writeCsv(path("classes.csv"), true);
        writeCsv(path("numbers.csv"), false);
        writeFann(path("records.data"));
        writeIdx(path("plain-images-idx3-ubyte"), path("plain-labels-idx1-ubyte"), false);
        writeIdx(path("zipped-images-idx3-ubyte.gz"), path("zipped-labels-idx1-ubyte.gz"), true);
    }

    void kinds_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("records");
        for (const char* k : {"csv", "csv, class subset", "csv, classify", "fann", "idx", "idx.gz"})
            QTest::newRow(k) << QString(k)
                             << (QString(k) == "csv, class subset" ? 13333
                                 : QString(k).startsWith("idx")    ? 2000
                                                                   : kRows);
    }

    // Never decreasing, in steps (not one jump at the end), ending at exactly 1.
    void kinds() {
        QFETCH(QString, kind);
        QFETCH(int, records);
        Recorder r;
        const Dataset d = load(kind, r.progress());
        QCOMPARE(d.records(), Eigen::Index(records));
        QVERIFY2(r.fractions.size() >= 6, qPrintable(listed(r.fractions)));
        QVERIFY2(std::is_sorted(r.fractions.begin(), r.fractions.end()),
                 qPrintable(listed(r.fractions)));
        QVERIFY(r.fractions.front() >= 0.0);
        QCOMPARE(r.fractions.back(), 1.0);
        // Halfway through, the bar is somewhere in between: the passes are spread over it.
        const auto inBetween = std::count_if(r.fractions.begin(), r.fractions.end(),
                                             [](double f) { return f > 0.2 && f < 0.8; });
        QVERIFY2(inBetween >= 2, qPrintable(listed(r.fractions)));
        // The same data as without a progress.
        const Dataset plain = load(kind, {});
        QCOMPARE(d.records(), plain.records());
        QVERIFY(d.inputs.toMatrix() == plain.inputs.toMatrix());
        QVERIFY(d.targets == plain.targets);
    }

    void cancel_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("stopAt");
        for (const QString kind : {"csv", "csv, class subset", "fann", "idx", "idx.gz"})
            for (double stopAt : {0.0, 0.05, 0.3, 0.7, 0.99, 1.0})
                QTest::newRow(qPrintable(QString("%1, at %2").arg(kind).arg(stopAt)))
                    << kind << stopAt;
    }

    // Cancelled at any point (reading the file, pass 1, pass 2, the very end): the reader
    // throws LoadCancelled and returns no data, and reports nothing after the stop.
    void cancel() {
        QFETCH(QString, kind);
        QFETCH(double, stopAt);
        Recorder r;
        r.stopAt = stopAt;
        try {
            const Dataset d = load(kind, r.progress());
            QFAIL(qPrintable(QString("no LoadCancelled; %1 records").arg(d.records())));
        } catch (const bp::LoadCancelled& e) {
            QCOMPARE(QString(e.what()), QString("loading cancelled"));
        } catch (const std::exception& e) {
            QFAIL(qPrintable(QString("not LoadCancelled: ") + e.what()));
        }
        QVERIFY(!r.fractions.empty());
        QVERIFY2(r.fractions.back() >= stopAt, qPrintable(listed(r.fractions)));
        const auto stops = std::count_if(r.fractions.begin(), r.fractions.end(),
                                         [&](double f) { return f >= stopAt; });
        QCOMPARE(stops, 1L); // the first "stop" was the last call
    }

    void parseCsvReportsItsPasses() {
        std::string text = "x,y\n";
        for (int r = 0; r < kRows; ++r)
            text += std::to_string(r) + ",0.5000000000000000000000000000000000000000\n";
        Recorder r;
        const Dataset d = bp::parseCsv(text, "t.csv", {}, r.progress());
        QCOMPARE(d.records(), Eigen::Index(kRows));
        QCOMPARE(d.inputs(0, kRows - 1), double(kRows - 1));
        QVERIFY(std::is_sorted(r.fractions.begin(), r.fractions.end()));
        QCOMPARE(r.fractions.back(), 1.0);
        // Pass 1 ends at one half, pass 2 at 1.
        QVERIFY2(std::find(r.fractions.begin(), r.fractions.end(), 0.5) != r.fractions.end(),
                 qPrintable(listed(r.fractions)));
    }

    // A bad file with a progress: still the InputError, naming the line.
    void errorsStayInputErrors() {
        const std::string bad = path("bad.csv");
        std::FILE* f = std::fopen(bad.c_str(), "wb");
        QVERIFY(f);
        std::fputs("a,b\n", f);
        for (int r = 0; r < kRows; ++r)
            std::fprintf(f, "%s,1\n", r == kRows - 1 ? "oops" : std::to_string(r).c_str());
        std::fclose(f);
        Recorder r;
        try {
            bp::loadDataset(bad, {}, r.progress());
            QFAIL("no error");
        } catch (const bp::InputError& e) {
            QCOMPARE(e.line(), long(kRows + 1));
        }
        QVERIFY(!r.fractions.empty());
        QVERIFY(r.fractions.back() < 1.0);
    }

    // The pipeline: the data file, then the split and normalisation; 1 when prepared.
    void prepareExperimentReportsAndCancels() {
        bp::Experiment e;
        e.data.builtin.clear();
        e.data.file = path("classes.csv");
        e.data.normalization = bp::Normalizer::Kind::ZScore;
        e.fitToData = true;
        Recorder r;
        const bp::PreparedExperiment p = bp::prepareExperiment(e, r.progress());
        QCOMPARE(p.all->records(), Eigen::Index(kRows));
        QCOMPARE(p.train->records() + p.test->records(), Eigen::Index(kRows));
        QVERIFY(std::is_sorted(r.fractions.begin(), r.fractions.end()));
        QCOMPARE(r.fractions.back(), 1.0);
        QVERIFY2(std::count_if(r.fractions.begin(), r.fractions.end(),
                               [](double f) { return f > 0.0 && f <= 0.9; }) >= 6,
                 qPrintable(listed(r.fractions)));

        for (const double stopAt : {0.5, 0.92}) { // in the reader; after the split
            Recorder c;
            c.stopAt = stopAt;
            QVERIFY_THROWS_EXCEPTION(bp::LoadCancelled, bp::prepareExperiment(e, c.progress()));
            QCOMPARE(std::count_if(c.fractions.begin(), c.fractions.end(),
                                   [&](double f) { return f >= stopAt; }),
                     1L);
        }
    }

    void partsMapIntoTheirStretch() {
        std::vector<double> seen;
        const LoadProgress whole([&](double f) {
            seen.push_back(f);
            return true;
        });
        const LoadProgress second = whole.part(0.5, 1.0);
        const LoadProgress quarter = second.part(0.5, 1.0); // 0.75 .. 1 of the whole
        quarter.report(0.0);
        quarter.report(0.5);
        whole.report(0.1); // never below an earlier report
        second.report(2.0);
        QCOMPARE(seen, (std::vector<double>{0.75, 0.875, 0.875, 1.0}));
        QVERIFY(!LoadProgress().active());
        LoadProgress().report(0.5); // reports nowhere, never throws
    }
};

QTEST_APPLESS_MAIN(TestDataLoadProgress)
#include "tst_data_load_progress.moc"
