#pragma once
// Shared by the tst_cli_* tests: backprop-cli run as a child process, its exit code
// and what it printed.
#include <QProcess>
#include <QString>
#include <QStringList>

struct CliRun {
    int code = -1; // -1: it did not finish within two minutes (and was killed)
    QString out, err;
};

inline CliRun cli(const QStringList& args) {
    QProcess p;
    p.start(BP_CLI_PATH, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        return {};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}
