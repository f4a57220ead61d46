# Installing (cmake --install build --prefix P) and the .deb (cd build && cpack -G DEB):
# the two programs, the shipped datasets and lessons (found at run time from the executable,
# core/io/shipped_dir.cpp), the desktop entry, the icon, the AppStream metainfo and the man
# page, at the freedesktop paths. docs/install.md; checked by scripts/install-check.
set(BP_APP_ID io.github.backprop_studio.BackpropStudio)
set(BP_RES ${PROJECT_SOURCE_DIR}/resources)

install(TARGETS backprop-studio backprop-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${BP_RES}/datasets ${BP_RES}/lessons
        DESTINATION ${CMAKE_INSTALL_DATADIR}/backprop-studio)
install(FILES ${BP_RES}/desktop/${BP_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${BP_RES}/desktop/${BP_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${BP_RES}/man/backprop-cli.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The icon: the SVG, and PNGs of it rendered at build time with rsvg-convert (librsvg2-bin).
set(BP_ICON_SVG ${BP_RES}/icons/${BP_APP_ID}.svg)
install(FILES ${BP_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
find_program(BP_RSVG_CONVERT rsvg-convert)
if(BP_RSVG_CONVERT)
    set(BP_ICON_PNGS)
    foreach(size 16 24 32 48 64 128 256)
        set(png ${CMAKE_BINARY_DIR}/icons/${size}x${size}/${BP_APP_ID}.png)
        add_custom_command(OUTPUT ${png}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/icons/${size}x${size}
            COMMAND ${BP_RSVG_CONVERT} -w ${size} -h ${size} ${BP_ICON_SVG} -o ${png}
            DEPENDS ${BP_ICON_SVG}
            COMMENT "Rendering the ${size}x${size} icon")
        list(APPEND BP_ICON_PNGS ${png})
        install(FILES ${png}
                DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
    endforeach()
    add_custom_target(bp_icons ALL DEPENDS ${BP_ICON_PNGS})
else()
    message(WARNING "rsvg-convert (librsvg2-bin) not found: only the SVG icon is installed")
endif()

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
