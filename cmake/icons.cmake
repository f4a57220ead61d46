# The application icon as PNGs: resources/icons/<id>.svg rendered at build time by
# rsvg-convert (Debian librsvg2-bin, scripts/deps.sh) to ${PROJECT_BINARY_DIR}/icons/NxN/<id>.png.
# The window embeds them (ui/window: its window icon, ui/window/app_identity.cpp; no SVG
# plugin needed at run time) and cmake/install.cmake installs them to hicolor/NxN/apps/.
set(BP_APP_ID io.github.backprop_studio.BackpropStudio)
set(BP_ICON_SVG ${PROJECT_SOURCE_DIR}/resources/icons/${BP_APP_ID}.svg)
set(BP_ICON_SIZES 16 24 32 48 64 128 256) # bp::appIconSizes() is this list
find_program(BP_RSVG_CONVERT rsvg-convert)
if(NOT BP_RSVG_CONVERT)
    message(FATAL_ERROR "rsvg-convert not found: it renders the icon (${BP_ICON_SVG}) to the "
                        "window's and the installed PNGs; install Debian's librsvg2-bin")
endif()

# The custom commands that render the PNGs, in the calling folder (where the target that
# embeds them is); their paths in out_var.
function(bp_render_icon_pngs out_var)
    set(pngs)
    foreach(size ${BP_ICON_SIZES})
        set(png ${PROJECT_BINARY_DIR}/icons/${size}x${size}/${BP_APP_ID}.png)
        add_custom_command(OUTPUT ${png}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/icons/${size}x${size}
            COMMAND ${BP_RSVG_CONVERT} -w ${size} -h ${size} ${BP_ICON_SVG} -o ${png}
            DEPENDS ${BP_ICON_SVG}
            COMMENT "Rendering the ${size}x${size} icon")
        list(APPEND pngs ${png})
    endforeach()
    set(${out_var} ${pngs} PARENT_SCOPE)
endfunction()
