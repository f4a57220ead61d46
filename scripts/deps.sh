# Sourced by scripts/run and scripts/test: installs the Debian packages the build,
# the tests and the benchmarks need, only those that are missing.
BP_PACKAGES=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libxkbcommon-dev libvulkan-dev
    libgl-dev libeigen3-dev zlib1g-dev
    libfann-dev dataset-fashion-mnist libcli11-dev locales
    xvfb xauth xdotool imagemagick fonts-dejavu-core
    clang libclang-rt-14-dev # the fuzz targets (fuzz/run): clang's libFuzzer and sanitizers
    texlive-latex-base # pdflatex: tst_core_worksheet and tst_cli_worksheet compile the LaTeX export
    libonnx-dev        # ONNX models in and out (core/io/onnx_*): libonnx_proto, onnx-ml.pb.h
    libprotobuf-dev    # protobuf for libonnx-dev, which does not depend on it
    python3-torch      # tests/onnx/torch_compare.py: PyTorch MLPs exported and trained as reference
    python3-onnx       # the same test: onnx.checker.check_model and reading the exported graph
    python3-numpy      # the same test: the exported graph evaluated from the file
    libopenblas0-pthread # makes PyTorch use OpenBLAS instead of the reference libblas3
    librsvg2-bin       # rsvg-convert: the icon's PNG sizes, rendered at build (cmake/icons.cmake)
    desktop-file-utils # scripts/install-check: desktop-file-validate on the installed .desktop
    appstream          # scripts/install-check: appstreamcli validate of the installed metainfo
    groff-base         # scripts/install-check: groff -man -z -ww on the man page
    man-db             # scripts/install-check: man -l on the installed, gzip-compressed man page
    dpkg-dev           # dpkg-shlibdeps: CPack fills the .deb's Depends (cmake/install.cmake)
)

bp_install_missing() {
    local missing=()
    for p in "${BP_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
}

# de_DE.UTF-8 (a decimal comma) for the tests that check numbers ignore the locale.
bp_ensure_locale() {
    locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$' && return 0
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    echo "Generating the de_DE.UTF-8 locale"
    "${sudo[@]}" sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
    "${sudo[@]}" locale-gen
}

bp_build() {
    local dir="$1"
    shift
    cmake -S "$BP_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
    cmake --build "$dir" -j "$(nproc)"
}
