#pragma once
// How the desktop knows the running window: its icon (the project's icon, embedded as
// PNGs) and the desktop file it belongs to. main() calls setAppIdentity() before the
// window is created; docs/install.md.
#include <QIcon>
#include <QList>

namespace bp {

// The application id: the installed .desktop file's name without ".desktop", and the
// name of the icon and the AppStream metainfo (resources/desktop/, resources/icons/):
// BP_APP_ID in cmake/icons.cmake.
inline constexpr char kAppId[] = BP_APP_ID;

// The sizes (px) the icon is embedded at (BP_ICON_SIZES in cmake/icons.cmake): rendered
// from the SVG at build time by rsvg-convert, the same PNGs installed to hicolor/NxN/.
QList<int> appIconSizes();

// The icon from the embedded PNGs, ":/icons/NxN/<kAppId>.png", one for each size above.
// No SVG plugin is needed at run time.
QIcon appIcon();

// QGuiApplication's window icon (every window's unless it sets its own) and desktop file
// name (so a desktop matches the window to the installed .desktop entry).
void setAppIdentity();

} // namespace bp
