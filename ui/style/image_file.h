#pragma once
// Images the window writes (graph and chart exports, screenshots), whole or not at all:
// into a temporary file beside the target that replaces it only once every byte is
// written (QSaveFile). A failed or interrupted write leaves the old file as it was.
// The bytes are made in memory first and their write checked before the commit: Qt
// 6.4's QSaveFile::commit() can miss a write error (a full disk) and rename a cut file.
#include <QByteArray>
#include <QImage>
#include <QString>

namespace bp {

// `format` as QImageWriter knows it ("png"). False with a sentence in *error.
bool writeImageFile(const QImage& image, const QString& path, const char* format, QString* error);
// Bytes already made (an SVG rendered into memory), the same way.
bool writeDataFile(const QByteArray& bytes, const QString& path, QString* error);

} // namespace bp
