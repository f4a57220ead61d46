#include "style/image_file.h"

#include <QBuffer>
#include <QImageWriter>
#include <QSaveFile>

namespace bp {

namespace {
bool failed(const QString& path, const QString& problem, QString* error) {
    if (error)
        *error = QStringLiteral("Could not write %1: %2").arg(path, problem);
    return false;
}
} // namespace

bool writeImageFile(const QImage& image, const QString& path, const char* format,
                    QString* error) {
    if (image.isNull())
        return failed(path, QStringLiteral("the image has no size yet"), error);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (!writer.write(image))
        return failed(path, writer.errorString(), error);
    return writeDataFile(bytes, path, error);
}

bool writeDataFile(const QByteArray& bytes, const QString& path, QString* error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failed(path, file.errorString(), error);
    // Every byte accounted for, and the buffer flushed, before the rename.
    if (file.write(bytes) != bytes.size() || !file.flush())
        return failed(path, file.errorString(), error);
    if (!file.commit())
        return failed(path, file.errorString(), error);
    return true;
}

} // namespace bp
