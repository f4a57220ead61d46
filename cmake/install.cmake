# Installing (cmake --install build --prefix P) and the .deb (cd build && cpack -G DEB):
# the two programs, the shipped datasets and lessons (found at run time from the executable,
# core/io/shipped_dir.cpp), the desktop entry, the icon, the AppStream metainfo and the man
# page, at the freedesktop paths. docs/install.md; checked by scripts/install-check.
# BP_APP_ID, BP_ICON_SVG, BP_ICON_SIZES: cmake/icons.cmake (included before ui/).
set(BP_RES ${PROJECT_SOURCE_DIR}/resources)

install(TARGETS backprop-studio backprop-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${BP_RES}/datasets ${BP_RES}/lessons
        DESTINATION ${CMAKE_INSTALL_DATADIR}/backprop-studio)
install(FILES ${BP_RES}/desktop/${BP_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${BP_RES}/desktop/${BP_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
# The man page gzip-compressed, as Debian installs man pages (gzip -9n: the best compression,
# no name or time stamp in the header, so every build gives the same bytes).
find_program(BP_GZIP gzip REQUIRED)
set(BP_MAN_GZ ${PROJECT_BINARY_DIR}/man/backprop-cli.1.gz)
add_custom_command(OUTPUT ${BP_MAN_GZ}
    COMMAND ${CMAKE_COMMAND} -E copy ${BP_RES}/man/backprop-cli.1 ${PROJECT_BINARY_DIR}/man/backprop-cli.1
    COMMAND ${BP_GZIP} -9 -n -f ${PROJECT_BINARY_DIR}/man/backprop-cli.1
    DEPENDS ${BP_RES}/man/backprop-cli.1
    COMMENT "Compressing the man page backprop-cli.1"
    VERBATIM)
add_custom_target(bp_man ALL DEPENDS ${BP_MAN_GZ})
install(FILES ${BP_MAN_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The icon: the SVG, and its PNGs rendered at build time for the window (cmake/icons.cmake;
# ui/window embeds them, so they exist once backprop-studio is built).
install(FILES ${BP_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size ${BP_ICON_SIZES})
    install(FILES ${PROJECT_BINARY_DIR}/icons/${size}x${size}/${BP_APP_ID}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()

# The .deb: cpack -G DEB in the build folder. Depends is filled by dpkg-shlibdeps (dpkg-dev)
# from the programs' libraries; the Qt platform plugins are loaded at run time, so they are
# named here. The build optimises for its processor unless -DBP_NATIVE=OFF: configure a
# package for other machines with -DBP_NATIVE=OFF.
if(BP_NATIVE AND BP_HAS_MARCH_NATIVE)
    message(STATUS "BP_NATIVE=ON: a .deb from this build runs only on processors like this "
                   "one; -DBP_NATIVE=OFF for a portable package")
endif()
set(BP_PACKAGE_CONTACT "Backprop Studio maintainers <backprop-studio@localhost>"
    CACHE STRING "The .deb's Maintainer field")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME backprop-studio)
set(CPACK_PACKAGE_VENDOR "Backprop Studio")
set(CPACK_PACKAGE_CONTACT "${BP_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "see backpropagation happen, one record at a time")
set(CPACK_PACKAGE_DESCRIPTION
    "Backprop Studio trains a multi-layer perceptron while you step through the
forward and backward passes one record, or one layer, at a time, with every
z, x, delta and dJ/dw on screen and the equations filled in with the live
numbers. backprop-cli is the same engine on the command line.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_STRIP_FILES ON)
include(CPack)
