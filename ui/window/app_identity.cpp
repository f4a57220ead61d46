#include "window/app_identity.h"

#include <QGuiApplication>
#include <QSize>
#include <QString>

namespace bp {

QList<int> appIconSizes() {
    return {BP_ICON_SIZES_LIST};
}

QIcon appIcon() {
    QIcon icon;
    for (int size : appIconSizes())
        icon.addFile(QStringLiteral(":/icons/%1x%1/%2.png").arg(size).arg(kAppId),
                     QSize(size, size));
    return icon;
}

void setAppIdentity() {
    QGuiApplication::setWindowIcon(appIcon());
    QGuiApplication::setDesktopFileName(QString::fromLatin1(kAppId));
}

} // namespace bp
